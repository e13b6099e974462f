# The browser tests' Chromium and axe-core. In a package of their own, so Chromium (package
# scope) is closed before the other accounts tests run.
from tests.browser.conftest import assert_accessible, axe, browser, new_page  # noqa: F401
