"""Rate limits and login lockouts kept in the database, shared by every process."""
