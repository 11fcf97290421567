from __future__ import annotations

from html import escape
from html.parser import HTMLParser

import pytest
from helpers import clean_with

from cleanup.config import Config
from cleanup.decisions.sidecar import digest, edit_anchor
from cleanup.document import Document, Segment
from cleanup.edits import Edit, line_col
from cleanup.lexicon.model import Lexicon, build
from cleanup.lexicon.parse import parse
from cleanup.pipeline import Result
from cleanup.report.desk import page_data
from cleanup.report.html import CONTEXT, html_report, visible

TSV = "term\tvariants\nal-Qaeda\tal Qaeda|al Qaida\nBaghdad\tBagdad\n"
TEXT = "The  group al Qaida met in bagdad ,then left.Again  \nok"

VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}


@pytest.fixture
def lexicon() -> Lexicon:
    return build(parse(TSV, "test.tsv"))


@pytest.fixture
def result(lexicon: Lexicon) -> Result:
    return clean_with(TEXT, lexicon=lexicon)


class StrictParser(HTMLParser):
    """Records tag nesting problems; HTMLParser itself never raises."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}>, open: {self.stack}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def markup(page: str) -> str:
    """The page without the desk's two script elements (its data and its code)."""
    head, _, rest = page.partition('<script type="application/json"')
    return head + rest.split("</script>", 2)[-1]


def parsed(page: str) -> StrictParser:
    parser = StrictParser()
    parser.feed(page)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    return parser


def test_page_is_self_contained_html5(result: Result) -> None:
    page = html_report([("talk.txt", result)])
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "<style>" in page
    for forbidden in ("http://", "https://", "<script src", "<link", "@import"):
        assert forbidden not in page.lower()
    assert "url(" not in page.split("<style>")[1].split("</style>")[0]
    assert page.count("<script") == 2  # the desk's data and its code, inline
    parser = parsed(page)
    assert parser.tags.count("html") == 1
    assert "title" in parser.tags


def test_title_is_escaped(result: Result) -> None:
    page = html_report([("a.txt", result)], title="<b>Review</b> & co")
    assert "<title>&lt;b&gt;Review&lt;/b&gt; &amp; co</title>" in page
    assert "<b>Review" not in page


def test_every_edit_is_listed_with_its_evidence(result: Result) -> None:
    page = html_report([("talk.txt", result)])
    assert len(result.edits) == 7
    assert page.count('<li class="edit ') == len(result.edits)
    for edit in result.edits:
        line, col = line_col(TEXT, edit.start)
        assert f'<span class="loc">{line}:{col}</span>' in page
        assert escape(edit.reason) in page
        assert f"confidence {edit.confidence:.2f}" in page
        if edit.before:
            assert f"<del>{visible(edit.before)}</del>" in page
        if edit.after:
            assert f"<ins>{visible(edit.after)}</ins>" in page
    assert "<del>al Qaida</del><ins>al-Qaeda</ins>" in page
    assert "<del>bagdad</del><ins>Baghdad</ins>" in page
    assert "confidence 0.95" in page
    assert "confidence 0.90" in page
    assert "lexicon entry <strong>al-Qaeda</strong> (test.tsv:2)" in page
    assert "lexicon entry <strong>Baghdad</strong> (test.tsv:3)" in page
    for step in ("spacing", "punctuation", "lexicon-variants"):
        assert f'<span class="tag step">{step}</span>' in page


def test_edits_are_in_document_order() -> None:
    doc = Document("one two three")
    late = Edit("b", 8, 13, "three", "3", "late")
    early = Edit("a", 0, 3, "one", "1", "early")
    page = html_report([("x.txt", Result(doc, (late, early)))])
    assert page.index(">early<") < page.index(">late<")


def test_whitespace_changes_are_visible(result: Result) -> None:
    page = html_report([("talk.txt", result)])
    # the double space becomes one: both sides shown as dots
    assert "<del>··</del><ins>·</ins>" in page
    # inserted space after a comma: nothing removed, so no <del> at all
    assert ",<ins>·</ins>then" in page
    assert "<del></del>" not in page
    assert "<ins></ins>" not in page
    # removed space before a comma: nothing inserted (context is the original text)
    assert "in bagdad<del>·</del>,then" in page
    # trailing spaces before a line break
    assert 'Again<del>··</del><span class="nl">\u21b5</span>' in page


def test_visible_whitespace() -> None:
    assert visible(" ") == "·"
    assert visible("al Qaeda") == "al Qaeda"
    assert visible("a  b") == "a··b"
    assert visible(" x ") == "·x·"
    assert visible("\t") == "→"
    assert visible("a\nb") == "a↵\nb"
    assert visible("\u00a0") == "⍽"
    assert visible("<b>") == "&lt;b&gt;"


def test_context_is_about_sixty_characters_each_side() -> None:
    text = "a" * 200 + "TARGET" + "z" * 200
    start = text.index("TARGET")
    edit = Edit("s", start, start + 6, "TARGET", "goal", "r")
    page = markup(html_report([("long.txt", Result(Document(text), (edit,)))]))
    snippet = "a" * CONTEXT + "<del>TARGET</del><ins>goal</ins>" + "z" * CONTEXT
    assert snippet in page
    assert "a" * CONTEXT + "<ins>goal</ins>" + "z" * CONTEXT in page  # what it becomes
    assert "a" * (CONTEXT + 1) not in page.split("<pre")[0]
    assert "z" * (CONTEXT + 1) not in page.split("<pre")[0]
    assert page.split("<pre")[0].count("\u2026") == 4


def test_context_at_the_edges_has_no_ellipsis() -> None:
    edit = Edit("s", 0, 2, "hi", "Hi", "r")
    page = html_report([("short.txt", Result(Document("hi there"), (edit,)))])
    assert '<div class="ctx"><del>hi</del><ins>Hi</ins> there</div>' in page
    assert "\u2026" not in page


def test_counts_per_file_and_summary(result: Result, lexicon: Lexicon) -> None:
    review = clean_with(TEXT, config=Config(min_confidence=0.92), lexicon=lexicon)
    assert len(review.applied) == 5
    assert len(review.suggestions) == 2
    page = html_report([("a.txt", result), ("b.txt", review)])
    assert "7 edits applied, 0 suggestions" in page
    assert "5 edits applied, 2 suggestions" in page
    assert "2 files, 14 edits: 12 applied, 2 suggestions." in page
    assert '<a href="#file-0">a.txt</a>' in page
    assert 'id="file-1"' in page
    # files table rows: edits, applied, suggestions
    assert '<td class="num">7</td><td class="num">5</td><td class="num">2</td></tr>' in page
    # steps table: the punctuation step has 4 edits, 2 applied and 2 suggested
    assert (
        '<tr><td>punctuation</td><td class="num">4</td><td class="num">2</td>'
        '<td class="num">2</td></tr>'
    ) in page
    assert page.count('<span class="tag suggestion">suggestion</span>') == 2
    assert page.count('<li class="edit suggestion" ') == 2


def test_review_tier_and_singular_counts() -> None:
    doc = Document("teh cat")
    edit = Edit("spell", 0, 3, "teh", "the", "typo", confidence=0.4, tier="review", applied=False)
    page = html_report([("one.txt", Result(doc, (edit,)))])
    assert "0 edits applied, 1 suggestion" in page
    assert '<span class="tag tier">review</span>' in page
    assert "confidence 0.40" in page


def test_unchanged_file_says_no_changes(result: Result) -> None:
    page = html_report([("talk.txt", result), ("clean.txt", clean_with("All fine here."))])
    assert page.count("no changes") == 1
    assert "0 edits applied, 0 suggestions" in page
    parsed(page)


def test_empty_report() -> None:
    page = html_report([])
    assert "0 files, 0 edits" in page
    parsed(page)


def test_user_text_is_escaped() -> None:
    text = 'say <script>alert("x")</script> & <b>bold</b>'
    start = text.index("<script>")
    edit = Edit(
        step="<step>",
        start=start,
        end=start + 8,
        before="<script>",
        after="<img src=x>",
        reason="reason <script>",
        entry="<entry>",
        source="<src>",
    )
    whole = html_report([("<script>evil.txt", Result(Document(text), (edit,)))])
    data = whole.split('<script type="application/json" id="desk-data">')[1].split("</script>")[0]
    assert "<" not in data and ">" not in data and "&" not in data
    page = markup(whole)
    assert "<script" not in page
    assert "<img" not in page
    assert "<b>bold" not in page
    assert "&lt;script&gt;evil.txt" in page
    assert "<del>&lt;script&gt;</del><ins>&lt;img·src=x&gt;</ins>" not in page
    assert "<del>&lt;script&gt;</del><ins>&lt;img src=x&gt;</ins>" in page
    assert "reason &lt;script&gt;" in page
    assert "&lt;entry&gt;" in page
    assert "&lt;src&gt;" in page
    assert "&lt;step&gt;" in page
    assert "alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold" in page
    parser = parsed(whole)
    assert parser.tags.count("script") == 2  # the desk's own
    assert "<script>evil.txt" in "".join(parsed(page).text)


def test_newlines_in_context_are_marked() -> None:
    text = "first line\nsecond line"
    start = text.index("second")
    edit = Edit("s", start, start + 6, "second", "Second", "r")
    page = html_report([("n.txt", Result(Document(text), (edit,)))])
    assert 'first line<span class="nl">\u21b5</span>\n<del>second</del>' in page
    assert '<span class="loc">2:1</span>' in page


def test_sources_show_no_folders_of_this_machine() -> None:
    edit = Edit(
        "lexicon-variants",
        0,
        6,
        "Bagdad",
        "Baghdad",
        "r",
        entry="Baghdad",
        source="/home/someone/.venv/site-packages/cleanup/_bundled/middle_east.tsv:12",
    )
    page = html_report([("talk.txt", Result(Document("Bagdad today"), (edit,)))])
    assert "(middle_east.tsv:12)" in page
    assert "/home/someone" not in page and "site-packages" not in page


def test_speaker_and_time_are_shown_where_the_format_has_them() -> None:
    doc = Document("Ana: bagdad", segments=(Segment(0, 11, "Ana", 61.5, 63.0),))
    edit = Edit("s", 5, 11, "bagdad", "Baghdad", "r")
    page = html_report([("talk.txt", Result(doc, (edit,)))])
    assert '<span class="where">[00:01:01.500] Ana</span>' in page


def test_the_page_data_carries_the_sidecar_anchors(result: Result) -> None:
    data = page_data([("talk.txt", result)])
    assert data["files"][0]["sha256"] == digest(TEXT)
    for item, edit in zip(
        data["edits"], sorted(result.edits, key=lambda e: (e.start, e.end)), strict=True
    ):
        anchor = edit_anchor(TEXT, edit)
        assert (item["before"], item["left"], item["right"], item["ordinal"]) == (
            anchor.before,
            anchor.left,
            anchor.right,
            anchor.ordinal,
        )
    page = html_report([("talk.txt", result)])
    assert page.count('data-verdict="accept"') == 2 * len(result.edits)
    assert 'class="export-file" data-file="0"' in page


def test_what_the_text_becomes_is_shown(result: Result) -> None:
    page = html_report([("talk.txt", result)])
    assert "in <ins>Baghdad</ins> ,then" in page
    assert f'<pre class="becomes-text">{escape(result.output)}</pre>' in page
