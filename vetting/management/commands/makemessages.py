"""Django's makemessages, also reading the scoring service's words marked with a context
(`vetting.scoring.said.pgettext_noop`: the service is pure, it marks and keeps the English;
pages translate)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=pgettext_noop:1c,2"]
