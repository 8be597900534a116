"""Test data builders (factory_boy)."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory
from django.contrib.auth.models import Group

from consultants.models import Consultant, Reference, Relationship, Service
from vetting.models import User
from vetting.roles import Role

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **kwargs: Any) -> None:
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Service {n}")


class ConsultantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultant

    name = factory.Faker("name")
    agency = factory.Faker("company")
    email = factory.Sequence(lambda n: f"consultant{n}@agency.example")
    location = "London, UK"
    headline = "Social marketing for software companies"
    business_background = "Ten years in B2B marketing and PR before moving to social."


class ReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reference

    consultant = factory.SubFactory(ConsultantFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"referee{n}@client.example")
    company = factory.Faker("company")
    role = "Head of Marketing"
    relationship = Relationship.CLIENT
    period_from = date(2021, 1, 1)
    period_to = date(2023, 6, 30)
    can_confirm = "Grew qualified leads from social by a third in one year."
    consent_to_contact = True


def consultant_user(**kwargs: Any) -> User:
    """A consultant account with its own profile."""
    user = UserFactory(role=Role.CONSULTANT, **kwargs)
    ConsultantFactory(user=user, name=user.get_full_name(), email=user.email)
    return user
