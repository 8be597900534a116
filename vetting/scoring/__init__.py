"""The scoring service: pure Python, no Django imports. Tested without a database."""
