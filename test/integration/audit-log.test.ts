/**
 * The audit log on a real PostgreSQL: appends form one chain, the database
 * refuses changes, and `verifyAuditChain` / `courtflow audit verify` name the
 * first broken link when someone with the triggers disabled tampers with it.
 * (As the application's role none of that is even allowed:
 * least-privilege.test.ts; a chain rebuilt whole after tampering is caught by
 * its signed anchors: audit-anchor.test.ts.)
 */
import type { PoolClient } from 'pg';
import { runAuditCommand } from '../../cli/commands/audit';
import { appendAudit, auditHash, GENESIS_HASH, readAuditLog, verifyAuditChain } from '../../db/audit-log';
import { inTransaction } from '../../db/pool';
import { startTestDatabase, type TestDatabase } from '../support/postgres';

let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(async () => {
  await db?.stop();
});

/** As a superuser with every trigger off: what a tamperer would do. */
async function asTamperer(work: (client: PoolClient) => Promise<unknown>): Promise<void> {
  const client = await db.pool.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await work(client);
  } finally {
    await client.query('RESET session_replication_role');
    client.release();
  }
}

beforeEach(async () => {
  await asTamperer(async (c) => {
    await c.query('TRUNCATE audit_log');
    await c.query('UPDATE audit_chain_head SET last_seq = 0, last_hash = $1', [GENESIS_HASH]);
  });
});

const officer = { id: 'acc-officer', role: 'registry-officer' as const };
const appendSome = async (n: number) => {
  for (let i = 1; i <= n; i += 1) {
    await appendAudit(db.pool, { actor: officer, action: 'account.create', target: `account:${i}`, after: { n: i, name: `User ${i}` }, requestId: `req-${i}` });
  }
};

async function cli(): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await runAuditCommand(['verify'], { stdout: (s) => (stdout += s), stderr: (s) => (stdout += s) }, {
    DATABASE_URL: db.url,
    COURTFLOW_DATA_DIR: db.dataDir,
  });
  return { code, stdout };
}

describe('appendAudit', () => {
  it('when entries are appended, then each links to the one before and verify finds the chain intact', async () => {
    await appendSome(3);
    const rows = await readAuditLog(db.pool);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
    expect(rows[2]).toMatchObject({ actorId: 'acc-officer', actorRole: 'registry-officer', action: 'account.create', after: { n: 3, name: 'User 3' } });
    expect(await verifyAuditChain(db.pool)).toEqual({ ok: true, count: 3, lastSeq: 3, lastHash: rows[2]?.hash });
    expect(await cli()).toEqual({ code: 0, stdout: expect.stringContaining('audit log intact: 3 entries (seq 1 to 3)') });
  });

  it('when many append at once, then they form one gap-free chain', async () => {
    await Promise.all(Array.from({ length: 25 }, (_, i) => appendAudit(db.pool, { actor: officer, action: 'case.read', target: `case:${i}` })));
    const rows = await readAuditLog(db.pool, { limit: 100 });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await verifyAuditChain(db.pool, { batchSize: 7 })).toMatchObject({ ok: true, count: 25 });
  });

  it('when the caller’s transaction rolls back, then its entry goes too and the chain is unbroken', async () => {
    await appendSome(1);
    await expect(
      inTransaction(db.pool, async (tx) => {
        await appendAudit(tx, { actor: officer, action: 'account.suspend' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await appendSome(1);
    expect((await readAuditLog(db.pool)).map((r) => r.seq)).toEqual([1, 2]);
    expect(await verifyAuditChain(db.pool)).toMatchObject({ ok: true, count: 2 });
  });

  it('when given a client outside a transaction, then it refuses (the chain lock would not hold)', async () => {
    const client = await db.pool.connect();
    try {
      await expect(appendAudit(client, { actor: officer, action: 'x' })).rejects.toThrow(/transaction/);
    } finally {
      client.release();
    }
  });
});

describe('the database keeps the log append-only', () => {
  it('when a row is updated, deleted or the table truncated, then PostgreSQL refuses', async () => {
    await appendSome(2);
    await expect(db.pool.query(`UPDATE audit_log SET after = '{"n": 99}' WHERE seq = 1`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.pool.query('DELETE FROM audit_log WHERE seq = 2')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(db.pool.query('UPDATE audit_chain_head SET last_seq = 1')).rejects.toThrow(/may only move/);
    await expect(
      db.pool.query(`INSERT INTO audit_log (seq, at, actor_id, actor_role, action, prev_hash, hash) VALUES (7, now(), 'x', 'system', 'forged', 'p', 'h')`),
    ).rejects.toThrow(/does not extend the chain/);
    expect(await verifyAuditChain(db.pool)).toMatchObject({ ok: true, count: 2 });
  });
});

describe('verify names the first broken link', () => {
  it("when a row's after is changed with the trigger disabled, then verify names that seq", async () => {
    await appendSome(5);
    const client = await db.pool.connect();
    try {
      await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete');
      await client.query(`UPDATE audit_log SET after = '{"n": 3, "name": "Someone Else"}' WHERE seq = 3`);
    } finally {
      await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete');
      client.release();
    }
    const result = await verifyAuditChain(db.pool);
    expect(result).toMatchObject({ ok: false, brokenAt: 3, checked: 2 });
    expect(result.ok || result.reason).toMatch(/contents were changed/);
    const run = await cli();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('audit log BROKEN at seq 3');
  });

  it('when a middle row is deleted, then verify names the missing seq', async () => {
    await appendSome(5);
    await asTamperer((c) => c.query('DELETE FROM audit_log WHERE seq = 2'));
    const result = await verifyAuditChain(db.pool);
    expect(result).toMatchObject({ ok: false, brokenAt: 2, checked: 1 });
    expect(result.ok || result.reason).toMatch(/seq 2 is missing/);
  });

  it('when a row is deleted and the rest renumbered, then the renumbered row no longer links', async () => {
    await appendSome(4);
    await asTamperer(async (c) => {
      await c.query('DELETE FROM audit_log WHERE seq = 2');
      await c.query('UPDATE audit_log SET seq = seq - 1 WHERE seq > 2');
      await c.query('UPDATE audit_chain_head SET last_seq = 3');
    });
    expect(await verifyAuditChain(db.pool)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('when the last rows are deleted, then the head shows they are missing', async () => {
    await appendSome(4);
    await asTamperer((c) => c.query('DELETE FROM audit_log WHERE seq >= 3'));
    const result = await verifyAuditChain(db.pool);
    expect(result).toMatchObject({ ok: false, brokenAt: 3 });
    expect(result.ok || result.reason).toMatch(/seqs 3 to 4 are missing/);
  });

  it('when a row is rewritten and its hash recomputed, then the next row no longer links to it', async () => {
    await appendSome(3);
    const [, second] = await readAuditLog(db.pool);
    if (!second) throw new Error('no row 2');
    const forged = { ...second, after: { n: 2, name: 'Forged' } };
    await asTamperer((c) =>
      c.query('UPDATE audit_log SET after = $1, hash = $2 WHERE seq = 2', [JSON.stringify(forged.after), auditHash(second.prevHash, forged)]),
    );
    const result = await verifyAuditChain(db.pool);
    expect(result).toMatchObject({ ok: false, brokenAt: 3, checked: 2 });
    expect(result.ok || result.reason).toMatch(/prev_hash is not the hash of seq 2/);
  });
});
