"""The recipient directory: every file valid, every fact sourced, URLs resolve to their platform."""

from __future__ import annotations

from datetime import date

import pytest
from email_validator import validate_email

from takedown_helper.case import OTHER_WEBSITE
from takedown_helper.directory import DirectoryError, directory
from takedown_helper.directory.load import load_recipients, parse_recipient
from takedown_helper.paths import DIRECTORY_DATA_DIR

PLATFORMS = {
    "x", "facebook", "instagram", "threads", "tiktok", "snapchat", "reddit", "youtube",
    "google-search", "bing", "discord", "telegram", "pornhub", "onlyfans", "tumblr",
    "pinterest", "twitch", "bluesky",
}  # fmt: skip
AUTHORITIES = {
    "ncmec", "fbi", "hsi", "ftc", "stopncii", "iwf-childline", "revenge-porn-helpline",
    "esafety", "cybertip-ca", "ccri",
}  # fmt: skip
RECIPIENTS = directory().all()


def test_coverage():
    ids = {r.id for r in RECIPIENTS}
    assert PLATFORMS <= ids
    assert AUTHORITIES <= ids
    assert len(directory().platforms()) >= 18


@pytest.mark.parametrize("recipient", RECIPIENTS, ids=lambda r: r.id)
def test_every_fact_has_a_source_and_date_or_is_unconfirmed(recipient):
    for name, provenance in recipient.facts():
        assert provenance.unconfirmed or (provenance.source and provenance.checked), name
        if provenance.source:
            assert provenance.source.startswith("https://"), name
        if provenance.checked:
            assert provenance.checked <= date.today(), name


@pytest.mark.parametrize("recipient", RECIPIENTS, ids=lambda r: r.id)
def test_channels_are_https_or_valid_email(recipient):
    for channel in recipient.channels:
        assert sum(bool(x) for x in (channel.url, channel.email, channel.phone)) == 1
        if channel.url:
            assert channel.url.startswith("https://")
        if channel.email:
            validate_email(channel.email, check_deliverability=False)


def test_no_hostname_belongs_to_two_platforms():
    seen: dict[str, str] = {}
    for recipient in RECIPIENTS:
        for host in recipient.hostnames:
            assert host not in seen, f"{host}: {seen.get(host)} and {recipient.id}"
            seen[host] = recipient.id


@pytest.mark.parametrize(
    "recipient", [r for r in RECIPIENTS if r.id in PLATFORMS], ids=lambda r: r.id
)
def test_sample_urls_resolve_to_their_platform(recipient):
    assert recipient.sample_urls
    for url in recipient.sample_urls:
        assert directory().match_url(url) == recipient.id, url


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://twitter.com/a/status/1", "x"),
        ("https://mobile.twitter.com/a/status/1", "x"),
        ("https://WWW.X.COM./a/status/1", "x"),
        ("https://old.reddit.com/r/a/comments/1", "reddit"),
        ("https://youtu.be/abc", "youtube"),
        ("https://m.facebook.com/story.php?id=1", "facebook"),
        ("https://vm.tiktok.com/abc/", "tiktok"),
        ("https://unknown-site.example/video/1", OTHER_WEBSITE),
        ("https://x.com.evil.example/a", OTHER_WEBSITE),
        ("https://notx.com/a", OTHER_WEBSITE),
    ],
)
def test_url_matching(url, platform):
    assert directory().match_url(url) == platform


def test_bad_file_names_file_and_field(tmp_path):
    good = (DIRECTORY_DATA_DIR / "x.toml").read_text(encoding="utf-8")
    (tmp_path / "x.toml").write_text(good.replace('kind = "platform"', 'kind = "forum"'))
    with pytest.raises(DirectoryError, match=r"^x.toml: kind: "):
        load_recipients(tmp_path)


def test_fact_without_source_or_flag_is_refused():
    raw = {
        "id": "demo",
        "kind": "hotline",
        "display_name": "Demo",
        "legal_name": "Demo Org",
        "channels": [{"purpose": "report", "label": "Report form", "url": "https://demo.example/r"}],
    }
    with pytest.raises(DirectoryError, match=r"demo.toml: channels\[0\]: needs a source"):
        parse_recipient(raw, "demo.toml")


def test_plain_http_is_refused():
    raw = {
        "id": "demo",
        "kind": "hotline",
        "display_name": "Demo",
        "legal_name": "Demo Org",
        "channels": [
            {"purpose": "report", "label": "Report form", "url": "http://demo.example/r",
             "unconfirmed": True}
        ],
    }
    with pytest.raises(DirectoryError, match=r"channels\[0\]\.url"):
        parse_recipient(raw, "demo.toml")
