/**
 * Least privilege in PostgreSQL: the embedded server provisions an owner role
 * and an application role; migrations run as the owner and grant the
 * application only what it needs. As the application role (what `courtflow
 * start` hands the worker and the API) the audit log can be read and appended
 * to and nothing else: no UPDATE, DELETE or TRUNCATE by privilege (not just
 * by trigger), no disabling its triggers, no replica mode; and the ordinary
 * tables work as the application uses them, those of later migrations too.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { EMBEDDED_APP_ROLE, EMBEDDED_OWNER_ROLE, embeddedRolePasswordPath, startEmbeddedPostgres } from '../../cli/stack/embedded-postgres';
import { freePort } from '../../cli/stack/processes';
import { projectRoot } from '../../config/project-root';
import { insertAnchor } from '../../db/audit-anchor';
import { appendAudit, verifyAuditChain } from '../../db/audit-log';
import { migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { ensureSeedAccounts } from '../../db/seed-accounts';
import { startTestDatabase, type TestDatabase } from '../support/postgres';

let db: TestDatabase;
let app: Pool;

beforeAll(async () => {
  db = await startTestDatabase();
  app = createPool(db.appUrl, 2);
});
afterAll(async () => {
  await app?.end();
  await db?.stop();
});

const PERMISSION_DENIED = '42501';
const refusedWith = async (query: Promise<unknown>, message: RegExp) => {
  const err = (await query.then(
    () => undefined,
    (e: unknown) => e,
  )) as { code?: string; message?: string } | undefined;
  expect(err).toBeDefined();
  expect(err?.code).toBe(PERMISSION_DENIED);
  expect(err?.message).toMatch(message);
};

describe('the roles the embedded PostgreSQL creates', () => {
  it('when provisioned, then neither role is a superuser, the app role owns nothing, and each password is a 0600 file under secrets/', async () => {
    const { rows } = await db.pool.query<{ rolname: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolbypassrls: boolean }>(
      `SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname IN ($1, $2) ORDER BY rolname`,
      [EMBEDDED_APP_ROLE, EMBEDDED_OWNER_ROLE],
    );
    expect(rows).toEqual([
      { rolname: EMBEDDED_APP_ROLE, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false },
      { rolname: EMBEDDED_OWNER_ROLE, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false },
    ]);
    const owned = await db.pool.query(
      `SELECT c.relname FROM pg_class c WHERE c.relowner = $1::regrole
       UNION ALL SELECT p.proname FROM pg_proc p WHERE p.proowner = $1::regrole
       UNION ALL SELECT d.datname FROM pg_database d WHERE d.datdba = $1::regrole
       UNION ALL SELECT n.nspname FROM pg_namespace n WHERE n.nspowner = $1::regrole`,
      [EMBEDDED_APP_ROLE],
    );
    expect(owned.rows).toEqual([]);
    // The owner owns the database and every table (the schema was migrated as it).
    const notOwners = await db.pool.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> $1`, [EMBEDDED_OWNER_ROLE]);
    expect(notOwners.rows).toEqual([]);
    for (const role of ['owner', 'app'] as const) {
      expect(statSync(embeddedRolePasswordPath(db.dataDir, role)).mode & 0o777).toBe(0o600);
    }
    expect(statSync(`${db.dataDir}/secrets`).mode & 0o777).toBe(0o700);
    const who = await app.query<{ me: string; superuser: string }>(`SELECT current_user AS me, current_setting('is_superuser') AS superuser`);
    expect(who.rows[0]).toEqual({ me: EMBEDDED_APP_ROLE, superuser: 'off' });
  });
});

describe('as the application role, the audit log', () => {
  it('when appended to and read through the app, then it works and the chain verifies', async () => {
    await appendAudit(app, { actor: { id: 'acc-1', role: 'registry-officer' }, action: 'account.create', target: 'account:1' });
    await appendAudit(app, { actor: { id: 'acc-1', role: 'registry-officer' }, action: 'account.create', target: 'account:2' });
    expect(await verifyAuditChain(app)).toMatchObject({ ok: true });
  });

  it('when it tries UPDATE, DELETE or TRUNCATE, then PostgreSQL refuses by privilege, before any trigger', async () => {
    await refusedWith(app.query(`UPDATE audit_log SET action = 'forged' WHERE seq = 1`), /permission denied for table audit_log/);
    await refusedWith(app.query('DELETE FROM audit_log WHERE seq = 1'), /permission denied for table audit_log/);
    await refusedWith(app.query('TRUNCATE audit_log'), /permission denied for table audit_log/);
    await refusedWith(app.query('DELETE FROM audit_chain_head'), /permission denied for table audit_chain_head/);
    await refusedWith(app.query('DELETE FROM audit_anchors'), /permission denied for table audit_anchors/);
    await refusedWith(app.query(`UPDATE audit_anchors SET seq = 1`), /permission denied for table audit_anchors/);
    await refusedWith(app.query('TRUNCATE audit_anchors'), /permission denied for table audit_anchors/);
    await refusedWith(app.query(`DELETE FROM schema_migrations`), /permission denied for table schema_migrations/);
  });

  it('when it tries to disable the triggers or to turn them all off, then PostgreSQL refuses', async () => {
    await refusedWith(app.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete'), /must be owner of table audit_log/);
    await refusedWith(app.query('ALTER TABLE audit_log DISABLE TRIGGER ALL'), /must be owner of table audit_log/);
    await refusedWith(app.query('ALTER TABLE audit_chain_head DISABLE TRIGGER USER'), /must be owner of table audit_chain_head/);
    await refusedWith(app.query('SET session_replication_role = replica'), /permission denied to set parameter/);
    await refusedWith(app.query('DROP TRIGGER audit_log_no_truncate ON audit_log'), /must be owner of (table|relation) audit_log/);
    await refusedWith(app.query('CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$'), /must be owner of function|permission denied for schema public/);
    await refusedWith(app.query('CREATE TABLE mine (x int)'), /permission denied for schema public/);
    // Granting itself more is only a warning ("no privileges were granted"): it still has none.
    await app.query(`GRANT UPDATE, DELETE, TRUNCATE ON audit_log TO ${EMBEDDED_APP_ROLE}`);
    const still = await app.query(`SELECT has_table_privilege('audit_log', 'UPDATE') OR has_table_privilege('audit_log', 'DELETE') AS any`);
    expect(still.rows[0]).toEqual({ any: false });
  });

  it('when it writes an anchor, then INSERT and SELECT work', async () => {
    await insertAnchor(app, { seq: 1, hash: 'a'.repeat(64), anchoredAt: new Date(), keyId: 'test', signature: 'c2ln' });
    expect((await app.query('SELECT count(*)::int AS n FROM audit_anchors')).rows[0]).toEqual({ n: 1 });
    await db.pool.query('SET session_replication_role = replica; TRUNCATE audit_anchors; RESET session_replication_role');
  });
});

describe('as the application role, the other tables', () => {
  it('when the app reads and writes them as it does, then that works: seed accounts, calendar, filings, idempotent requests', async () => {
    const seeded = await ensureSeedAccounts(app, { COURTFLOW_SEED_OFFICER_PASSWORD: 'officer-password-123' }, () => undefined);
    expect(seeded.length).toBeGreaterThan(0);
    const account = (await app.query<{ id: string }>(`SELECT id FROM accounts WHERE username = 'registry.officer'`)).rows[0]!;
    await app.query(`UPDATE accounts SET display_name = 'Officer Chan' WHERE id = $1`, [account.id]);
    await app.query(`INSERT INTO organisations (name) VALUES ('Chan & Co')`);
    await app.query(`DELETE FROM organisations WHERE name = 'Chan & Co'`);
    await app.query(`INSERT INTO idempotent_requests SELECT * FROM idempotent_requests WHERE false`);
    await app.query('SELECT * FROM court_closure_days');
    await app.query('SELECT * FROM sct_cases');
  });

  it('when privileges are listed, then every table but the append-only ones, the chain head and schema_migrations is read-write, and none can be truncated', async () => {
    const { rows } = await db.pool.query<{ name: string; s: boolean; i: boolean; u: boolean; d: boolean; t: boolean }>(
      `SELECT tablename AS name,
              has_table_privilege($1, 'public.' || tablename, 'SELECT') AS s, has_table_privilege($1, 'public.' || tablename, 'INSERT') AS i,
              has_table_privilege($1, 'public.' || tablename, 'UPDATE') AS u, has_table_privilege($1, 'public.' || tablename, 'DELETE') AS d,
              has_table_privilege($1, 'public.' || tablename, 'TRUNCATE') AS t
       FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
      [EMBEDDED_APP_ROLE],
    );
    const expected = (name: string) => {
      if (name === 'audit_log' || name === 'audit_anchors' || name === 'prepayment_ledger') return { s: true, i: true, u: false, d: false, t: false };
      if (name === 'audit_chain_head') return { s: true, i: false, u: true, d: false, t: false };
      if (name === 'schema_migrations') return { s: true, i: false, u: false, d: false, t: false };
      return { s: true, i: true, u: true, d: true, t: false };
    };
    expect(rows.length).toBeGreaterThan(15);
    for (const { name, ...privileges } of rows) expect({ name, ...privileges }).toEqual({ name, ...expected(name) });
  });

  it('when a later migration adds a table, then the app role may read and write it at once (and still not truncate it)', async () => {
    const owner = createPool(db.ownerUrl, 1);
    try {
      await migrate(owner, [{ id: '999-test-later-table', sql: 'CREATE TABLE later_things (id serial PRIMARY KEY, label text NOT NULL)' }], {
        appRole: EMBEDDED_APP_ROLE,
      });
    } finally {
      await owner.end();
    }
    await app.query(`INSERT INTO later_things (label) VALUES ('one')`);
    await app.query(`UPDATE later_things SET label = 'two'`);
    expect((await app.query('SELECT label FROM later_things')).rows).toEqual([{ label: 'two' }]);
    await app.query('DELETE FROM later_things');
    await refusedWith(app.query('TRUNCATE later_things'), /permission denied/);
    await refusedWith(app.query('ALTER TABLE later_things ADD COLUMN x int'), /must be owner/);
  });

  it('when the owner creates a table by hand, outside migrate, then default privileges cover it too', async () => {
    const owner = createPool(db.ownerUrl, 1);
    try {
      await owner.query('CREATE TABLE by_hand (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label text)');
    } finally {
      await owner.end();
    }
    await app.query(`INSERT INTO by_hand (label) VALUES ('x')`);
    expect((await app.query('SELECT label FROM by_hand')).rows).toEqual([{ label: 'x' }]);
  });
});

describe('a data dir from before the roles', () => {
  it('when its schema was migrated as the superuser, then the next start gives every object to the owner and the app its grants', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'courtflow-pg-upgrade-'));
    const port = await freePort();
    try {
      let server = await startEmbeddedPostgres({ dataDir, port });
      const superuser = createPool(server.superuserUrl, 1);
      try {
        // What every start did before: migrate as the superuser, which then owns it all.
        await superuser.query(`ALTER DATABASE courtflow OWNER TO postgres`);
        await migrate(superuser);
      } finally {
        await superuser.end();
      }
      await server.stop();
      server = await startEmbeddedPostgres({ dataDir, port });
      const owner = createPool(server.ownerUrl, 1);
      const appAgain = createPool(server.appUrl, 1);
      try {
        await migrate(owner, undefined, { appRole: EMBEDDED_APP_ROLE });
        const check = createPool(server.superuserUrl, 1);
        const notOwned = await check.query(
          `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'v') AND c.relowner <> $1::regrole`,
          [EMBEDDED_OWNER_ROLE],
        );
        const database = await check.query(`SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = 'courtflow'`);
        await check.end();
        expect(notOwned.rows).toEqual([]);
        expect(database.rows).toEqual([{ owner: EMBEDDED_OWNER_ROLE }]);
        await appendAudit(appAgain, { actor: { id: 'acc-1', role: 'auditor' }, action: 'case.read' });
        await refusedWith(appAgain.query('TRUNCATE audit_log'), /permission denied/);
        await refusedWith(appAgain.query('ALTER TABLE audit_log DISABLE TRIGGER ALL'), /must be owner/);
      } finally {
        await owner.end();
        await appAgain.end();
        await server.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('an external server set up as the README says', () => {
  it('when the roles and database are created by the README\'s statements, then migrations run as the owner (pg_trgm included) and the app gets only its grants', async () => {
    const readme = readFileSync(path.join(projectRoot(), 'README.md'), 'utf8');
    const setup = /CREATE ROLE courtflow_owner[\s\S]*?GRANT CONNECT ON DATABASE courtflow TO courtflow_owner, courtflow_app;/.exec(readme)?.[0];
    expect(setup).toBeDefined();
    // The same statements under other names, on the test server (whose courtflow_* roles exist already).
    const renamed = setup!.replace(/courtflow_owner/g, 'ext_owner').replace(/courtflow_app/g, 'ext_app').replace(/DATABASE courtflow/g, 'DATABASE ext_courtflow');
    for (const statement of renamed.split(';').map((x) => x.trim()).filter(Boolean)) await db.pool.query(statement);
    const url = (user: string, password: string) => db.url.replace(/\/\/postgres:[^@]*@/, `//${user}:${password}@`).replace(/\/courtflow$/, '/ext_courtflow');
    const owner = createPool(url('ext_owner', 'owner-password'), 1);
    const extApp = createPool(url('ext_app', 'app-password'), 1);
    try {
      const applied = await migrate(owner, undefined, { appRole: 'ext_app' });
      expect(applied.length).toBeGreaterThan(5);
      await appendAudit(extApp, { actor: { id: 'acc-1', role: 'auditor' }, action: 'case.read' });
      await ensureSeedAccounts(extApp, { COURTFLOW_SEED_OFFICER_PASSWORD: 'officer-password-123' }, () => undefined);
      await refusedWith(extApp.query('DELETE FROM audit_log'), /permission denied/);
      await refusedWith(extApp.query('ALTER TABLE audit_log DISABLE TRIGGER ALL'), /must be owner/);
    } finally {
      await owner.end();
      await extApp.end();
    }
  });
});
