"""Error messages for survey questions in the GOV.UK pattern, made from the
question's own words: "What is your postcode?" -> "Enter your postcode",
"How often do you visit the Hub?" -> "Select how often you visit the Hub".
https://design-system.service.gov.uk/components/error-message/"""

import re

# Question types answered by choosing rather than typing.
CHOICE_TYPES = {"dropdown", "multiselect", "radio", "checkboxes", "checkbox"}

WHAT_IS = re.compile(r"^(?:what|which) (?:is|are|was|were) (?P<rest>.+)$", re.IGNORECASE)
# "How often do you visit the Hub" -> "how often you visit the Hub"
QUESTION_WITH_DO = re.compile(
    r"^(?P<wh>(?:how|when|where|why|which|what|who)(?: \w+)?) (?:do|does|did) (?P<rest>.+)$", re.IGNORECASE
)
# "When should the Hub open" -> "when the Hub should open"
QUESTION_WITH_MODAL = re.compile(
    r"^(?P<wh>(?:how|when|where|why|which|what|who)(?: \w+)?) (?P<verb>should|can|could|will|would|is|are) "
    r"(?P<subject>you|we|they|it|(?:the|your|our|this|that) \w+) (?P<rest>.+)$",
    re.IGNORECASE,
)
# "Do you use the Hub" -> "whether you use the Hub"; "Are you a member" -> "whether you are a member"
YES_NO_DO = re.compile(r"^(?:do|does|did) (?P<rest>.+)$", re.IGNORECASE)
YES_NO_BE = re.compile(
    r"^(?P<verb>are|is|have|has|can|will|would) (?P<subject>you|they|we|it) (?P<rest>.+)$", re.IGNORECASE
)
TRAILING = re.compile(r"(?:\s*(?:\(optional\)|[?:.]))*\s*$", re.IGNORECASE)


def lower_first(words):
    """Lower-case the first letter unless the first word is an acronym ("GP")."""
    first = words.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return words
    return words[:1].lower() + words[1:]


def question_phrase(label):
    """The question turned into the words after "Enter" or "Select"."""
    question = TRAILING.sub("", label.strip())
    if match := WHAT_IS.match(question):
        return match["rest"]
    if match := QUESTION_WITH_DO.match(question):
        return f"{lower_first(match['wh'])} {match['rest']}"
    if match := QUESTION_WITH_MODAL.match(question):
        return f"{lower_first(match['wh'])} {match['subject']} {match['verb'].lower()} {match['rest']}"
    if match := YES_NO_DO.match(question):
        return f"whether {match['rest']}"
    if match := YES_NO_BE.match(question):
        return f"whether {match['subject'].lower()} {match['verb'].lower()} {match['rest']}"
    return lower_first(question)


def survey_error_messages(label, field_type):
    """Django error_messages for one survey question."""
    phrase = question_phrase(label)
    verb = "Select" if field_type in CHOICE_TYPES else "Enter"
    messages = {"required": f"{verb} {phrase}"}
    if field_type == "email":
        messages["invalid"] = "Enter an email address in the correct format, like name@example.com"
    elif field_type == "number":
        messages["invalid"] = f"{label.strip().rstrip('?:')} must be a number"
    elif field_type in ("date", "datetime"):
        messages["invalid"] = f"{label.strip().rstrip('?:')} must be a real date, like 27 3 2026"
    elif field_type == "url":
        messages["invalid"] = "Enter a web address in the correct format, like www.example.org"
    return messages
