"""Sending on the outside channels: email over SMTP, webhooks as signed JSON.

Each send returns a ``SendResult`` saying whether a failure is worth retrying
(connection problems, SMTP 4xx, HTTP 5xx/429/timeouts) or final (bad address,
HTTP 4xx)."""
from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import time
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr

import requests

from . import domain
from .config import NotificationSettings

SIGNATURE_HEADER = "X-Eoffice-Signature"
TIMESTAMP_HEADER = "X-Eoffice-Timestamp"


@dataclass(frozen=True)
class SendResult:
    ok: bool
    transient: bool = False
    detail: str = ""


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 over "<timestamp>.<body>": the receiver recomputes it with the
    shared secret, and the timestamp lets it refuse old replays."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


class EmailSender:
    def __init__(self, settings: NotificationSettings):
        self.s = settings

    @property
    def enabled(self) -> bool:
        return bool(self.s.SMTP_HOST)

    def send(self, to: str, subject: str, body: str, key: str) -> SendResult:
        if not self.enabled:
            return SendResult(False, False, "SMTP chưa được cấu hình")
        msg = EmailMessage()
        name, addr = parseaddr(self.s.SMTP_FROM)
        msg["From"] = formataddr((name, addr))
        msg["To"] = to
        msg["Subject"] = subject
        # a stable id per delivery lets mail systems drop a copy sent again after a crash
        msg["Message-ID"] = make_msgid(idstring=hashlib.sha1(key.encode()).hexdigest()[:16],
                                       domain=addr.split("@")[-1] or "eoffice")
        msg.set_content(body, charset="utf-8")
        try:
            with smtplib.SMTP(self.s.SMTP_HOST, self.s.SMTP_PORT, timeout=self.s.SMTP_TIMEOUT) as smtp:
                if self.s.SMTP_STARTTLS:
                    smtp.starttls()
                if self.s.SMTP_USERNAME:
                    smtp.login(self.s.SMTP_USERNAME, self.s.SMTP_PASSWORD)
                smtp.send_message(msg)
        except smtplib.SMTPRecipientsRefused as exc:
            code = next(iter(exc.recipients.values()))[0]
            return SendResult(False, domain.is_transient_smtp(code), f"SMTP {code}: người nhận bị từ chối")
        except smtplib.SMTPResponseException as exc:
            return SendResult(False, domain.is_transient_smtp(exc.smtp_code), f"SMTP {exc.smtp_code}: {exc.smtp_error!r}")
        except (OSError, smtplib.SMTPException) as exc:
            return SendResult(False, True, f"SMTP: {exc}")
        return SendResult(True, detail="SMTP đã nhận")


class WebhookSender:
    def __init__(self, settings: NotificationSettings):
        self.timeout = settings.WEBHOOK_TIMEOUT

    def send(self, url: str, secret: str, payload: dict, key: str) -> SendResult:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        timestamp = str(int(time.time()))
        headers = {"Content-Type": "application/json; charset=utf-8", TIMESTAMP_HEADER: timestamp,
                   SIGNATURE_HEADER: sign(secret, timestamp, body), "X-Eoffice-Delivery": key}
        try:
            response = requests.post(url, data=body, headers=headers, timeout=self.timeout)
        except requests.RequestException as exc:
            return SendResult(False, True, f"HTTP: {type(exc).__name__}")
        if 200 <= response.status_code < 300:
            return SendResult(True, detail=f"HTTP {response.status_code}")
        return SendResult(False, domain.is_transient_http(response.status_code), f"HTTP {response.status_code}")
