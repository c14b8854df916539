"""The article library: listing, lookup, and the two-level cache (memory, then JSON on disk)."""

import json
import threading
import time

import pytest
from factories import naive_analyse

from quizapp.services import articles as articles_service
from quizapp.services.articles import ArticleLibrary, ArticleNotFound
from quizapp.text.errors import InputError

SEED_SLUG = "reuters-syria-new-phase"


@pytest.fixture
def seeds(tmp_path):
    """A seeds folder with two small articles and a file that is not an article."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "alpha.txt").write_text("Alpha title\nAnna went home.\nThe end came.\n", encoding="utf-8")
    (folder / "beta.txt").write_text("Beta title\nBen stayed.\n", encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    return folder


@pytest.fixture
def calls(monkeypatch):
    """Stub the pipeline with ``naive_analyse`` and record the raw text of each call."""
    recorded = []

    def fake(raw, model):
        recorded.append(raw)
        return naive_analyse(raw, model)

    monkeypatch.setattr(articles_service, "run_pipeline", fake)
    return recorded


def library(seeds, tmp_path, model="model-a"):
    return ArticleLibrary(seeds, tmp_path / "cache", model)


def test_slugs_are_the_txt_file_stems_sorted(seeds, tmp_path):
    assert library(seeds, tmp_path).slugs() == ["alpha", "beta"]


def test_missing_seeds_folder_is_an_empty_library(tmp_path):
    assert ArticleLibrary(tmp_path / "nowhere", tmp_path / "cache", "m").listing() == []


@pytest.mark.parametrize("slug", ["gamma", "notes", "../seeds/alpha", "alpha.txt", ""])
def test_unknown_slug_raises_lookup_error(seeds, tmp_path, calls, slug):
    with pytest.raises(ArticleNotFound) as caught:
        library(seeds, tmp_path).article(slug)
    assert isinstance(caught.value, LookupError)
    assert calls == []


def test_listing_never_runs_the_pipeline_and_titles_come_from_the_cache(seeds, tmp_path, calls):
    lib = library(seeds, tmp_path)
    before = lib.listing()
    assert calls == []
    assert [(a.slug, a.title, a.analysis) for a in before] == [("alpha", "Alpha", None), ("beta", "Beta", None)]
    lib.article("alpha")
    fresh = library(seeds, tmp_path)  # another worker: sees the disk cache
    assert [a.title for a in fresh.listing()] == ["Alpha title", "Beta"]
    assert len(calls) == 1


def test_analysis_is_computed_once_per_process(seeds, tmp_path, calls):
    lib = library(seeds, tmp_path)
    first = lib.article("alpha").analysis
    assert lib.article("alpha").analysis is first
    assert len(calls) == 1


def test_a_fresh_library_reads_the_disk_cache_instead_of_recomputing(seeds, tmp_path, calls):
    original = library(seeds, tmp_path).article("alpha").analysis
    again = library(seeds, tmp_path).article("alpha").analysis
    assert again == original
    assert len(calls) == 1


def test_cache_file_is_json_keyed_by_text_model_and_version(seeds, tmp_path, calls):
    library(seeds, tmp_path).article("alpha")
    [path] = (tmp_path / "cache" / "alpha").iterdir()
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["model"] == "model-a" and record["pipeline_version"] == articles_service.pipeline_version()
    assert len(record["sha256"]) == 64
    assert record["analysis"]["title"] == "Alpha title"


def test_editing_the_article_recomputes_and_prunes_the_stale_entry(seeds, tmp_path, calls):
    library(seeds, tmp_path).article("alpha")
    (seeds / "alpha.txt").write_text("Alpha revised\nAnna came back.\n", encoding="utf-8")
    lib = library(seeds, tmp_path)
    assert lib.article("alpha").title == "Alpha revised"
    assert len(calls) == 2
    assert len(list((tmp_path / "cache" / "alpha").iterdir())) == 1


def test_another_model_or_pipeline_version_misses_the_cache(seeds, tmp_path, calls, monkeypatch):
    library(seeds, tmp_path).article("alpha")
    library(seeds, tmp_path, model="model-b").article("alpha")
    monkeypatch.setattr(articles_service, "pipeline_version", lambda: "999-changed")
    library(seeds, tmp_path, model="model-b").article("alpha")
    assert len(calls) == 3


def test_pipeline_version_follows_the_text_package_sources(tmp_path, monkeypatch):
    package = tmp_path / "text"
    package.mkdir()
    (package / "cleaning.py").write_text("A = 1\n")
    monkeypatch.setattr(articles_service, "TEXT_PACKAGE", package)
    versions = []
    for source in ("A = 1\n", "A = 2\n"):
        (package / "cleaning.py").write_text(source)
        articles_service.pipeline_version.cache_clear()
        versions.append(articles_service.pipeline_version())
    articles_service.pipeline_version.cache_clear()
    assert versions[0] != versions[1] and all(v.startswith(articles_service.PIPELINE_VERSION + "-") for v in versions)


def test_an_unreadable_cache_file_is_a_miss_and_gets_rewritten(seeds, tmp_path, calls):
    library(seeds, tmp_path).article("alpha")
    [path] = (tmp_path / "cache" / "alpha").iterdir()
    path.write_text('{"analysis": {"title": ', encoding="utf-8")  # a torn write from an older version
    assert library(seeds, tmp_path).article("alpha").title == "Alpha title"
    assert json.loads(path.read_text(encoding="utf-8"))["analysis"]["title"] == "Alpha title"
    assert len(calls) == 2


def test_writes_leave_no_temporary_files(seeds, tmp_path, calls):
    lib = library(seeds, tmp_path)
    lib.article("alpha")
    lib.article("beta")
    leftovers = [p.name for p in (tmp_path / "cache").rglob("*") if p.is_file() and not p.name.endswith(".json")]
    assert leftovers == []


def test_concurrent_requests_for_one_article_analyse_it_once(seeds, tmp_path, monkeypatch):
    recorded = []

    def slow(raw, model):
        recorded.append(raw)
        time.sleep(0.05)
        return naive_analyse(raw, model)

    monkeypatch.setattr(articles_service, "run_pipeline", slow)
    lib = library(seeds, tmp_path)
    threads = [threading.Thread(target=lib.article, args=("alpha",)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(recorded) == 1


def test_prepare_all_reports_each_article_and_survives_a_bad_one(seeds, tmp_path, monkeypatch):
    def picky(raw, model):
        if raw.startswith("Beta"):
            raise InputError("The article has a title but no text.")
        return naive_analyse(raw, model)

    monkeypatch.setattr(articles_service, "run_pipeline", picky)
    lib = library(seeds, tmp_path)
    first = [(a.slug, cached, str(error) if error else None) for a, cached, error in lib.prepare_all()]
    assert first == [("alpha", False, None), ("beta", False, "The article has a title but no text.")]
    assert [(a.slug, cached) for a, cached, error in lib.prepare_all()][0] == ("alpha", True)


def test_the_real_pipeline_result_survives_the_disk_cache(pipeline_calls, tmp_path):
    """Integration: the seed through spaCy, then read back by a fresh library as an equal Analysis."""
    from quizapp.config import ROOT
    from quizapp.text import nlp

    seeds = ROOT / "seeds"
    computed = ArticleLibrary(seeds, tmp_path / "cache", nlp.model_name()).article(SEED_SLUG).analysis
    cached = ArticleLibrary(seeds, tmp_path / "cache", nlp.model_name()).article(SEED_SLUG).analysis
    assert cached == computed
    assert len(pipeline_calls) == 1
    assert len(computed.article.paragraphs) == 5


def test_a_windows_1252_seed_is_decoded_like_any_upload(seeds, tmp_path, calls):
    (seeds / "legacy.txt").write_bytes("Café title\nThe café “opened” today.\n".encode("cp1252"))
    assert library(seeds, tmp_path).article("legacy").title == "Café title"
    assert calls == ["Café title\nThe café “opened” today.\n"]
