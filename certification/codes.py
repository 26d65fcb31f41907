"""Certificate identifiers: a random 128-bit serial and a short code people can type.

The short code is 11 random Crockford base32 symbols (55 bits) and one check
symbol, printed in groups of four: ``7K2M-QX4P-9RTD``. Reading it back is
forgiving as Crockford's alphabet intends: case, hyphens and spaces do not
matter, I and L read as 1 and O as 0. The check symbol is the Luhn mod N
algorithm over the 32 symbols, so any single mistyped symbol and any swap of
two neighbours is caught, except Luhn's one blind spot (neighbours 0 and Z);
a mistyped code then still names no certificate, since 55 random bits are
far more than any programme issues.
"""

import secrets
import uuid

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {symbol: index for index, symbol in enumerate(ALPHABET)}
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})
DATA_SYMBOLS = 11
GROUP = 4


def serial_new() -> uuid.UUID:
    """A random 128-bit identifier (UUID version 4 carries 122 random bits)."""
    return uuid.uuid4()


def check_symbol(data: str) -> str:
    """Luhn mod 32 check symbol of `data` (symbols of ALPHABET)."""
    total, factor = 0, 2
    for symbol in reversed(data):
        addend = factor * _VALUE[symbol]
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return ALPHABET[(32 - total % 32) % 32]


def short_code_new() -> str:
    data = "".join(secrets.choice(ALPHABET) for _ in range(DATA_SYMBOLS))
    return data + check_symbol(data)


def short_code_display(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def short_code_normalise(typed: str) -> str | None:
    """The code as stored, or None when it is not a well-formed code (wrong check symbol too)."""
    code = "".join(typed.split()).replace("-", "").upper().translate(_READ_AS)
    if len(code) != DATA_SYMBOLS + 1 or any(symbol not in _VALUE for symbol in code):
        return None
    return code if check_symbol(code[:-1]) == code[-1] else None
