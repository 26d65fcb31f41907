"""Path converters shared by the pages and the API."""


class ObjectIdConverter:
    """`<id:…>` in addresses: an object's number, at most 18 digits.

    `<int:…>` takes any length, and a number beyond what the database holds
    made the query fail (500) instead of answering 404.
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)
