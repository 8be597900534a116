"""The German and Spanish catalogues are complete: every message the code and the templates
mark is translated, nothing is fuzzy, the placeholders match, and the compiled catalogues
the server reads say the same as the sources."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ("de", "es")
DOMAINS = ("django", "djangojs")  # the pages and emails; the pages' scripts
CATALOGUES = [(code, domain) for code in LANGUAGES for domain in DOMAINS]
# Where messages are marked (what `make messages` reads, less what it ignores).
SOURCES = ("vetting", "consultants", "templates", "static/js")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{\{\s*[\w.]+\s*\}\}|</?\w+")


def catalogue(code: str, domain: str = "django") -> polib.POFile:
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / f"{domain}.po"))


def translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


@pytest.mark.parametrize(("code", "domain"), CATALOGUES)
def test_every_message_is_translated_and_none_is_fuzzy(code, domain):
    po = catalogue(code, domain)
    assert len(po) > (1000 if domain == "django" else 10), "the catalogue holds the interface"
    untranslated = [e.msgid for e in po if not e.obsolete and not all(translations(e))]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags and not e.obsolete]
    assert not untranslated, f"{len(untranslated)} untranslated in {code}: {untranslated[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {code}: {fuzzy[:10]}"
    assert "fuzzy" not in (po.metadata_as_entry().flags or [])
    assert po.metadata["Plural-Forms"].startswith("nplurals=2;")


@pytest.mark.parametrize(("code", "domain"), CATALOGUES)
def test_translations_keep_every_placeholder_and_tag(code, domain):
    wrong = []
    for entry in catalogue(code, domain):
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        expected = sorted(set(PLACEHOLDER.findall(entry.msgid)))
        for text in translations(entry):
            if sorted(set(PLACEHOLDER.findall(text))) != expected and not entry.msgid_plural:
                wrong.append((entry.msgid, text))
        if entry.msgid_plural:
            named = {p for s in sources for p in re.findall(r"%\((\w+)\)", s)}
            for text in translations(entry):
                if not set(re.findall(r"%\((\w+)\)", text)) <= named:
                    wrong.append((entry.msgid, text))
    assert not wrong, f"{len(wrong)} translations change a placeholder or tag: {wrong[:5]}"


@pytest.mark.parametrize(("code", "domain"), CATALOGUES)
def test_the_compiled_catalogue_matches_its_source(code, domain):
    source = {
        (e.msgctxt, e.msgid): tuple(translations(e))
        for e in catalogue(code, domain)
        if not e.obsolete
    }
    compiled = polib.mofile(str(LOCALE / code / "LC_MESSAGES" / f"{domain}.mo"))
    built = {(e.msgctxt, e.msgid): tuple(translations(e)) for e in compiled if e.msgid}
    assert built == {k: v for k, v in source.items() if k[1]}, (
        f"locale/{code}/LC_MESSAGES/{domain}.mo is stale: run make compilemessages"
    )


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (xgettext)")
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_marked_message_is_in_the_catalogues(domain, tmp_path, monkeypatch):
    """What `make messages` would extract now is all in the committed catalogues: a string
    marked without running it (and translating) fails here. (Extracted from a copy of the
    sources, so that the committed catalogues are never touched.)"""
    base = Path(settings.BASE_DIR)
    for part in SOURCES:
        shutil.copytree(base / part, tmp_path / part, ignore=shutil.ignore_patterns("vendor"))
    (tmp_path / "locale" / "de" / "LC_MESSAGES").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[]):
        call_command("makemessages", locale=["de"], domain=domain, verbosity=0)
    extracted = polib.pofile(str(tmp_path / "locale" / "de" / "LC_MESSAGES" / f"{domain}.po"))
    wanted = {(e.msgctxt, e.msgid) for e in extracted}
    assert wanted, "the extraction found the marked messages"
    for code in LANGUAGES:
        have = {(e.msgctxt, e.msgid) for e in catalogue(code, domain) if all(translations(e))}
        missing = sorted(m for _, m in wanted - have)
        assert not missing, (
            f"{len(missing)} marked messages are not translated in {code} "
            f"(make messages, then translate): {missing[:10]}"
        )
