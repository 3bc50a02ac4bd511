"""Money typed by a person, sent to the API or read from an imported file: yuan with at most two decimals.

The one parser every form, API body and import goes through. An amount with a third decimal that matters
(12.345) is refused, never silently rounded: a cent lost or invented in the books is a question for the
funds reviewer. Trailing zeros (12.340) are only notation and pass.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from unionhome.core.errors import RuleViolation

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999.99")  # 12 digits, 2 decimals: the money columns' size


def parse_money(value, *, field: str = "amount", blank_zero: bool = False, negative: bool = True) -> Decimal:
    """``value`` (Decimal, int, str, or a spreadsheet's float) as a Decimal with two places, or RuleViolation:
    ``amount_invalid`` (not a number, out of range, negative when ``negative`` is False) or
    ``amount_precision`` (more than two decimals). A blank value is 0 when ``blank_zero``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if blank_zero:
            return Decimal("0.00")
        raise RuleViolation("amount_invalid", _("请填写金额"), field=field)
    if isinstance(value, bool):
        raise RuleViolation("amount_invalid", _("金额格式不正确"), field=field)
    try:
        # A float from a spreadsheet cell: its shortest repr (12.35, not 12.3499999…).
        amount = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
    except (InvalidOperation, TypeError, ValueError):
        raise RuleViolation("amount_invalid", _("金额格式不正确"), field=field)
    if not amount.is_finite():
        raise RuleViolation("amount_invalid", _("金额格式不正确"), field=field)
    if abs(amount) > MAX_AMOUNT:
        raise RuleViolation("amount_invalid", _("金额超出范围"), field=field)
    if not negative and amount < 0:
        raise RuleViolation("amount_invalid", _("金额不能为负数"), field=field)
    rounded = amount.quantize(CENT)
    if rounded != amount:
        raise RuleViolation("amount_precision", _("金额最多两位小数（到分）：%(amount)s不会被自动舍入，请核对后重填") % {"amount": amount},
                            field=field)
    return rounded


class MoneyField(forms.DecimalField):
    """A form's amount in yuan, checked by ``parse_money`` (so a page says what the API and imports say)."""

    def __init__(self, *, negative: bool = False, **kwargs):
        self.negative = negative
        kwargs.setdefault("max_digits", 12)
        kwargs.pop("decimal_places", None)  # the precision check is parse_money's, with its message
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.NumberInput):
            attrs.update(step="0.01", inputmode="decimal")
        return attrs

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        try:
            return parse_money(value, negative=self.negative)
        except RuleViolation as err:
            raise ValidationError(err.message, code=err.code)
