/**
 * The court calendar in force: this code's gazetted holiday list plus the
 * closure days registry officers have declared (Cap. 1 s.71), with the
 * closures version that counts every effective change.
 *
 * Every read is one SQL statement, so the closures and their version always
 * come from one snapshot. Every declaration locks the single version row
 * first, so concurrent declarations serialise and each change gets exactly
 * the next version number. Every change (and every declaration that changed
 * nothing because the day already did not count) is also appended to
 * `court_calendar_changes`, the history of the facts as the registry gave them.
 */
import type { Pool, PoolClient } from 'pg';
import {
  alreadyClosedReason,
  closureKindOf,
  closureOn,
  createCalendar,
  declareClosure,
  withdrawClosure,
  type ClosureDay,
  type ClosureKind,
  type CourtCalendar,
} from '../domain/calendar';
import type { Actor } from '../domain/identity/actor';
import { inTransaction } from './pool';

/** A closure day as the registry recorded it. */
export interface DeclaredClosureDay extends ClosureDay {
  /** The role as recorded (a `Role` when written; kept a string so a renamed role never breaks reading the calendar). */
  declaredBy: { id: string; name: string; role: string };
  /** ISO instant of the declaration (of its latest correction, if corrected). */
  declaredAt: string;
  /** The calendar version this declaration (or correction) produced. */
  closuresVersion: number;
}

export interface CalendarSnapshot {
  calendar: CourtCalendar;
  closures: DeclaredClosureDay[];
  /** The highest closures version whose broadcast to open cases has started (0: none). */
  broadcastVersion: number;
  /** That broadcast's workflow ID, or null if none has started. */
  broadcastWorkflowId: string | null;
  /** The holiday list version running cases were last told of (`hk-gazette-2028.1` before any was broadcast). */
  holidaysBroadcastVersion: string;
  /** The broadcast that told them, or null if none has started. */
  holidaysBroadcastWorkflowId: string | null;
}

/** One entry of the calendar's history. */
export interface CalendarChangeRecord {
  change: 'declared' | 'corrected' | 'withdrawn' | 'recorded' | 'holidays';
  date: string | null;
  reason: string | null;
  kind: ClosureKind | null;
  /** Why a closure was withdrawn, why a record changed nothing, or what a new holiday list changed. */
  note: string | null;
  by: { id: string; name: string; role: string } | null;
  /** ISO instant. */
  at: string;
  /** The closures version a declaration, correction or withdrawal produced. */
  closuresVersion: number | null;
  holidaysVersion: string | null;
}

export interface ClosureDeclarationResult {
  /** The calendar after the declaration. */
  calendar: CourtCalendar;
  /** False when the same date was already declared with the same reason, or the day already does not count. */
  changed: boolean;
  /** Why the day already does not count (a Sunday, a general holiday): recorded, changing nothing. */
  alreadyClosed?: string;
}

export interface ClosureWithdrawalResult {
  calendar: CourtCalendar;
  /** False when the closure had already been withdrawn: nothing was written. */
  changed: boolean;
  /** The closure withdrawn (now or before); null when none was ever declared for the date. */
  withdrawn: ClosureDay | null;
}

type Db = Pool | PoolClient;

interface RawClosure {
  date: string;
  reason: string;
  kind: ClosureKind;
  declaredBy: string;
  declaredByName: string;
  declaredByRole: string;
  declaredAt: string;
  closuresVersion: number;
}

interface RawSnapshot {
  closures_version: number;
  broadcast_version: number;
  broadcast_workflow_id: string | null;
  holidays_broadcast_version: string;
  holidays_broadcast_workflow_id: string | null;
  closures: RawClosure[];
}

// One statement, one snapshot: the version and the rows it counts cannot disagree.
const SNAPSHOT_SQL = `
  SELECT v.closures_version, v.broadcast_version, v.broadcast_workflow_id,
         v.holidays_broadcast_version, v.holidays_broadcast_workflow_id,
         COALESCE((
           SELECT json_agg(json_build_object(
                    'date', to_char(d.date, 'YYYY-MM-DD'),
                    'reason', d.reason,
                    'kind', d.kind,
                    'declaredBy', d.declared_by,
                    'declaredByName', d.declared_by_name,
                    'declaredByRole', d.declared_by_role,
                    'declaredAt', d.declared_at,
                    'closuresVersion', d.closures_version)
                  ORDER BY d.date)
           FROM court_closure_days d), '[]'::json) AS closures
  FROM court_calendar_version v`;

/** The whole stored calendar: closures with who declared them, the version, and the broadcast mark. */
export async function calendarSnapshot(db: Db): Promise<CalendarSnapshot> {
  const { rows } = await db.query<RawSnapshot>(SNAPSHOT_SQL);
  const row = rows[0];
  if (!row) throw new Error('court_calendar_version has no row: run the migrations');
  const closures = row.closures.map(
    (c): DeclaredClosureDay => ({
      date: c.date,
      reason: c.reason,
      // A warning is written without `kind`, as the domain writes it.
      ...(c.kind === 'planned' ? { kind: 'planned' as const } : {}),
      declaredBy: { id: c.declaredBy, name: c.declaredByName, role: c.declaredByRole },
      declaredAt: new Date(c.declaredAt).toISOString(),
      closuresVersion: c.closuresVersion,
    }),
  );
  return {
    // createCalendar validates what was stored: a row the domain would refuse fails loudly here.
    calendar: createCalendar(
      closures.map((c) => ({ date: c.date, reason: c.reason, ...(c.kind ? { kind: c.kind } : {}) })),
      row.closures_version,
    ),
    closures,
    broadcastVersion: row.broadcast_version,
    broadcastWorkflowId: row.broadcast_workflow_id,
    holidaysBroadcastVersion: row.holidays_broadcast_version,
    holidaysBroadcastWorkflowId: row.holidays_broadcast_workflow_id,
  };
}

/** The court calendar in force now (gazetted holidays and declared closure days). */
export async function currentCalendar(db: Db): Promise<CourtCalendar> {
  return (await calendarSnapshot(db)).calendar;
}

/**
 * Declares `closure` as `actor`, in one transaction holding the calendar's
 * version row lock. The domain decides what counts as a change
 * (`declareClosure`): the same date and reason again changes nothing and
 * writes nothing; a new reason for a declared date is a correction; each
 * change is `closuresVersion + 1`. A malformed or uncovered date throws the
 * domain's `InvalidClosureError` and nothing is written.
 *
 * A day that already does not count (a Sunday, a general holiday) is only
 * recorded in the history: no closure, no new version (`alreadyClosed` says
 * why).
 */
export async function declareClosureDay(pool: Pool, closure: ClosureDay, actor: Actor): Promise<ClosureDeclarationResult> {
  return inTransaction(pool, async (tx) => {
    await tx.query('SELECT closures_version FROM court_calendar_version FOR UPDATE');
    // Read after taking the lock: every earlier declaration has committed and is seen.
    const { calendar } = await calendarSnapshot(tx);
    const next = declareClosure(calendar, closure);
    const alreadyClosed = alreadyClosedReason(closure.date);
    if (alreadyClosed !== null && !closureOn(calendar, closure.date)) {
      await appendChange(tx, {
        change: 'recorded',
        date: closure.date,
        reason: closure.reason.trim(),
        kind: closureKindOf(closure),
        note: `${closure.date} is already a day that does not count (${alreadyClosed}): recorded only; no deadline and no calendar version changed`,
        actor,
      });
      return { calendar, changed: false, alreadyClosed };
    }
    if (next === calendar) return { calendar, changed: false };
    const declared = closureOn(next, closure.date);
    if (!declared) throw new Error(`declareClosure did not record ${closure.date}`);
    const corrected = closureOn(calendar, closure.date) !== null;
    await tx.query(
      `INSERT INTO court_closure_days (date, reason, kind, declared_by, declared_by_name, declared_by_role, declared_at, closures_version)
       VALUES ($1, $2, $7, $3, $4, $5, now(), $6)
       ON CONFLICT (date) DO UPDATE SET
         reason = EXCLUDED.reason,
         kind = EXCLUDED.kind,
         declared_by = EXCLUDED.declared_by,
         declared_by_name = EXCLUDED.declared_by_name,
         declared_by_role = EXCLUDED.declared_by_role,
         declared_at = EXCLUDED.declared_at,
         closures_version = EXCLUDED.closures_version`,
      [declared.date, declared.reason, actor.id, actor.name, actor.role, next.closuresVersion, closureKindOf(declared)],
    );
    await tx.query('UPDATE court_calendar_version SET closures_version = $1', [next.closuresVersion]);
    await appendChange(tx, {
      change: corrected ? 'corrected' : 'declared',
      date: declared.date,
      reason: declared.reason,
      kind: closureKindOf(declared),
      actor,
      closuresVersion: next.closuresVersion,
    });
    return { calendar: next, changed: true };
  });
}

/**
 * Withdraws the closure declared for `date` (declared by mistake), as
 * `actor`, for `reason`: the closure leaves the calendar, the version goes up
 * by one, and the history keeps both the declaration and the withdrawal.
 * Withdrawing again changes nothing; a date never declared is `withdrawn: null`.
 */
export async function withdrawClosureDay(pool: Pool, date: string, reason: string, actor: Actor): Promise<ClosureWithdrawalResult> {
  return inTransaction(pool, async (tx) => {
    await tx.query('SELECT closures_version FROM court_calendar_version FOR UPDATE');
    const { calendar } = await calendarSnapshot(tx);
    const closure = closureOn(calendar, date);
    if (!closure) {
      const { rows } = await tx.query<{ change: string; reason: string | null; closure_kind: ClosureKind | null }>(
        `SELECT change, reason, closure_kind FROM court_calendar_changes
         WHERE date = $1 AND change IN ('declared', 'corrected', 'withdrawn') ORDER BY id DESC LIMIT 1`,
        [date],
      );
      const last = rows[0];
      if (last?.change !== 'withdrawn' || last.reason === null) return { calendar, changed: false, withdrawn: null };
      return { calendar, changed: false, withdrawn: { date, reason: last.reason, ...(last.closure_kind === 'planned' ? { kind: 'planned' as const } : {}) } };
    }
    const next = withdrawClosure(calendar, date);
    await tx.query('DELETE FROM court_closure_days WHERE date = $1', [date]);
    await tx.query('UPDATE court_calendar_version SET closures_version = $1', [next.closuresVersion]);
    await appendChange(tx, {
      change: 'withdrawn',
      date,
      reason: closure.reason,
      kind: closureKindOf(closure),
      note: reason,
      actor,
      closuresVersion: next.closuresVersion,
    });
    return { calendar: next, changed: true, withdrawn: closure };
  });
}

interface NewChange {
  change: CalendarChangeRecord['change'];
  date?: string;
  reason?: string;
  kind?: ClosureKind;
  note?: string;
  actor?: Actor;
  closuresVersion?: number;
  holidaysVersion?: string;
}

async function appendChange(db: Db, c: NewChange): Promise<void> {
  await db.query(
    `INSERT INTO court_calendar_changes (change, date, reason, closure_kind, note, actor_id, actor_name, actor_role, closures_version, holidays_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      c.change,
      c.date ?? null,
      c.reason ?? null,
      c.kind ?? null,
      c.note ?? null,
      c.actor?.id ?? null,
      c.actor?.name ?? null,
      c.actor?.role ?? null,
      c.closuresVersion ?? null,
      c.holidaysVersion ?? null,
    ],
  );
}

interface RawChange {
  change: CalendarChangeRecord['change'];
  date: string | null;
  reason: string | null;
  closure_kind: ClosureKind | null;
  note: string | null;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  at: Date;
  closures_version: number | null;
  holidays_version: string | null;
}

const toRecord = (r: RawChange): CalendarChangeRecord => ({
  change: r.change,
  date: r.date,
  reason: r.reason,
  kind: r.closure_kind,
  note: r.note,
  by: r.actor_id === null ? null : { id: r.actor_id, name: r.actor_name ?? '', role: r.actor_role ?? '' },
  at: new Date(r.at).toISOString(),
  closuresVersion: r.closures_version,
  holidaysVersion: r.holidays_version,
});

const CHANGE_COLUMNS = `change, to_char(date, 'YYYY-MM-DD') AS date, reason, closure_kind, note, actor_id, actor_name, actor_role, at, closures_version, holidays_version`;

/** The calendar's history, oldest first; only `year`'s closure entries (and every holiday list change) when given. */
export async function calendarChanges(db: Db, year?: number): Promise<CalendarChangeRecord[]> {
  const { rows } = await db.query<RawChange>(
    `SELECT ${CHANGE_COLUMNS} FROM court_calendar_changes
     WHERE $1::int IS NULL OR date IS NULL OR extract(year FROM date) = $1 ORDER BY id`,
    [year ?? null],
  );
  return rows.map(toRecord);
}

/** The declaration, correction or withdrawal that produced `closuresVersion`, or null. */
export async function closureChangeOf(db: Db, closuresVersion: number): Promise<CalendarChangeRecord | null> {
  const { rows } = await db.query<RawChange>(`SELECT ${CHANGE_COLUMNS} FROM court_calendar_changes WHERE closures_version = $1`, [closuresVersion]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/**
 * Records that running cases are being told of holiday list `holidaysVersion`
 * by `workflowId`, with what changed; once per version (a second call for the
 * same version writes nothing).
 */
export async function markHolidaysBroadcastStarted(db: Db, from: string, holidaysVersion: string, workflowId: string, note: string): Promise<void> {
  await inTransactionOf(db, async (tx) => {
    const { rowCount } = await tx.query(
      `UPDATE court_calendar_version SET holidays_broadcast_version = $2, holidays_broadcast_workflow_id = $3
       WHERE holidays_broadcast_version = $1`,
      [from, holidaysVersion, workflowId],
    );
    if (rowCount === 1) await appendChange(tx, { change: 'holidays', note, holidaysVersion });
  });
}

async function inTransactionOf(db: Db, work: (tx: Db) => Promise<void>): Promise<void> {
  if ('release' in db) {
    await work(db);
    return;
  }
  await inTransaction(db, work);
}

/**
 * Records that the broadcast of `closuresVersion` has started. Monotone: a
 * late call for an older version never moves the mark back.
 */
export async function markBroadcastStarted(db: Db, closuresVersion: number, workflowId: string): Promise<void> {
  await db.query(
    `UPDATE court_calendar_version SET broadcast_version = $1, broadcast_workflow_id = $2
     WHERE broadcast_version < $1`,
    [closuresVersion, workflowId],
  );
}
