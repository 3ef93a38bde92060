"""The record a service keeps of a file it holds in S3 (embedded in its own
documents): what ``Storage.accept_upload`` checked, who uploaded it and when."""
from mongoengine import DateTimeField, EmbeddedDocument, IntField, StringField

from .clock import iso, utcnow


class Attachment(EmbeddedDocument):
    attachment_id = StringField(required=True)
    name = StringField(required=True)
    key = StringField(required=True)
    size = IntField(required=True)
    sha256 = StringField(required=True)
    content_type = StringField(required=True)
    uploaded_by = StringField()
    uploaded_at = DateTimeField(default=utcnow)

    def as_dict(self, with_time: bool = False) -> dict:
        record = {"attachment_id": self.attachment_id, "name": self.name, "key": self.key, "size": self.size,
                  "sha256": self.sha256, "content_type": self.content_type}
        if with_time:
            record["uploaded_at"] = iso(self.uploaded_at)
        return record
