"""bench/synth.py: stories read from CoNLL-U, cut into documents, and what is left to do."""

from __future__ import annotations

from pathlib import Path

from bench_scripts import load

synth = load("synth")

CONLLU = """# newdoc id = GUM_news_test
# meta::dateCreated = 2015-08-21
# meta::sourceURL = https://en.wikinews.org/wiki/Test
# meta::title = A test story
# newpar
# newpar_block = head (1 s)
# text = A test story
1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_
# newpar
# text = The first sentence is here.
# text = The second one follows.
"""


def test_a_story_keeps_its_paragraphs_and_attribution(tmp_path: Path) -> None:
    path = tmp_path / "GUM_news_test.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    story = synth.read_conllu(path)
    assert (story.story, story.genre, story.url) == (
        "news-test",
        "news",
        "https://en.wikinews.org/wiki/Test",
    )
    assert story.paragraphs == (
        ("A test story",),
        ("The first sentence is here.", "The second one follows."),
    )


def test_documents_are_cut_at_sentence_ends_and_a_short_tail_joins_the_last() -> None:
    sentence = " ".join(["word"] * 50) + "."
    story = synth.Story("s", "news", "t", "u", "d", ((sentence,) * 5, (sentence,)))
    docs = synth.documents(story)
    assert [sum(len(s.split()) for p in doc for s in p) for doc in docs] == [200, 100]
    short = synth.Story("s", "news", "t", "u", "d", ((sentence,) * 5,))
    assert len(synth.documents(short)) == 1  # the 50-word tail joined the first document


def test_words_of_a_term_as_the_counts_have_them() -> None:
    assert synth.words("Kim Jong-un's") == ["Kim", "Jong", "un", "s"]


def test_documents_done_by_every_recogniser_are_not_pending(tmp_path: Path) -> None:
    (tmp_path / "ref").mkdir()
    for name in ("a-01", "b-01"):
        (tmp_path / "ref" / f"{name}.txt").write_text("x\n", encoding="utf-8")
    for recogniser in synth.RECOGNISERS:
        folder = tmp_path / "hyp" / recogniser
        folder.mkdir(parents=True)
        (folder / "a-01.txt").write_text("x\n", encoding="utf-8")
        (folder / "a-01.json").write_text("{}\n", encoding="utf-8")
    assert [p.stem for p in synth.pending(tmp_path, None)] == ["b-01"]
