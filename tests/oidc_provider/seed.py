"""Registers Winnow as an RS256 client of the test provider and creates its users:
python -m tests.oidc_provider.seed '<json>' (run by process.py with the provider's
settings). The JSON: client_id, client_secret, redirect_uris, users [{username, password,
email, first_name, last_name, groups}]."""

from __future__ import annotations

import json
import sys

import django


def main(spec: dict) -> None:
    django.setup()
    from django.contrib.auth.models import Group, User
    from oauth2_provider.models import Application

    Application.objects.create(
        name="Winnow",
        client_id=spec["client_id"],
        client_secret=spec["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(spec["redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    for person in spec["users"]:
        user = User.objects.create_user(
            username=person["username"],
            password=person["password"],
            email=person["email"],
            first_name=person.get("first_name", ""),
            last_name=person.get("last_name", ""),
        )
        for name in person.get("groups", []):
            user.groups.add(Group.objects.get_or_create(name=name)[0])


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
