"""A real OpenID Connect provider for the single sign-on tests: django-oauth-toolkit in a
second Django project, run in its own process (`process.py` starts it on a spare port)."""
