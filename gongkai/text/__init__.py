"""Checks on plain text shared by the auditor and the checker (framework-free)."""
