"""The default self-assessment, version 1: the five qualifying criteria plus the
social-media-vs-social-marketing distinction. Later work depends on these keys."""

from django.db import migrations

QUESTIONS = [
    {
        "key": "years_social_media",
        "criterion": "experience_social",
        "kind": "number",
        "prompt": "How many years have you been practising social media?",
        "help_text": "Count the years you have used social networks with a purpose: for "
        "yourself, an employer or clients. Whole years, 0 to 50.",
        "min_value": 0,
        "max_value": 50,
    },
    {
        "key": "years_for_clients",
        "criterion": "experience_clients",
        "kind": "number",
        "prompt": "How many of those years were for clients or a business?",
        "help_text": "Only the years you did social media work that a client or employer "
        "relied on. Whole years, 0 to 50.",
        "min_value": 0,
        "max_value": 50,
    },
    {
        "key": "accomplishments",
        "criterion": "accomplishments",
        "kind": "accomplishments",
        "prompt": "What have you accomplished in monetization, PR and database building?",
        "help_text": "List 1 to 10 accomplishments. For each: the area, what you did, the "
        "result you measured (revenue, leads, list growth, coverage), a link to evidence if "
        "you have one, and which of your references can confirm it.",
        "min_items": 1,
        "max_items": 10,
    },
    {
        "key": "business_background",
        "criterion": "business_background",
        "kind": "text",
        "prompt": "What is your business background?",
        "help_text": "The work you did before or beside social media: marketing, PR, sales, "
        "customer service, the businesses you worked in and what you were responsible for.",
        "min_length": 50,
        "max_length": 4000,
    },
    {
        "key": "greatest_accomplishment",
        "criterion": "greatest_accomplishment",
        "kind": "text",
        "prompt": "What is your greatest accomplishment, and how did you achieve it?",
        "help_text": "Tell the story: the starting point, what you did step by step, who was "
        "involved, what went wrong, and the result you measured.",
        "min_length": 50,
        "max_length": 4000,
    },
    {
        "key": "media_vs_marketing",
        "criterion": "media_vs_marketing",
        "kind": "text",
        "prompt": "How do you tell social media from social marketing, and what does the "
        "difference mean for our brief?",
        "help_text": "In your own words, and about this buyer: their market, their goals, "
        "their timing.",
        "min_length": 50,
        "max_length": 4000,
    },
    {
        "key": "first_steps",
        "criterion": "media_vs_marketing",
        "kind": "text",
        "prompt": "What would you do first for us, and who would do the day-to-day community work?",
        "help_text": "Your first weeks, concretely. Say who does what: you, your team, and "
        "our own people.",
        "min_length": 50,
        "max_length": 4000,
    },
]


def create_default(apps, schema_editor):
    Questionnaire = apps.get_model("vetting", "Questionnaire")
    Question = apps.get_model("vetting", "Question")
    if Questionnaire.objects.filter(version=1).exists():
        return
    questionnaire = Questionnaire.objects.create(
        title="Social media consultant self-assessment", version=1, is_default=True
    )
    for position, spec in enumerate(QUESTIONS, start=1):
        Question.objects.create(questionnaire=questionnaire, position=position, **spec)


def remove_default(apps, schema_editor):
    apps.get_model("vetting", "Questionnaire").objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("vetting", "0003_engagements")]

    operations = [migrations.RunPython(create_default, remove_default)]
