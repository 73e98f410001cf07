"""Command line: analyze, practice, progress, extract, ingest, eval, serve, doctor."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from mulakat.storage.settings import get_settings

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Interview readiness from a resume and a job.")
err = Console(stderr=True)


def _thread_for(base: str | None, index: int) -> str | None:
    """Job 1 runs on the given thread, job N on '<thread>-N', so re-runs land on the same threads."""
    if base is None:
        return None
    return base if index == 1 else f"{base}-{index}"


@app.command()
def analyze(
    resume: Annotated[Path, typer.Option(help="Resume file (.pdf, .docx, .txt, .md).")],
    job: Annotated[list[Path], typer.Option(help="Job posting file; repeat for several jobs.")],
    thread: Annotated[str | None, typer.Option(help="Thread id to create or update.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON report per job per line.")] = False,
    interview_date: Annotated[
        str | None, typer.Option(help="Interview date (YYYY-MM-DD): lay the plan out over the days before it.")
    ] = None,
    hours_per_day: Annotated[float, typer.Option(help="Study hours per day, with --interview-date.")] = 2.0,
) -> None:
    """Analyse a resume against one or more job postings."""
    from graph.analysis import check_options, run_analysis
    from graph.runner import open_runner
    from graph.state import AnalysisOptions, Upload
    from mulakat.cli.report_view import render_report
    from mulakat.documents.parsing import DocumentError
    from mulakat.planning.schedule import ScheduleError

    for path in (resume, *job):
        if not path.is_file():
            err.print(f"[red]error:[/] {path}: no such file")
            raise typer.Exit(2)
    options: AnalysisOptions = (
        {"interview_date": interview_date, "hours_per_day": hours_per_day} if interview_date else {}
    )
    try:
        check_options(options)  # refuse bad dates before starting the database and the model
    except ScheduleError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc

    async def run() -> None:
        async with open_runner(get_settings()) as runner:
            resume_upload: Upload = {"name": resume.name, "data": resume.read_bytes()}
            for index, job_path in enumerate(job, start=1):
                job_upload: Upload = {"name": job_path.name, "data": job_path.read_bytes()}
                report = await run_analysis(runner, resume_upload, job_upload, _thread_for(thread, index), options)
                if as_json:
                    sys.stdout.write(json.dumps(report.model_dump(mode="json"), ensure_ascii=False) + "\n")
                    sys.stdout.flush()
                else:
                    render_report(report, Console())

    try:
        asyncio.run(run())
    except (DocumentError, ScheduleError) as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc


def _stdin_name(data: bytes) -> str:
    """Pasted text unless the bytes say PDF or DOCX."""
    if data.startswith(b"%PDF"):
        return "stdin.pdf"
    if data.startswith(b"PK\x03\x04"):
        return "stdin.docx"
    return "stdin.txt"


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="Document to read (.pdf, .docx, .txt, .md), or - for stdin.")],
    kind: Annotated[str | None, typer.Option(help="resume or job; guessed from the text when omitted.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the extraction as one JSON object.")] = False,
) -> None:
    """Extract sections, skills (with char offsets) and requirements from one document. No database needed."""
    from mulakat.documents.parsing import DocumentError
    from mulakat.documents.reader import read_document
    from mulakat.skills.extract_report import extract as run_extract
    from mulakat.skills.importers import configured_taxonomy
    from mulakat.skills.linking import configured_esco_labeller
    from mulakat.skills.tagger import load_tagger

    if kind not in (None, "resume", "job"):
        err.print(f"[red]error:[/] --kind must be resume or job, not {kind!r}")
        raise typer.Exit(2)
    if path == "-":
        data = sys.stdin.buffer.read()
        name = _stdin_name(data)
    else:
        file = Path(path)
        if not file.is_file():
            err.print(f"[red]error:[/] {path}: no such file")
            raise typer.Exit(2)
        data, name = file.read_bytes(), file.name
    try:
        doc = read_document(kind, name, data)  # type: ignore[arg-type]
    except DocumentError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    settings = get_settings()
    result = run_extract(
        doc, configured_taxonomy(settings.taxonomy_imports), load_tagger(), esco=configured_esco_labeller(settings)
    )
    if as_json:
        sys.stdout.write(result.model_dump_json() + "\n")
        return
    out = Console()
    words = len(result.text.split())
    out.print(f"[bold]{result.kind}[/] {result.source}: {words} words, confidence {result.quality.confidence}")
    for message in result.quality.messages:
        out.print(f"[yellow]! {message}[/]")
    out.print("sections: " + ", ".join(f"{s.name} [{s.start}:{s.end}]" for s in result.sections))
    for role in result.roles:
        out.print(f"role {role.first_year}-{role.last_year}: {role.heading}")
    for skill in result.skills:
        extra = f" {skill.years:g}y" if skill.years else ""
        out.print(
            f"  {skill.layer:9} {skill.name}{extra}  [{skill.section} {skill.start}:{skill.end}] {skill.surface!r}"
        )
    for req in result.requirements:
        years = f" {req.min_years:g}+y" if req.min_years else ""
        out.print(f"  requirement {req.priority:4} {req.name}{years}: {req.text}")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of Markdown, HTML, PDF or text.")],
) -> None:
    """Add external study material to the knowledge store (hybrid full-text + vector search)."""
    from rich.progress import Progress

    from mulakat.documents.parsing import DocumentError
    from mulakat.services import open_services
    from tools.ingest import corpus_files
    from tools.ingest import ingest as ingest_corpus

    try:
        files = corpus_files(paths)
    except FileNotFoundError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc

    async def run() -> tuple[int, int]:
        async with open_services(get_settings()) as services:
            with Progress(console=err) as progress:
                task = progress.add_task("ingesting", total=len(files))
                return await ingest_corpus(services, files, lambda path, n: progress.advance(task))

    try:
        added, present = asyncio.run(run())
    except DocumentError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    Console().print(f"{len(files)} files: {added} passages added, {present} already present")


@app.command(name="eval")
def run_eval(
    suite: Annotated[
        str,
        typer.Argument(
            help="Suite: all (every quality suite), extraction, matching, grading, quality, requirements, "
            "metamorphic, feedback, llm (model beside core: latency, tokens, cost); benchmarks: bench, speed, latency, "
            "practice, load, retrieval. With LANGSMITH_API_KEY "
            "set, requirements and metamorphic also run through langsmith.evaluate and upload "
            "(MULAKAT_EVAL_UPLOAD=false keeps them local)."
        ),
    ] = "extraction",
    data: Annotated[Path, typer.Option(help="Folder holding skillspan/, dotin_train/ and decorte_validation/.")] = Path(
        "../shared/data/skills"
    ),
    esco: Annotated[Path, typer.Option(help="ESCO CSV folder, for the Decorte label-linking table.")] = Path(
        "../shared/data/taxonomy/esco_v1_1_1"
    ),
    quick: Annotated[
        bool,
        typer.Option(
            help="Suite bench runs every benchmark (latency, practice, retrieval, checkpoints, coldstart, load); "
            "--quick leaves out load, which takes several minutes."
        ),
    ] = False,
) -> None:
    """Print evaluation tables (offline; no database needed for extraction or speed)."""
    from rich.table import Table

    from evals.suites import run_suite
    from evals.tables import SuiteError

    try:
        tables = run_suite(suite, data, esco, get_settings(), quick=quick)
    except SuiteError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    for result in tables:
        table = Table(title=result.title)
        for column in result.columns:
            table.add_column(column)
        for row in result.rows:
            table.add_row(*row)
        Console(width=160).print(table)


def _run_or_exit(main: Callable[[], Coroutine[Any, Any, None]], *errors: type[Exception]) -> None:
    """Run the command's coroutine; the errors a user can fix end it with their message and exit code 2."""
    try:
        asyncio.run(main())
    except errors as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc


def _read_answer(interactive: bool) -> str | None:
    """One answer: lines up to an empty line (or end of input). None at end of input."""
    lines: list[str] = []
    while True:
        try:
            line = input("> " if interactive else "")
        except EOFError:
            return "\n".join(lines) if lines else None
        if not line.strip():
            if lines:
                return "\n".join(lines)
            continue
        lines.append(line)


@app.command()
def practice(
    thread: Annotated[str, typer.Option(help="Thread with an analysis (from `mulakat analyze --thread`).")],
    goal: Annotated[int, typer.Option(help="Answers in a new session.")] = 5,
) -> None:
    """Mock interview on a thread: answer, get graded feedback, see readiness move. Resumes where you left off.

    End an answer with an empty line; type :stop to stop (the question waits for next time).
    """
    from graph.practice import PracticeError, answer_question, start_practice
    from graph.runner import open_runner
    from mulakat.cli.practice_view import render_view
    from mulakat.practice.session import Answer

    interactive = sys.stdin.isatty()
    out = Console()

    async def run() -> None:
        async with open_runner(get_settings()) as runner:
            view = await start_practice(runner, thread, goal)
            render_view(view, out)
            while not view.done:
                text = _read_answer(interactive)
                if text is None or text.strip() == ":stop":
                    out.print("Stopped. The question waits on the thread; run the same command to go on.")
                    return
                view = await answer_question(runner, thread, Answer(text=text))
                render_view(view, out)

    _run_or_exit(run, PracticeError)


@app.command()
def progress(
    thread: Annotated[str, typer.Option(help="Thread to report on.")],
    svg: Annotated[Path | None, typer.Option(help="Also write the readiness chart as an SVG file here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the data as JSON instead.")] = False,
) -> None:
    """Readiness over time, mastery per skill, and what to do next."""
    from graph.practice import PracticeError
    from graph.practice import progress as collect
    from graph.runner import open_runner
    from mulakat.cli.practice_view import render_progress
    from mulakat.practice.progress import mastery_svg, svg_chart

    async def run() -> None:
        async with open_runner(get_settings()) as runner:
            data = await collect(runner, thread)
        if as_json:
            sys.stdout.write(data.model_dump_json() + "\n")
        else:
            render_progress(data, Console())
        if svg is not None:
            svg.write_text(svg_chart(data.points, data.mastery), encoding="utf-8")
            svg.with_name(svg.stem + "-mastery.svg").write_text(mastery_svg(data.mastery), encoding="utf-8")

    _run_or_exit(run, PracticeError)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default from settings).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default from settings).")] = None,
) -> None:
    """Run the HTTP API (OpenAPI docs at /docs)."""
    import uvicorn

    settings = get_settings()
    uvicorn.run("api.app:app", host=host or settings.host, port=port or settings.port)


keys = typer.Typer(no_args_is_help=True, help="Integrator API keys: the sites that embed the widget.")
app.add_typer(keys, name="keys")


@keys.command("create")
def keys_create(name: Annotated[str, typer.Argument(help="Who the key is for, e.g. careers.example.com.")]) -> None:
    """Make a key. It is printed once; only its hash is kept."""
    from mulakat.services import open_services
    from mulakat.storage.auth import create_integrator

    async def run() -> tuple[str, str]:
        async with open_services(get_settings()) as services:
            integrator, key = await create_integrator(services.pool, name)
            return integrator.id, key

    integrator_id, key = asyncio.run(run())
    err.print(f"integrator {integrator_id} ({name}); the key below is shown once, keep it on your server:")
    typer.echo(key)


@keys.command("list")
def keys_list() -> None:
    """Integrators and whether their keys still work."""
    from mulakat.services import open_services
    from mulakat.storage.auth import list_integrators

    async def run() -> list[tuple[Any, Any, Any]]:
        async with open_services(get_settings()) as services:
            return await list_integrators(services.pool)

    for integrator, created, revoked in asyncio.run(run()):
        state = f"revoked {revoked:%Y-%m-%d}" if revoked else "active"
        typer.echo(f"{integrator.id}\t{integrator.name}\tcreated {created:%Y-%m-%d}\t{state}")


@keys.command("revoke")
def keys_revoke(integrator_id: Annotated[str, typer.Argument(help="The int_... id from `mulakat keys list`.")]) -> None:
    """Revoke a key; the tokens it minted stop working at once."""
    from mulakat.services import open_services
    from mulakat.storage.auth import revoke_integrator

    async def run() -> bool:
        async with open_services(get_settings()) as services:
            return await revoke_integrator(services.pool, integrator_id)

    if not asyncio.run(run()):
        err.print(f"no active integrator {integrator_id}")
        raise typer.Exit(2)
    typer.echo(f"revoked {integrator_id}")


@app.command()
def doctor() -> None:
    """Show what is configured and check that each part works."""
    from mulakat.services import open_services

    settings = get_settings()
    out = Console()

    async def run() -> bool:
        ok = True
        where = "MULAKAT_DATABASE_URL" if settings.database_url else f"embedded in {settings.data_dir}"
        out.print(f"database: {where}")
        out.print(f"embedding model: {settings.embedding_model}")
        out.print(f"chat model: {settings.chat_model or 'none (deterministic core)'}")
        try:
            async with open_services(settings) as services:
                async with services.pool.connection() as conn:
                    cur = await conn.execute(
                        "SELECT current_setting('server_version'), "
                        "(SELECT extversion FROM pg_extension WHERE extname = 'vector')"
                    )
                    version, vector = await cur.fetchone() or ("?", None)
                out.print(f"[green]ok[/] PostgreSQL {version}, pgvector {vector}")
                dims = len(await services.embeddings.aembed_query("doctor"))
                out.print(f"[green]ok[/] embeddings loaded ({dims} dimensions)")
                out.print(f"[green]ok[/] taxonomy: {len(services.taxonomy.skills)} skills")
                if services.chat_model is not None:
                    try:
                        await services.chat_model.ainvoke("Reply with OK.")
                        out.print("[green]ok[/] chat model reachable")
                    except Exception as exc:  # report, don't crash: the core works without it
                        ok = False
                        out.print(f"[red]fail[/] chat model unreachable: {exc}")
        except Exception as exc:
            out.print(f"[red]fail[/] {type(exc).__name__}: {exc}")
            return False
        return ok

    raise typer.Exit(0 if asyncio.run(run()) else 1)


@app.command()
def forget(
    candidate_id: Annotated[str, typer.Argument(help="The cand_... id (POST /v1/tokens returns it).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Count what would be deleted; delete nothing.")] = False,
) -> None:
    """Delete a candidate's threads and every row that names them (a delete-my-data request)."""
    from mulakat.storage.retention import describe, forget_candidate, open_database

    async def run() -> list[str]:
        async with open_database(get_settings()) as pool:
            return describe(f"candidate {candidate_id}", await forget_candidate(pool, candidate_id, dry_run=dry_run))

    for line in asyncio.run(run()):
        typer.echo(line)


@app.command()
def prune(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Count what would be deleted; delete nothing.")] = False,
) -> None:
    """Apply the retention policy (MULAKAT_RETENTION_DAYS, MULAKAT_CHECKPOINT_HISTORY); run it from cron."""
    from mulakat.storage.retention import describe, open_database
    from mulakat.storage.retention import prune as apply_policy

    settings = get_settings()

    async def run() -> list[str]:
        async with open_database(settings) as pool:
            report = await apply_policy(pool, settings.retention_days, settings.checkpoint_history, dry_run=dry_run)
        return describe(f"threads unused for {settings.retention_days} days", report.expired) + describe(
            f"checkpoints beyond the latest {settings.checkpoint_history} per thread", report.history
        )

    for line in asyncio.run(run()):
        typer.echo(line)


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    app()
