"""`naober demo [addrport]`: migrate, load the demo data, create the demo login, serve."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from naober.demo import data
from naober.demo.load import ensure_demo_login, load

DEFAULT_ADDRPORT = "127.0.0.1:8000"


class Command(BaseCommand):
    help = _(
        "Set up the database, load the demo places from the five source documents, create a "
        "demo login for the admin, and start the web server."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport",
            nargs="?",
            default=DEFAULT_ADDRPORT,
            help=_("Address and port to serve on, for example 127.0.0.1:8000."),
        )
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help=_("Load the demo data and stop, without starting the web server."),
        )

    def handle(self, *args, addrport: str, no_serve: bool, **options):
        verbosity = options["verbosity"]
        host, port = _split(addrport)
        self.stdout.write(_("Setting up the database and loading the demo places…"))
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        loaded = load()
        ensure_demo_login()
        self.stdout.write(
            _(
                "Demo data loaded: %(places)d places of %(organisations)d organisations in "
                "%(municipalities)d municipalities."
            )
            % {
                "places": loaded.places,
                "organisations": loaded.organisations,
                "municipalities": loaded.municipalities,
            }
        )
        url = f"http://{host}:{port}/"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_("The guide:   %(url)s") % {"url": url}))
        self.stdout.write(self.style.SUCCESS(_("The admin:   %(url)sbeheer/") % {"url": url}))
        self.stdout.write(
            _("Log in with username %(username)s and password %(password)s (demo only).")
            % {"username": data.DEMO_USERNAME, "password": data.DEMO_PASSWORD}
        )
        self.stdout.write("")
        if no_serve:
            return
        # Without the reloader: it would start this whole command again in a child process,
        # migrating and loading twice.
        call_command("runserver", f"{host}:{port}", use_reloader=False)


def _split(addrport: str) -> tuple[str, str]:
    host, sep, port = addrport.rpartition(":")
    if not sep:
        host, port = "127.0.0.1", addrport
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(
            _("Give the address as 127.0.0.1:PORT with a port from 1 to 65535, not %(value)s.")
            % {"value": addrport}
        )
    return host or "127.0.0.1", port
