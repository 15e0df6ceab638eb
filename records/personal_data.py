"""Which models hold personal data that purge_personal_data clears.

An app adds a model by registering a `register_personal_data_model` Wagtail
hook that returns it. The model declares, in one place, PERSONAL_DATA_FIELDS
(what the purge clears) and NON_PERSONAL_FIELDS (what it keeps): every field
is in exactly one, which tests/test_records.py checks, so a new field cannot
be forgotten. Its default manager offers `due_for_purge()`, its instances
`needs_purge()`, `personal_data_left()` and `clear_personal_data()` (True once
nothing personal is stored; only then is the record marked cleared).
InvolvementRecord and PersonalDataQuerySet give all of these.
"""

from wagtail import hooks

HOOK_NAME = "register_personal_data_model"


def personal_data_models():
    """The registered models, each once, in registration order."""
    models = []
    for register in hooks.get_hooks(HOOK_NAME):
        model = register()
        if model not in models:
            models.append(model)
    return models
