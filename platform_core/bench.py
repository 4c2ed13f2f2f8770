"""What the benchmark commands share: each figure is printed as it comes and kept, so ``manage.py bench``
(``make bench``) can gather every benchmark's figures into one table."""

from django.core.management.base import BaseCommand

MARKS = {True: " ✓", False: " ✗", None: ""}


class BenchCommand(BaseCommand):
    """A benchmark command. ``result(measure, figure, goal, met)`` prints a row and keeps it in
    ``results``; ``met`` is True or False against the goal, None when the row has no goal."""

    def execute(self, *args, **options):
        self.results: list[tuple[str, str, str, bool | None]] = []
        return super().execute(*args, **options)

    def result(self, measure: str, figure: str, goal: str = "", met: bool | None = None) -> None:
        self.results.append((measure, figure, goal, met))
        self.stdout.write(f"{measure:<46} {figure:>36}   {goal}{MARKS[met]}")
