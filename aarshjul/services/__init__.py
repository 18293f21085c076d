"""The services: what the secretariat does with items, meetings, people, deadlines and plans.

Each service takes ``(db, ctx)``; none knows about the command line, the web or a report format.
"""
