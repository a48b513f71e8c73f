import type { Migration } from './index';

/**
 * The staff work items of each small claim as a read model of their own
 * (issue 14): one row per item the registry or an adjudicator is to take,
 * as domain/work-queue/items.ts derives them from the case's view, replaced
 * by the projection in the same transaction as the case's other tables
 * (db/sct-read-model.ts). The work queue and the daily digest read them by
 * index, due first, instead of reading every open case's whole view.
 *
 * Indexed per queue role by (due, case number, item id), in the queue's own
 * order (bytewise, as JavaScript compares the ASCII of case numbers and item
 * ids, whatever the database's collation): a role's first items are the
 * first rows of its index, and its items due by a day a range of it.
 *
 * Backfilled here from the views already projected, deriving the items in
 * SQL exactly as the domain derives them now (the deadline rules each step
 * meets are written out as they stand at this migration); from then on the
 * projection writes them.
 */
export const WORK_ITEMS_BACKFILL = `
    INSERT INTO sct_work_items (item_id, case_no, step, party, roles, due, title)
    WITH actions AS (
      SELECT c.case_no, a.ord, a.act ->> 'step' AS step, a.act ->> 'party' AS party, a.act ->> 'note' AS note,
             a.act -> 'roles' ? 'registry-officer' AS registry, a.act -> 'roles' ? 'adjudicator' AS adjudicator,
             coalesce(nullif(a.act ->> 'dueBy', ''),
               (SELECT min(d -> 'computation' ->> 'due') FROM jsonb_array_elements(coalesce(c.snapshot -> 'deadlines', '[]')) d
                 WHERE d ->> 'status' = 'open'
                   AND (d ->> 'rule', a.act ->> 'step') IN (VALUES
                     ('sct.written-award', 'write-award'),
                     ('sct.order-compliance', 'record-compliance'),
                     ('sct.review-by-adjudicator', 'review-on-own-motion'),
                     ('sct.review-application', 'apply-for-review'),
                     ('sct.set-aside', 'apply-to-set-aside'),
                     ('sct.appeal-leave', 'apply-for-leave-to-appeal'),
                     ('sct.ca-leave', 'apply-for-ca-leave'),
                     ('sct.transfer-review-application', 'apply-for-transfer-review'),
                     ('sct.transfer-review', 'record-court-decision')))) AS due
        FROM sct_cases c, jsonb_array_elements(coalesce(c.snapshot -> 'pendingActions', '[]')) WITH ORDINALITY AS a(act, ord)
       WHERE c.snapshot ->> 'stage' <> 'closed' AND a.act -> 'roles' ?| ARRAY['registry-officer', 'adjudicator']),
    keyed AS (
      SELECT actions.*, 'sct~' || case_no || '~' || step || CASE WHEN coalesce(party, '') <> '' THEN '~' || party ELSE '' END AS item_id
        FROM actions)
    SELECT item_id, case_no, step, (array_agg(party ORDER BY ord))[1],
           array_remove(ARRAY[CASE WHEN bool_or(registry) THEN 'registry-officer' END, CASE WHEN bool_or(adjudicator) THEN 'adjudicator' END], NULL),
           min(due)::date,
           (array_agg(note ORDER BY ord))[1] || CASE WHEN count(*) > 1 THEN ' (and ' || (count(*) - 1) || ' more)' ELSE '' END
      FROM keyed
     GROUP BY item_id, case_no, step`;

export const m025WorkItems: Migration = {
  id: '025-work-items',
  sql: `
    CREATE TABLE sct_work_items (
      item_id text COLLATE "C" PRIMARY KEY,
      case_no text    NOT NULL REFERENCES sct_cases (case_no) ON DELETE CASCADE,
      step    text    NOT NULL,
      party   text,
      -- The queue roles that may take it, in the domain's order (QUEUE_ROLES).
      roles   text[]  NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['registry-officer', 'adjudicator']),
      -- Null: no rule sets a day for it (sorted last).
      due     date,
      title   text    NOT NULL
    );
    CREATE INDEX sct_work_items_of_case ON sct_work_items (case_no);
    CREATE INDEX sct_work_items_registry ON sct_work_items (due, case_no COLLATE "C", item_id) WHERE 'registry-officer' = ANY (roles);
    CREATE INDEX sct_work_items_adjudicator ON sct_work_items (due, case_no COLLATE "C", item_id) WHERE 'adjudicator' = ANY (roles);
    ${WORK_ITEMS_BACKFILL};
  `,
};
