"""Platforms, hosts and search engines added for issue 13: each is where intimate images shared
without consent or child sexual abuse material (CSAM) are found or reported (see
docs/directory.md, "Why these platforms"). Their sample links resolve to them, every channel has a
Spanish label, and every unconfirmed fact says what was tried."""

from __future__ import annotations

import pytest

from takedown_helper.directory import directory

ADDED = (
    "whatsapp", "kik", "roblox", "yubo", "wizz",
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
