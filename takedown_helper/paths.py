"""Where the bundled templates, static files and data live.

In a source checkout `templates/` and `static/` sit beside the package (the layout the product
card fixes); in an installed wheel they travel inside the package (see pyproject's force-include).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


TEMPLATES_DIR = _bundled("templates")
STATIC_DIR = _bundled("static")
FONTS_DIR = STATIC_DIR / "fonts"
DIRECTORY_DATA_DIR = PACKAGE_DIR / "directory" / "data"
TRANSLATIONS_DIR = PACKAGE_DIR / "translations"
