import re

from hypothesis import given
from hypothesis import strategies as st

from certification.codes import ALPHABET, generate_code, normalise_code


def test_codes_carry_100_random_bits_in_readable_groups():
    code = generate_code()
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}", code)
    assert len(ALPHABET) == 32 and len(code.replace("-", "")) * 5 >= 100
    assert len({generate_code() for _ in range(500)}) == 500


@given(st.data())
def test_typing_is_forgiving(data):
    code = generate_code()
    raw = code.replace("-", "")
    typed = data.draw(st.sampled_from([code.lower(), raw, " ".join(raw), f"  {code}  "]))
    assert normalise_code(typed) == code


def test_lookalike_letters_read_as_digits():
    assert normalise_code("OOOO-IIII-LLLL-0000-1111") == "0000-1111-1111-0000-1111"


@given(st.text(max_size=80))
def test_malformed_input_never_raises(text):
    result = normalise_code(text)
    assert result is None or re.fullmatch(r"([0-9A-Z]{4}-){4}[0-9A-Z]{4}", result)


def test_wrong_lengths_and_symbols_are_refused():
    for text in [
        "",
        "ABCD",
        "A9WN-0ZZ1-76MJ-HN3Q-GR3",
        "A9WN-0ZZ1-76MJ-HN3Q-GR3RX",
        "U" * 20,
        "A9WN_0ZZ1_76MJ_HN3Q_GR3R",
        None,
        12345,
    ]:
        assert normalise_code(text) is None
