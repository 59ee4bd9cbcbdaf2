"""Operations: what a real installation needs beyond the domain apps.

Shared state that every server process must see (the holiday-schedule version), the log of
reminders sent, the middleware of a deployment behind a reverse proxy (proxy headers, CSP,
session refresh), backup and restore.
"""
