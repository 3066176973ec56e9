"""Ingestion reads a file's origin from its fetch sidecar, and only when it is about it."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from flows.origins import attach_origins, origin
from govguide.dataset.file_outcome import FileOutcome
from govguide.fetch.storage import Sidecar, write_sidecar


def _stored(tmp_path: Path, body: bytes) -> tuple[Path, str]:
    path = tmp_path / "广西" / "a.pdf"
    path.parent.mkdir(parents=True)
    path.write_bytes(body)
    sha = hashlib.sha256(body).hexdigest()
    write_sidecar(
        path,
        Sidecar(
            "http://ybj.example.gov.cn/a.pdf",
            "http://ybj.example.gov.cn/a.pdf",
            "2026-12-01T18:00:00Z",
            sha,
            200,
            '"e1"',
            None,
            "application/pdf",
            "pdf",
        ),
    )
    return path, sha


def test_origin_of_a_fetched_file(tmp_path: Path) -> None:
    path, sha = _stored(tmp_path, b"%PDF-1.4 one")
    assert origin(path, sha) == (
        "http://ybj.example.gov.cn/a.pdf",
        datetime(2026, 12, 1, 18, 0, tzinfo=UTC),
    )


def test_a_file_replaced_by_hand_has_no_origin(tmp_path: Path) -> None:
    path, _ = _stored(tmp_path, b"%PDF-1.4 one")
    path.write_bytes(b"%PDF-1.4 another")
    assert origin(path, hashlib.sha256(b"%PDF-1.4 another").hexdigest()) == (None, None)


def test_attach_clears_what_a_cached_outcome_carried(tmp_path: Path) -> None:
    path, sha = _stored(tmp_path, b"%PDF-1.4 one")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4 two")
    fetched = FileOutcome(rel="广西/a.pdf", sha256=sha, status="extracted")
    by_hand = FileOutcome(
        rel="b.pdf", sha256="0" * 64, status="unchanged", source_url="http://old.example/b.pdf"
    )
    attach_origins([fetched, by_hand], tmp_path)
    assert fetched.source_url == "http://ybj.example.gov.cn/a.pdf"
    assert (by_hand.source_url, by_hand.fetched_at) == (None, None)
