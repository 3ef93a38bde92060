"""Links in notices (/app/...) open the matching page of the web app."""
import pytest

from services.gateway.links import app_page


@pytest.mark.parametrize("path, page", [
    ("incoming/abc-1", "/#/den/abc-1"),
    ("incoming", "/#/den"),
    ("outgoing/d1", "/#/di/d1"),
    ("meetings/m1", "/#/hop/m1"),
    ("meetings/m1/room", "/#/hop/m1/phong"),
    ("reports/CCHC/2026-Q3", "/#/bao-cao/CCHC/2026-Q3"),
    ("notifications/preferences", "/#/thong-bao/cai-dat"),
    ("meetings/m1/../../admin", "/#/"),
    ("nowhere", "/#/"),
])
def test_app_links_open_their_page(path, page):
    assert app_page(path) == page
