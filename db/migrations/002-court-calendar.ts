import type { Migration } from './index';

export const m002CourtCalendar: Migration = {
  id: '002-court-calendar',
  sql: `
    -- The days registry officers declared closed (gale or black rainstorm warning,
    -- Cap. 1 s.71). One row per date; a new reason for a declared date replaces the
    -- row (a correction). closures_version is the calendar version that set the
    -- row's current reason: the newest version's change is always one row here.
    CREATE TABLE court_closure_days (
      date             date        PRIMARY KEY,
      reason           text        NOT NULL CHECK (btrim(reason) <> '' AND length(reason) <= 200),
      declared_by      text        NOT NULL,
      declared_by_name text        NOT NULL,
      declared_by_role text        NOT NULL,
      declared_at      timestamptz NOT NULL DEFAULT now(),
      closures_version integer     NOT NULL UNIQUE CHECK (closures_version > 0)
    );

    -- One row, always present: the calendar's closures version (+1 per effective
    -- change) and the highest version whose broadcast to open cases has started,
    -- with that broadcast's workflow ID.
    -- Declarations lock this row, so concurrent ones serialise and each change gets
    -- exactly the next number; a broadcast of version N carries every closure up
    -- to N, so a pending older broadcast is covered by any newer one.
    CREATE TABLE court_calendar_version (
      singleton         boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      closures_version  integer NOT NULL CHECK (closures_version >= 0),
      broadcast_version integer NOT NULL CHECK (broadcast_version >= 0 AND broadcast_version <= closures_version),
      broadcast_workflow_id text
    );
    INSERT INTO court_calendar_version (singleton, closures_version, broadcast_version) VALUES (true, 0, 0);
  `,
};
