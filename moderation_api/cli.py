"""The `vigil` command line: the API, the demo, database and key management, and the classifier commands.

Only argparse is imported at start-up; each command imports what it needs, so `vigil --help` is instant
and nothing here loads torch.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from moderation_api.model_versions.schemas import ComparisonOut, Proportion

ROLES = ("integrator", "reviewer", "senior", "admin", "auditor")


def _settings(args: argparse.Namespace) -> Any:
    from moderation_api.settings import Settings

    overrides = {}
    if getattr(args, "database_url", None):
        overrides["database_url"] = args.database_url
    if getattr(args, "posting_days", None) is not None:
        overrides["posting_retention_days"] = args.posting_days
    return Settings(**overrides)


def _operator(args: argparse.Namespace) -> str:
    """Who runs the command, for the audit trail: ``--actor`` or ``cli:<os user>``."""
    if getattr(args, "actor", None):
        return str(args.actor)
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no passwd entry for the uid (containers)
        return f"cli:uid-{os.getuid()}"


def _engine(args: argparse.Namespace) -> Any:
    from moderation_api.db import make_engine

    settings = _settings(args)
    return make_engine(settings.database_url, settings=settings)


def _cmd_api(args: argparse.Namespace) -> int:
    import uvicorn

    from moderation_api.app import create_app
    from moderation_api.logs import logging_config

    settings = _settings(args)
    app = create_app(settings)
    # One JSON line per record on stderr at VIGIL_LOG_LEVEL, uvicorn's loggers included; the access log
    # is the app's own (route templates, not raw paths), so uvicorn's is off.
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_config=logging_config(settings.log_level),
        log_level=settings.log_level.lower(),
        access_log=False,
    )
    return 0


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    from moderation_api.migrations import upgrade

    engine = _engine(args)
    upgrade(engine)
    print(f"database at {engine.url.render_as_string(hide_password=True)} is up to date")
    return 0


def _cmd_create_key(args: argparse.Namespace) -> int:
    from moderation_api.auth.schemas import Role
    from moderation_api.auth.service import KeyExistsError, create_key
    from moderation_api.db import make_session_factory
    from moderation_api.migrations import upgrade

    engine = _engine(args)
    upgrade(engine)
    with make_session_factory(engine)() as session:
        try:
            plain = create_key(session, name=args.name, role=Role(args.role), actor=_operator(args))
        except KeyExistsError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        session.commit()
    print(plain)
    print(f"(key for {args.name!r}, role {args.role}; shown once, stored only as a hash)", file=sys.stderr)
    return 0


def _cmd_revoke_key(args: argparse.Namespace) -> int:
    from moderation_api.auth.service import revoke_key
    from moderation_api.db import make_session_factory

    with make_session_factory(_engine(args))() as session:
        if not revoke_key(session, name=args.name, actor=_operator(args)):
            print(f"error: no key named {args.name!r}", file=sys.stderr)
            return 2
        session.commit()
    print(f"revoked {args.name!r}")
    return 0


def _cmd_audit_verify(args: argparse.Namespace) -> int:
    from moderation_api.audit.service import verify
    from moderation_api.db import make_session_factory

    with make_session_factory(_engine(args))() as session:
        try:
            report = verify(session, anchor=args.anchor)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if report.broken is not None:
        where = f"seq {report.broken.seq}" + (
            f" (audit event id {report.broken.event_id})" if report.broken.event_id is not None else ""
        )
        print(f"audit chain BROKEN at {where}: {report.broken.problem}")
        good = f"{report.head_seq}:{report.head_hash}"
        print(f"{report.rows_checked} rows verified before it; last good row {good}")
        return 1
    print(f"audit chain OK: {report.rows_checked} rows")
    anchor = f"{report.head_seq}:{report.head_hash}"
    print(f"anchor (keep it outside the database, pass it to --anchor later): {anchor}")
    return 0


def _cmd_retention_sweep(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from moderation_api.db import make_engine, make_session_factory
    from moderation_api.retention.service import sweep

    try:
        settings = _settings(args)
    except ValidationError as exc:
        print(f"error: {exc.errors()[0]['msg']} (posting retention days)", file=sys.stderr)
        return 2
    engine = make_engine(settings.database_url)
    with make_session_factory(engine)() as session:
        report = sweep(
            session,
            posting_retention_days=settings.posting_retention_days,
            appeal_window_days=settings.appeal_window_days,
            webhook_retention_days=settings.webhook_retention_days,
            webhook_dead_retention_days=settings.webhook_dead_retention_days,
            actor=_operator(args),
        )
    print(
        f"retention sweep: {report.holds_expired} expired legal-hold snapshots cleared, "
        f"{report.deleted_erased} deleted postings erased, {report.retention_erased} postings erased "
        f"after {report.retention_days} days (inactive since before {report.cutoff:%Y-%m-%d}), "
        f"{report.webhook_events_pruned} webhook events pruned"
    )
    return 0


def _cmd_dataset_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from moderation_api.audit.schemas import ActorKind
    from moderation_api.datasets.service import NothingToExportError, export_reviewed
    from moderation_api.db import make_session_factory

    output = Path(args.output)
    partial = output.with_name(output.name + ".partial")  # renamed only once the export is audited
    try:
        with make_session_factory(_engine(args))() as session, partial.open("w", encoding="utf-8") as out:
            summary = export_reviewed(
                session,
                actor=_operator(args),
                actor_kind=ActorKind.HUMAN,
                sink=lambda row: out.write(row.model_dump_json() + "\n"),
            )
    except NothingToExportError as exc:
        partial.unlink(missing_ok=True)
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(output)
    labels = ", ".join(f"label {label}: {count}" for label, count in summary.labels.items())
    left_out = ", ".join(f"{reason} {count}" for reason, count in summary.excluded.items())
    print(f"exported {summary.rows} rows to {output} ({labels}); left out: {left_out}")
    return 0


def _cmd_model(args: argparse.Namespace) -> int:
    from pathlib import Path

    from moderation_api.audit.schemas import ActorKind
    from moderation_api.db import make_session_factory
    from moderation_api.migrations import upgrade
    from moderation_api.model_versions import service
    from moderation_api.rescoring.service import activation_hook

    engine = _engine(args)
    upgrade(engine)
    actor, human = _operator(args), ActorKind.HUMAN
    hook = activation_hook(_settings(args))
    with make_session_factory(engine)() as session:
        try:
            if args.model_command == "list":
                for model in service.list_versions(session):
                    print(
                        f"{model.version:<16} {model.status:<10} {model.name:<24} {model.status_changed_by}"
                    )
                return 0
            if args.model_command == "compare":
                from moderation_api.model_versions.compare import compare

                print(comparison_text(compare(session, version=args.version)))
                return 0
            if args.model_command == "register":
                model = service.register(session, model_dir=Path(args.dir), actor=actor, actor_kind=human)
            elif args.model_command == "shadow":
                model = service.shadow(session, version=args.version, actor=actor, actor_kind=human)
            elif args.model_command == "promote":
                model = service.promote(
                    session, version=args.version, actor=actor, actor_kind=human, on_activated=hook
                )
            else:
                model = service.rollback(session, actor=actor, actor_kind=human, on_activated=hook)
        except service.ModelRegistryError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    print(f"{model.name} {model.version} is {model.status}")
    return 0


def comparison_text(result: ComparisonOut) -> str:
    """The comparison as lines for a terminal."""

    def share(p: Proportion) -> str:
        if p.value is None:
            return "— (n=0)"
        low, high = p.ci95 or (p.value, p.value)
        return f"{p.value:.3f} [{low:.2f}, {high:.2f}] ({p.successes}/{p.n})"

    def ms(value: float | None) -> str:
        return "—" if value is None else f"{value:.1f} ms"

    lines = [
        f"shadow {result.shadow_version} ({result.shadow_status}) against the active model: "
        f"{result.scored} postings scored, {result.decided} decided by reviewers",
        f"band agreement: decided {share(result.band_agreement)}, all {share(result.band_agreement_all)}",
        f"case agreement: decided {share(result.case_agreement)}, all {share(result.case_agreement_all)}",
    ]
    for name, side in (("active", result.active), ("shadow", result.shadow)):
        versions = ", ".join(f"{v} ×{n}" for v, n in side.versions.items()) or "—"
        lines.append(
            f"{name:<7} precision {share(side.precision)}, recall {share(side.recall)}; "
            f"p50 {ms(side.latency_p50_ms)}, p95 {ms(side.latency_p95_ms)} per posting ({versions})"
        )
    for label, gap in (("shadow only", result.shadow_only), ("active only", result.active_only)):
        lines.append(
            f"cases {label}: {gap.postings} (violation {gap.violation}, no violation {gap.no_violation}, "
            f"undecided {gap.undecided})"
        )
    return "\n".join(lines)


def _cmd_webhooks_add(args: argparse.Namespace) -> int:
    from moderation_api.db import make_session_factory
    from moderation_api.migrations import upgrade
    from moderation_api.webhooks.schemas import EventType
    from moderation_api.webhooks.service import TargetRefusedError, add_endpoint

    try:
        kinds = [EventType(name.strip()) for name in args.events.split(",") if name.strip()]
    except ValueError:
        print("error: event types are: " + ", ".join(EventType), file=sys.stderr)
        return 2
    settings = _settings(args)
    engine = _engine(args)
    upgrade(engine)
    with make_session_factory(engine)() as session:
        try:
            endpoint, secret = add_endpoint(
                session,
                url=args.url,
                event_types=kinds or list(EventType),
                description=args.description,
                actor=_operator(args),
                allow_private=settings.webhook_allow_private_targets,
            )
        except TargetRefusedError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    print(secret)
    print(
        f"(endpoint {endpoint.id} for {endpoint.event_types.strip(',')}; the signing secret is shown once)",
        file=sys.stderr,
    )
    return 0


def _cmd_webhooks_list(args: argparse.Namespace) -> int:
    from moderation_api.db import make_session_factory
    from moderation_api.webhooks.service import list_endpoints

    with make_session_factory(_engine(args))() as session:
        for endpoint in list_endpoints(session, include_removed=args.all):
            removed = f" removed {endpoint.removed_at:%Y-%m-%d}" if endpoint.removed_at else ""
            print(f"{endpoint.id}\t{endpoint.url}\t{endpoint.event_types.strip(',')}{removed}")
    return 0


def _cmd_webhooks_remove(args: argparse.Namespace) -> int:
    from moderation_api.db import make_session_factory
    from moderation_api.webhooks.service import EndpointNotFoundError, remove_endpoint

    with make_session_factory(_engine(args))() as session:
        try:
            remove_endpoint(session, endpoint_id=args.endpoint_id, actor=_operator(args))
        except EndpointNotFoundError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    print(f"removed endpoint {args.endpoint_id}")
    return 0


def _cmd_webhooks_replay(args: argparse.Namespace) -> int:
    from moderation_api.db import make_session_factory
    from moderation_api.webhooks.service import WebhookError, replay

    if not args.delivery and not args.dead:
        print("error: name deliveries with --delivery, or pass --dead", file=sys.stderr)
        return 2
    with make_session_factory(_engine(args))() as session:
        try:
            count = replay(
                session,
                endpoint_id=args.endpoint_id,
                delivery_ids=args.delivery,
                dead=args.dead,
                actor=_operator(args),
            )
        except WebhookError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    print(f"replaying {count} deliveries of endpoint {args.endpoint_id}")
    return 0


def _cmd_dispatcher(args: argparse.Namespace) -> int:
    import logging.config

    from moderation_api.db import make_session_factory
    from moderation_api.logs import logging_config
    from moderation_api.reports.dsa import puid_key
    from moderation_api.webhooks import dispatcher

    settings = _settings(args)
    logging.config.dictConfig(logging_config(settings.log_level))
    factory = make_session_factory(_engine(args))
    secret = puid_key(settings.puid_secret.get_secret_value() if settings.puid_secret else None)
    if args.once:
        with dispatcher.new_client() as client:
            sent = dispatcher.dispatch_once(factory, client=client, settings=settings, puid_secret=secret)
        print(f"dispatched {sent} deliveries")
        return 0
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C: stop between rounds' database writes
        dispatcher.run(factory, settings=settings, puid_secret=secret, interval=args.interval)
    return 0


def _parse_since(value: str) -> Any:
    from datetime import UTC, datetime

    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _interrupt(*_: Any) -> None:
    raise KeyboardInterrupt


def _cmd_rescore(args: argparse.Namespace) -> int:
    import logging.config
    import signal
    from functools import partial

    from moderation_api.app import load_scorer_for
    from moderation_api.audit.schemas import ActorKind
    from moderation_api.db import make_session_factory
    from moderation_api.logs import logging_config
    from moderation_api.rescoring import service, worker
    from moderation_api.rescoring.schemas import RunStatus

    settings = _settings(args)
    logging.config.dictConfig(logging_config(settings.log_level))
    factory = make_session_factory(_engine(args))
    if args.list:
        with factory() as session:
            for row in service.list_runs(session):
                print(
                    f"{row.run_id}\t{row.model_version}\t{row.status}\t{row.trigger}"
                    f"\tsince {row.since:%Y-%m-%d %H:%M}\t{row.chunks_done}/{row.chunks} chunks"
                    f"\t{row.rescored} re-scored"
                )
        return 0
    scorers = worker.ScorerCache(factory, partial(load_scorer_for, settings))
    signal.signal(signal.SIGTERM, _interrupt)  # stop between writes and give the claimed chunk back
    if args.worker:
        with contextlib.suppress(KeyboardInterrupt):
            worker.run(factory, scorer_for=scorers, settings=settings, interval=args.interval)
        return 0
    if args.chunk_size is not None and not 1 <= args.chunk_size <= 5000:
        print("error: --chunk-size is between 1 and 5000", file=sys.stderr)
        return 2
    since = _parse_since(args.since)
    if since is None:
        print("error: --since takes an ISO date or date-time, e.g. 2026-11-01", file=sys.stderr)
        return 2
    with factory() as session:
        try:
            run, created = service.start_run(
                session,
                since=since,
                chunk_size=args.chunk_size or settings.rescore_chunk_size,
                actor=_operator(args),
                actor_kind=ActorKind.HUMAN,
            )
        except service.RescoreError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if run.status == str(RunStatus.DONE):
        print(
            f"nothing to do: run {run.id} (model {run.model_version}, since {since:%Y-%m-%d %H:%M}) is done"
        )
        return 0
    verb = "started" if created else "resuming"
    print(f"{verb} run {run.id}: model {run.model_version}, since {since:%Y-%m-%d %H:%M}", file=sys.stderr)
    try:
        status = worker.work_run(
            factory,
            run_id=run.id,
            scorer_for=scorers,
            settings=settings,
            worker=worker.worker_id(),
            wait=True,
        )
    except KeyboardInterrupt:
        print(f"stopped: `vigil rescore --since {args.since}` resumes run {run.id}", file=sys.stderr)
        return 130
    with factory() as session:
        done = service.progress(session, run_id=run.id)
    print(
        f"run {done.run_id} {done.status}: {done.chunks_done}/{done.chunks} chunks, {done.rescored} postings "
        f"re-scored with {done.model_version} ({done.bands_changed} changed band), {done.cases_updated} open "
        f"cases updated, {done.cases_opened} cases opened"
    )
    return 0 if status is RunStatus.DONE else 1


def _cmd_network_rebuild(args: argparse.Namespace) -> int:
    from moderation_api.db import make_session_factory
    from moderation_api.network.rebuild import rebuild

    def progress(linked: int, remaining: int) -> None:
        print(f"linked {linked}, {remaining} to go", flush=True)

    factory = make_session_factory(_engine(args))
    report = rebuild(factory, resume=args.resume, batch=args.batch, progress=progress)
    print(f"network index rebuilt: {report.linked} postings linked, {report.clusters} clusters")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from moderation_api.demo import run_demo

    return run_demo(
        database=args.database,
        api_port=args.port,
        ui_port=args.ui_port,
        postings=args.postings,
        serve=not args.no_serve,
        ui=not args.no_ui,
    )


def build_parser() -> argparse.ArgumentParser:
    from classifier.cli import register as register_classifier

    parser = argparse.ArgumentParser(prog="vigil", description="Vigil: trafficking-risk screening and review")
    sub = parser.add_subparsers(dest="command", required=True)

    api = sub.add_parser("api", help="serve the moderation API (settings from VIGIL_* variables)")
    api.add_argument("--host", default="127.0.0.1")
    api.add_argument("--port", type=int, default=8000)
    api.add_argument("--database-url", default=None, help="overrides VIGIL_DATABASE_URL")
    api.set_defaults(handler=_cmd_api)

    demo = sub.add_parser("demo", help="create a demo database with postings and keys, then start API + UI")
    demo.add_argument("--database", default="vigil-demo.db", help="SQLite file (recreated)")
    demo.add_argument("--port", type=int, default=8000, help="API port")
    demo.add_argument("--ui-port", type=int, default=8501)
    demo.add_argument("--postings", type=int, default=300)
    demo.add_argument("--no-serve", action="store_true", help="only build the database and print the keys")
    demo.add_argument("--no-ui", action="store_true", help="start the API only")
    demo.set_defaults(handler=_cmd_demo)

    db = sub.add_parser("db", help="database management")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_sub.add_parser("upgrade", help="apply Alembic migrations")
    upgrade.add_argument("--database-url", default=None)
    upgrade.set_defaults(handler=_cmd_db_upgrade)

    key = sub.add_parser("create-key", help="create an API key and print it once")
    key.add_argument("name")
    key.add_argument("--role", choices=ROLES, required=True)
    key.add_argument("--database-url", default=None)
    key.set_defaults(handler=_cmd_create_key)

    revoke = sub.add_parser("revoke-key", help="revoke an API key by name")
    revoke.add_argument("name")
    revoke.add_argument("--database-url", default=None)
    revoke.set_defaults(handler=_cmd_revoke_key)
    for command in (key, revoke):
        command.add_argument(
            "--actor", default=None, help="who to record in the audit trail (default cli:<user>)"
        )

    audit = sub.add_parser("audit", help="the audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser("verify", help="check the audit hash chain; exit 1 at the first broken row")
    verify.add_argument("--anchor", default=None, help="SEQ:HASH printed by an earlier verification")
    verify.add_argument("--database-url", default=None)
    verify.set_defaults(handler=_cmd_audit_verify)

    retention = sub.add_parser("retention", help="data retention")
    retention_sub = retention.add_subparsers(dest="retention_command", required=True)
    sweep = retention_sub.add_parser(
        "sweep", help="erase expired legal-hold snapshots and posting text past its retention period"
    )
    sweep.add_argument(
        "--posting-days", type=int, default=None, help="overrides VIGIL_POSTING_RETENTION_DAYS (min 180)"
    )
    sweep.add_argument("--actor", default=None, help="who to record in the audit trail (default cli:<user>)")
    sweep.add_argument("--database-url", default=None)
    sweep.set_defaults(handler=_cmd_retention_sweep)

    dataset = sub.add_parser("dataset", help="training data from reviewers' decisions")
    dataset_sub = dataset.add_subparsers(dest="dataset_command", required=True)
    export = dataset_sub.add_parser(
        "export", help="write decided cases as labeled JSONL rows (posting text included; audited)"
    )
    export.add_argument("--output", required=True, help="JSONL file to write")
    export.add_argument("--actor", default=None, help="who to record in the audit trail (default cli:<user>)")
    export.add_argument("--database-url", default=None)
    export.set_defaults(handler=_cmd_dataset_export)

    model = sub.add_parser("model", help="the model registry: which versions exist and which one serves")
    model_sub = model.add_subparsers(dest="model_command", required=True)
    model_list = model_sub.add_parser("list", help="every registered version and its status")
    model_register = model_sub.add_parser(
        "register", help="register a trained model directory as a candidate"
    )
    model_register.add_argument("dir")
    model_shadow = model_sub.add_parser("shadow", help="score alongside the active model, routing nothing")
    model_promote = model_sub.add_parser(
        "promote", help="make a version active (running APIs switch without a restart)"
    )
    for command in (model_shadow, model_promote):
        command.add_argument("version")
    model_rollback = model_sub.add_parser(
        "rollback", help="reactivate the version active before the current one"
    )
    model_compare = model_sub.add_parser(
        "compare", help="the shadow version against the active model on reviewers' decisions"
    )
    model_compare.add_argument("version", nargs="?", default=None, help="default: the version in shadow")
    for command in (model_list, model_register, model_shadow, model_promote, model_rollback, model_compare):
        command.add_argument(
            "--actor", default=None, help="who to record in the audit trail (default cli:<user>)"
        )
        command.add_argument("--database-url", default=None)
        command.set_defaults(handler=_cmd_model)
    webhooks = sub.add_parser("webhooks", help="webhook endpoints: register, list, remove, replay")
    webhooks_sub = webhooks.add_subparsers(dest="webhooks_command", required=True)
    add = webhooks_sub.add_parser("add", help="register an endpoint and print its signing secret once")
    add.add_argument("url")
    add.add_argument("--events", default="", help="comma-separated event types (default: all)")
    add.add_argument("--description", default=None)
    add.set_defaults(handler=_cmd_webhooks_add)
    listing = webhooks_sub.add_parser("list", help="list endpoints")
    listing.add_argument("--all", action="store_true", help="include removed endpoints")
    listing.set_defaults(handler=_cmd_webhooks_list)
    remove = webhooks_sub.add_parser("remove", help="stop sending to an endpoint (its log is kept)")
    remove.add_argument("endpoint_id", type=int)
    remove.set_defaults(handler=_cmd_webhooks_remove)
    replay = webhooks_sub.add_parser("replay", help="send deliveries of an endpoint again")
    replay.add_argument("endpoint_id", type=int)
    replay.add_argument("--delivery", type=int, action="append", help="a delivery id (repeatable)")
    replay.add_argument("--dead", action="store_true", help="every dead-lettered delivery")
    replay.set_defaults(handler=_cmd_webhooks_replay)
    for command in (add, listing, remove, replay):
        command.add_argument("--database-url", default=None)
    for command in (add, remove, replay):
        command.add_argument(
            "--actor", default=None, help="who to record in the audit trail (default cli:<user>)"
        )

    network = sub.add_parser("network", help="the network index (contacts, templates, clusters)")
    network_sub = network.add_subparsers(dest="network_command", required=True)
    rebuild = network_sub.add_parser(
        "rebuild", help="wipe the index and link every posting again (after a linking change)"
    )
    rebuild.add_argument(
        "--resume", action="store_true", help="continue an interrupted rebuild (no wipe): link what is left"
    )
    rebuild.add_argument("--batch", type=int, default=1000, help="postings per transaction")
    rebuild.add_argument("--database-url", default=None)
    rebuild.set_defaults(handler=_cmd_network_rebuild)

    dispatch = sub.add_parser("dispatcher", help="deliver webhook events (run as many as you like)")
    dispatch.add_argument("--interval", type=float, default=1.0, help="seconds between polls when idle")
    dispatch.add_argument("--once", action="store_true", help="one round, then exit")
    dispatch.add_argument("--database-url", default=None)
    dispatch.set_defaults(handler=_cmd_dispatcher)

    rescore = sub.add_parser(
        "rescore", help="re-score open cases and recent postings with the active model (resumable)"
    )
    what = rescore.add_mutually_exclusive_group(required=True)
    what.add_argument("--since", help="ISO date or date-time: postings ingested since then, and open cases")
    what.add_argument("--worker", action="store_true", help="keep working runs recorded by promotions")
    what.add_argument("--list", action="store_true", help="the latest runs and their progress")
    rescore.add_argument("--chunk-size", type=int, default=None, help="overrides VIGIL_RESCORE_CHUNK_SIZE")
    rescore.add_argument("--interval", type=float, default=10.0, help="--worker: seconds between polls")
    rescore.add_argument(
        "--actor", default=None, help="who to record in the audit trail (default cli:<user>)"
    )
    rescore.add_argument("--database-url", default=None)
    rescore.set_defaults(handler=_cmd_rescore)

    register_classifier(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = build_parser().parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    raise SystemExit(main())
