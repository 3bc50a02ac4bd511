"""Password complexity of MLPS 2.0 (等保): at least 3 of 4 character classes (figure configurable)."""
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CLASSES = (re.compile(r"[a-z]"), re.compile(r"[A-Z]"), re.compile(r"\d"), re.compile(r"[^a-zA-Z\d]"))


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if sum(1 for c in CLASSES if c.search(password)) < self.min_classes:
            raise ValidationError(
                _("密码须包含大写字母、小写字母、数字、符号中的至少%(min_classes)s类") % {"min_classes": self.min_classes}, code="password_classes")

    def get_help_text(self):
        return _("密码至少8位，且包含大写字母、小写字母、数字、符号中的至少%(min_classes)s类。") % {"min_classes": self.min_classes}
