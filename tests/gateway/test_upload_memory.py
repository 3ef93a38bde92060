"""A 1 GB upload streams through the gateway to S3 without growing the
gateway's memory by more than ~50 MB (it reads 8 MB parts, never the file)."""
import hashlib
import http.client
import json

import eventlet
import psutil
import pytest

from .helpers import create_draft

pytestmark = pytest.mark.integration

GIB = 1024 ** 3
CHUNK = 1024 * 1024


@pytest.fixture
def gateway_config(gateway_config):
    return {**gateway_config, "MAX_ATTACHMENT_BYTES": 2 * GIB}


def stream_upload(address: str, token: str, document_id: str, size: int) -> tuple[int, dict, str]:
    """PUT ``size`` bytes of a PDF-looking body, 1 MB at a time from one buffer."""
    host, port = address.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=600)
    conn.putrequest("PUT", f"/api/v1/documents/{document_id}/attachments?filename=ho-so-lon.pdf")
    conn.putheader("Authorization", token)
    conn.putheader("Content-Type", "application/octet-stream")
    conn.putheader("Content-Length", str(size))
    conn.endheaders()
    block = bytearray(b"%PDF-1.7\n".ljust(CHUNK, b"\x00"))
    sha = hashlib.sha256()
    sent = 0
    while sent < size:
        piece = memoryview(block)[:min(CHUNK, size - sent)]
        sha.update(piece)
        conn.send(piece)
        sent += len(piece)
        block[:16] = sent.to_bytes(16, "big")  # not one repeated block: S3 must get real data
    response = conn.getresponse()
    body = json.loads(response.read())
    conn.close()
    return response.status, body, sha.hexdigest()


def test_one_gigabyte_upload_keeps_gateway_memory_flat(as_user, district, gateway_config):
    clerk = as_user(0, "vanthu")
    token = clerk.http.headers["Authorization"]
    address = gateway_config["WEB_SERVER_ADDRESS"]
    draft = create_draft(clerk, district.schools[:1])
    # warm up every code path once, so the measurement sees only the big file
    status, _, _ = stream_upload(address, token, draft["document_id"], 9 * CHUNK)
    assert status == 201

    process = psutil.Process()
    baseline = process.memory_info().rss
    peak = [baseline]
    running = [True]

    def sample():
        while running[0]:
            peak[0] = max(peak[0], process.memory_info().rss)
            eventlet.sleep(0.02)

    sampler = eventlet.spawn(sample)
    try:
        status, body, sha = stream_upload(address, token, draft["document_id"], GIB)
    finally:
        running[0] = False
        sampler.wait()
    assert status == 201, body
    assert body["size"] == GIB and body["sha256"] == sha
    growth_mb = (peak[0] - baseline) / (1024 * 1024)
    print(f"peak RSS growth during a 1 GiB upload: {growth_mb:.1f} MB")
    assert growth_mb < 50
    # clean up the gigabyte
    assert clerk.delete(f"/api/v1/documents/{draft['document_id']}").status_code == 204
