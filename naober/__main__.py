"""The `naober` console script: every Django management command, plus `naober demo`."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["demo"]:
        # Before Django reads the settings: the second factor is off in the demo, and only there.
        os.environ["NAOBER_DEMO_MODE"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "naober.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Read the settings now: a wrong environment variable is one sentence, not a traceback.
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as error:
        sys.exit(f"naober: {error}")
    execute_from_command_line(["naober", *args])


if __name__ == "__main__":
    main()
