"""Countries and regions the rules depend on."""

from __future__ import annotations

from functools import cache

from babel import Locale

from takedown_helper.i18n import N_, translations

# EU member states (27), for the Digital Services Act.
# Source: https://european-union.europa.eu/principles-countries-history/eu-countries_en (checked 2026-11-22)
EU_MEMBER_STATES = frozenset(
    ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]
)

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "AS": "American Samoa", "GU": "Guam", "MP": "Northern Mariana Islands",
    "PR": "Puerto Rico", "VI": "U.S. Virgin Islands",
}  # fmt: skip


# The UK's law differs by nation (s. 66B of the Sexual Offences Act 2003 is England and Wales
# only). Codes are the ISO 3166-2:GB country subdivisions without the "GB-" prefix.
UK_NATIONS = {
    "ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland",
}  # fmt: skip

# The regions the code knows, by country. A case file may give any country a region (free text);
# `place_name` names only these and gives any other as the user wrote it, labelled.
REGIONS = {"US": US_STATES, "GB": UK_NATIONS}

# Spanish names where Spanish has its own (the others are written the same). States: Fundéu RAE,
# "Estados Unidos: nombres de los estados" (fundeu.es/recomendacion/estados-unidos-nombres-de-los-
# estados-toponimos/, read 2026-11-23), which prefers these traditional forms; "Distrito de
# Columbia" as the Spanish Wikipedia and US federal Spanish pages write it. Territories: CLDR's
# Spanish territory names (Babel: AS, GU, MP, PR, VI). UK nations: their usual Spanish names.
_REGIONS_ES = {
    "US": {
        "DC": "Distrito de Columbia", "HI": "Hawái", "LA": "Luisiana", "MI": "Míchigan",
        "MS": "Misisipi", "MO": "Misuri", "NH": "Nuevo Hampshire", "NJ": "Nueva Jersey",
        "NM": "Nuevo México", "NY": "Nueva York", "NC": "Carolina del Norte",
        "ND": "Dakota del Norte", "OR": "Oregón", "PA": "Pensilvania", "SC": "Carolina del Sur",
        "SD": "Dakota del Sur", "WV": "Virginia Occidental",
        **{code: Locale.parse("es").territories[code] for code in ("AS", "GU", "MP", "PR", "VI")},
    },
    "GB": {"ENG": "Inglaterra", "WLS": "Gales", "SCT": "Escocia", "NIR": "Irlanda del Norte"},
}  # fmt: skip


def region_name(country: str | None, code: str | None, language: str = "en") -> str:
    """A US state's or UK nation's name in a language (the code itself when unknown)."""
    if not code:
        return ""
    english = REGIONS.get(country or "", {}).get(code, code)
    if language == "es":
        return _REGIONS_ES.get(country or "", {}).get(code, english)
    return english


# How a region the code does not know is printed: as the user wrote it, labelled, so a code is
# never read as another country's (Spain's "CA" is not California).
_UNKNOWN_REGION = N_("%(country)s (region: %(region)s)")


def place_name(country: str, region: str | None, language: str = "en") -> str:
    """Where someone lives, as a reader of `language` writes it: the country's name, then the
    region's name where the code knows the country's regions (US states, UK nations: "Estados
    Unidos, California"). Another region is given as the user wrote it, labelled ("España
    (región: CA)"). Every page and document prints a place through here."""
    name = country_name(country, language)
    region = (region or "").strip()
    if not region:
        return name
    if region in REGIONS.get(country, {}):
        return f"{name}, {region_name(country, region, language)}"
    return translations(language).gettext(_UNKNOWN_REGION) % {"country": name, "region": region}


def region_names(country: str, language: str = "en") -> dict[str, str]:
    """Every region of a country (US states, UK nations), by code, in a language."""
    return {code: region_name(country, code, language) for code in REGIONS.get(country, {})}


@cache
def country_names(language: str = "en") -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> country name in the given language, sorted by name."""
    names = Locale.parse(language).territories
    pairs = [(code, name) for code, name in names.items() if len(code) == 2 and code.isalpha()]
    # Babel lists a few codes that are not countries (EU, EZ, UN, QO, XA, XB, XK is kept).
    pairs = [p for p in pairs if p[0] not in {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}]
    return dict(sorted(pairs, key=lambda p: p[1]))


def is_country(code: str) -> bool:
    return code in country_names("en")


def in_eu(country: str) -> bool:
    return country in EU_MEMBER_STATES


def country_name(code: str, language: str = "en") -> str:
    return country_names(language).get(code, code)
