"""The REST API (/api/v1/): the same services and the same for_user rules as the pages."""
