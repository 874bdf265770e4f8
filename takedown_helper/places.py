"""Rules of place: which authorities, hotlines and support lines serve the place whose law applies.

The place is `case.law_country` (where the person shown lives, else the requester). Which routes
exist is directory data: a hotline is found by its tag (`inhope`, `dsc`, `police`,
`victim_support`) and the countries it serves; which route fits an age is the channel's `ages`.
This module only says which kind of route each place needs, in which order, and names the ones
the directory does not hold yet (`gaps`), so the guide can say what is missing instead of
pretending a route exists.

Jurisdictions: the United States, the United Kingdom, EU member states, Australia, Canada, and
"elsewhere" (law-neutral: no national statute is named).
"""

from __future__ import annotations

from takedown_helper.case import Case
from takedown_helper.directory import Channel, Recipient, directory
from takedown_helper.geography import country_name, in_eu
from takedown_helper.i18n import _

US, UK, EU, AU, CA, ELSEWHERE = "US", "GB", "EU", "AU", "CA", "elsewhere"

# Before the directory tags the national hotlines, these are the ones it already holds.
_KNOWN_HOTLINES = {"US": "ncmec", "GB": "iwf-childline", "CA": "cybertip-ca", "AU": "esafety"}


def system(country: str) -> str:
    """The legal system a country's documents speak: US, GB, EU, AU, CA or elsewhere."""
    if country in (US, UK, AU, CA):
        return country
    return EU if in_eu(country) else ELSEWHERE


def age(case: Case) -> str:
    return "minor" if case.possibly_minor else "adult"


def _present(recipient_id: str) -> Recipient | None:
    d = directory()
    return d.get(recipient_id) if recipient_id in d else None


def _channels(recipients: tuple[Recipient, ...], purposes: tuple[str, ...], age_: str):
    found: list[Channel] = []
    for r in recipients:
        for purpose in purposes:
            for c in r.channels_for(purpose, age=age_):
                if c not in found:
                    found.append(c)
    return found


def hotlines(case: Case) -> tuple[Recipient, ...]:
    """The national hotline(s) for child sexual abuse material of the place: the INHOPE member
    the directory tags for the country, else the one it already holds for that country."""
    country = case.law_country
    tagged = directory().tagged("inhope", country)
    if tagged:
        return tagged
    known = _present(_KNOWN_HOTLINES.get(country, ""))
    return (known,) if known else ()


def coordinators(case: Case) -> tuple[Recipient, ...]:
    """The EU Digital Services Coordinator of the place (DSA Art. 49; complaints, Art. 53)."""
    return directory().tagged("dsc", case.law_country) if in_eu(case.law_country) else ()


def police_routes(case: Case) -> tuple[Channel, ...]:
    """National police tip routes of the place. In the US: the FBI and HSI."""
    country = case.law_country
    if country == US:
        ids = ("fbi", "hsi")
        return tuple(c for i in ids if (r := _present(i)) for c in r.channels_for("report"))
    found = [r for r in directory().tagged("police", country) if r.id not in ("fbi", "hsi")]
    return tuple(_channels(tuple(found), ("report",), age(case)))


def escalation_routes(case: Case) -> tuple[Channel, ...]:
    """Where to turn when a platform does not act, for this place and age."""
    country, a = case.law_country, age(case)
    place = system(country)
    found: list[Channel] = []
    if place == US and (ftc := _present("ftc")):
        found += ftc.channels_for("complaint")
    if place == AU and (esafety := _present("esafety")):
        found += esafety.channels_for("report", age=a)
    if place == UK and a == "adult" and (rph := _present("revenge-porn-helpline")):
        found += rph.channels_for("support", age=a)
    for dsc in coordinators(case):
        found += dsc.channels_for("complaint") or dsc.channels_for("report")
    if a == "minor":
        ncmec = _present("ncmec")
        lines = hotlines(case) or ((ncmec,) if ncmec else ())
        for hotline in lines:
            reports = hotline.channels_for("report", age=a)
            if hotline.id == "iwf-childline":
                # The IWF takes a URL-only report. (Report Remove has the young person upload
                # the imagery, so an escalation sheet never lists it as a route.)
                reports = tuple(c for c in reports if c.url and "iwf.org.uk" in c.url)
            found += [c for c in reports if c not in found]
        if place not in (US, CA) and (ncmec := _present("ncmec")) and ncmec not in lines:
            # NCMEC's CyberTipline takes reports from any country; US platforms report to it.
            found += [c for c in ncmec.channels_for("report", age=a) if c not in found]
    return tuple(found)


def support_routes(case: Case) -> tuple[Channel, ...]:
    """Hashing services and support lines that fit the place and the age: Take It Down for
    imagery made under 18, StopNCII for adults, and the place's own lines."""
    country, a = case.law_country, age(case)
    place = system(country)
    found: list[Channel] = []
    if a == "minor" and (ncmec := _present("ncmec")):
        found += ncmec.channels_for("hashing", age=a)
        if place == US:
            found += ncmec.channels_for("support", age=a)
    if a == "adult" and (stopncii := _present("stopncii")):
        found += stopncii.channels_for("hashing", age=a)
    if place == US and a == "adult" and (ccri := _present("ccri")):
        found += ccri.channels_for("support", age=a)
    if place == UK:
        if a == "minor" and (childline := _present("iwf-childline")):
            # Report Remove: the young person's own route (named, never asked for).
            found += [c for c in childline.channels_for("report", age=a)
                      if c.url and "childline" in c.url]
        if a == "adult" and (rph := _present("revenge-porn-helpline")):
            found += rph.channels_for("support", age=a)
    if place == AU and (esafety := _present("esafety")):
        found += esafety.channels_for("report", age=a)
    if a == "minor" and place in (UK, AU):
        # The national police route for a child's case: CEOP (UK), the ACCCE (Australia).
        for police in directory().tagged("police", country):
            found += police.channels_for("report", age=a)
    if place == CA and (cybertip := _present("cybertip-ca")):
        found += cybertip.channels_for("report", age=a) + cybertip.channels_for("support", age=a)
    if a == "minor" and place in (EU, ELSEWHERE):
        for hotline in hotlines(case):
            found += hotline.channels_for("report", age=a)
    for helper in directory().tagged("victim_support", country):
        found += helper.channels_for("support", age=a)
    unique: list[Channel] = []
    for c in found:
        if c not in unique:
            unique.append(c)
    return tuple(unique)


def gaps(case: Case, language: str | None = None) -> tuple[str, ...]:
    """Routes this place should have that the directory does not hold yet, in plain words
    (in the current translation; country names in `language`, else the user's)."""
    country, a = case.law_country, age(case)
    place = system(country)
    name = country_name(country, language or case.language)
    missing: list[str] = []
    if a == "minor" and not hotlines(case):
        missing.append(
            _("The national hotline for child sexual abuse material in %(country)s (a member of "
              "INHOPE, the international network of hotlines) is not in our directory yet. "
              "NCMEC's CyberTipline takes reports from any country.", country=name)
        )
    if place == EU and not coordinators(case):
        missing.append(
            _("The Digital Services Coordinator of %(country)s, which takes complaints about "
              "platforms under the Digital Services Act, is not in our directory yet.",
              country=name)
        )
    return tuple(missing)
