"""The WSGI application, for `gongkai serve` (gunicorn) or any other WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
application = get_wsgi_application()


def _data_dir() -> None:
    """The data directory must exist before SQLite opens its database in it (the secret
    key may come from the environment, so nothing else has made it)."""
    from django.conf import settings

    settings.DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)


_data_dir()
