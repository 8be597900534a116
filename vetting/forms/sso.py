"""Forms of single sign-on: an organisation's identity provider settings (its admins'
page), and the sign-in page's "Sign in with your organisation"."""

from __future__ import annotations

import re
from typing import Any

from cryptography import x509
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

from vetting.limits import TextLimits
from vetting.models.sso import Protocol
from vetting.services.sso import group_roles_parse

DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
PEM_BODY = re.compile(r"-----(?:BEGIN|END) CERTIFICATE-----|\s+")


class SsoStartForm(TextLimits, forms.Form):
    who = forms.CharField(
        label=gettext_lazy("Your work email or your organisation's short name"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


def certificate_clean(text: str) -> str:
    """A PEM certificate (or its base64 body alone) as its base64 body, one line, the way
    python3-saml wants it; ValidationError if it is not one."""
    body = PEM_BODY.sub("", text or "")
    if not body:
        return ""
    pem = "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n"
    try:
        x509.load_pem_x509_certificate(pem.encode())
    except ValueError as exc:
        raise forms.ValidationError(_("This is not a PEM certificate.")) from exc
    return body


class SingleSignOnForm(TextLimits, forms.Form):
    enabled = forms.BooleanField(
        label=gettext_lazy("Single sign-on is on"),
        required=False,
        help_text=gettext_lazy("Members may sign in with it."),
    )
    protocol = forms.ChoiceField(label=gettext_lazy("Protocol"), choices=Protocol.choices)
    oidc_issuer = forms.URLField(
        label=gettext_lazy("Issuer (or discovery) URL"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Winnow reads <issuer>/.well-known/openid-configuration."),
    )
    oidc_client_id = forms.CharField(
        label=gettext_lazy("Client ID"), max_length=200, required=False
    )
    oidc_client_secret = forms.CharField(
        label=gettext_lazy("Client secret"),
        max_length=500,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=gettext_lazy("Leave empty to keep the one saved."),
    )
    saml_metadata = forms.CharField(
        label=gettext_lazy("IdP metadata (XML)"),
        max_length=200_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Paste it to fill the three fields below, or fill them yourself."),
    )
    saml_entity_id = forms.CharField(
        label=gettext_lazy("IdP entity ID"), max_length=500, required=False
    )
    saml_sso_url = forms.URLField(
        label=gettext_lazy("IdP single sign-on URL"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    saml_certificate = forms.CharField(
        label=gettext_lazy("IdP signing certificate (PEM)"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    groups_claim = forms.CharField(
        label=gettext_lazy("Groups claim or attribute"),
        max_length=200,
        initial="groups",
        help_text=gettext_lazy("The OIDC claim or SAML attribute listing the person's groups."),
    )
    group_roles = forms.CharField(
        label=gettext_lazy("Groups to roles"),
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "One 'group=role' a line (admin, procurement, manager, reviewer), e.g. "
            "'winnow-admins=admin'. '*=reviewer' gives everyone else a role; without it, "
            "someone in no mapped group is refused. Applied at every sign-in."
        ),
    )
    domains = forms.CharField(
        label=gettext_lazy("Verified email domains"),
        max_length=2_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "One a line or separated by commas: only addresses there get an account "
            "through single sign-on."
        ),
    )
    password_sign_in = forms.BooleanField(
        label=gettext_lazy("Members may also sign in with a password"),
        required=False,
        help_text=gettext_lazy(
            "Off: the password form refuses your members and points them to single "
            "sign-on (staff keep their password)."
        ),
    )

    def __init__(self, *args: Any, has_secret: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.has_secret = has_secret

    def clean_domains(self) -> list[str]:
        found = [d.strip().lower() for d in re.split(r"[\s,;]+", self.cleaned_data["domains"])]
        found = [d.removeprefix("@") for d in found if d]
        wrong = [d for d in found if not DOMAIN.match(d)]
        if wrong:
            raise forms.ValidationError(
                _("Not a domain name: %(domains)s.") % {"domains": ", ".join(wrong)}
            )
        return sorted(set(found))

    def clean_group_roles(self) -> str:
        text = self.cleaned_data["group_roles"].replace("\r\n", "\n").strip()
        try:
            group_roles_parse(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return text

    def clean_saml_certificate(self) -> str:
        return certificate_clean(self.cleaned_data["saml_certificate"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        metadata = (data.get("saml_metadata") or "").strip()
        if metadata:
            self._metadata_read(metadata, data)
        if not data.get("enabled"):
            return data
        if data.get("protocol") == Protocol.OIDC:
            needed = {"oidc_issuer": _("the issuer"), "oidc_client_id": _("the client ID")}
            if not self.has_secret:
                needed["oidc_client_secret"] = _("the client secret")
        else:
            needed = {
                "saml_entity_id": _("the IdP entity ID"),
                "saml_sso_url": _("the single sign-on URL"),
                "saml_certificate": _("the signing certificate"),
            }
        for field, what in needed.items():
            if not data.get(field) and field not in self.errors:
                self.add_error(field, _("Single sign-on needs %(what)s.") % {"what": what})
        if not data.get("domains") and "domains" not in self.errors:
            self.add_error("domains", _("Name one verified domain at least."))
        return data

    def _metadata_read(self, metadata: str, data: dict[str, Any]) -> None:
        try:
            idp = OneLogin_Saml2_IdPMetadataParser.parse(metadata).get("idp", {})
        except Exception:  # the parser raises whatever lxml and its own checks raise
            self.add_error("saml_metadata", _("This is not SAML metadata of an identity provider."))
            return
        cert = idp.get("x509cert") or next(
            iter(idp.get("x509certMulti", {}).get("signing", [])), ""
        )
        data["saml_entity_id"] = idp.get("entityId", "")
        data["saml_sso_url"] = idp.get("singleSignOnService", {}).get("url", "")
        data["saml_certificate"] = PEM_BODY.sub("", cert)
        if not all([data["saml_entity_id"], data["saml_sso_url"], data["saml_certificate"]]):
            self.add_error(
                "saml_metadata",
                _("The metadata lacks an entity ID, a sign-on URL or a certificate."),
            )
