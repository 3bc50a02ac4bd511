"""An S3 server for the tests: moto in server mode, a real HTTP endpoint on a free port, as MinIO or AWS would be
to the app (boto3 signs and sends every request; nothing is patched inside the process).

``s3_storage`` gives a test a fresh private bucket and makes it the default storage (``UNIONHOME_STORAGE=s3``'s
backend, ``core/storage_s3.py``); ``MEDIA_ROOT`` points at an empty folder that must stay empty: a file written
there instead of the bucket fails the test. Registered for every test in the root conftest."""
from __future__ import annotations

import logging
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

REGION = "us-east-1"
KEY = "testing"  # moto accepts any key; the app's settings pass them as UNIONHOME_S3_ACCESS_KEY_ID / _SECRET_…


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Bucket:
    name: str
    endpoint: str
    client: object
    media_root: Path

    def names(self, prefix: str = "") -> list[str]:
        names = []
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.name, Prefix=prefix):
            names += [o["Key"] for o in page.get("Contents", ())]
        return sorted(names)

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def put(self, key: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.name, Key=key, Body=data)

    def local_files(self) -> list[Path]:
        return [p for p in self.media_root.rglob("*") if p.is_file()] if self.media_root.exists() else []


def storage_settings(bucket: str, endpoint: str) -> dict:
    """What settings.py builds for UNIONHOME_STORAGE=s3 (core/tests/test_storage_s3.py checks they agree)."""
    return {"BACKEND": "unionhome.core.storage_s3.PrivateS3Storage", "OPTIONS": {
        "bucket_name": bucket, "endpoint_url": endpoint, "region_name": REGION, "access_key": KEY,
        "secret_key": KEY, "location": "", "addressing_style": "path", "default_acl": None,
        "querystring_auth": True, "file_overwrite": False, "max_memory_size": 5 * 1024 * 1024}}


@pytest.fixture(scope="session")
def s3_server():
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request in every failure's report
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_storage(s3_server, settings, tmp_path):
    import boto3

    name = f"unionhome-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_server, region_name=REGION, aws_access_key_id=KEY,
                          aws_secret_access_key=KEY)
    client.create_bucket(Bucket=name)
    settings.MEDIA_ROOT = tmp_path / "media-not-used"
    settings.STORAGES = {**settings.STORAGES, "default": storage_settings(name, s3_server)}
    bucket = Bucket(name=name, endpoint=s3_server, client=client, media_root=settings.MEDIA_ROOT)
    yield bucket
    assert bucket.local_files() == []  # every file went to the bucket, none to the disk
