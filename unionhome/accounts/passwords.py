"""Password complexity of MLPS 2.0 (等保): at least 3 of 4 character classes (figure configurable)."""
import re

from django.core.exceptions import ValidationError

CLASSES = (re.compile(r"[a-z]"), re.compile(r"[A-Z]"), re.compile(r"\d"), re.compile(r"[^a-zA-Z\d]"))


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if sum(1 for c in CLASSES if c.search(password)) < self.min_classes:
            raise ValidationError(
                f"密码须包含大写字母、小写字母、数字、符号中的至少{self.min_classes}类", code="password_classes")

    def get_help_text(self):
        return f"密码至少8位，且包含大写字母、小写字母、数字、符号中的至少{self.min_classes}类。"
