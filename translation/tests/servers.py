"""Local HTTP servers that speak the DeepL v2 and LibreTranslate APIs, for the real clients.

They translate a few German words into English outside ``translate="no"``
spans and keep the markup, as the real services do in HTML mode. A test can
make them fail the way the real services fail (``server.fail_with``).
"""

import json
import re
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# How long the engines' client waits for these servers (MEDLEX_TRANSLATION_TIMEOUT in the
# fixtures): room for a busy machine, and a "timeout" failure outlasts it.
CLIENT_TIMEOUT = 3

WORDS = {
    "Die": "The",
    "ist": "is",
    "eine": "an",
    "Entzündung": "inflammation",
    "des": "of the",
    "Knochens": "bone",
    "und": "and",
    "bei": "in",
    "Kindern": "children",
    "Dosis": "dose",
    "Tag": "day",
}
NO_TRANSLATE = re.compile(r'(<span translate="no"[^>]*>.*?</span>|<[^>]+>)', re.S)


def translate_words(html, extra=None):
    words = dict(WORDS, **(extra or {}))
    parts = NO_TRANSLATE.split(html)
    for index, part in enumerate(parts):
        if part and not part.startswith("<"):
            for source, target in sorted(words.items(), key=lambda item: -len(item[0])):
                part = re.sub(rf"\b{re.escape(source)}\b", target, part)
            parts[index] = part
    return "".join(parts)


class FakeService(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, handler):
        super().__init__(("127.0.0.1", 0), handler)
        self.requests = []
        self.fail_with = None  # (status, body) or "timeout" or "malformed" or "drop-token"
        self.glossaries = {}

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _reply(self, status, body):
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append({"path": self.path, "headers": dict(self.headers), "json": body})
        return body

    def _failure(self):
        failure = self.server.fail_with
        if failure == "timeout":
            time.sleep(CLIENT_TIMEOUT + 2)  # the client has gone
            return True
        if failure == "malformed":
            self._reply(200, "{not json")
            return True
        if isinstance(failure, tuple):
            self._reply(*failure)
            return True
        return False


class DeepLHandler(_Handler):
    def do_POST(self):
        body = self._body()
        if self.headers.get("Authorization") != "DeepL-Auth-Key test-key:fx":
            return self._reply(403, {"message": "Wrong endpoint. Use https://api.deepl.com"})
        if self.path == "/v2/glossaries":
            glossary_id = f"g-{len(self.server.glossaries) + 1}"
            entries = dict(line.split("\t") for line in body["entries"].splitlines())
            self.server.glossaries[glossary_id] = entries
            return self._reply(
                201, {"glossary_id": glossary_id, "name": body["name"], "ready": True, "entry_count": len(entries)}
            )
        if self.path != "/v2/translate" or self._failure():
            return None if self.path == "/v2/translate" else self._reply(404, {"message": "Not found"})
        if body.get("tag_handling") != "html":
            return self._reply(400, {"message": "tag_handling must be html for this test server"})
        glossary = self.server.glossaries.get(body.get("glossary_id"), {})
        texts = [translate_words(text, glossary) for text in body["text"]]
        if self.server.fail_with == "drop-token":
            texts = [re.sub(r'<span translate="no"[^>]*>.*?</span>', "", text, count=1) for text in texts]
        return self._reply(200, {"translations": [{"detected_source_language": "DE", "text": t} for t in texts]})


class LibreTranslateHandler(_Handler):
    def do_POST(self):
        body = self._body()
        if self.path != "/translate":
            return self._reply(404, {"error": "Not found"})
        if self.server.api_key and body.get("api_key") != self.server.api_key:
            return self._reply(403, {"error": "Invalid API key"})
        if self._failure():
            return None
        if body.get("format") != "html":
            return self._reply(400, {"error": "format must be html for this test server"})
        texts = [translate_words(text) for text in body["q"]]
        if self.server.fail_with == "drop-token":
            texts = [re.sub(r'<span translate="no"[^>]*>.*?</span>', "", text, count=1) for text in texts]
        return self._reply(200, {"translatedText": texts})


@contextmanager
def serving(handler, api_key=""):
    server = FakeService(handler)
    server.api_key = api_key
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
