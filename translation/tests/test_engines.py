"""The real DeepL and LibreTranslate clients against local servers that speak their APIs."""

import pytest

from translation.engines import EngineError, available_engines, get_engine


def test_deepl_sends_html_with_auth_header_formality_and_glossary(deepl_server):
    engine = get_engine("deepl")
    result = engine.translate(["<p>Die <b>Entzündung</b></p>"], "de", "en", glossary=[("Knochens", "bone tissue")])
    assert result == ["<p>The <b>inflammation</b></p>"]
    glossary_request, translate_request = deepl_server.requests
    assert glossary_request["path"] == "/v2/glossaries"
    assert glossary_request["json"]["entries"] == "Knochens\tbone tissue"
    assert glossary_request["json"]["entries_format"] == "tsv"
    assert translate_request["headers"]["Authorization"] == "DeepL-Auth-Key test-key:fx"
    body = translate_request["json"]
    assert body["tag_handling"] == "html"
    assert body["source_lang"] == "DE" and body["target_lang"] == "EN"
    assert body["formality"] == "prefer_more"
    assert body["glossary_id"] == "g-1"


def test_deepl_glossary_terms_are_applied_with_one_glossary_per_job(deepl_server):
    engine = get_engine("deepl")
    assert engine.translate(["des Knochens"], "de", "en", glossary=[("Knochens", "bone tissue")]) == [
        "of the bone tissue"
    ]
    assert engine.translate(["Knochens"], "de", "en", glossary=[("Knochens", "bone tissue")]) == ["bone tissue"]
    assert [r["path"] for r in deepl_server.requests].count("/v2/glossaries") == 1


def test_deepl_wrong_key_is_reported_with_deepls_reason(deepl_server, monkeypatch):
    monkeypatch.setenv("MEDLEX_DEEPL_API_KEY", "wrong")
    with pytest.raises(EngineError, match=r"403: authorisation failed .*Wrong endpoint"):
        get_engine("deepl").translate(["Die"], "de", "en")


@pytest.mark.parametrize(
    ("status", "message", "expected"),
    [
        (429, "Too many requests", r"429: too many requests – try again later \(Too many requests\)"),
        (456, "Quota exceeded", r"456: the translation quota is used up \(Quota exceeded\)"),
        (503, "Service unavailable", r"503: Service unavailable"),
        (400, "Value for 'target_lang' not supported.", r"400: Value for 'target_lang' not supported."),
    ],
)
def test_deepl_errors_carry_status_and_reason(deepl_server, status, message, expected):
    deepl_server.fail_with = (status, {"message": message})
    with pytest.raises(EngineError, match=expected):
        get_engine("deepl").translate(["Die"], "de", "en")


def test_deepl_timeout_and_malformed_reply(deepl_server):
    deepl_server.fail_with = "timeout"
    with pytest.raises(EngineError, match="did not answer within 3 seconds"):
        get_engine("deepl").translate(["Die"], "de", "en")
    deepl_server.fail_with = "malformed"
    with pytest.raises(EngineError, match="not valid JSON"):
        get_engine("deepl").translate(["Die"], "de", "en")


def test_libretranslate_sends_html_list_and_key(libretranslate_server):
    result = get_engine("libretranslate").translate(["<p>Die Dosis</p>", "und"], "de", "en")
    assert result == ["<p>The dose</p>", "and"]
    body = libretranslate_server.requests[0]["json"]
    assert body == {
        "q": ["<p>Die Dosis</p>", "und"],
        "source": "de",
        "target": "en",
        "format": "html",
        "api_key": "lt-key",
    }


def test_libretranslate_errors(libretranslate_server, monkeypatch):
    monkeypatch.setenv("MEDLEX_LIBRETRANSLATE_API_KEY", "nope")
    with pytest.raises(EngineError, match="403: Invalid API key"):
        get_engine("libretranslate").translate(["Die"], "de", "en")
    monkeypatch.setenv("MEDLEX_LIBRETRANSLATE_API_KEY", "lt-key")
    libretranslate_server.fail_with = (500, {"error": "Cannot translate text: model not loaded"})
    with pytest.raises(EngineError, match="500: Cannot translate text: model not loaded"):
        get_engine("libretranslate").translate(["Die"], "de", "en")
    libretranslate_server.fail_with = (200, {"translatedText": 42})
    with pytest.raises(EngineError, match="unexpected shape"):
        get_engine("libretranslate").translate(["Die"], "de", "en")
    libretranslate_server.fail_with = "timeout"
    with pytest.raises(EngineError, match="did not answer"):
        get_engine("libretranslate").translate(["Die"], "de", "en")


def test_unreachable_engine_is_reported():
    engine = available_engines({"MEDLEX_LIBRETRANSLATE_URL": "http://127.0.0.1:9", "MEDLEX_TRANSLATION_TIMEOUT": "1"})[
        "libretranslate"
    ]
    with pytest.raises(EngineError, match="could not be reached"):
        engine.translate(["Die"], "de", "en")


def test_no_engine_configured_says_so():
    assert available_engines({}) == {}
    with pytest.raises(EngineError, match="No translation engine is configured"):
        get_engine(environ={})
