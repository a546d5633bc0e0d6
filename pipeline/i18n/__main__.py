"""``python -m pipeline.i18n compile``: the message catalogs compiled into the .mo files gettext reads."""
import sys

from pipeline.i18n.translation import compile_catalogs

if sys.argv[1:] == ["compile"]:
    for path in compile_catalogs():
        print(path)
else:
    raise SystemExit("usage: python -m pipeline.i18n compile")
