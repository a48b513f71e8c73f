/**
 * The court calendar in force: this code's gazetted holiday list plus the
 * closure days registry officers have declared (Cap. 1 s.71), with the
 * closures version that counts every effective change.
 *
 * Every read is one SQL statement, so the closures and their version always
 * come from one snapshot. Every declaration locks the single version row
 * first, so concurrent declarations serialise and each change gets exactly
 * the next version number.
 */
import type { Pool, PoolClient } from 'pg';
import { closureOn, createCalendar, declareClosure, type ClosureDay, type CourtCalendar } from '../domain/calendar';
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
}

export interface ClosureDeclarationResult {
  /** The calendar after the declaration. */
  calendar: CourtCalendar;
  /** False when the same date was already declared with the same reason: nothing was written. */
  changed: boolean;
}

type Db = Pool | PoolClient;

interface RawClosure {
  date: string;
  reason: string;
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
  closures: RawClosure[];
}

// One statement, one snapshot: the version and the rows it counts cannot disagree.
const SNAPSHOT_SQL = `
  SELECT v.closures_version, v.broadcast_version, v.broadcast_workflow_id,
         COALESCE((
           SELECT json_agg(json_build_object(
                    'date', to_char(d.date, 'YYYY-MM-DD'),
                    'reason', d.reason,
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
      declaredBy: { id: c.declaredBy, name: c.declaredByName, role: c.declaredByRole },
      declaredAt: new Date(c.declaredAt).toISOString(),
      closuresVersion: c.closuresVersion,
    }),
  );
  return {
    // createCalendar validates what was stored: a row the domain would refuse fails loudly here.
    calendar: createCalendar(
      closures.map((c) => ({ date: c.date, reason: c.reason })),
      row.closures_version,
    ),
    closures,
    broadcastVersion: row.broadcast_version,
    broadcastWorkflowId: row.broadcast_workflow_id,
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
 */
export async function declareClosureDay(pool: Pool, closure: ClosureDay, actor: Actor): Promise<ClosureDeclarationResult> {
  return inTransaction(pool, async (tx) => {
    await tx.query('SELECT closures_version FROM court_calendar_version FOR UPDATE');
    // Read after taking the lock: every earlier declaration has committed and is seen.
    const { calendar } = await calendarSnapshot(tx);
    const next = declareClosure(calendar, closure);
    if (next === calendar) return { calendar, changed: false };
    const declared = closureOn(next, closure.date);
    if (!declared) throw new Error(`declareClosure did not record ${closure.date}`);
    await tx.query(
      `INSERT INTO court_closure_days (date, reason, declared_by, declared_by_name, declared_by_role, declared_at, closures_version)
       VALUES ($1, $2, $3, $4, $5, now(), $6)
       ON CONFLICT (date) DO UPDATE SET
         reason = EXCLUDED.reason,
         declared_by = EXCLUDED.declared_by,
         declared_by_name = EXCLUDED.declared_by_name,
         declared_by_role = EXCLUDED.declared_by_role,
         declared_at = EXCLUDED.declared_at,
         closures_version = EXCLUDED.closures_version`,
      [declared.date, declared.reason, actor.id, actor.name, actor.role, next.closuresVersion],
    );
    await tx.query('UPDATE court_calendar_version SET closures_version = $1', [next.closuresVersion]);
    return { calendar: next, changed: true };
  });
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
