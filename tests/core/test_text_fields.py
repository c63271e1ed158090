"""Every text a person can enter refuses the invisible text-direction characters.

The rule lives in one place (``core.validators.TEXT_VALIDATORS``); this walks every model of the
project so that a new text field without it is noticed. The check is by behaviour: the field
itself, given a value with U+202E, must refuse it (e-mail, phone and slug fields refuse it by
their own format).
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalChanges

from core.validators import BIDI_CONTROLS, strip_bidi_controls

ROOT = Path(settings.BASE_DIR).resolve()
SAMPLES = {
    models.EmailField: "ab\u202ec@example.lv",
    models.URLField: "https://example.lv/\u202egpj.exe",
    models.SlugField: "evil\u202ename",
}
DEFAULT_SAMPLE = "+37167\u202e123456"  # also a phone number, were the character not there


def is_project_model(model) -> bool:
    app_path = Path(model._meta.app_config.path).resolve()
    # History rows are copies the code writes; the fields they copy are checked on their models.
    return (
        app_path.is_relative_to(ROOT)
        and ".venv" not in app_path.parts
        and not issubclass(model, HistoricalChanges)
    )


def entered_text_fields():
    for model in apps.get_models():
        if not is_project_model(model):
            continue
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, models.CharField | models.TextField)
                and field.editable
                and not field.choices
            ):
                yield pytest.param(model, field, id=f"{model._meta.label}.{field.name}")


def sample_for(field) -> str:
    return next((value for kind, value in SAMPLES.items() if isinstance(field, kind)), DEFAULT_SAMPLE)


def test_the_walk_finds_the_text_fields_of_every_app():
    labels = {param.id.rsplit(".", 1)[0].split(".")[0] for param in entered_text_fields()}
    assert {"clusters", "people", "programmes"} <= labels


@pytest.mark.parametrize(("model", "field"), list(entered_text_fields()))
def test_every_entered_text_field_refuses_bidirectional_controls(model, field):
    with pytest.raises(ValidationError):
        field.clean(sample_for(field), model())


def test_stripping_removes_every_control_and_keeps_the_rest():
    text = "".join(f"a{char}" for char in sorted(BIDI_CONTROLS)) + "אשכול"
    assert strip_bidi_controls(text) == "a" * len(BIDI_CONTROLS) + "אשכול"
