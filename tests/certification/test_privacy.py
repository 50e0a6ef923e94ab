import pytest
from hypothesis import given
from hypothesis import strategies as st

from certification.privacy import contact_details_found, privacy_message


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Her number is 07700 900123, call later", "phone"),
        ("reach him on +44 20 7946 0958", "phone"),
        ("US cell (555) 123-4567", "phone"),
        ("555-123-4567 after 5", "phone"),
        ("+1 415 555 2671", "phone"),
        ("0044 7700 900 123", "phone"),
        ("mail jo.bloggs@example.com please", "email"),
        ("jo (at) mail.co.uk", "email"),
        ("we met at 12 High Street", "address"),
        ("lives at 221B Baker St.", "address"),
        ("Flat 3, 14 Mill Lane", "address"),
        ("postcode SW1A 1AA", "address"),
    ],
)
def test_contact_details_are_found(text, kind):
    assert kind in contact_details_found(text)


@pytest.mark.parametrize(
    "text",
    [
        "We talked for 45 minutes, then 90 minutes the next day.",
        "On 12/03/2025 we met; next on 2025-04-01.",
        "Module 3 on boundaries was useful, as was module 12.",
        "Since 2019 2020 2021 I have volunteered.",
        "Between 2019-2021 I was in recovery.",
        "Session 1 of 12, at 10.30 on 3 March 2024.",
        "I did 2 Role Plays and felt 10 times more confident.",
        "My mentee (J.B.) said the group helps. Scored 100 out of 120.",
    ],
)
def test_ordinary_reflections_pass(text):
    assert contact_details_found(text) == []


@given(
    st.integers(min_value=5, max_value=720),
    st.dates(),
    st.integers(min_value=1, max_value=99),
)
def test_durations_dates_and_module_numbers_never_trip_the_guard(minutes, day, module):
    text = f"On {day:%d/%m/%Y} we spent {minutes} minutes on module {module} in {day.year}."
    assert contact_details_found(text) == []


@given(
    st.sampled_from(["07", "+447", "0044 7"]),
    st.integers(min_value=100, max_value=999),
    st.integers(min_value=100000, max_value=999999),
)
def test_uk_mobile_numbers_are_always_found(prefix, block, rest):
    assert "phone" in contact_details_found(f"call {prefix}{block} {rest} tonight")


@given(st.from_regex(r"[a-z]{1,10}\.[a-z]{1,10}@[a-z]{2,10}\.(org|com|co\.uk)", fullmatch=True))
def test_email_addresses_are_always_found(address):
    assert "email" in contact_details_found(f"write to {address} today")


def test_the_message_explains_confidentiality_and_suggests_initials():
    message = str(privacy_message(["phone", "email"]))
    assert "a phone number and an e-mail address" in message
    assert "confidentiality" in message
    assert "initials" in message
    assert "my mentee" in message
