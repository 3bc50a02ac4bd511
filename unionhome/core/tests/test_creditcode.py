import pytest

from unionhome.core.creditcode import check_character, credit_code_checked, credit_code_make
from unionhome.core.errors import RuleViolation


def test_it_accepts_a_code_whose_check_character_is_right():
    # The example of GB 32100-2015's explanatory materials.
    assert credit_code_checked(" 91350100m000100y43 ") == "91350100M000100Y43"


@pytest.mark.parametrize("last", [c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if c != "3"])
def test_it_refuses_every_other_check_character(last):
    with pytest.raises(RuleViolation) as exc:
        credit_code_checked("91350100M000100Y4" + last)
    assert exc.value.code == "credit_code_check" and exc.value.field == "credit_code"


@pytest.mark.parametrize("code, error", [
    ("91350100M000100Y4", "credit_code_length"),
    ("91350100M000100Y433", "credit_code_length"),
    ("91350100M0001O0Y43", "credit_code_characters"),  # the letter O is not in the alphabet
    ("913501I0M000100Y43", "credit_code_characters"),
    ("9135A100M000100Y43", "credit_code_division"),
])
def test_it_says_what_is_wrong_with_a_malformed_code(code, error):
    with pytest.raises(RuleViolation) as exc:
        credit_code_checked(code)
    assert exc.value.code == error


def test_a_check_character_of_31_is_written_0():
    # Search a code whose weighted sum is a multiple of 31: its check character must be "0", never out of range.
    first17 = next(f"81350102MA{n:07d}" for n in range(1000) if check_character(f"81350102MA{n:07d}") == "0")
    assert credit_code_checked(credit_code_make(first17)).endswith("0")
