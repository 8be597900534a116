"""Object rules for profiles and references, registered with django-rules. The rules
themselves live in the access layer (`vetting.access`)."""

from __future__ import annotations

import rules

from vetting.access.objects import owns_profile
from vetting.access.roles import is_buyer_side, is_staff

rules.add_perm("consultants.view_directory", is_buyer_side)
rules.add_perm("consultants.view_consultant", is_buyer_side | owns_profile)
rules.add_perm("consultants.change_consultant", owns_profile | is_staff)
rules.add_perm("consultants.view_consultant_history", is_buyer_side | owns_profile)
