"""Which models hold personal data that purge_personal_data clears.

An app adds a model by registering a `register_personal_data_model` Wagtail
hook that returns it. The model's default manager must offer
`due_for_purge()` and its instances `clear_personal_data()`
(InvolvementRecord and PersonalDataQuerySet give both).
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
