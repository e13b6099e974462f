"""The `naober` console script: every Django management command, plus `naober demo`."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "naober.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["naober", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
