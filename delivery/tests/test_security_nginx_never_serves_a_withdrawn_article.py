"""What an editor corrects, withdraws or deletes is gone from the nginx in front at once.

Anonymous article pages are public, and nginx as deploy/nginx.conf sets it up keeps
them for minutes. A publish, unpublish, slug change or delete purges every copy that
shows the article (delivery.purging): the article in both languages, the articles
that list it as related. So the next anonymous reader through nginx gets exactly
what the app serves, not the withdrawn page. Runs gunicorn behind the documented
nginx; the changes are made the way an editor's actions make them, through Django
in a process of its own.
"""

import http.client
from types import SimpleNamespace

import pytest

from medlex.testing import free_port, production_env, running_nginx, running_server

PURGE_PORT = free_port()
PRODUCTION = production_env(MEDLEX_PURGE_URL=f"http://127.0.0.1:{PURGE_PORT}")


@pytest.fixture(scope="module")
def site():
    with running_server(PRODUCTION, gunicorn=True) as server, running_nginx(server) as url:
        yield SimpleNamespace(server=server, nginx_port=int(url.rsplit(":", 1)[1]))


def get(port, path, host=None):
    """An anonymous GET: status, the X-Cache-Status nginx reports (None from the app itself), body.

    ``host``: the Host header, where it must be the one nginx passes on (``$host``, without
    the port), since pages name their own address at the host they were asked for.
    """
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": host} if host else {})
        response = connection.getresponse()
        return response.status, response.getheader("X-Cache-Status"), response.read()
    finally:
        connection.close()


def warm(site, *paths):
    """Have nginx keep each path, and check that it serves it from its cache."""
    for path in paths:
        get(site.nginx_port, path)
        status, cache_status, _ = get(site.nginx_port, path)
        assert (status, cache_status) == (200, "HIT"), f"nginx does not keep {path}: {status} {cache_status}"


def assert_nginx_serves_what_the_app_serves(site, *paths):
    for path in paths:
        through_nginx = get(site.nginx_port, path)
        from_the_app = get(site.server.port, path, host="127.0.0.1")
        assert through_nginx[0] == from_the_app[0], (
            f"{path}: nginx answered {through_nginx[0]}, the app {from_the_app[0]}"
        )
        assert through_nginx[2] == from_the_app[2], f"{path}: nginx still serves an old page"


def change(site, slug, code):
    """Run ``code`` on the live article ``page`` with ``slug``, as an editor's action would."""
    site.server.shell(
        f"from articles.models import ArticlePage\npage = ArticlePage.objects.live().get(slug={slug!r})\n{code}"
    )


def test_an_edited_article_is_served_through_nginx_at_once_in_both_languages_and_where_it_is_listed(site):
    paths = ["/de/cno-syndrom/", "/en/cno-syndrome/", "/de/sapho-syndrom/", "/de/pustulosis-palmoplantaris/"]
    warm(site, *paths)
    change(site, "cno-syndrom", "page.title = 'CNO-Syndrom (überarbeitet)'\npage.save_revision().publish()")
    assert "CNO-Syndrom (überarbeitet)".encode() in get(site.nginx_port, "/de/cno-syndrom/")[2]
    assert (
        "CNO-Syndrom (überarbeitet)".encode() in get(site.nginx_port, "/de/sapho-syndrom/")[2]
    )  # its related articles
    assert_nginx_serves_what_the_app_serves(site, *paths)


def test_an_unpublished_article_is_gone_from_nginx_at_once_and_from_the_pages_linking_to_it(site):
    paths = ["/en/sapho-syndrome/", "/de/sapho-syndrom/", "/en/cno-syndrome/", "/en/palmoplantar-pustulosis/"]
    warm(site, *paths)
    change(site, "sapho-syndrome", "page.unpublish()")
    status, _, body = get(site.nginx_port, "/en/sapho-syndrome/")
    assert status == 404 and b"SAPHO syndrome" not in body
    assert b"/en/sapho-syndrome/" not in get(site.nginx_port, "/en/cno-syndrome/")[2]
    assert_nginx_serves_what_the_app_serves(site, *paths)


def test_a_deleted_article_is_gone_from_nginx_at_once(site):
    paths = ["/de/langerhans-zell-histiozytose/", "/en/langerhans-cell-histiocytosis/", "/de/ewing-sarkom/"]
    warm(site, *paths)
    change(site, "langerhans-zell-histiozytose", "page.delete()")
    assert get(site.nginx_port, "/de/langerhans-zell-histiozytose/")[0] == 404
    assert b"/de/langerhans-zell-histiozytose/" not in get(site.nginx_port, "/de/ewing-sarkom/")[2]
    assert_nginx_serves_what_the_app_serves(site, *paths)


def test_an_article_given_a_new_address_is_gone_from_nginx_under_the_old_one(site):
    warm(site, "/en/ewing-sarcoma/", "/de/ewing-sarkom/")
    change(site, "ewing-sarcoma", "page.slug = 'ewing-sarcoma-of-bone'\npage.save_revision().publish()")
    assert get(site.nginx_port, "/en/ewing-sarcoma/")[0] != 200
    assert b"/en/ewing-sarcoma-of-bone/" in get(site.nginx_port, "/de/ewing-sarkom/")[2]
    assert_nginx_serves_what_the_app_serves(
        site, "/en/ewing-sarcoma/", "/en/ewing-sarcoma-of-bone/", "/de/ewing-sarkom/"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/de/",  # lists every article
        "/en/",
        "/de/akute-haematogene-osteomyelitis/?utm_source=x",  # keys no purge would name
        "/de/akute-haematogene-osteomyelitis/?",
        "/de/akute-haematogene-osteomyelitis/?/../",
        "/de/%61kute-haematogene-osteomyelitis/",
        "/de//akute-haematogene-osteomyelitis/",
        "/de/./akute-haematogene-osteomyelitis/",
        "/de/x/../akute-haematogene-osteomyelitis/",
    ],
)
def test_nginx_keeps_no_page_that_a_purge_would_not_reach(site, path):
    for _ in range(2):
        status, cache_status, _ = get(site.nginx_port, path)
        assert cache_status != "HIT", f"nginx keeps {path} ({status})"


def test_a_reader_cannot_purge_through_the_public_server(site):
    """Purges are taken only on the loopback purge server; the public one passes PURGE to the app, which refuses it."""
    path = "/de/akute-haematogene-osteomyelitis/"
    warm(site, path)
    connection = http.client.HTTPConnection("127.0.0.1", site.nginx_port, timeout=30)
    try:
        connection.request("PURGE", path)
        assert connection.getresponse().status >= 400
    finally:
        connection.close()
    assert get(site.nginx_port, path)[1] == "HIT"
