"""Platforms, hosts and search engines beyond the first sixteen: each is where intimate images shared
without consent or child sexual abuse material (CSAM) are found or reported (see
docs/directory.md, "Why these platforms"). Their sample links resolve to them, every channel has a
Spanish label, and every unconfirmed fact says what was tried."""

from __future__ import annotations

import pytest

from takedown_helper.case import OTHER_WEBSITE
from takedown_helper.directory import directory

ADDED = (
    # apps where children are groomed and sextorted
    "whatsapp", "kik", "roblox", "yubo", "wizz",
    # adult sites and creator platforms where imagery is re-uploaded
    "redgifs", "fansly", "clips4sale", "manyvids", "xvideos", "xnxx", "stripchat",
    # image hosts, file hosts and cloud storage
    "mega", "dropbox", "google-drive", "flickr", "imgur",
    # video sites
    "vimeo", "dailymotion",
    # professional network, dating apps, the Fediverse
    "linkedin", "bumble", "tinder", "mastodon-social",
    # cloud storage run by a search company, and search engines
    "onedrive", "yahoo-search", "yandex", "duckduckgo",
    # creator platforms, Q&A, file hosts, Meta's messenger, Aylo's other sites
    "patreon", "quora", "mediafire", "gofile", "icloud", "messenger", "youporn", "redtube",
)  # fmt: skip


@pytest.mark.parametrize("recipient_id", ADDED)
def test_added_recipient_is_a_platform_with_sample_links(recipient_id):
    recipient = directory().get(recipient_id)
    assert recipient.kind in ("platform", "search_engine")
    assert recipient.hostnames
    assert 1 <= len(recipient.sample_urls) <= 3
    for url in recipient.sample_urls:
        assert directory().match_url(url) == recipient_id, url


@pytest.mark.parametrize("recipient_id", ADDED)
def test_added_recipient_channels_have_spanish_labels(recipient_id):
    for channel in directory().get(recipient_id).channels:
        assert channel.label_es, channel.label


@pytest.mark.parametrize("recipient_id", ADDED)
def test_added_recipient_unconfirmed_facts_say_why(recipient_id):
    for name, provenance in directory().get(recipient_id).facts():
        if provenance.unconfirmed:
            assert provenance.reason, name
        else:
            assert provenance.source and provenance.checked, name


@pytest.mark.parametrize(
    ("url", "recipient_id"),
    [
        # one company, several services: the most specific hostname wins
        ("https://drive.google.com/file/d/1abc/view", "google-drive"),
        ("https://docs.google.com/document/d/1abc/edit", "google-drive"),
        ("https://www.google.com/search?q=example", "google-search"),
        ("https://www.youtube.com/watch?v=abc", "youtube"),
        # subdomains and content hosts belong to their service
        ("https://i.imgur.com/AbC1234.jpg", "imgur"),
        ("https://dl.dropboxusercontent.com/s/abc/file.jpg", "dropbox"),
        ("https://mega.co.nz/#!AbCdEfGh!key", "mega"),
        ("https://player.vimeo.com/video/123456789", "vimeo"),
        ("https://dai.ly/x8abcde", "dailymotion"),
        ("https://1drv.ms/u/s!AbCdEf", "onedrive"),
        ("https://www.bing.com/images/search?q=a", "bing"),
        ("https://search.yahoo.com/search?p=a", "yahoo-search"),
        ("https://images.search.yahoo.com/search/images?p=a", "yahoo-search"),
        # only mastodon.social is covered: every other Fediverse server is its own host
        ("https://mastodon.social/@a/1", "mastodon-social"),
        # Meta's services: each in its own file
        ("https://www.messenger.com/t/1", "messenger"),
        ("https://m.me/example", "messenger"),
        ("https://www.facebook.com/example", "facebook"),
        ("https://example-instance.social/@a/1", "other"),
        # look-alike hosts are not the platform
        ("https://mega.nz.example/file/AbCdEfGh", "other"),
        ("https://notdropbox.com/s/abc", "other"),
    ],
)
def test_added_hosts_resolve_by_most_specific_hostname(url, recipient_id):
    expected = OTHER_WEBSITE if recipient_id == "other" else recipient_id
    assert directory().match_url(url) == expected


def test_directory_has_at_least_50_platforms_and_search_engines():
    """At least 50 places where imagery is found, reported or indexed."""
    assert len(directory().platforms()) >= 50


def test_added_csam_channels_are_marked_for_minors():
    """A child-abuse reporting route is marked for minors, so an adult's notice never uses it."""
    for recipient_id in ADDED:
        for channel in directory().get(recipient_id).channels:
            if channel.purpose == "csam":
                assert channel.ages == ("minor",), (recipient_id, channel.label)
