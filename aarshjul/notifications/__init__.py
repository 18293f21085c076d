"""Reminders: which are due, the outbox they are written to, the emails, and their delivery."""
