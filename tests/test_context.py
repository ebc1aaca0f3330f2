"""Dates, labels and inline markup as the renderers receive them."""

from __future__ import annotations

from typing import get_args

import pytest

from reportgen.model import LabelKey, Language, parse_date_span
from reportgen.model.markup import Span, parse
from reportgen.view.context import format_date_span
from reportgen.view.language import SHIPPED, rules

DATES = [
    ("2012-12-05", "fr", "5 décembre 2012"),
    ("2013-03", "fr", "mars 2013"),
    ("2013-06-13/2013-06-14", "fr", "13–14 juin 2013"),
    ("2012-12-05", "en", "December 5, 2012"),
    ("2013-03", "en", "March 2013"),
    ("2012-12-05", "es", "5 de diciembre de 2012"),
    ("2013-03", "es", "marzo de 2013"),
    ("2013-06-13/2013-06-14", "es", "13–14 de junio de 2013"),
    ("2011/2013", "fr", "2011–2013"),
    ("2013-06-28/2013-07-02", "fr", "28 juin\u2009–\u20092 juillet 2013"),
    ("2013-06-28/2013-07-02", "en", "June 28\u2009–\u2009July 2, 2013"),
    ("2013-06-28/2013-07-02", "es", "28 de junio\u2009–\u20092 de julio de 2013"),
    ("2013-06-13/2013-06-14", "en", "June 13\u2009–\u200914, 2013"),
    ("2012-12-30/2013-01-02", "fr", "30 décembre 2012\u2009–\u20092 janvier 2013"),
    ("2012-03/2012-03-15", "en", "March 2012 – March 15, 2012"),
    ("2012/2013-03", "fr", "2012 – mars 2013"),
    ("2012-03-01/2012-05", "es", "1 de marzo de 2012 – mayo de 2012"),
    ("2013-03-01", "fr", "1er mars 2013"),
    ("2013-03-01/2013-03-03", "fr", "1er–3 mars 2013"),
    ("2013-01-01/2014-01-11", "fr", "1er janvier 2013\u2009–\u200911 janvier 2014"),
    ("2013-03-01", "en", "March 1, 2013"),
    ("2012-03-03", "en-GB", "3 March 2012"),
    ("2012-03-03", "en-US", "March 3, 2012"),
    ("2012-03-03/2012-03-05", "en-GB", "3–5 March 2012"),
    ("2012-03-03/2012-03-05", "en-US", "March 3\u2009–\u20095, 2012"),
    ("2013-06-28/2013-07-02", "en-GB", "28 June\u2009–\u20092 July 2013"),
    ("2013-Q2", "en-GB", "2nd quarter 2013"),
    ("2013-Q1", "fr", "1er trimestre 2013"),
    ("2013-Q2/2013-Q3", "es", "2.º trimestre de 2013 – 3.er trimestre de 2013"),
]


@pytest.mark.parametrize(("value", "language", "expected"), DATES)
def test_dates_are_written_the_languages_way(value: str, language: str, expected: str) -> None:
    assert format_date_span(parse_date_span(value), language) == expected  # type: ignore[arg-type]


def test_every_language_of_the_model_has_its_rules_and_every_label() -> None:
    shipped = {path.stem for path in SHIPPED.glob("*.yaml")}
    assert shipped == {"fr", "en", "es"}
    assert set(get_args(Language)) == {"fr", "en", "en-GB", "en-US", "es"}
    assert {frozenset(rules(language)["labels"]) for language in get_args(Language)} == {
        frozenset(get_args(LabelKey))
    }
    assert rules("en-GB") == {**rules("en"), "word_tag": "en-GB"}  # English words, its tag
    assert rules("en-US")["word_tag"] == "en-US"
    assert rules("fr")["labels"]["page_of"] == "Page {page} sur {pages}"
    assert rules("fr")["colon"] == " : "


MARKUP = [
    ("plain", (Span("plain"),)),
    ("a **b** c", (Span("a "), Span("b", bold=True), Span(" c"))),
    ("«**Ville Intelligent**»", (Span("«"), Span("Ville Intelligent", bold=True), Span("»"))),
    (
        "*i* and **b *bi***",
        (
            Span("i", italic=True),
            Span(" and "),
            Span("b ", bold=True),
            Span("bi", bold=True, italic=True),
        ),
    ),
    ("see [site](https://x.org)", (Span("see "), Span("site", href="https://x.org"))),
    ("[bad](javascript:alert(1))", (Span("bad)"),)),
    ("**5 * 3**", (Span("5 * 3", bold=True),)),
    ("2 * 3 * 4", (Span("2 * 3 * 4"),)),
    ("lonely ** star", (Span("lonely ** star"),)),
    (r"not \*italic\*", (Span("not *italic*"),)),
    ("<script>x</script>", (Span("<script>x</script>"),)),
]


@pytest.mark.parametrize(("text", "spans"), MARKUP)
def test_inline_markup(text: str, spans: tuple[Span, ...]) -> None:
    assert parse(text) == spans
