"""An organisation's single sign-on: the identity provider its people sign in with (OpenID
Connect or SAML 2.0), and how the provider's groups map to roles in the organisation.

django-allauth runs the protocols; `vetting.sso_adapter` hands it one app per configured
organisation, built from these rows (`as_social_app`), so an organisation's admin edits
them on a page and nothing is configured in settings. The client secret is kept for the
token request and never shown back in full (`secret_hint`), nor kept in the history.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from vetting.choices import TextChoices
from vetting.models.organisations import Organisation

OIDC_PROVIDER = "openid_connect"  # django-allauth's provider ids
SAML_PROVIDER = "saml"


class Protocol(TextChoices):
    OIDC = "oidc", gettext_lazy("OpenID Connect")
    SAML = "saml", gettext_lazy("SAML 2.0")


# The settings an organisation's admin gives and the page shows back (never the client
# secret: it is written only when a new one is typed): the form's page and the service
# that saves it read this one list.
SSO_FIELDS = (
    "enabled",
    "protocol",
    "oidc_issuer",
    "oidc_client_id",
    "saml_entity_id",
    "saml_sso_url",
    "saml_certificate",
    "groups_claim",
    "group_roles",
)


class SingleSignOnQuerySet(models.QuerySet):
    def usable(self) -> SingleSignOnQuerySet:
        """Switched on, with what its protocol needs to start a sign-in."""
        oidc = (
            models.Q(protocol=Protocol.OIDC)
            & ~models.Q(oidc_issuer="")
            & ~models.Q(oidc_client_id="")
        )
        saml = (
            models.Q(protocol=Protocol.SAML)
            & ~models.Q(saml_entity_id="")
            & ~models.Q(saml_sso_url="")
            & ~models.Q(saml_certificate="")
        )
        return self.filter(oidc | saml, enabled=True).select_related("organisation")


class SingleSignOn(models.Model):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="single_sign_on"
    )
    enabled = models.BooleanField(default=False)
    protocol = models.CharField(max_length=4, choices=Protocol.choices, default=Protocol.OIDC)
    # OpenID Connect: the issuer (its /.well-known/openid-configuration is read) and the
    # client registered there.
    oidc_issuer = models.URLField(max_length=500, blank=True)
    oidc_client_id = models.CharField(max_length=200, blank=True)
    oidc_client_secret = models.CharField(max_length=500, blank=True)
    # SAML 2.0: the identity provider's entity id, its single sign-on URL (HTTP-Redirect)
    # and the certificate its assertions are signed with (PEM).
    saml_entity_id = models.CharField(max_length=500, blank=True)
    saml_sso_url = models.URLField(max_length=500, blank=True)
    saml_certificate = models.TextField(blank=True)
    # The claim (OIDC) or attribute (SAML) that lists the person's groups, and one
    # "group=role" a line; "*=role" gives everyone else a role, without it they are refused.
    groups_claim = models.CharField(max_length=200, default="groups")
    group_roles = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SingleSignOnQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["oidc_client_secret"])

    class Meta:
        verbose_name = gettext_lazy("single sign-on")

    def __str__(self) -> str:
        return f"Single sign-on of {self.organisation}"

    @property
    def secret_hint(self) -> str:
        """What the page shows of the client secret: that there is one, and its end."""
        secret = self.oidc_client_secret
        if not secret:
            return ""
        return "••••" + (secret[-4:] if len(secret) >= 12 else "")

    def as_social_app(self) -> Any:
        """The django-allauth app for this organisation (not saved: allauth reads it from
        the adapter). Its provider id is the organisation's slug, which names the URLs."""
        from allauth.socialaccount.models import SocialApp

        slug = self.organisation.slug
        if self.protocol == Protocol.OIDC:
            return SocialApp(
                provider=OIDC_PROVIDER,
                provider_id=slug,
                name=self.organisation.name,
                client_id=self.oidc_client_id,
                secret=self.oidc_client_secret,
                settings={
                    "server_url": self.oidc_issuer.rstrip("/"),
                    "oauth_pkce_enabled": True,
                },
            )
        return SocialApp(
            provider=SAML_PROVIDER,
            provider_id=slug,
            name=self.organisation.name,
            client_id=slug,
            settings={
                "idp": {
                    "entity_id": self.saml_entity_id,
                    "sso_url": self.saml_sso_url,
                    "x509cert": self.saml_certificate,
                },
                "attribute_mapping": {
                    "uid": ["uid", "urn:oasis:names:tc:SAML:attribute:subject-id"],
                    "email": [
                        "email",
                        "urn:oid:0.9.2342.19200300.100.1.3",
                        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
                    ],
                    "first_name": [
                        "first_name",
                        "urn:oid:2.5.4.42",
                        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
                    ],
                    "last_name": [
                        "last_name",
                        "urn:oid:2.5.4.4",
                        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
                    ],
                },
                "use_nameid_for_email": False,
                "advanced": {
                    "strict": True,
                    # The response or its assertion must be signed (python3-saml refuses
                    # an unsigned one in strict mode); IdPs differ in which they sign.
                    "want_assertion_signed": False,
                    "reject_idp_initiated_sso": True,
                    # Winnow may run at http://localhost (make run): its own URLs are valid.
                    "allow_single_label_domains": True,
                },
            },
        )
