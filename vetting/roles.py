"""The roles people play in Winnow. Each is a Django group created by migration."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext


class Role(StrEnum):
    PROCUREMENT = "procurement"
    MANAGER = "manager"
    CONSULTANT = "consultant"

    @property
    def label(self) -> str:
        """The English name: SCIM's displayName and the seed's output (machines read it)."""
        return {
            Role.PROCUREMENT: "Procurement",
            Role.MANAGER: "Manager",
            Role.CONSULTANT: "Consultant",
        }[self]

    @property
    def shown_label(self) -> str:
        """The name a page shows, in the reader's language (English: `label`)."""
        return {
            Role.PROCUREMENT: gettext("Procurement"),
            Role.MANAGER: gettext("Manager"),
            Role.CONSULTANT: gettext("Consultant"),
        }[self]
