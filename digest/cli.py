"""The command line: parses options, calls one function per command, maps errors to exit codes."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from digest import __version__
from digest.build import build_issue, today, write_issue
from digest.config import Config, InputSpec, load_config
from digest.config.inputs import BadInput, parse_string
from digest.errors import DigestError, InputError
from digest.exitcodes import ExitCode

log = logging.getLogger("digest")

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Handler(logging.Handler):
    """Log records as one line on stderr: warnings prefixed, info plain."""

    def emit(self, record: logging.LogRecord) -> None:
        prefix = "Warning: " if record.levelno == logging.WARNING else ""
        prefix = "Error: " if record.levelno >= logging.ERROR else prefix
        click.echo(f"{prefix}{record.getMessage()}", err=True)


def _setup_logging(verbose: int, quiet: bool) -> None:
    logger = logging.getLogger("digest")
    logger.handlers[:] = [_Handler()]
    logger.propagate = False
    level = logging.ERROR if quiet else logging.DEBUG if verbose > 1 else logging.INFO
    logger.setLevel(level if verbose or quiet else logging.WARNING)


def _verbosity(f: Any) -> Any:
    """Add -v/-q to a command; they set the logger and never reach the command function."""

    def set_verbose(ctx: click.Context, param: click.Parameter, value: int) -> None:
        if value:
            ctx.meta["digest.verbose"] = ctx.meta.get("digest.verbose", 0) + value
            _setup_logging(ctx.meta["digest.verbose"], False)

    def set_quiet(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value:
            _setup_logging(0, True)

    f = click.option(
        "-v", "--verbose", count=True, expose_value=False, callback=set_verbose,
        help="Say more; show tracebacks on errors.",
    )(f)  # fmt: skip
    return click.option(
        "-q", "--quiet", is_flag=True, expose_value=False, callback=set_quiet,
        help="Only show errors.",
    )(f)  # fmt: skip


def _config_option(f: Any) -> Any:
    return click.option(
        "-c", "--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
        default=None, help="Configuration file [default: ./config.yaml if present].",
    )(f)  # fmt: skip


def _date_option(f: Any) -> Any:
    return click.option(
        "--date", "date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
        metavar="YYYY-MM-DD",
        help="Issue date, YYYY-MM-DD [default: today in the configured timezone].",
    )(f)  # fmt: skip


def _inputs_option(f: Any) -> Any:
    return click.option(
        "-i", "--input", "inputs", multiple=True, metavar="PATH|URL",
        help="Input file or folder (read recursively), feed URL or imap(s):// folder URL; "
        "repeatable [default: config 'inputs'].",
    )(f)  # fmt: skip


def _memory_option(f: Any) -> Any:
    return click.option(
        "--no-memory", "no_memory", is_flag=True,
        help="Leave nothing out that earlier issues carried, and mark no follow-ups (this "
        "build only; what it carries is still recorded).",
    )(f)  # fmt: skip


def _force_option(f: Any) -> Any:
    return click.option(
        "--force", is_flag=True,
        help="Send even if a pre-send check fails (see 'digest check').",
    )(f)  # fmt: skip


def load(config_file: Path | None) -> Config:
    """Load the configuration, or the defaults when there is no file."""
    return load_config(config_file)


def issue_date(config: Config, value: dt.datetime | None) -> dt.date:
    """Return the ``--date`` given, or today in the configured timezone."""
    return value.date() if value else today(config)


def input_specs(values: Sequence[str]) -> list[InputSpec]:
    """Parse ``-i`` values (paths relative to the working folder); fail naming a bad one."""
    specs = []
    for value in values:
        try:
            specs.append(parse_string(value, Path.cwd()))
        except BadInput as bad:
            raise click.BadParameter(str(bad), param_hint="'-i' / '--input'") from None
    return specs


def check_inputs(specs: Sequence[InputSpec]) -> list[InputSpec]:
    """Fail with one line naming the first input path that does not exist."""
    for spec in specs:
        if spec.kind == "path" and not spec.path.exists():
            raise InputError(f"input path '{spec.label}' does not exist")
    return list(specs)


def progress() -> Callable[[int, int, str], None] | None:
    """Return a one-line progress display for fetches on a terminal; none under cron or -q."""
    if not sys.stderr.isatty() or log.getEffectiveLevel() >= logging.ERROR:
        return None

    def show(done: int, total: int, url: str) -> None:
        width = shutil.get_terminal_size().columns - 1
        if done == total:  # wipe the line: warnings and the summary follow as usual
            click.echo(f"\r{' ' * width}\r", err=True, nl=False)
            return
        line = f"Fetching {done}/{total}: {url}"
        line = line if len(line) <= width else line[: width - 1] + "…"
        click.echo(f"\r{line:<{width}}", err=True, nl=False)

    return show


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="digest")
def cli() -> None:
    """Turn German news articles and newsletters into one email issue.

    \b
    Example:
      digest build -i inbox/ -o output/
    """
    _setup_logging(0, False)


@cli.command()
@_config_option
@_inputs_option
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder [default: config 'output'].")  # fmt: skip
@_date_option
@click.option("--strict", is_flag=True,
              help="Fail if any input is skipped (a file, or a feed or mailbox that failed).")
@_memory_option
@_verbosity
def build(
    config_file: Path | None, inputs: tuple[str, ...], output: Path | None,
    date: dt.datetime | None, strict: bool, no_memory: bool,
) -> None:  # fmt: skip
    """Build the issue: write issue.html, issue.txt and issue.json, print their folder.

    What an issue of an earlier date carried is left out (--no-memory: not this time).

    \b
    Example:
      digest build -c config.yaml -i inbox/ --date 2025-12-03
      digest build -i https://www.tagesschau.de/xml/rss2/ -i imaps://me@mail.example/News
    """
    config = load(config_file)
    if output is not None:
        config = config.replace(output=output.absolute())
    specs = check_inputs(input_specs(inputs) if inputs else config.inputs)
    if not specs:
        raise InputError("no inputs: give --input or set 'inputs' in config.yaml")
    issue = build_issue(config, inputs=specs, date=issue_date(config, date),
                        memory=not no_memory, progress=progress())  # fmt: skip
    if strict and issue.skipped:
        raise InputError(f"--strict: {len(issue.skipped)} input(s) skipped, nothing written")
    folder = write_issue(issue, config, remember=True)
    click.echo(str(folder))


@cli.command()
@_config_option
@_inputs_option
@_date_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; anything but loopback shares the preview.")  # fmt: skip
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on; 0 picks a free one.")  # fmt: skip
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a web browser.")
@_verbosity
def preview(
    config_file: Path | None, inputs: tuple[str, ...], date: dt.datetime | None,
    host: str, port: int, open_browser: bool,
) -> None:  # fmt: skip
    """Serve a live preview of the issue that rebuilds and reloads when a file changes.

    \b
    Example:
      digest preview -c config.yaml -i inbox/ --open
    """
    from digest.preview import Preview, serve

    config = load(config_file)
    # None: the config's, re-read on each build.
    specs = check_inputs(input_specs(inputs)) if inputs else None
    if not (specs or config.inputs):
        raise InputError("no inputs: give --input or set 'inputs' in config.yaml")
    when = date.date() if date else None
    serve(Preview(config.path, specs, when, host=host, port=port), click.echo, open_browser)


@cli.command()
@_config_option
@_date_option
@click.option("--dry-run", is_flag=True,
              help="Write the messages as .eml files into the state folder only.")  # fmt: skip
@click.option("--test", "test_address", metavar="ADDR", default=None,
              help="Send one copy marked [TEST] to ADDR; it never counts as sent.")  # fmt: skip
@click.option("--resend-uncertain", is_flag=True,
              help="Also send to recipients an interrupted run left in doubt.")  # fmt: skip
@_force_option
@_verbosity
def send(
    config_file: Path | None, date: dt.datetime | None, dry_run: bool,
    test_address: str | None, resend_uncertain: bool, force: bool,
) -> None:  # fmt: skip
    """Send the built issue to every recipient who does not have it yet.

    Runs the checks of 'digest check' first and refuses on a failed one unless --force.
    Exit codes: 0 sent, 5 nothing to do, 6 partial, 1 failed, 3 config error, 7 locked,
    8 a check failed.

    \b
    Example:
      digest send -c config.yaml --test me@example.org
      digest send -c config.yaml --date 2025-12-03
    """
    from digest import send as sending

    config = load(config_file)
    when = issue_date(config, date)
    if test_address is not None:
        subject = sending.send_test(config, when, test_address)
        click.echo(f"Sent a test copy of '{subject}' to {test_address}.")
    elif dry_run:
        paths = sending.dry_run(config, when, resend_uncertain=resend_uncertain)
        folder = sending.dry_run_folder(config, when)
        click.echo(f"Dry run: wrote {len(paths)} message(s) to {folder}; nothing was sent.")
    else:
        _report(sending.send_issue(config, when, resend_uncertain=resend_uncertain, force=force))


@cli.command()
@_config_option
@_date_option
@_verbosity
def check(config_file: Path | None, date: dt.datetime | None) -> None:
    """Check the configuration and the built issue before sending.

    Errors (a placeholder sender, unsubscribe address or Impressum; no unsubscribe secret)
    make 'digest send' refuse; warnings (no Impressum, no one-click unsubscribe, the email
    over Gmail's clipping size as sent, a <style> over 16 KB, images without alt text,
    stories no link reaches) do not. Exit code 8 when there is an error.

    \b
    Example:
      digest check -c config.yaml --date 2025-12-03
    """
    from digest.send.checks import report

    config = load(config_file)
    lines, failed = report(config, issue_date(config, date))
    for line in lines:
        click.echo(line, err=line.startswith(("Error:", "Warning:")))
    sys.exit(int(ExitCode.CHECK_FAILED if failed else ExitCode.OK))


@cli.command()
@_config_option
@click.argument("addresses", nargs=-1, metavar="ADDRESS...")
@click.option("--undo", is_flag=True, help="Take the addresses off the list again.")
@click.option("--list", "show", is_flag=True, help="List every unsubscribed address.")
@_verbosity
def unsubscribe(
    config_file: Path | None, addresses: tuple[str, ...], undo: bool, show: bool
) -> None:
    """Put ADDRESS on the suppression list: 'digest send' leaves it out from now on.

    \b
    Example:
      digest unsubscribe -c config.yaml leser@example.org
      digest unsubscribe -c config.yaml --list
    """
    from digest.send.suppression import change

    config = load(config_file)
    if not addresses and not show:
        raise click.UsageError("give at least one ADDRESS, or --list")
    try:
        lines = change(config, addresses, undo=undo, show=show)
    except ValueError as exc:
        raise DigestError(str(exc)) from None
    for line in lines:
        click.echo(line)


@cli.command()
@_config_option
@_date_option
@_memory_option
@_force_option
@_verbosity
def run(
    config_file: Path | None, date: dt.datetime | None, no_memory: bool, force: bool
) -> None:
    """Build the issue from the config's inputs, then send it: the cron entry point.

    A lock keeps two runs from overlapping; the second exits with code 7. The checks of
    'digest check' run before sending; a failed one stops the run (code 8) unless --force.

    \b
    Example:
      digest run -c /srv/digest/config.yaml
    """
    from digest.build import build_and_send

    config = load(config_file)
    specs = check_inputs(config.inputs)
    if not specs:
        raise InputError("no inputs: set 'inputs' in config.yaml")
    report = build_and_send(config, issue_date(config, date), specs, memory=not no_memory,
                            progress=progress(), force=force)  # fmt: skip
    _report(report)


def _report(report: Any) -> None:
    """Print the run's summary line and exit with its code; -q keeps a clean run silent."""
    code = report.exit_code
    if code in (ExitCode.OK, ExitCode.NOTHING_TO_DO):
        if log.getEffectiveLevel() < logging.ERROR:
            click.echo(report.summary())
    else:
        click.echo(report.summary(), err=True)
    sys.exit(int(code))


def main() -> None:
    """Run the CLI; expected errors print one line, tracebacks only with -v."""
    try:
        # Without standalone mode click returns an Exit's code instead of exiting.
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(ExitCode.FAILED)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        if _verbose() and not isinstance(exc, click.UsageError):
            log.exception("Traceback:")
        exc.show()
        sys.exit(exc.exit_code)
    except Exception as exc:  # an unexpected bug: still one line unless -v
        if _verbose():
            raise
        click.echo(f"Error: {type(exc).__name__}: {exc} (run with -v for the traceback)", err=True)
        sys.exit(ExitCode.FAILED)
    sys.exit(int(code) if isinstance(code, int) else ExitCode.OK)


def _verbose() -> bool:
    return any(arg in ("-v", "--verbose") or arg.startswith("-vv") for arg in sys.argv[1:])


__all__ = ["DigestError", "cli", "main"]
