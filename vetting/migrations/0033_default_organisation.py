"""The upgrade to organisations: every existing buyer-side person (procurement, managers)
joins one default organisation with their role, every existing round and buyer's template
belongs to it, and every existing consultant stays findable in the directory (there was one
shared directory before: making them discoverable keeps what buyers could see)."""

from django.db import migrations

DEFAULT_SLUG = "default"


def forwards(apps, schema_editor):
    Organisation = apps.get_model("vetting", "Organisation")
    Membership = apps.get_model("vetting", "Membership")
    Engagement = apps.get_model("vetting", "Engagement")
    Questionnaire = apps.get_model("vetting", "Questionnaire")
    User = apps.get_model("vetting", "User")
    Consultant = apps.get_model("consultants", "Consultant")
    buyers = User.objects.filter(groups__name__in=["procurement", "manager"]).distinct()
    engagements = Engagement.objects.all()
    if not (buyers.exists() or engagements.exists()):
        Consultant.objects.update(discoverable=True)
        return  # a new installation: organisations are made as people sign up
    default, _ = Organisation.objects.get_or_create(
        slug=DEFAULT_SLUG, defaults={"name": "Default organisation"}
    )
    for user in buyers:
        groups = set(user.groups.values_list("name", flat=True))
        role = "procurement" if "procurement" in groups else "manager"
        Membership.objects.get_or_create(organisation=default, user=user, defaults={"role": role})
    engagements.filter(organisation__isnull=True).update(organisation=default)
    Questionnaire.objects.filter(owner__isnull=False, organisation__isnull=True).update(
        organisation=default
    )
    Consultant.objects.update(discoverable=True)


class Migration(migrations.Migration):
    dependencies = [
        ("vetting", "0032_organisations"),
        ("consultants", "0004_organisations"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
