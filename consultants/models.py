"""Consultant profiles and the references a consultant names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator, RegexValidator
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from vetting.access import visible_consultants
from vetting.choices import TextChoices
from vetting.i18n import LANGUAGE_CHOICES, default_language

if TYPE_CHECKING:
    from vetting.models import User

phone_validator = RegexValidator(
    r"^\+?[0-9 ()./-]{6,25}$",
    gettext_lazy(
        "Enter a phone number with digits, spaces and an optional leading +, "
        "for example +44 20 7946 0958."
    ),
)


class Service(models.Model):
    """One entry of the fixed (admin-editable) list of services a consultant may offer."""

    name = models.CharField(max_length=80, unique=True)
    description = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ConsultantQuerySet(models.QuerySet["Consultant"]):
    def for_user(self, user: User) -> ConsultantQuerySet:
        """Profiles this user may see: all of them on the buyer side, else only their own
        (`access.visible_consultants`)."""
        return visible_consultants(user, self)

    def search(self, text: str) -> ConsultantQuerySet:
        text = text.strip()
        if not text:
            return self
        query = Q()
        for word in text.split()[:8]:
            query &= (
                Q(name__icontains=word)
                | Q(agency__icontains=word)
                | Q(headline__icontains=word)
                | Q(location__icontains=word)
            )
        return self.filter(query)

    def with_reference_counts(self) -> ConsultantQuerySet:
        return self.annotate(reference_count=Count("references", distinct=True))


class Consultant(models.Model):
    """A vendor's profile: one person or an agency offering social media services."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultant",
        help_text=gettext_lazy(
            "The account that keeps this profile, if the consultant has signed up."
        ),
    )
    name = models.CharField(max_length=120)
    agency = models.CharField(
        max_length=120, blank=True, help_text=gettext_lazy("Leave empty if you work on your own.")
    )
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=30, blank=True, validators=[phone_validator])
    website = models.URLField(max_length=300, blank=True)
    location = models.CharField(
        max_length=120, blank=True, help_text=gettext_lazy("City and country.")
    )
    # Buyer organisations see a profile once the consultant has accepted one of their
    # invitations, or when the consultant makes it discoverable to every buyer.
    discoverable = models.BooleanField(
        default=False,
        help_text=gettext_lazy("Let every buyer organisation find this profile in its directory."),
    )
    headline = models.CharField(
        max_length=160,
        blank=True,
        help_text=gettext_lazy(
            "One line a buyer reads first, for example "
            "“Social marketing for B2B software, 9 years, ex-PR”."
        ),
    )
    business_background = models.TextField(
        max_length=2000,
        blank=True,
        help_text=gettext_lazy(
            "Your background beyond social platforms: marketing, PR, sales, customer "
            "service, the businesses you worked in."
        ),
    )
    services_offered = models.ManyToManyField(
        Service,
        blank=True,
        related_name="offered_by",
        verbose_name=gettext_lazy("services I offer"),
    )
    services_not_offered = models.ManyToManyField(
        Service,
        blank=True,
        related_name="declined_by",
        verbose_name=gettext_lazy("services I do not offer"),
        help_text=gettext_lazy("Credible vendors say clearly what they will not do."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: bumped on every save through the services.
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(m2m_fields=[services_offered, services_not_offered])

    # What the consultant edits on their profile form (the two service lists aside).
    EDITABLE_FIELDS = (
        "name",
        "agency",
        "headline",
        "email",
        "phone",
        "website",
        "location",
        "business_background",
    )

    objects = ConsultantQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(Lower("name"), name="consultant_name_ci")]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})" if self.agency else self.name

    def get_absolute_url(self) -> str:
        return reverse("consultants:detail", args=[self.pk])


class Relationship(TextChoices):
    CLIENT = "client", gettext_lazy("Client")
    EMPLOYER = "employer", gettext_lazy("Employer")
    PEER = "peer", gettext_lazy("Peer or partner")


class ReferenceQuerySet(models.QuerySet["Reference"]):
    def for_user(self, user: User) -> ReferenceQuerySet:
        return self.filter(consultant__in=Consultant.objects.for_user(user))


class Reference(models.Model):
    """A person the consultant names who can vouch for their work."""

    consultant = models.ForeignKey(Consultant, on_delete=models.CASCADE, related_name="references")
    name = models.CharField(max_length=120)
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=30, blank=True, validators=[phone_validator])
    company = models.CharField(max_length=120)
    role = models.CharField(
        gettext_lazy("their role"),
        max_length=120,
        help_text=gettext_lazy("For example Head of Marketing."),
    )
    relationship = models.CharField(
        max_length=10, choices=Relationship.choices, default=Relationship.CLIENT
    )
    period_from = models.DateField(gettext_lazy("worked together from"))
    period_to = models.DateField(
        gettext_lazy("until"),
        null=True,
        blank=True,
        help_text=gettext_lazy("Leave empty if you still work together."),
    )
    can_confirm = models.TextField(
        gettext_lazy("what they can confirm"),
        max_length=1000,
        validators=[MinLengthValidator(20)],
        help_text=gettext_lazy("The work and results this person saw first-hand."),
    )
    # The language this person is written to in, and their reference form is shown in.
    language = models.CharField(
        gettext_lazy("language to contact them in"),
        max_length=10,
        choices=LANGUAGE_CHOICES,
        default=default_language,
        help_text=gettext_lazy("Their email and reference form are in this language."),
    )
    consent_to_contact = models.BooleanField(
        gettext_lazy("they agreed to be contacted"),
        default=False,
        help_text=gettext_lazy(
            "Tick only if this person agreed to answer a reference form or a call."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    EDITABLE_FIELDS = (
        "name",
        "email",
        "phone",
        "company",
        "role",
        "relationship",
        "period_from",
        "period_to",
        "can_confirm",
        "language",
        "consent_to_contact",
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["consultant", "-period_from", "pk"]
        constraints = [
            models.UniqueConstraint(
                "consultant",
                Lower("email"),
                name="reference_email_unique_per_consultant",
                violation_error_message=gettext_lazy(
                    "You already named a reference with this email address."
                ),
            ),
            models.CheckConstraint(
                condition=Q(period_to__isnull=True) | Q(period_to__gte=models.F("period_from")),
                name="reference_period_in_order",
                violation_error_message=gettext_lazy(
                    "The end of the period must be after its start."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.role} at {self.company}"

    def clean(self) -> None:
        if self.period_from and self.period_to and self.period_to < self.period_from:
            raise ValidationError(
                {"period_to": _("The end of the period must be after its start.")}
            )

    @property
    def is_ongoing(self) -> bool:
        return self.period_to is None
