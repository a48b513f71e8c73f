import type { Migration } from './index';

/**
 * Organisation administration as the iCMS brochure lists it: branch codes,
 * each organisation account in a branch, the powers a principal
 * administrator delegates to each sub-administrator, default organisation
 * users, the maximum numbers of accounts and branch codes, and the requests
 * to raise them that a registry officer decides.
 *
 * Backfilled so that nothing existing behaves differently: every
 * organisation gets the branch MAIN and every organisation account is placed
 * in it (so no assignment becomes cross-branch); every sub-administrator gets
 * the powers a sub-administrator had before (organisation users and case
 * assignment), plus sub-administrator management where it was authorised;
 * an organisation that already has more accounts than the defaults of this
 * release (5 sub-administrators, 50 users, 10 branch codes; kept in
 * domain/identity/quotas.ts) gets a maximum of what it has.
 */
const POWERS = [
  'manage-org-users',
  'manage-sub-admins',
  'assign-cases',
  'assign-across-branches',
  'maintain-default-users',
  'manage-branch-codes',
  'request-quota-changes',
].map((p) => `'${p}'`);
const KINDS = ['sub-admin-accounts', 'org-user-accounts', 'branch-codes'].map((k) => `'${k}'`);

export const m015OrganisationAdministration: Migration = {
  id: '015-organisation-administration',
  sql: `
    -- Branch codes: never deleted or reused (assignments and the audit log name them), only deactivated.
    CREATE TABLE organisation_branches (
      organisation_id uuid        NOT NULL REFERENCES organisations (id),
      code            text        NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{0,9}$'),
      name            text        NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
      active          boolean     NOT NULL DEFAULT true,
      created_by      uuid        REFERENCES accounts (id),
      created_at      timestamptz NOT NULL DEFAULT now(),
      updated_at      timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organisation_id, code)
    );
    INSERT INTO organisation_branches (organisation_id, code, name) SELECT id, 'MAIN', 'Main office' FROM organisations;

    -- Every organisation account belongs to a branch of its own organisation.
    ALTER TABLE accounts ADD COLUMN branch_code text;
    UPDATE accounts SET branch_code = 'MAIN' WHERE organisation_id IS NOT NULL;
    ALTER TABLE accounts
      ADD CONSTRAINT accounts_branch FOREIGN KEY (organisation_id, branch_code) REFERENCES organisation_branches (organisation_id, code),
      ADD CONSTRAINT accounts_branch_iff_organisation CHECK ((branch_code IS NULL) = (organisation_id IS NULL));
    CREATE INDEX accounts_branch ON accounts (organisation_id, branch_code) WHERE organisation_id IS NOT NULL;

    -- A sub-administrator's delegated powers. can_manage_sub_admins becomes what
    -- it always meant, holding manage-sub-admins: computed, so the two never disagree.
    ALTER TABLE accounts ADD COLUMN powers text[] NOT NULL DEFAULT '{}';
    UPDATE accounts
       SET powers = CASE WHEN can_manage_sub_admins THEN ARRAY['manage-org-users', 'manage-sub-admins', 'assign-cases']
                         ELSE ARRAY['manage-org-users', 'assign-cases'] END
     WHERE role = 'org-sub-admin';
    ALTER TABLE accounts DROP COLUMN can_manage_sub_admins;
    ALTER TABLE accounts
      ADD COLUMN can_manage_sub_admins boolean GENERATED ALWAYS AS ('manage-sub-admins' = ANY (powers)) STORED,
      ADD CONSTRAINT accounts_powers_known CHECK (powers <@ ARRAY[${POWERS.join(', ')}]::text[]),
      ADD CONSTRAINT accounts_powers_sub_admins_only CHECK (cardinality(powers) = 0 OR role = 'org-sub-admin');

    -- The maximums the registry set; an organisation without a row has the default (domain/identity/quotas.ts).
    CREATE TABLE organisation_quotas (
      organisation_id  uuid        NOT NULL REFERENCES organisations (id),
      kind             text        NOT NULL CHECK (kind IN (${KINDS.join(', ')})),
      maximum          integer     NOT NULL CHECK (maximum BETWEEN 0 AND 10000),
      set_by           uuid        REFERENCES accounts (id),
      set_at           timestamptz NOT NULL DEFAULT now(),
      -- The approved request that set it; null for the backfill below.
      quota_request_id uuid,
      PRIMARY KEY (organisation_id, kind)
    );
    INSERT INTO organisation_quotas (organisation_id, kind, maximum)
    SELECT organisation_id, CASE role WHEN 'org-sub-admin' THEN 'sub-admin-accounts' ELSE 'org-user-accounts' END, count(*)
      FROM accounts
     WHERE role IN ('org-sub-admin', 'org-user')
     GROUP BY organisation_id, role
    HAVING count(*) > CASE role WHEN 'org-sub-admin' THEN 5 ELSE 50 END;

    -- Requests to raise a maximum, decided by a registry officer; one pending per organisation and kind.
    CREATE TABLE quota_change_requests (
      id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
      organisation_id   uuid        NOT NULL REFERENCES organisations (id),
      kind              text        NOT NULL CHECK (kind IN (${KINDS.join(', ')})),
      current_maximum   integer     NOT NULL,
      requested_maximum integer     NOT NULL CHECK (requested_maximum BETWEEN 1 AND 10000),
      reason            text        NOT NULL CHECK (btrim(reason) <> '' AND length(reason) <= 1000),
      status            text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
      requested_by      uuid        NOT NULL REFERENCES accounts (id),
      requested_at      timestamptz NOT NULL DEFAULT now(),
      decided_by        uuid        REFERENCES accounts (id),
      decided_at        timestamptz,
      approved_maximum  integer     CHECK (approved_maximum BETWEEN 1 AND 10000),
      refusal_reasons   text[],
      CHECK ((status = 'pending') = (decided_at IS NULL AND decided_by IS NULL)),
      CHECK ((status = 'approved') = (approved_maximum IS NOT NULL)),
      CHECK ((status = 'refused') = (refusal_reasons IS NOT NULL AND cardinality(refusal_reasons) > 0))
    );
    CREATE UNIQUE INDEX quota_change_requests_one_pending ON quota_change_requests (organisation_id, kind) WHERE status = 'pending';
    CREATE INDEX quota_change_requests_by_organisation ON quota_change_requests (organisation_id, requested_at);
    CREATE INDEX quota_change_requests_by_status ON quota_change_requests (status, requested_at);
    ALTER TABLE organisation_quotas
      ADD CONSTRAINT organisation_quotas_request FOREIGN KEY (quota_request_id) REFERENCES quota_change_requests (id);

    -- Who receives a case's work when nobody is assigned: per organisation (branch_code null) and per branch.
    CREATE TABLE default_organisation_users (
      organisation_id uuid        NOT NULL REFERENCES organisations (id),
      branch_code     text,
      account_id      uuid        NOT NULL REFERENCES accounts (id),
      set_by          uuid        REFERENCES accounts (id),
      set_at          timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (organisation_id, branch_code) REFERENCES organisation_branches (organisation_id, code)
    );
    CREATE UNIQUE INDEX default_organisation_users_scope ON default_organisation_users (organisation_id, (COALESCE(branch_code, '')));
  `,
};
