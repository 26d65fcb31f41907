"""A small, deterministic TOML writer for the course package's fixed schema.

Reading uses the standard library (`tomllib`). Writing needs no third-party
library: the manifest only holds strings, booleans, integers, decimals, lists of
strings and (arrays of) tables, written always in the same order and form, so an
export is byte for byte the same every time.
"""

from decimal import Decimal

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b"}
_ESCAPES["\f"] = "\\f"
WRAP_AFTER = 88


def string(value: str) -> str:
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def number(value: Decimal | int) -> str:
    """1, 1.5, 0.25: integers without a point, decimals without trailing zeros."""
    text = f"{Decimal(value).normalize():f}"
    return text


def value(item) -> str:
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, str):
        return string(item)
    if isinstance(item, int | Decimal):
        return number(item)
    if isinstance(item, list | tuple):
        parts = [value(element) for element in item]
        inline = "[" + ", ".join(parts) + "]"
        if len(inline) <= WRAP_AFTER:
            return inline
        return "[\n" + "".join(f"    {part},\n" for part in parts) + "]"
    raise TypeError(f"cannot write {type(item).__name__} to TOML")


def pairs(values: dict) -> str:
    """`key = value` lines, in the dict's order, skipping None."""
    return "".join(f"{key} = {value(item)}\n" for key, item in values.items() if item is not None)


def table(header: str, values: dict, *, array: bool = False) -> str:
    brackets = ("[[", "]]") if array else ("[", "]")
    return f"\n{brackets[0]}{header}{brackets[1]}\n" + pairs(values)
