"""A SAML identity provider made of a key pair and a template, for the single sign-on
tests: a certificate created at test time, and signed responses (python3-saml's xmlsec
signing) to an AuthnRequest Winnow sent, valid, expired or tampered with as a test asks."""

from __future__ import annotations

import base64
import re
import uuid
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from onelogin.saml2.constants import OneLogin_Saml2_Constants
from onelogin.saml2.utils import OneLogin_Saml2_Utils

TEMPLATE = Path(__file__).resolve().parent / "data" / "saml_response.xml"
ENTITY_ID = "https://idp.northwind.test/saml"
SSO_URL = "https://idp.northwind.test/saml/sso"


@dataclass(frozen=True)
class SamlIdp:
    key_pem: str
    cert_pem: str

    @property
    def cert_body(self) -> str:
        return "".join(self.cert_pem.strip().splitlines()[1:-1])


def make_idp() -> SamlIdp:
    """A fresh RSA key and a self-signed certificate for it, valid for a day."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.northwind.test")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return SamlIdp(key_pem=key_pem, cert_pem=cert.public_bytes(serialization.Encoding.PEM).decode())


def request_id(redirect_url: str) -> str:
    """The ID of the AuthnRequest in an HTTP-Redirect binding URL."""
    encoded = parse_qs(urlparse(redirect_url).query)["SAMLRequest"][0]
    xml = zlib.decompress(base64.b64decode(encoded), -15).decode()
    return re.search(r'ID="([^"]+)"', xml).group(1)


def _instant(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def signed_response(
    idp: SamlIdp,
    *,
    in_response_to: str,
    acs_url: str,
    audience: str,
    email: str,
    groups: list[str],
    first_name: str = "Sam",
    last_name: str = "Lee",
    valid_for: timedelta = timedelta(minutes=5),
) -> str:
    """A SAML Response, signed with the IdP's key, as the base64 the browser posts."""
    now = datetime.now(UTC)
    issued = now if valid_for > timedelta(0) else now + valid_for - timedelta(minutes=5)
    until = now + valid_for
    values = "".join(
        f'<saml:AttributeValue xsi:type="xs:string">{g}</saml:AttributeValue>' for g in groups
    )
    attributes = {"email": [email], "first_name": [first_name], "last_name": [last_name]}
    attribute_xml = "".join(
        f'<saml:Attribute Name="{name}">'
        + "".join(
            f'<saml:AttributeValue xsi:type="xs:string">{v}</saml:AttributeValue>' for v in vs
        )
        + "</saml:Attribute>"
        for name, vs in attributes.items()
    )
    xml = TEMPLATE.read_text().format(
        id1=uuid.uuid4().hex,
        id2=uuid.uuid4().hex,
        id3=uuid.uuid4().hex,
        issued=_instant(issued),
        not_before=_instant(issued - timedelta(minutes=1)),
        until=_instant(until),
        acs_url=acs_url,
        in_response_to=in_response_to,
        issuer=ENTITY_ID,
        email=email,
        audience=audience,
        attributes=attribute_xml,
        groups=values,
    )
    signed = OneLogin_Saml2_Utils.add_sign(
        xml,
        idp.key_pem,
        idp.cert_pem,
        sign_algorithm=OneLogin_Saml2_Constants.RSA_SHA256,
        digest_algorithm=OneLogin_Saml2_Constants.SHA256,
    )
    if isinstance(signed, str):
        signed = signed.encode()
    return base64.b64encode(signed).decode()


def tampered(encoded: str, old: str, new: str) -> str:
    """The same signed response with `old` replaced by `new` after signing."""
    xml = base64.b64decode(encoded).decode()
    assert old in xml
    return base64.b64encode(xml.replace(old, new).encode()).decode()
