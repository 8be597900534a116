"""SCIM 2.0 (RFC 7643, RFC 7644) for buyer organisations: an organisation's identity
provider creates, updates and removes its people, and moves them between its roles, at
/scim/v2/<organisation slug>/ with the organisation's bearer token.

- `protocol`: the wire format, without Django's models: the schemas' URNs, errors, list
  responses, filters and PATCH operations read into plain changes.
- `discovery`: ServiceProviderConfig, ResourceTypes and Schemas.
- `auth`: the bearer token (a `ProvisioningToken`, stored as its SHA-256 digest).
- `views`: Users and Groups, asking `vetting.access.provisioning` who the token reaches and
  changing state only through `vetting.services.provisioning`.
"""
