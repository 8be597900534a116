"""The starting list of services a consultant can offer or decline (editable in the admin)."""

from django.db import migrations

SERVICES = [
    ("Social marketing strategy", "Target market, timing and message before any platform."),
    ("Audience research and social listening", "What the market says, likes and trusts."),
    ("Community building", "Helping your own people take part in the conversation."),
    ("Day-to-day community management", "Running the community on your behalf."),
    ("Content creation", "Posts, articles, video and images."),
    ("Paid social advertising", "Ads bought on social platforms."),
    ("Influencer and partner outreach", "Working with people your market trusts."),
    ("PR and media relations", "Coverage in press and trade media."),
    ("Email and database building", "Growing and using your own customer lists."),
    ("Measurement and reporting", "Goals, metrics and regular reports."),
    ("Social customer service", "Answering customers where they ask."),
    ("Crisis and reputation management", "Handling bad news openly."),
    ("Training in-house teams", "Teaching your staff to do the work."),
    ("Social selling for sales teams", "Helping sales people use their networks."),
]


def create_services(apps, schema_editor):
    Service = apps.get_model("consultants", "Service")
    for position, (name, description) in enumerate(SERVICES, start=1):
        Service.objects.get_or_create(
            name=name, defaults={"description": description, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("consultants", "0002_initial")]

    operations = [migrations.RunPython(create_services, migrations.RunPython.noop)]
