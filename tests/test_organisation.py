"""The organisation profile: read once from config, a file or the environment; applied to
advocates' cases only; the advocate stays the signer."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from takedown_helper import organisation
from takedown_helper.app import create_app
from takedown_helper.case import Role
from takedown_helper.casefile import case_to_dict, parse_case
from takedown_helper.organisation import Organisation, OrganisationError

PROFILE = {
    "name": "Example Survivors' Legal Project",
    "address": ["200 Sample Avenue", "Example City, CA 90001"],
    "phone": "+1 555 010 0100",
    "email": "intake@legal-project.example",
    "website": "https://legal-project.example",
}


@pytest.fixture
def advocate_case(example, today):
    example["requester"]["role"] = "advocate"
    example["signer"] = {
        "name": "Sam Advocate",
        "email": None,
        "phone": "555 010 0123",
        "address": ["Sam's home street 1"],
        "organisation": None,
    }
    return parse_case(example, today)


def test_apply_puts_the_letterhead_on_an_advocates_case(advocate_case):
    profile = organisation.parse(PROFILE)
    applied = organisation.apply(advocate_case, profile)
    signer = applied.signer
    assert signer.name == "Sam Advocate"  # the advocate signs
    assert signer.organisation == PROFILE["name"]
    assert signer.address == tuple(PROFILE["address"])  # the organisation's address, not a home
    assert signer.email == PROFILE["email"]  # the advocate gave none
    assert signer.phone == "555 010 0123"  # the advocate's direct line wins
    # Nothing else about the case changes, and the original is untouched.
    assert replace(applied, signer=advocate_case.signer) == advocate_case
    assert advocate_case.signer.organisation is None


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADVOCATE])
def test_apply_leaves_other_requesters_alone(example, today, role):
    example["requester"]["role"] = role.value
    case = parse_case(example, today)
    assert organisation.apply(case, organisation.parse(PROFILE)) is case


def test_apply_without_a_profile_changes_nothing(advocate_case):
    assert organisation.apply(advocate_case, None) is advocate_case


def test_an_applied_case_is_still_a_valid_case_file(advocate_case, today):
    applied = organisation.apply(advocate_case, organisation.parse(PROFILE))
    assert parse_case(case_to_dict(applied), today) == applied


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"address": ["x"]}, "name"),
        ({"name": "  "}, "name"),
        ({"name": "A", "email": "not-an-email"}, "email"),
        ({"name": "A", "phone": "call me"}, "phone"),
        ({"name": "A", "website": "legal-project.example"}, "website"),
        ({"name": "A", "address": [f"line {n}" for n in range(7)]}, "address"),
        ({"name": "A", "fax": "1"}, "fax"),
        ({"name": "x" * 201}, "name"),
    ],
)
def test_a_bad_profile_names_the_field(raw, field):
    with pytest.raises(OrganisationError, match=rf"^ORGANISATION: {field}: "):
        organisation.parse(raw)


def test_empty_profile_is_no_letterhead(monkeypatch):
    for key in [
        organisation.ENV_FILE,
        *(organisation.ENV_PREFIX + f.upper() for f in organisation.FIELDS),
    ]:
        monkeypatch.delenv(key, raising=False)
    assert organisation.parse({}) is None
    assert organisation.from_config({}) is None


def test_load_from_toml_and_json(tmp_path):
    toml = tmp_path / "org.toml"
    toml.write_text(
        '[organisation]\nname = "Example Survivors\' Legal Project"\n'
        'address = ["200 Sample Avenue", "Example City, CA 90001"]\n'
        'email = "intake@legal-project.example"\n',
        encoding="utf-8",
    )
    as_json = tmp_path / "org.json"
    as_json.write_text(json.dumps(PROFILE), encoding="utf-8")
    assert organisation.load(toml) == Organisation(
        name=PROFILE["name"],
        address=tuple(PROFILE["address"]),
        email=PROFILE["email"],
    )
    assert organisation.load(as_json) == organisation.parse(PROFILE)


def test_load_reports_the_file(tmp_path):
    broken = tmp_path / "org.toml"
    broken.write_text("name = \n", encoding="utf-8")
    with pytest.raises(OrganisationError, match=r"org\.toml: not valid TOML"):
        organisation.load(broken)
    with pytest.raises(OrganisationError, match="does not exist"):
        organisation.load(tmp_path / "missing.json")


def test_from_environment_file_or_fields(tmp_path):
    path = tmp_path / "org.json"
    path.write_text(json.dumps(PROFILE), encoding="utf-8")
    assert organisation.from_environment({organisation.ENV_FILE: str(path)}).name == PROFILE["name"]
    fields = {
        "TAKEDOWN_HELPER_ORGANISATION_NAME": "Helpline",
        "TAKEDOWN_HELPER_ORGANISATION_ADDRESS": "1 Road|Town",
    }
    assert organisation.from_environment(fields) == Organisation(
        name="Helpline", address=("1 Road", "Town")
    )
    assert organisation.from_environment({}) is None


def test_the_app_reads_the_profile_once_at_start_up(tmp_path, monkeypatch):
    path = tmp_path / "org.toml"
    path.write_text('name = "Helpline"\n', encoding="utf-8")
    monkeypatch.setenv(organisation.ENV_FILE, str(path))
    app = create_app({"TESTING": True})
    assert app.extensions[organisation.EXTENSION] == Organisation(name="Helpline")
    # Config wins over the environment.
    app = create_app({"TESTING": True, "ORGANISATION": {"name": "From config"}})
    assert app.extensions[organisation.EXTENSION].name == "From config"


def test_a_bad_profile_stops_start_up(monkeypatch, tmp_path):
    monkeypatch.setenv(organisation.ENV_FILE, str(tmp_path / "missing.toml"))
    with pytest.raises(OrganisationError, match=r"missing\.toml"):
        create_app({"TESTING": True})
