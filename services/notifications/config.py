"""Settings of the notifications service (on top of the shared ones)."""
from dataclasses import dataclass

from services.common.config import Settings


@dataclass(frozen=True)
class NotificationSettings(Settings):
    # SMTP; an empty host turns email off (email deliveries are then marked failed: "no SMTP")
    SMTP_HOST: str = ""
    SMTP_PORT: int = 25
    SMTP_STARTTLS: bool = False
    SMTP_USERNAME: str = ""
    SMTP_PASSWORD: str = ""
    SMTP_FROM: str = "Văn phòng điện tử <eoffice@localhost>"
    SMTP_TIMEOUT: float = 10.0
    WEBHOOK_TIMEOUT: float = 5.0
    # links in messages point here
    APP_BASE_URL: str = "http://localhost:8000"
    NOTIFY_MAX_ATTEMPTS: int = 6
    NOTIFY_RETRY_BASE: float = 2.0
    NOTIFY_DISPATCH_INTERVAL: float = 1.0
    REMINDER_CHECK_INTERVAL: float = 60.0
    DUE_SOON_HOURS: float = 24.0
    DIGEST_HOUR: int = 17
    MEETING_REMINDER_MINUTES: float = 30.0
