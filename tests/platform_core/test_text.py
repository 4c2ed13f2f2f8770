"""Readable slugs from any script and limits that refuse rather than cut (platform_core.text)."""

import pytest
from django.core.exceptions import ValidationError

from platform_core.markdown import render_markdown
from platform_core.text import excerpt, readable_slug, within_limit


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Skolevej på Ærø", "skolevej-paa-aeroe"),
        ("Læsø Øst", "laesoe-oest"),
        ("مدرسة آمنة", "mdrs-mn"),
        ("学校", "xue-xiao"),
        ("Ελληνικά", "ellenika"),
        ("🌳", "deciduous-tree"),
        ("🌳 Trees", "deciduous-tree-trees"),
        ("❤️", "heavy-black-heart"),
        ("— !!! —", ""),
    ],
)
def test_a_slug_spells_any_script_danish_letters_and_emoji_in_ascii(text, slug):
    assert readable_slug(text, max_length=60) == slug


def test_a_long_slug_stops_at_a_word_boundary():
    slug = readable_slug("Trafiksikkerhed omkring skolerne i hele den nordlige bydel", max_length=30)

    assert slug == "trafiksikkerhed-omkring"


def test_a_value_within_its_limit_comes_back_stripped():
    assert within_limit("  Skolevej 🌳  ", 10, field="title") == "Skolevej 🌳"


def test_a_value_past_its_limit_is_refused_with_its_length_never_cut():
    with pytest.raises(ValidationError) as refused:
        within_limit("x" * 201, 200, field="title")

    assert refused.value.message_dict == {"title": ["Keep this to 200 characters (it has 201)."]}


def test_an_excerpt_is_the_plain_text_of_the_rendered_post():
    html = render_markdown(
        "## Crossing\n\nA **lollipop** person & [a map](https://x.example)\n\n- at 7.45\n- daily"
    )

    assert excerpt(html) == "Crossing A lollipop person & a map at 7.45 daily"


def test_a_long_excerpt_is_cut_at_a_word_with_an_ellipsis():
    text = excerpt(render_markdown("Skolevejen er farlig, " * 20))

    assert len(text) <= 201 and text.endswith("farlig…")
    assert text.startswith("Skolevejen er farlig, Skolevejen")


def test_one_endless_word_is_cut_at_the_limit_and_markup_as_text_stays_text():
    assert excerpt("<p>" + "å" * 300 + "</p>") == "å" * 200 + "…"
    assert excerpt("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == "<script>alert(1)</script>"
