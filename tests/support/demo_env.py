"""pytest plugin (loaded by `-p` before Django is configured): the tests run under the embedded demo's
settings, as `make run` does, unless DJANGO_DEBUG is set. The settings themselves default to DEBUG off."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")
