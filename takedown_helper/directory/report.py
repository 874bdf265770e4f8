"""How much of the directory is confirmed at its source: the `directory report` command's numbers.

A fact is confirmed when it names its source and the day it was checked and is not marked
unconfirmed. Facts a letter prints (postal addresses, the designated DMCA agent, and the channels a
notice is sent to or a report is routed through) are counted apart from the rest (help pages,
support lines, hashing services), because a wrong one costs the survivor a letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from takedown_helper.directory.model import Provenance, Recipient

# Channel purposes a notice or letter is addressed to, or routes a report through.
LETTER_PURPOSES = frozenset(
    {"ncii", "csam", "privacy", "copyright", "law_enforcement", "eu_dsa", "delisting", "report",
     "complaint"}
)  # fmt: skip
LETTER_FACTS = frozenset({"address", "eu_address", "uk_address", "dmca_agent"})


def is_letter_fact(name: str) -> bool:
    """Whether a fact named by `Recipient.facts()` is printed in letters and notices."""
    if name in LETTER_FACTS:
        return True
    if name.startswith("channel "):
        return name.removeprefix("channel ").split(":", 1)[0] in LETTER_PURPOSES
    return False


def is_confirmed(provenance: Provenance) -> bool:
    return not provenance.unconfirmed and bool(provenance.source) and provenance.checked is not None


@dataclass(frozen=True)
class Tally:
    confirmed: int = 0
    total: int = 0

    def add(self, confirmed: bool) -> Tally:
        return Tally(self.confirmed + confirmed, self.total + 1)

    @property
    def share(self) -> str:
        """The confirmed share, rounded down to one decimal: it never reads higher than it is
        (261 of 291 is 89.6 %, not "90 %", against a goal of at least 90 %)."""
        if not self.total:
            return "-"
        tenths = 1000 * self.confirmed // self.total
        return f"{tenths // 10}.{tenths % 10} %"

    def __str__(self) -> str:
        return f"{self.confirmed} of {self.total} confirmed ({self.share})"


@dataclass(frozen=True)
class RecipientTally:
    recipient: Recipient
    letter: Tally
    other: Tally

    @property
    def overall(self) -> Tally:
        return Tally(
            self.letter.confirmed + self.other.confirmed, self.letter.total + self.other.total
        )


def tally(recipient: Recipient) -> RecipientTally:
    letter, other = Tally(), Tally()
    for name, provenance in recipient.facts():
        if is_letter_fact(name):
            letter = letter.add(is_confirmed(provenance))
        else:
            other = other.add(is_confirmed(provenance))
    return RecipientTally(recipient, letter, other)


def problems(recipients: tuple[Recipient, ...]) -> list[str]:
    """What `--strict` refuses: a fact with no source that is not marked unconfirmed, or an
    unconfirmed fact that does not say why."""
    found = []
    for r in recipients:
        for name, provenance in r.facts():
            if provenance.unconfirmed:
                if not (provenance.reason or "").strip():
                    found.append(f"{r.id}: {name}: unconfirmed without a reason")
            elif not (provenance.source and provenance.checked):
                found.append(
                    f"{r.id}: {name}: no source and checked date, and not marked unconfirmed"
                )
    return found


def oldest_check(recipients: tuple[Recipient, ...]) -> tuple[date, list[str]] | None:
    """The oldest `checked` date in the directory and the facts that carry it."""
    dated = [
        (p.checked, f"{r.id}: {name}")
        for r in recipients
        for name, p in r.facts()
        if p.checked is not None
    ]
    if not dated:
        return None
    oldest = min(d for d, _ in dated)
    return oldest, [where for d, where in dated if d == oldest]


def render(recipients: tuple[Recipient, ...], today: date) -> list[str]:
    """The report as lines of text, recipients sorted by kind and id."""
    rows = [tally(r) for r in sorted(recipients, key=lambda r: (r.kind, r.id))]
    letter = Tally(sum(t.letter.confirmed for t in rows), sum(t.letter.total for t in rows))
    other = Tally(sum(t.other.confirmed for t in rows), sum(t.other.total for t in rows))
    overall = Tally(letter.confirmed + other.confirmed, letter.total + other.total)
    platforms = sum(r.kind in ("platform", "search_engine") for r in recipients)
    lines = [
        f"Recipient directory report, {today.isoformat()}: {len(recipients)} recipients "
        f"({platforms} platforms and search engines)",
        f"All facts:             {overall}",
        f"Facts letters print:   {letter}  (postal addresses, DMCA agents, and channels for "
        "notices, reports and complaints)",
        f"Other facts:           {other}  (help pages, support lines, hashing services)",
    ]
    oldest = oldest_check(recipients)
    if oldest:
        when, where = oldest
        more = f" and {len(where) - 1} more" if len(where) > 1 else ""
        lines.append(f"Oldest check:          {when.isoformat()} ({where[0]}{more})")
    lines += [
        "",
        f"{'recipient':28} {'kind':14} {'all facts':>12} {'letters print':>14} {'share':>7}",
    ]
    for t in rows:
        lines.append(
            f"{t.recipient.id:28} {t.recipient.kind:14} "
            f"{t.overall.confirmed:>5} of {t.overall.total:<3} "
            f"{t.letter.confirmed:>6} of {t.letter.total:<4} {t.overall.share:>7}"
        )
    return lines
