"""A page's HTML as the plain text the index reads."""

from __future__ import annotations

from plugins.site_search.text import html_text, plain_title


def test_headings_are_kept_apart_and_in_the_body():
    body, headings = html_text("<h2>Burnout signs</h2><p>Sleep <em>poorly</em>.</p>")
    assert headings == "Burnout signs"
    assert body == "Burnout signs Sleep poorly."


def test_paragraphs_and_list_items_are_not_glued_together():
    body, _ = html_text("<p>end</p><p>start</p><ul><li>one</li><li>two</li></ul>a<br>b")
    assert body == "end start one two a b"


def test_scripts_styles_and_attributes_leave_no_words():
    body, _ = html_text(
        '<p title="hidden">shown</p><script>var secret = 1;</script><style>p{}</style>'
        '<svg><text>drawn</text></svg><img alt="alt words" src="x.png">'
    )
    assert body == "shown"


def test_entities_are_decoded_once():
    body, _ = html_text("<p>Fish &amp; chips &lt;b&gt; caf&eacute;</p>")
    assert body == "Fish & chips <b> café"


def test_a_title_loses_its_markup():
    assert (
        plain_title("Coaching <em>vs</em> mentoring &amp; more") == "Coaching vs mentoring & more"
    )
