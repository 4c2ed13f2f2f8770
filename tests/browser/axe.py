"""axe-core in the page: every browser test that checks accessibility asks this one helper."""

from axe_playwright_python.sync_playwright import Axe

axe = Axe()


def assert_no_axe_violations(page):
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
