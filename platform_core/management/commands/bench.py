"""Run the project's benchmarks and print their figures in one table (``make bench``).

    python manage.py bench [--quick] [--only bench_fanout ...]

Each benchmark's full output goes to ``$VAR_DIR/bench/<name>.txt``; the table gathers the figures each
keeps (platform_core.bench.BenchCommand). Every benchmark rolls its data back. Use PostgreSQL for figures
worth comparing; on this project's 2-core machine one run takes a few minutes (``--quick``: smaller sizes).
"""

import time

from django.conf import settings
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import BaseCommand
from django.db import connection

from platform_core.bench import MARKS

# name, options, the smaller options of --quick
BENCHMARKS = [
    ("bench_threads", {"posts": 10_000, "repeat": 15}, {"posts": 1_000, "repeat": 5}),
    ("bench_fanout", {"audience": 10_000}, {"audience": 2_000, "repeat": 5}),
    ("bench_notifications", {"users": 10_000}, {"users": 2_000}),
    ("bench_pages", {}, {"quick": True}),
]


class Command(BaseCommand):
    help = "Run the benchmarks (threads, fan-out, notifications, pages) and print one table of figures."

    def add_arguments(self, parser):
        parser.add_argument("--quick", action="store_true", help="Smaller sizes: a smoke run, not figures.")
        parser.add_argument("--only", nargs="*", default=None, help="Run only these benchmarks.")

    def handle(self, *args, quick, only, **options):
        folder = settings.VAR_DIR / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        commands = get_commands()
        rows = []
        for name, full, small in BENCHMARKS:
            if only and name not in only:
                continue
            if name not in commands:
                continue
            command = load_command_class(commands[name], name)
            started = time.perf_counter()
            with open(folder / f"{name}.txt", "w") as out:
                call_command(command, stdout=out, **(small if quick else full))
            self.stderr.write(
                f"{name}: {time.perf_counter() - started:.0f} s, details in {folder / name}.txt"
            )
            rows.extend((name, *row) for row in getattr(command, "results", []))
        self.stdout.write(f"\nBenchmarks on {connection.vendor}{' (quick)' if quick else ''}:\n")
        self.stdout.write(f"{'benchmark':<20} {'measure':<46} {'figure':>36}   goal")
        for name, measure, figure, goal, met in rows:
            self.stdout.write(f"{name:<20} {measure:<46} {figure:>36}   {goal}{MARKS[met]}")
        missed = sum(met is False for *_rest, met in rows)
        self.stdout.write(f"\n{len(rows)} figures, {missed} short of their goal.")
