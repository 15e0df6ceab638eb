"""Reference numbers people can read out over the phone.

Six characters from an alphabet without 0/O and 1/I (easily confused when
written down or read aloud), drawn with `secrets` so that one reference says
nothing about another: 32**6 is about a billion, so guessing one is hopeless,
and the status check is rate limited on top.
"""

import re
import secrets

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 6


def generate_reference(prefix):
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{prefix}-{body}"


def reference_pattern(prefix):
    return re.compile(rf"^{re.escape(prefix)}-[{REFERENCE_ALPHABET}]{{{REFERENCE_LENGTH}}}$")


def normalise_reference(text):
    """Accept what people actually type: lower case, spaces, a missing dash."""
    cleaned = re.sub(r"[\s_]", "", (text or "")).upper()
    if len(cleaned) == REFERENCE_LENGTH + 1 and "-" not in cleaned:
        cleaned = f"{cleaned[0]}-{cleaned[1:]}"
    return cleaned
