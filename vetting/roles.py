"""The roles people play in Winnow. Each is a Django group created by migration."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    PROCUREMENT = "procurement"
    MANAGER = "manager"
    CONSULTANT = "consultant"

    @property
    def label(self) -> str:
        return {
            Role.PROCUREMENT: "Procurement",
            Role.MANAGER: "Manager",
            Role.CONSULTANT: "Consultant",
        }[self]
