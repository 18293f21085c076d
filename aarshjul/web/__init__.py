"""``aarshjul serve``: the read-only web view where leaders look up their deadlines themselves.

:mod:`aarshjul.web.views` builds the Flask application (server-rendered Jinja2 templates, one
small stylesheet, no JavaScript) over the services; :mod:`aarshjul.web.http` holds the HTTP
plumbing every response goes through (security headers, calendar caching, token-free logging);
:mod:`aarshjul.web.links` spells a person's links; :mod:`aarshjul.web.commands` holds the click
commands ``serve`` and ``person link``. Importing this package imports neither Flask nor
SQLAlchemy: the command line registers the commands without paying for them.
"""
