"""Where the catalogue's files live by default (settings), for the load command and the tests."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def bundled_files() -> dict[str, Path]:
    """catalogue_load keyword arguments for the configured files (data/ unless overridden)."""
    return {
        "targets_path": settings.NICHERANK_CATALOGUE_PATH,
        "agents_path": settings.NICHERANK_AGENTS_PATH,
        "interactions_path": settings.NICHERANK_INTERACTIONS_PATH,
        "evidence_path": settings.NICHERANK_EVIDENCE_PATH,
        "safety_path": settings.NICHERANK_SAFETY_PATH,
        "essentials_dir": settings.NICHERANK_ESSENTIALS_DIR,
        "publications_path": settings.NICHERANK_PUBLICATIONS_PATH,
    }
