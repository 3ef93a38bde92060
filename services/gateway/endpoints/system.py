"""Health, readiness, the OpenAPI document and the web app's files."""
from __future__ import annotations

from werkzeug.wrappers import Response

from services.common.config import Settings

from .. import health, links, openapi, schemas, static
from ..http import api, json_response

TAG = "Hệ thống"
API_VERSION = "1.0.0"


class SystemEndpoints:
    _openapi: dict | None = None

    @api("GET", "/healthz", "Tiến trình đang chạy", tag=TAG, auth=False, response=schemas.Health)
    def healthz(self, call):
        return {"status": "ok"}

    @api("GET", "/readyz", "Sẵn sàng phục vụ: kết nối được RabbitMQ, MongoDB và S3", tag=TAG, auth=False,
         response=schemas.Readiness, responses=((503, schemas.Readiness),))
    def readyz(self, call):
        amqp_uri = Settings.from_config(self.config).AMQP_URI
        checks = health.run_checks({
            "broker": lambda: health.check_broker(amqp_uri),
            "mongodb": lambda: health.check_mongo(self.db),
            "s3": lambda: health.check_s3(self.storage),
        })
        ready = all(c["ok"] for c in checks.values())
        body = schemas.Readiness(status="ready" if ready else "unavailable", checks=checks)
        return json_response(body.model_dump_json(), 200 if ready else 503)

    @api("GET", "/openapi.json", "Tài liệu OpenAPI", tag=TAG, auth=False, in_schema=False)
    def openapi_document(self, call):
        if SystemEndpoints._openapi is None:
            SystemEndpoints._openapi = openapi.build(type(self), "Văn phòng điện tử — Gateway API", API_VERSION)
        response = json_response(SystemEndpoints._openapi)
        response.headers["Cache-Control"] = "no-cache"
        return response

    @api("GET", "/", "Ứng dụng web", tag=TAG, auth=False, in_schema=False)
    def web_app(self, call):
        return static.send(call.request, "index.html")

    @api("GET", "/app/<path:path>", "Đường dẫn trong thông báo (e-mail, webhook): mở trang tương ứng",
         tag=TAG, auth=False, in_schema=False, redirect=True)
    def app_link(self, call, path):
        return links.app_page(path)

    @api("GET", "/static/<path:path>", "Tệp tĩnh của ứng dụng web", tag=TAG, auth=False, in_schema=False)
    def static_file(self, call, path):
        return static.send(call.request, path)

    @api("GET", "/favicon.ico", "Biểu tượng", tag=TAG, auth=False, in_schema=False)
    def favicon(self, call):
        return Response(status=204)
