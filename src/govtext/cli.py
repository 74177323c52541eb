"""The ``govtext`` command line: one small function per command, each calling the API."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

try:  # typer >= 0.2x ships its own copy of click
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # pragma: no cover - older typer uses click itself
    from click.exceptions import ClickException, UsageError

from govtext.config import Settings, load_settings
from govtext.errors import GovtextError

app = typer.Typer(
    name="govtext",
    help="Turn raw internet-governance documents into traceable research tables.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

Inputs = Annotated[list[Path], typer.Argument(help="Files or folders to read (recursively).",
                                              metavar="INPUT...", show_default=False)]
OutDir = Annotated[Path, typer.Option("--out", "-o", help="Output folder (created).")]
ConfigFile = Annotated[Path | None, typer.Option("--config", help="TOML file with a "
                                                 "[govtext] table of settings.")]
NoParquet = Annotated[bool, typer.Option("--no-parquet", help="Write CSV only.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]


ThemesFile = Annotated[Path | None, typer.Option("--themes", help="Your own theme codebook "
                                                 "(YAML, same shape as govtext's).")]


By = Annotated[str | None, typer.Option("--by", help="Also break trends down by doc_kind "
                                        "or session_type.")]


NoCache = Annotated[bool, typer.Option("--no-cache", help="Recompute every document "
                                       "(the cache beside --out is neither read nor written).")]
Workers = Annotated[int | None, typer.Option("--workers", min=0, help="Processes for "
                                             "entities, SDGs and themes (0 = all cores).")]
Dask = Annotated[str | None, typer.Option("--dask", metavar="ADDRESS", help="Run the "
                                          "per-document stages on this dask.distributed "
                                          "scheduler (tcp://host:8786 or a scheduler "
                                          "file); needs the dask extra.")]


def _settings(config: Path | None, no_parquet: bool, **overrides: object) -> Settings:
    return load_settings(config, parquet=False if no_parquet else None, **overrides)


@app.command()
def parse(inputs: Inputs, out: OutDir = Path("data/processed"), config: ConfigFile = None,
          no_parquet: NoParquet = False, quiet: Quiet = False) -> None:
    """Parse documents into documents, participants, sections and rejects tables."""
    from govtext.pipeline import run_parse

    result = run_parse(inputs, out, _settings(config, no_parquet), progress=not quiet)
    if not quiet:
        typer.echo(result.summary_line())


@app.command()
def analyze(inputs: Inputs, out: OutDir = Path("data/processed"), config: ConfigFile = None,
            themes: ThemesFile = None, by: By = None, no_cache: NoCache = False,
            workers: Workers = None, dask: Dask = None, no_parquet: NoParquet = False,
            quiet: Quiet = False) -> None:
    """Run the whole pipeline on INPUTS: parse, entities, SDGs, themes, topics, trends,
    charts and the HTML report."""
    from govtext.errors import ConfigError
    from govtext.pipeline import run_analyze
    from govtext.trends import BREAKDOWNS

    if by is not None and by not in BREAKDOWNS:
        raise ConfigError(f"--by must be one of {', '.join(BREAKDOWNS)}, not {by!r}")
    settings = _settings(config, no_parquet, trends_by=by, workers=workers,
                         dask_address=dask, cache=False if no_cache else None)
    result = run_analyze(inputs, out, settings, themes_file=themes, progress=not quiet)
    if not quiet:
        typer.echo(result.summary_line())
        typer.echo(f"report: {out / 'report.html'}")


@app.command()
def topics(inputs: Inputs, model: Annotated[Path, typer.Option(
               "--model", help="Output folder of an earlier analyze run (or its topic_model/).")],
           out: OutDir = Path("data/topics"), config: ConfigFile = None,
           no_parquet: NoParquet = False, quiet: Quiet = False) -> None:
    """Assign topics of a saved model to new documents (no refitting): writes doc_topics."""
    from govtext.pipeline import run_assign_topics

    result = run_assign_topics(inputs, model, out, _settings(config, no_parquet),
                               progress=not quiet)
    if not quiet:
        typer.echo(result.summary_line())


@app.command()
def export(run_dir: Annotated[Path, typer.Argument(help="Output folder of a finished run.",
                                                   metavar="DIR")],
           out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the bundle.")],
           fmt: Annotated[str, typer.Option("--format", help="csv, parquet or xlsx.")] = "csv",
           excel_bom: Annotated[bool, typer.Option(
               "--excel-bom", help="Start CSV files with a BOM so Excel reads UTF-8.")] = False,
           ) -> None:
    """Export a run's tables as one tidy bundle with codebook.md and run.json."""
    from govtext.report.export import export_bundle

    written = export_bundle(run_dir, out, fmt, excel_bom=excel_bom)
    typer.echo(f"{len(written)} files -> {out}")


@app.command()
def version() -> None:
    """Print the govtext version."""
    from govtext import __version__

    typer.echo(__version__)


def main(argv: list[str] | None = None) -> None:
    """Entry point: user errors become one line on stderr and a non-zero exit code.
    ``--debug`` anywhere on the command line shows the traceback instead."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    args = [a for a in args if a != "--debug"]
    try:
        code = app(args=args, prog_name="govtext", standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except UsageError as exc:
        if debug:
            raise
        if type(exc).__name__ == "NoArgsIsHelpError" and exc.ctx is not None:
            print(exc.ctx.get_help(), file=sys.stderr)
            sys.exit(2)
        cmd = exc.ctx.command_path if exc.ctx else "govtext"
        print(f"govtext: error: {exc.format_message()} (see: {cmd} --help)", file=sys.stderr)
        sys.exit(2)
    except ClickException as exc:
        if debug:
            raise
        print(f"govtext: error: {exc.format_message()}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except GovtextError as exc:
        if debug:
            raise
        print(f"govtext: error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("govtext: interrupted; previous outputs (if any) are unchanged", file=sys.stderr)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
