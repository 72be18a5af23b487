"""Reading time: words of the article's text, not of its markup."""

from __future__ import annotations

from plugins.site_extras.reading import reading_minutes, word_count


def test_words_are_counted_outside_the_tags():
    html = '<p class="lead">Don’t stop—<a href="/x/">well-being</a> first.</p><img alt="">'
    assert word_count(html) == 4  # Don’t, stop, well-being, first


def test_a_short_article_still_reads_in_a_minute_and_a_long_one_rounds_up():
    assert reading_minutes(0) == 1
    assert reading_minutes(221) == 2
