/**
 * The audit chain anchored outside the database. A superuser can disable
 * the triggers, rewrite a row and recompute every later hash and the head:
 * the chain then verifies on its own. The anchors, Ed25519 signatures of
 * (seq, hash) made with a key the database does not hold, do not: `courtflow
 * audit verify` names the first anchor that no longer matches, with its seq.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { runAuditCommand } from '../../cli/commands/audit';
import { insertAnchor, keyIdOf, readAnchors, signAnchor, verifyAuditRecord } from '../../db/audit-anchor';
import { appendAudit, auditHash, GENESIS_HASH, readAuditLog, verifyAuditChain } from '../../db/audit-log';
import { createPool } from '../../db/pool';
import { anchorAuditHead, auditPublicKey, auditPublicKeyPath, auditSigningKeyPath, loadAuditSigningKey, startAuditAnchoring } from '../../services/audit-anchor';
import { startTestDatabase, type TestDatabase } from '../support/postgres';

let db: TestDatabase;
/** The application's role: anchors are written as the API writes them. */
let app: Pool;

const newKey = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
};
let key: ReturnType<typeof newKey>;

beforeAll(async () => {
  db = await startTestDatabase();
  app = createPool(db.appUrl, 2);
});
afterAll(async () => {
  await app?.end();
  await db?.stop();
});

/** As the superuser with every trigger off: what a tamperer with full access to the database does. */
async function asSuperuser(work: (client: PoolClient) => Promise<unknown>): Promise<void> {
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
  key = newKey();
  await asSuperuser(async (c) => {
    await c.query('TRUNCATE audit_log, audit_anchors');
    await c.query('UPDATE audit_chain_head SET last_seq = 0, last_hash = $1', [GENESIS_HASH]);
  });
});

const officer = { id: 'acc-officer', role: 'registry-officer' as const };
let appended = 0;
const appendSome = async (n: number) => {
  for (let i = 0; i < n; i += 1) {
    appended += 1;
    await appendAudit(app, { actor: officer, action: 'account.create', target: `account:${appended}`, after: { n: appended } });
  }
};

const anchorNow = async () => {
  const result = await anchorAuditHead(app, key);
  if (result.outcome !== 'anchored') throw new Error(`not anchored: ${result.outcome}: ${result.reason}`);
  return result.anchor;
};

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await runAuditCommand(['verify', ...argv], { stdout: (s) => (stdout += s), stderr: (s) => (stdout += s) }, {
    DATABASE_URL: db.appUrl,
    COURTFLOW_AUDIT_SIGNING_KEY: key.pem,
    ...env,
  });
  return { code, stdout };
}

/**
 * The superuser's rewrite: row `seq` gets new contents, and it and every row
 * after it get their hashes recomputed (and prev_hash relinked), and the head
 * its new hash: internally consistent, as if it had always been so.
 */
async function rebuildAfterTampering(seq: number, after: object): Promise<void> {
  const rows = await readAuditLog(db.pool, { limit: 1000 });
  await asSuperuser(async (c) => {
    let prevHash = rows.find((r) => r.seq === seq - 1)?.hash ?? GENESIS_HASH;
    for (const row of rows.filter((r) => r.seq >= seq)) {
      const rewritten = row.seq === seq ? { ...row, after: after as never } : row;
      const hash = auditHash(prevHash, rewritten);
      await c.query('UPDATE audit_log SET after = $1, prev_hash = $2, hash = $3 WHERE seq = $4', [JSON.stringify(rewritten.after), prevHash, hash, row.seq]);
      prevHash = hash;
    }
    await c.query('UPDATE audit_chain_head SET last_hash = $1', [prevHash]);
  });
}

describe('anchoring', () => {
  it('when the head is anchored, then the anchor is stored signed, and a head already anchored or an empty log is not anchored again', async () => {
    expect(await anchorAuditHead(app, key)).toEqual({ outcome: 'skipped', reason: 'the audit log is empty' });
    await appendSome(3);
    const anchor = await anchorNow();
    expect(anchor).toMatchObject({ seq: 3, keyId: key.keyId });
    expect((await readAuditLog(app)).at(-1)?.hash).toBe(anchor.hash);
    expect(await anchorAuditHead(app, key)).toMatchObject({ outcome: 'skipped', reason: expect.stringContaining('anchored already') });
    const result = await verifyAuditRecord(app, { publicKey: key.publicKey });
    expect(result).toMatchObject({
      ok: true,
      entries: { count: 3, firstSeq: 1, lastSeq: 3 },
      anchors: { count: 1, validSignatures: 1, matching: 1, keyId: key.keyId, firstProblem: null },
    });
  });

  it('when the API anchors on a timer, then it anchors at once on start', async () => {
    await appendSome(2);
    const logged: string[] = [];
    const log = { info: (_: object, m: string) => logged.push(m), error: (_: object, m: string) => logged.push(m) };
    const anchoring = startAuditAnchoring(app, { dataDir: '/nonexistent', COURTFLOW_AUDIT_SIGNING_KEY: key.pem, COURTFLOW_AUDIT_PUBLIC_KEY: undefined, COURTFLOW_AUDIT_ANCHOR_MINUTES: 60 }, log);
    try {
      for (let i = 0; i < 100 && !logged.includes('audit chain anchored'); i += 1) await new Promise((r) => setTimeout(r, 20));
    } finally {
      anchoring.stop();
    }
    expect(logged).toContain('audit chain anchored');
    expect((await readAnchors(app)).map((a) => a.seq)).toEqual([2]);
  });
});

describe('a chain rebuilt after tampering by a superuser', () => {
  it('when a row before two anchors is rewritten and every later hash recomputed, then the chain alone verifies but the first anchor after it is named', async () => {
    await appendSome(10);
    const first = await anchorNow(); // seq 10
    await appendSome(5);
    const second = await anchorNow(); // seq 15
    await appendSome(3);
    const third = await anchorNow(); // seq 18
    expect([first.seq, second.seq, third.seq]).toEqual([10, 15, 18]);
    expect(await verifyAuditRecord(app, { publicKey: key.publicKey })).toMatchObject({ ok: true, anchors: { count: 3, matching: 3 } });

    await rebuildAfterTampering(12, { n: 12, name: 'Someone Else' });

    // The hash chain on its own cannot tell: it was rebuilt whole.
    expect(await verifyAuditChain(db.pool)).toMatchObject({ ok: true, count: 18 });
    const result = await verifyAuditRecord(app, { publicKey: key.publicKey });
    expect(result).toMatchObject({
      ok: false,
      chain: { ok: true, count: 18 },
      anchors: { count: 3, validSignatures: 3, matching: 1, latestMatching: { id: first.id, seq: 10 } },
    });
    expect(result.anchors.firstProblem).toMatchObject({ anchorId: second.id, seq: 15, kind: 'mismatch' });
    expect(result.anchors.firstProblem?.reason).toMatch(
      new RegExp(`anchor #${second.id} \\(seq 15, .*\\) no longer matches the log: .*rewritten at or before seq 15, after seq 10`),
    );
    expect(result.anchors.problems.map((p) => p.seq)).toEqual([15, 18]);

    const words = await cli([]);
    expect(words.code).toBe(1);
    expect(words.stdout).toContain('audit log intact: 18 entries (seq 1 to 18)');
    expect(words.stdout).toContain(`anchors FAILED: anchor #${second.id} (seq 15`);
    const json = await cli(['--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, anchors: { firstProblem: { anchorId: second.id, seq: 15, kind: 'mismatch' } } });

    // And nobody can anchor over it: the chain no longer matches the last anchor.
    expect(await anchorAuditHead(app, key)).toMatchObject({ outcome: 'refused', brokenAt: 18 });
    expect(await cli(['--anchor'])).toMatchObject({ code: 1, stdout: expect.stringContaining('NOT anchored') });
    expect(await readAnchors(app)).toHaveLength(3);
  });

  it('when the last rows are deleted and the head rewound, then the anchor beyond the new end is named', async () => {
    await appendSome(4);
    await anchorNow();
    await appendSome(2);
    const last = await anchorNow(); // seq 6
    await asSuperuser(async (c) => {
      const fourth = (await c.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 4')).rows[0]!;
      await c.query('DELETE FROM audit_log WHERE seq > 4');
      await c.query('UPDATE audit_chain_head SET last_seq = 4, last_hash = $1', [fourth.hash]);
    });
    expect(await verifyAuditChain(db.pool)).toMatchObject({ ok: true, count: 4 });
    const result = await verifyAuditRecord(app, { publicKey: key.publicKey });
    expect(result.ok).toBe(false);
    expect(result.anchors.firstProblem).toMatchObject({ anchorId: last.id, seq: 6, kind: 'beyond-chain' });
  });

  it('when a superuser stores an anchor signed with a key of their own, then its signature does not verify and it is named', async () => {
    await appendSome(3);
    await anchorNow();
    await rebuildAfterTampering(2, { n: 2, name: 'Forged' });
    const head = (await readAuditLog(db.pool)).at(-1)!;
    const forger = newKey();
    const forged = await insertAnchor(db.pool, signAnchor(forger.privateKey, { seq: head.seq, hash: head.hash }));
    // The same, claiming the real key's id.
    const relabelled = await insertAnchor(db.pool, { ...signAnchor(forger.privateKey, { seq: head.seq, hash: head.hash }), keyId: key.keyId });
    const result = await verifyAuditRecord(app, { publicKey: key.publicKey });
    expect(result.ok).toBe(false);
    const bySignature = result.anchors.problems.filter((p) => p.kind === 'signature').map((p) => p.anchorId);
    expect(bySignature).toEqual(expect.arrayContaining([forged.id, relabelled.id]));
    expect(result.anchors.problems.find((p) => p.anchorId === forged.id)?.reason).toMatch(/does not verify with the audit public key .*forged or altered/);
  });

  it('when anchors exist but no public key is at hand, then verify does not call the record intact', async () => {
    await appendSome(2);
    await anchorNow();
    const result = await verifyAuditRecord(app, {});
    expect(result.ok).toBe(false);
    expect(result.anchors.firstProblem?.reason).toMatch(/no public key/);
  });
});

describe('anchors kept outside the database too', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'courtflow-journal-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when a superuser rebuilds the chain and also deletes every anchor after the rewritten row, then the journal names the missing anchor and its mismatch', async () => {
    const env = { COURTFLOW_DATA_DIR: dataDir };
    await appendSome(10);
    expect((await cli(['--anchor'], env)).stdout).toContain('anchored: seq 10');
    await appendSome(5);
    expect((await cli(['--anchor'], env)).stdout).toContain('anchored: seq 15');
    const journal = path.join(dataDir, 'audit-anchors.jsonl');
    expect(statSync(journal).mode & 0o777).toBe(0o600);
    expect(readFileSync(journal, 'utf8').trim().split('\n')).toHaveLength(2);
    const [, second] = await readAnchors(app);

    await rebuildAfterTampering(12, { n: 12, name: 'Someone Else' });
    await asSuperuser((c) => c.query('DELETE FROM audit_anchors WHERE seq >= 12'));

    // What the database alone still says: a clean chain and one matching anchor.
    expect(await verifyAuditRecord(app, { publicKey: key.publicKey })).toMatchObject({ ok: true, anchors: { count: 1, matching: 1 } });
    const words = await cli([], env);
    expect(words.code).toBe(1);
    expect(words.stdout).toContain(`anchors FAILED: anchor #${second!.id} (seq 15, signed ${second!.anchoredAt.toISOString()}), kept in ${journal}, is missing from the database`);
    const json = JSON.parse((await cli(['--json'], env)).stdout) as { ok: boolean; anchors: { kept: number; problems: { seq: number; kind: string }[] } };
    expect(json.ok).toBe(false);
    expect(json.anchors.kept).toBe(2);
    expect(json.anchors.problems).toEqual([expect.objectContaining({ seq: 15, kind: 'missing' }), expect.objectContaining({ seq: 15, kind: 'mismatch' })]);
  });

  it('when the journal holds anchors of another database, then they are not this one\'s', async () => {
    await appendSome(2);
    const anchor = await anchorNow();
    const other = { ...anchor, id: 999, database: '10.0.0.9:5432/elsewhere', anchoredAt: anchor.anchoredAt.toISOString() };
    writeFileSync(path.join(dataDir, 'audit-anchors.jsonl'), JSON.stringify(other) + '\n', { mode: 0o600 });
    expect(await cli([], { COURTFLOW_DATA_DIR: dataDir })).toMatchObject({ code: 0, stdout: expect.stringContaining('anchors intact: 1 checked') });
  });
});

describe('courtflow audit verify --anchor, with the key under the data dir', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'courtflow-anchor-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when run, then the key is created 0600 with its public key beside it, the head is anchored, and the next run checks that anchor', async () => {
    await appendSome(3);
    const env = { COURTFLOW_AUDIT_SIGNING_KEY: '', COURTFLOW_DATA_DIR: dataDir };
    const before = await cli([], env);
    expect(before).toMatchObject({ code: 0, stdout: expect.stringContaining('anchors: none stored yet') });
    expect(existsSync(auditSigningKeyPath(dataDir))).toBe(false);

    const anchored = await cli(['--anchor'], env);
    expect(anchored.code).toBe(0);
    expect(anchored.stdout).toMatch(/anchored: seq 3, hash [0-9a-f]{64} \(anchor #\d+, key [0-9a-f]{16}\)/);
    expect(statSync(auditSigningKeyPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(readFileSync(auditPublicKeyPath(dataDir), 'utf8')).toContain('BEGIN PUBLIC KEY');
    const settings = { dataDir, COURTFLOW_AUDIT_SIGNING_KEY: undefined, COURTFLOW_AUDIT_PUBLIC_KEY: undefined };
    const publicKey = auditPublicKey(settings) as KeyObject;
    expect(keyIdOf(publicKey)).toBe(loadAuditSigningKey(settings, { create: false })?.keyId);

    await appendSome(1);
    const json = await cli(['--json', '--anchor'], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      entries: { count: 4, firstSeq: 1, lastSeq: 4 },
      anchors: { count: 1, validSignatures: 1, matching: 1, latestMatching: { seq: 3 } },
      anchored: { outcome: 'anchored', anchor: { seq: 4 } },
    });
    const words = await cli(['--anchor'], env);
    expect(words.code).toBe(0);
    expect(words.stdout).toContain('audit log intact: 4 entries (seq 1 to 4)');
    expect(words.stdout).toMatch(/anchors intact: 2 checked with key [0-9a-f]{16}.*latest: anchor #\d+ at seq 4/);
    expect(words.stdout).toContain('not anchored: the head, seq 4, is anchored already');
  });
});
