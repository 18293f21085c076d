"""States, transitions and services for strategy items, meetings and the audit trail."""
