"""The links notices carry (``/app/...``, in e-mails and webhooks too) as the
web app's pages. The web app's notifications page keeps the same table
(static/js/pages/notifications.js, ``appRoute``)."""
from __future__ import annotations

import re

_ROUTES = [
    (re.compile(r"^incoming/([\w-]+)$"), "/den/{0}"),
    (re.compile(r"^incoming$"), "/den"),
    (re.compile(r"^outgoing/([\w-]+)$"), "/di/{0}"),
    (re.compile(r"^meetings/([\w-]+)/room$"), "/hop/{0}/phong"),
    (re.compile(r"^meetings/([\w-]+)$"), "/hop/{0}"),
    (re.compile(r"^meetings$"), "/hop"),
    (re.compile(r"^reports/([\w.-]+)/([\w-]+)$"), "/bao-cao/{0}/{1}"),
    (re.compile(r"^reports$"), "/bao-cao"),
    (re.compile(r"^notifications/preferences$"), "/thong-bao/cai-dat"),
    (re.compile(r"^notifications$"), "/thong-bao"),
]


def app_page(path: str) -> str:
    """``incoming/abc`` -> ``/#/den/abc``; an unknown path opens the home page."""
    for pattern, page in _ROUTES:
        match = pattern.match(path.strip("/"))
        if match:
            return "/#" + page.format(*match.groups())
    return "/#/"
