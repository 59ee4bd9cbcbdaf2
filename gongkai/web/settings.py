"""Django settings, all from environment variables through small strict helpers."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from gongkai.web.env import (
    default_data_dir,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_networks,
    env_secret,
    env_str,
    local_secret,
)

BASE_DIR = Path(__file__).resolve().parent
# One data directory (database, secret key, mail files), never the current folder:
# GONGKAI_DATA_DIR, else $XDG_DATA_HOME/gongkai (~/.local/share/gongkai). See docs/deploy.md.
DATA_DIR = default_data_dir()

DEBUG = env_bool("GONGKAI_DEBUG", False)
# Never a shared default key: without GONGKAI_SECRET_KEY(_FILE), a random key is made once
# and kept in the data directory (var/secret_key, mode 600).
SECRET_KEY = env_secret("GONGKAI_SECRET_KEY", default="") or local_secret(DATA_DIR / "secret_key")
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "gongkai.web.accounts",
    "gongkai.web.requests",
    "gongkai.web.portal",
    "gongkai.web.ledger",
    "gongkai.web.appeals",
    "gongkai.web.annual_reports",
    "gongkai.web.review",  # checker: findings of the check before publishing, decisions
    "gongkai.web.ops",  # deploy: shared versions, reminder log, deployment middleware
    "gongkai.web.throttle",  # rate limits and login lockouts, shared by every process
    "gongkai.web.engagement",  # appraisal: 政民互动, 政策解读, activities
    "gongkai.web.appraisal",  # appraisal: 考核指标, scheme, charts
]

# desk: staff users belong to an agency and carry roles (gongkai/web/accounts).
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["gongkai.web.accounts.security.LockoutBackend"]  # 5 failures: 15 min
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "gongkai.web.accounts.security.CharacterClassValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/desk/"
SESSION_COOKIE_AGE = 30 * 60  # idle sessions end after 30 minutes ...
# ... counted from the last request: ops' SessionRefresh pushes the expiry back at most once
# a minute instead of writing the session row on every request (SESSION_SAVE_EVERY_REQUEST).
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = env_choice(
    "GONGKAI_EMAIL",
    {
        "console": "django.core.mail.backends.console.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
    },
    "console",
)
EMAIL_FILE_PATH = DATA_DIR / "mail"
EMAIL_HOST = env_str("GONGKAI_SMTP_HOST", "localhost")  # GONGKAI_EMAIL=smtp
EMAIL_PORT = env_int("GONGKAI_SMTP_PORT", 25)
EMAIL_HOST_USER = env_str("GONGKAI_SMTP_USER", "")
EMAIL_HOST_PASSWORD = env_secret("GONGKAI_SMTP_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("GONGKAI_SMTP_STARTTLS", False)
EMAIL_USE_SSL = env_bool("GONGKAI_SMTP_SSL", False)
EMAIL_TIMEOUT = 10  # a dead mail server: `remind` fails with a message, a web request goes on
DEFAULT_FROM_EMAIL = env_str("GONGKAI_FROM_EMAIL", "gongkai@localhost")
STATICFILES_DIRS = [BASE_DIR / "static"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024  # attachments up to 10 MB (checked in forms)

MIDDLEWARE = [
    "gongkai.web.ops.middleware.ProxyHeaders",  # forwarded headers only from trusted proxies
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # /static/ with DEBUG off, no proxy needed
    "gongkai.web.ops.middleware.ContentSecurityPolicy",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongkai.web.ops.middleware.SessionRefresh",
    "gongkai.web.ops.middleware.SharedCalendar",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gongkai.web.accounts.middleware.AdminOnlyForAdministrators",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gongkai.web.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "gongkai.web.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite that holds an office: WAL lets readers run beside the one writer; a write
    # transaction takes the lock when it begins (IMMEDIATE), so two transactions never both
    # read and then fail to upgrade ("database is locked" without waiting); the busy timeout
    # makes a writer wait its turn instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": env_int("GONGKAI_SQLITE_TIMEOUT", 30),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = None  # whitenoise serves the files where the finders find them:
WHITENOISE_USE_FINDERS = True  # no collectstatic step, nothing to forget after an upgrade
MEDIA_ROOT = DATA_DIR / "media"

# ---------------------------------------------------------------- behind HTTPS and a proxy
# Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto we believe (addresses or CIDR
# networks, comma separated). Empty: the peer address is the client, forwarded headers ignored.
GONGKAI_TRUSTED_PROXIES = env_networks("GONGKAI_TRUSTED_PROXIES")
if GONGKAI_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # ops.ProxyHeaders vets it
HTTPS = env_bool("GONGKAI_HTTPS", False)  # the site is reached over HTTPS only
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("GONGKAI_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("GONGKAI_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("GONGKAI_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("GONGKAI_HSTS_PRELOAD", False)  # a commitment: opt in
CSRF_TRUSTED_ORIGINS = env_list(
    "GONGKAI_CSRF_TRUSTED_ORIGINS",
    [f"https://{host}" for host in ALLOWED_HOSTS if HTTPS and not host.startswith(".")],
)
GONGKAI_CSP = env_str(
    "GONGKAI_CSP",
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'",
)

# Errors with their traceback on stderr (the service's journal), and in a file as well when
# GONGKAI_LOG_FILE is set. Django alone logs nothing with DEBUG off (it mails ADMINS).
_LOG_HANDLERS: dict[str, dict] = {
    "stderr": {"class": "logging.StreamHandler", "formatter": "plain"}
}
if env_str("GONGKAI_LOG_FILE", ""):
    _LOG_HANDLERS["file"] = {
        "class": "logging.handlers.WatchedFileHandler",  # logrotate-friendly
        "filename": env_str("GONGKAI_LOG_FILE", ""),
        "formatter": "plain",
    }
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"}
    },
    "handlers": _LOG_HANDLERS,
    "root": {
        "handlers": list(_LOG_HANDLERS),
        "level": env_choice(
            "GONGKAI_LOG_LEVEL", {v: v for v in ("DEBUG", "INFO", "WARNING", "ERROR")}, "WARNING"
        ),
    },
    "loggers": {
        # 5xx with their traceback; 4xx (bad links, refused posts) are not errors of ours.
        "django.request": {"level": "ERROR"},
        "django.security": {"level": "ERROR"},
    },
}
