"""Delivering alerts through Apprise, exactly once, within a per-minute budget.

The ``alerts`` table is the memory: an alert's key is inserted (claimed)
*before* it is sent, in the same transaction that marks the labels it came
from as looked at. A restart therefore never repeats an alert; the price is
that a crash between the claim and the HTTP call loses that one alert, and a
delivery that failed outright is retried on later cycles for an hour.
Which alerts to compose is decided in :mod:`mailsync.alerts` (pure).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import String, cast, func, select, update
from sqlalchemy.orm import Session

from mailsync import alerts as A
from mailsync.config import Settings
from mailsync.errors import NotifyError  # Raised here; importable from here too.
from mailsync.store import Database
from mailsync.store.messages import insert_ignoring_duplicates
from mailsync.store.schema import AlertRow, LabelRow, MessageRow, ProgramRow

log = logging.getLogger(__name__)

#: Mail older than this when first labeled is history (a first sync), not news.
FRESH = timedelta(hours=72)
#: A delivery that failed is tried again on later cycles for this long.
RETRY_FOR = timedelta(hours=1)
NO_TARGET = "no [notify] urls configured"
NOT_WANTED = "event not in [notify] kinds"
_LABEL_BATCH = 500


class Notifier(Protocol):
    """Anything that can put a title and a body in front of the applicant."""

    def send(self, title: str, body: str) -> None: ...


class AppriseNotifier:
    """Every configured Apprise URL (``json://``, ``ntfy://``, ``mailto://`` ...)."""

    def __init__(self, urls: Sequence[str]) -> None:
        import apprise

        self._apprise = apprise.Apprise()
        for url in urls:
            if not self._apprise.add(url):
                # The URL may embed a token: name only its scheme.
                raise NotifyError(f"notify url with scheme {url.split(':', 1)[0]!r} is invalid")

    def send(self, title: str, body: str) -> None:
        if not self._apprise.notify(body=body, title=title):
            raise NotifyError("no notify url accepted the alert")


@dataclass
class DispatchReport:
    sent: int = 0
    folded: int = 0
    deferred: int = 0
    failed: int = 0


def make_notifier(settings: Settings) -> Notifier | None:
    """The configured notifier, or None when ``[notify] urls`` is empty."""
    return AppriseNotifier(settings.notify.urls) if settings.notify.urls else None


# ----------------------------------------------------------------- gathering


def _program_names(session: Session, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = session.execute(select(ProgramRow.program_id, ProgramRow.name)
                           .where(ProgramRow.program_id.in_(wanted)))
    return {pid: name for pid, name in rows}


def _deadlines(raw: Sequence[dict[str, str]] | None) -> tuple[datetime, ...]:
    found = []
    for item in raw or ():
        try:
            when = datetime.fromisoformat(str(item.get("when", "")))
        except ValueError:
            continue
        if when.tzinfo is not None:
            found.append(when)
    return tuple(found)


def _mails(session: Session, rows: Sequence[tuple[LabelRow, MessageRow]]) -> list[A.LabeledMail]:
    names = _program_names(session, (label.program_id for label, _ in rows))
    return [
        A.LabeledMail(
            message_pk=label.message_pk, kind=label.kind, flags=tuple(label.flags or ()),
            deadlines=_deadlines(label.deadlines), program_id=label.program_id,
            program_name=names.get(label.program_id or "", ""), sender=msg.from_addr,
            subject=msg.subject,
        )
        for label, msg in rows
    ]


def _is_fresh(msg: MessageRow, now: datetime) -> bool:
    when = msg.date or msg.stored_at
    return when is None or now - when <= FRESH


def new_mail_alerts(session: Session, now: datetime, tz: str) -> tuple[list[A.Alert], list[int]]:
    """Alerts for labels not yet looked at, and those labels' message ids.

    Mail that was already old when it was labeled (the backlog of a first
    sync) is looked at silently: an alert is for news.
    """
    rows = session.execute(
        select(LabelRow, MessageRow).join(MessageRow, MessageRow.id == LabelRow.message_pk)
        .where(LabelRow.notified_at.is_(None)).order_by(LabelRow.message_pk).limit(_LABEL_BATCH)
    ).all()
    fresh = [(label, msg) for label, msg in rows if _is_fresh(msg, now)]
    found = [a for mail in _mails(session, fresh) for a in A.mail_alerts(mail, now, tz)]
    return found, [label.message_pk for label, _ in rows]


def _mails_with_deadlines(session: Session) -> list[A.LabeledMail]:
    rows = session.execute(
        select(LabelRow, MessageRow).join(MessageRow, MessageRow.id == LabelRow.message_pk)
        .where(cast(LabelRow.deadlines, String) != "[]")
    ).all()
    return _mails(session, rows)


def deadline_alerts(session: Session, now: datetime, tz: str) -> list[A.Alert]:
    return [a for mail in _mails_with_deadlines(session)
            for a in A.deadline_alerts(mail, now, tz)]


def next_deadline_warning(session: Session, now: datetime) -> datetime | None:
    """When the next deadline warning falls due, so the daemon can wake for it."""
    times = [t for mail in _mails_with_deadlines(session) for t in A.deadline_due_times(mail, now)]
    return min(times, default=None)


# ---------------------------------------------------------------- dispatching


def _known_keys(session: Session, keys: Sequence[str]) -> set[str]:
    known: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        known.update(session.scalars(select(AlertRow.key).where(AlertRow.key.in_(chunk))))
    return known


def _sent_last_minute(session: Session, now: datetime) -> int:
    return session.scalar(select(func.count(AlertRow.id)).where(
        AlertRow.delivered_at.is_not(None), AlertRow.delivered_at > now - timedelta(minutes=1),
    )) or 0


def _claim(session: Session, alerts: Sequence[A.Alert], now: datetime) -> list[A.Alert]:
    """Insert the keys; only the ones this call inserted are ours to send."""
    mine = []
    for alert in alerts:
        # ON CONFLICT DO NOTHING: a key someone else claimed is theirs.
        result = session.execute(insert_ignoring_duplicates(session, AlertRow).values(
            key=alert.key, event=alert.event, title=alert.title, body=alert.body,
            created_at=now, error=""))
        if result.rowcount:
            mine.append(alert)
    return mine


def dispatch(db: Database, settings: Settings, now: datetime, notifier: Notifier | None,
             candidates: Sequence[A.Alert], *, looked_at: Sequence[int] = ()) -> DispatchReport:
    """Dedupe, rate-limit, claim and send ``candidates``; mark ``looked_at`` labels."""
    wanted = A.select_kinds(candidates, settings.notify.kinds)
    with db.transaction() as s:
        known = _known_keys(s, [a.key for a in wanted])
        fresh = list({a.key: a for a in wanted if a.key not in known}.values())
        plan = A.plan_delivery(fresh, sent_last_minute=_sent_last_minute(s, now),
                               max_per_minute=settings.notify.max_per_minute)
        claimed = {a.key for a in _claim(s, [a for n in plan.notifications for a in n.covers],
                                         now)}
        # A label whose alert waits for the rate limit is looked at again next time.
        waiting = {a.message_pk for a in plan.deferred}
        done = [pk for pk in looked_at if pk not in waiting]
        if done:
            s.execute(update(LabelRow).where(LabelRow.message_pk.in_(done))
                      .values(notified_at=now))
    report = DispatchReport(deferred=len(plan.deferred))
    for note in plan.notifications:
        covers = [a for a in note.covers if a.key in claimed]
        if covers:
            _deliver(db, notifier, note, covers, now, report)
    return report


def _deliver(db: Database, notifier: Notifier | None, note: A.Notification,
             covers: Sequence[A.Alert], now: datetime, report: DispatchReport) -> None:
    error = ""
    if notifier is None:
        error = NO_TARGET
        log.info("event=alert_unsent reason=no_target title=%r", note.title)
    else:
        try:
            notifier.send(note.title, note.body)
        except Exception as exc:  # An alert target must never stop the daemon.
            error = f"{type(exc).__name__}: {exc}"[:500]
            log.warning("event=alert_failed keys=%s error=%r", len(covers), error)
    keys = [a.key for a in covers]
    with db.transaction() as s:
        s.execute(update(AlertRow).where(AlertRow.key.in_(keys)).values(
            delivered_at=None if error else now, error=error))
    if error:
        report.failed += len(covers)
    else:
        report.sent += 1
        report.folded += len(covers) - 1 if len(covers) > 1 else 0
        for alert in covers:
            log.info("event=alert_sent key=%s title=%r", alert.key, alert.title)


def enqueue(db: Database, settings: Settings, now: datetime, candidates: Sequence[A.Alert]) -> int:
    """Record alerts for the next :func:`deliver_queued`; returns how many were new.

    Threads other than the one that delivers use this, so one alert is never
    handed to two deliveries at once.
    """
    wanted = A.select_kinds(candidates, settings.notify.kinds)
    with db.transaction() as s:
        return len(_claim(s, wanted, now))


def deliver_queued(db: Database, settings: Settings, now: datetime,
                   notifier: Notifier | None) -> int:
    """Send alert rows that are claimed but not delivered; returns notifications sent.

    These are rows other parts queued (the outbox records send failures this
    way), rows whose delivery failed (retried for an hour), and rows a crash
    left between claim and delivery.
    """
    if notifier is None:
        return 0
    with db.reading() as s:
        rows = s.scalars(select(AlertRow).where(
            AlertRow.delivered_at.is_(None), AlertRow.error.not_in((NO_TARGET, NOT_WANTED)),
            AlertRow.created_at > now - RETRY_FOR).order_by(AlertRow.id)).all()
        sent_recently = _sent_last_minute(s, now)
    queued = [A.Alert(key=r.key, event=r.event, title=r.title, body=r.body) for r in rows]
    wanted = A.select_kinds(queued, settings.notify.kinds)
    _mark_unwanted(db, [a.key for a in queued if a not in wanted])
    plan = A.plan_delivery(wanted, sent_last_minute=sent_recently,
                           max_per_minute=settings.notify.max_per_minute)
    report = DispatchReport()
    for note in plan.notifications:
        _deliver(db, notifier, note, note.covers, now, report)
    return report.sent


def _mark_unwanted(db: Database, keys: Sequence[str]) -> None:
    if keys:
        with db.transaction() as s:
            s.execute(update(AlertRow).where(AlertRow.key.in_(keys)).values(error=NOT_WANTED))


def process(db: Database, settings: Settings, now: datetime,
            notifier: Notifier | None) -> DispatchReport:
    """One alerting pass: new mail, approaching deadlines, then everything queued."""
    tz = settings.applicant_timezone
    total = DispatchReport()
    while True:
        with db.reading() as s:
            found, looked = new_mail_alerts(s, now, tz)
        if not looked:
            break
        part = dispatch(db, settings, now, notifier, found, looked_at=looked)
        _add(total, part)
        if part.deferred:
            break  # The rest waits for the next minute's budget.
    with db.reading() as s:
        warnings = deadline_alerts(s, now, tz)
    _add(total, dispatch(db, settings, now, notifier, warnings))
    total.sent += deliver_queued(db, settings, now, notifier)
    return total


def _add(total: DispatchReport, part: DispatchReport) -> None:
    total.sent += part.sent
    total.folded += part.folded
    total.deferred += part.deferred
    total.failed += part.failed
