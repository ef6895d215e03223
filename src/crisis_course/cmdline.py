"""One helper for the subcommands' argparse boilerplate.

Every module that contributes a ``crisis-course`` subcommand calls :func:`add_command` from its
``register(subparsers)``: the name, the function, the help and description, and the options most
commands share (``--output``, ``--lessons-dir``, ``--timeout``, ``--jobs``, ``--quiet``), each
switched on by one keyword. Options of only one command are added to the returned parser as usual.
"""
from __future__ import annotations

import argparse
import sys

__all__ = ["add_command", "fail"]


def add_command(subparsers, name: str, func, *, help: str, description: str | None = None,
                output: str | None = None, output_help: str | None = None, lessons_dir: str | None = None,
                timeout: str | None = None, jobs: str | None = None, quiet: str | None = None,
                formatter_class=None) -> argparse.ArgumentParser:
    """Add subcommand ``name`` running ``func(args)``; return its parser for further options.

    ``output``: the default output folder (adds ``--output/-o DIR``); ``lessons_dir``, ``timeout``,
    ``jobs``, ``quiet``: the help text of ``--lessons-dir DIR``, ``--timeout S``, ``--jobs/-j N`` and
    ``--quiet/-q`` (None leaves the option out)."""
    kwargs = {"formatter_class": formatter_class} if formatter_class else {}
    p = subparsers.add_parser(name, help=help, description=description or help, **kwargs)
    if output is not None:
        p.add_argument("--output", "-o", default=output, metavar="DIR",
                       help=output_help or f"output folder (default: {output})")
    if lessons_dir is not None:
        p.add_argument("--lessons-dir", metavar="DIR", help=lessons_dir)
    if timeout is not None:
        p.add_argument("--timeout", type=int, default=300, metavar="S", help=timeout)
    if jobs is not None:
        p.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help=jobs)
    if quiet is not None:
        p.add_argument("--quiet", "-q", action="store_true", help=quiet)
    p.set_defaults(func=func)
    return p


def fail(message: str) -> int:
    """Print ``error: message`` on stderr; the exit status 1 for ``return fail(...)``."""
    print(f"error: {message}", file=sys.stderr)
    return 1
