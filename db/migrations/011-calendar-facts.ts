import type { Migration } from './index';

/**
 * Closure days are facts, and mistakes can be undone; the holiday list has a
 * version running cases are told of.
 *
 * - `court_closure_days.kind`: `warning` (a gale or black rainstorm warning,
 *   declared on or after the day) or `planned` (closed by order, announced in
 *   advance). Every row before this migration was a warning.
 * - `court_calendar_changes`: every change to the closures (declared,
 *   corrected, withdrawn), every declaration of a day that already did not
 *   count (recorded, changing nothing), and every new holiday list told to
 *   the cases, in order, with who and why. `court_closure_days` is the
 *   closures in force; this is their history, so a withdrawn closure is
 *   never forgotten. Existing closures are carried in as `declared`.
 * - `court_calendar_version.holidays_broadcast_version`: the holiday list
 *   version running cases were last told of, with that broadcast's workflow.
 *   Every case running before this migration computed on `hk-gazette-2028.1`,
 *   the only list the code had, so that is where it starts.
 */
export const m011CalendarFacts: Migration = {
  id: '011-calendar-facts',
  sql: `
    ALTER TABLE court_closure_days
      ADD COLUMN kind text NOT NULL DEFAULT 'warning' CHECK (kind IN ('warning', 'planned'));

    CREATE TABLE court_calendar_changes (
      id               bigserial   PRIMARY KEY,
      change           text        NOT NULL CHECK (change IN ('declared', 'corrected', 'withdrawn', 'recorded', 'holidays')),
      date             date,
      reason           text        CHECK (reason IS NULL OR (btrim(reason) <> '' AND length(reason) <= 200)),
      closure_kind     text        CHECK (closure_kind IN ('warning', 'planned')),
      -- Why a closure was withdrawn, why a record changed nothing, or what a new holiday list changed.
      note             text        CHECK (note IS NULL OR length(note) <= 2000),
      actor_id         text,
      actor_name       text,
      actor_role       text,
      at               timestamptz NOT NULL DEFAULT now(),
      -- The closures version a declaration, correction or withdrawal produced; null for the others.
      closures_version integer     CHECK (closures_version > 0),
      holidays_version text,
      CHECK ((change IN ('declared', 'corrected', 'withdrawn')) = (closures_version IS NOT NULL)),
      CHECK ((change = 'holidays') = (date IS NULL))
    );
    CREATE UNIQUE INDEX court_calendar_changes_version ON court_calendar_changes (closures_version);
    CREATE INDEX court_calendar_changes_date ON court_calendar_changes (date, id);

    INSERT INTO court_calendar_changes (change, date, reason, closure_kind, actor_id, actor_name, actor_role, at, closures_version)
      SELECT 'declared', date, reason, 'warning', declared_by, declared_by_name, declared_by_role, declared_at, closures_version
      FROM court_closure_days ORDER BY closures_version;

    ALTER TABLE court_calendar_version
      ADD COLUMN holidays_broadcast_version text NOT NULL DEFAULT 'hk-gazette-2028.1',
      ADD COLUMN holidays_broadcast_workflow_id text;
  `,
};
