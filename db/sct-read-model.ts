/**
 * The normalised read model of a small-claim case: its row in `sct_cases`
 * and its parties, hearings, deadlines, alerts, payments and staff work
 * items, derived from the workflow's view and written together, so a reader
 * never sees one table at a newer version than another.
 */
import type { PoolClient } from 'pg';
import { hearingOn, type SmallClaimView } from '../domain/sct/case';
import { smallClaimItems } from '../domain/work-queue/items';
import { clearLagUpTo } from './read-model-lag';

export type HearingStatus = 'current' | 'vacated' | 'adjourned' | 'held';

export interface HearingRow {
  seq: number;
  date: string;
  starts_at: string;
  status: HearingStatus;
}

/**
 * Every hearing date the case has had, in order: each date it was adjourned
 * from (s.26; `vacated` when a closure day took it), then the date standing
 * now: `current` while it is awaited, `held` once the hearing day has come
 * or an outcome was made at it, `vacated` if the case ended (closed or
 * transferred) without being heard on it.
 */
export function hearingRows(view: SmallClaimView): HearingRow[] {
  const rows: HearingRow[] = [];
  for (const adjournment of view.adjournments) {
    if (adjournment.from === null) continue;
    rows.push({
      seq: rows.length + 1,
      date: adjournment.from,
      starts_at: hearingOn(adjournment.from).startsAt,
      status: adjournment.vacated ? 'vacated' : 'adjourned',
    });
  }
  if (view.hearing) {
    const { date, startsAt } = view.hearing;
    const heard = view.stage === 'awaiting-outcome' || view.outcome?.hearingDate === date;
    const status: HearingStatus = view.stage === 'awaiting-hearing' ? 'current' : heard ? 'held' : view.stage === 'closed' || view.stage === 'transferred' ? 'vacated' : 'held';
    rows.push({ seq: rows.length + 1, date, starts_at: startsAt, status });
  }
  return rows;
}

/** The rows of each child table for one case, as JSON records for `jsonb_to_recordset`. */
export function readModelRows(view: SmallClaimView) {
  return {
    parties: view.parties.map((p) => ({ party_id: p.id, side: p.side, name: p.name, struck_out: p.struckOut === true })),
    hearings: hearingRows(view),
    deadlines: view.deadlines.map((d) => ({
      key: d.key,
      rule: d.rule,
      basis: d.computation.basis,
      from_date: d.computation.from,
      due: d.computation.due,
      status: d.status,
      owner: d.owner,
      explanation: d.explanation,
    })),
    alerts: view.alerts.map((a) => ({
      alert_id: a.id,
      at: a.at,
      severity: a.severity,
      recipient: a.to,
      rule: a.rule,
      message: a.message,
      resolved_on: a.resolvedOn ?? null,
      status: a.status,
    })),
    payments: view.payments.map((p) => ({ payment_id: p.id, by_party: p.by, amount_cents: p.amountCents, paid_on: p.paidOn, paid_into: p.into })),
    // The registry's and adjudicators' items, as the work queue and the digest read them (without their claims).
    workItems: smallClaimItems(view).map((i) => ({ item_id: i.id, step: i.step, party: i.party, roles: i.roles, due: i.due, title: i.title })),
  };
}

/**
 * Upserts the case's row if `view` is newer than the stored version, and
 * then (only then) replaces its rows in every child table. Run inside one
 * transaction: the `sct_cases` row stays locked until commit, so concurrent
 * projections of one case apply one after the other and a stale one changes
 * nothing. Returns whether the view was applied.
 */
export async function projectCaseReadModel(tx: PoolClient, view: SmallClaimView): Promise<boolean> {
  const upsert = await tx.query(
    `INSERT INTO sct_cases
       (case_no, stage, filed_on, latest_hearing_date, hearing_date, claimed_cents, snapshot, version, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
     ON CONFLICT (case_no) DO UPDATE SET
       stage = EXCLUDED.stage,
       latest_hearing_date = EXCLUDED.latest_hearing_date,
       hearing_date = EXCLUDED.hearing_date,
       claimed_cents = EXCLUDED.claimed_cents,
       snapshot = EXCLUDED.snapshot,
       version = EXCLUDED.version,
       updated_at = now()
     WHERE sct_cases.version < EXCLUDED.version`,
    [view.caseNo, view.stage, view.filedOn, view.latestHearing.unextendedDue, view.hearing?.date ?? null, view.claimedCents, JSON.stringify(view), view.version],
  );
  if (upsert.rowCount !== 1) return false;
  await clearLagUpTo(tx, view.caseNo, view.version);

  const rows = readModelRows(view);
  const replace = async (table: string, columns: string, recordType: string, records: readonly object[]) => {
    await tx.query(`DELETE FROM ${table} WHERE case_no = $1`, [view.caseNo]);
    if (records.length === 0) return;
    await tx.query(`INSERT INTO ${table} (case_no, ${columns}) SELECT $1, ${columns} FROM jsonb_to_recordset($2::jsonb) AS r(${recordType})`, [
      view.caseNo,
      JSON.stringify(records),
    ]);
  };
  await replace('sct_parties', 'party_id, side, name, struck_out', 'party_id text, side text, name text, struck_out boolean', rows.parties);
  await replace('sct_hearings', 'seq, date, starts_at, status', 'seq integer, date date, starts_at timestamptz, status text', rows.hearings);
  await replace(
    'sct_deadlines',
    'key, rule, basis, from_date, due, status, owner, explanation',
    'key text, rule text, basis text, from_date date, due date, status text, owner text, explanation text',
    rows.deadlines,
  );
  await replace(
    'sct_alerts',
    'alert_id, at, severity, recipient, rule, message, resolved_on, status',
    'alert_id text, at timestamptz, severity text, recipient text, rule text, message text, resolved_on date, status text',
    rows.alerts,
  );
  await replace(
    'sct_payments',
    'payment_id, by_party, amount_cents, paid_on, paid_into',
    'payment_id text, by_party text, amount_cents bigint, paid_on date, paid_into text',
    rows.payments,
  );
  await replace('sct_work_items', 'item_id, step, party, roles, due, title', 'item_id text, step text, party text, roles text[], due date, title text', rows.workItems);
  return true;
}
