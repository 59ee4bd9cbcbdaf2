"""Django settings, all from environment variables through small strict helpers."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from gongkai.web.env import env_bool, env_list, env_secret, env_str, local_secret

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("GONGKAI_DATA_DIR", str(Path.cwd() / "var")))

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
SESSION_SAVE_EVERY_REQUEST = True  # ... counted from the last request
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}[env_str("GONGKAI_EMAIL", "console")]
EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("GONGKAI_FROM_EMAIL", "gongkai@localhost")
STATICFILES_DIRS = [BASE_DIR / "static"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024  # attachments up to 10 MB (checked in forms)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
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
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
