/**
 * `courtflow export` and `courtflow verify` on a real stack: a small claim
 * that continued as new (the dev server suggests continue-as-new after 20
 * events, so the case's own loop continues it, as a long case would after
 * Temporal's default limit) is exported; the bundle verifies offline, in a
 * child process with no database or Temporal configured; one byte changed in
 * each part is named; `courtflow replay` reads the bundle, and the case's runs
 * on the server, every run replaying.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { runCli } from '../../cli/run';
import { createPool } from '../../db/pool';
import { runExportCommand } from '../../cli/commands/export';
import { runReplayCommand, type ReplayDeps } from '../../cli/commands/replay';
import type { ReplayOutcome } from '../../cli/replay/replay-histories';
import { workflowBundle } from '../support/temporal';
import { projectRoot } from '../../config/project-root';
import { aClaim } from '../support/claims';
import { SEEDED, eventually, startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let caseNo: string;
let scratch: string;
let bundle: string;
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signingKey = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const output = () => {
  const o = { stdout: '', stderr: '' };
  return { o, out: { stdout: (s: string) => void (o.stdout += s), stderr: (s: string) => void (o.stderr += s) } };
};

/** `courtflow verify` in a process of its own, with no database, no Temporal and no data dir configured. */
function verifyOffline(dir: string, ...args: string[]) {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  const run = spawnSync(process.execPath, ['-r', './test/fuzz/register.cjs', 'cli/main.ts', 'verify', dir, ...args], { cwd: projectRoot(), env, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function verifyHere(dir: string, ...args: string[]) {
  const { o, out } = output();
  const code = await runCli(['verify', dir, ...args], out);
  return { code, ...o };
}

beforeAll(async () => {
  stack = await startTestStack({ temporalArgs: ['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=20'] });
  scratch = mkdtempSync(path.join(tmpdir(), 'courtflow-export-'));
  const officer = await stack.officer();
  const claimant = await stack.newIndividual('Chan Tai Man');
  const filed = await fetch(`${stack.baseUrl}/api/v1/sct/claims`, { method: 'POST', headers: { 'content-type': 'application/json', ...claimant.headers }, body: JSON.stringify(aClaim()) });
  expect(filed.status).toBe(201);
  caseNo = ((await filed.json()) as { caseNo: string }).caseNo;
  const served = await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}/steps/record-service`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...officer.headers },
    body: JSON.stringify({ partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Hong_Kong' }) }),
  });
  expect(served.status).toBe(200);
  const auditor = await stack.login(SEEDED.auditor.username, SEEDED.auditor.password);
  // Reading the history is audited too: the case then has entries to export.
  await eventually(
    async () => (await (await fetch(`${stack.baseUrl}/api/v1/cases/${caseNo}/history?limit=100`, { headers: auditor.headers })).json()) as { runs?: number },
    (page) => (page.runs ?? 0) >= 2,
    30_000,
  );
  // The newest run's first workflow task has run, so every run in the bundle has code for replay to check.
  await eventually(
    async () => (await stack.env.client.workflow.getHandle(caseNo).fetchHistory()).events ?? [],
    (events) => events.some((e) => e.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
    30_000,
  );
  const pool = createPool(stack.db.appUrl, 2);
  bundle = path.join(scratch, 'bundle');
  const { o, out } = output();
  const code = await runExportCommand([caseNo, '--out', bundle, '--with-documents'], out, {
    env: { ...process.env, COURTFLOW_AUDIT_SIGNING_KEY: signingKey, DATABASE_URL: stack.db.appUrl },
    open: async () => ({ pool, temporal: stack.env.client, close: () => pool.end() }),
  });
  expect({ code, ...o }).toMatchObject({ code: 0, stderr: '' });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('exporting a case that continued as new', () => {
  it('when exported, then the bundle holds every run, the timeline, the documents, the audit entries and an anchor, in a signed manifest', () => {
    const manifest = JSON.parse(readFileSync(path.join(bundle, 'manifest.json'), 'utf8')) as { format: string; reference: string; runs: { runId: string; file: string }[]; files: { path: string }[] };
    expect(manifest).toMatchObject({ format: 'courtflow-case-bundle/1', reference: caseNo });
    expect(manifest.runs.length).toBeGreaterThanOrEqual(2);
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['public-key.pem', 'timeline.json', 'documents.json', 'audit/entries.jsonl', 'audit/anchor.json', ...manifest.runs.map((r) => r.file)]));
    const timeline = JSON.parse(readFileSync(path.join(bundle, 'timeline.json'), 'utf8')) as { event: string; runId: string }[];
    expect(timeline.map((e) => e.event)).toEqual(expect.arrayContaining(['claim-filed', 'service-recorded']));
    expect(new Set(timeline.map((e) => e.runId)).size).toBeGreaterThanOrEqual(1);
    const entries = readFileSync(path.join(bundle, 'audit/entries.jsonl'), 'utf8').trim().split('\n');
    expect(entries.length).toBeGreaterThan(0);
  });

  it('when verified offline with the pinned key, then it is valid; with only its own key, it says that proves integrity, not origin', () => {
    const pem = path.join(scratch, 'pinned.pem');
    writeFileSync(pem, publicKey.export({ type: 'spki', format: 'pem' }));
    const pinned = verifyOffline(bundle, '--public-key', pem);
    expect(pinned).toMatchObject({ code: 0, stderr: '' });
    expect(pinned.stdout).toMatch(/^bundle valid: .*checked with the key given/);
    const bundled = verifyOffline(bundle);
    expect(bundled.code).toBe(0);
    expect(bundled.stdout).toContain('not who made it');
  });

  it('when the bundle is checked against another key, then the signature is refused', async () => {
    const other = path.join(scratch, 'other.pem');
    writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const r = await verifyHere(bundle, '--public-key', other);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('manifest.sig: the signature of manifest.json does not verify');
  });

  const manifestOf = () => JSON.parse(readFileSync(path.join(bundle, 'manifest.json'), 'utf8')) as { runs: { file: string }[] };
  const parts: [string, () => string, RegExp][] = [
    ['manifest', () => 'manifest.json', /manifest\.sig: the signature of manifest\.json does not verify/],
    ['signature', () => 'manifest.sig', /manifest\.sig: /],
    ['a history', () => manifestOf().runs[1]!.file, /histories\/2-[^:]+\.json: altered/],
    ['the timeline', () => 'timeline.json', /timeline\.json: altered/],
    ['documents.json', () => 'documents.json', /documents\.json: altered/],
    ['an audit entry', () => 'audit/entries.jsonl', /audit\/entries\.jsonl: altered/],
    ['the anchor', () => 'audit/anchor.json', /audit\/anchor\.json: altered/],
  ];
  for (const [part, fileOf, named] of parts) {
    it(`when one byte of ${part} is changed, then verify fails and names it`, async () => {
      const copy = mkdtempSync(path.join(scratch, 'tampered-'));
      cpSync(bundle, copy, { recursive: true });
      const file = path.join(copy, fileOf());
      const bytes = readFileSync(file);
      // A byte inside the content (the signature's base64, a digit or letter of JSON), flipped to another printable one.
      const at = Math.floor(bytes.length / 2);
      bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
      writeFileSync(file, bytes);
      const r = await verifyHere(copy);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^bundle NOT valid/);
      expect(r.stdout).toMatch(named);
    });
  }

  it('when a field of an audit entry is rewritten, then its recomputed hash no longer matches and the entry is named by seq', async () => {
    const copy = mkdtempSync(path.join(scratch, 'rewritten-'));
    cpSync(bundle, copy, { recursive: true });
    const file = path.join(copy, 'audit/entries.jsonl');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const first = JSON.parse(lines[0]!) as { seq: number; action: string };
    lines[0] = JSON.stringify({ ...first, action: `${first.action}-x` });
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = await verifyHere(copy);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`audit/entries.jsonl: seq ${first.seq} (line 1) no longer matches its hash`);
  });

  it('when a file is added or removed, then verify names it', async () => {
    const copy = mkdtempSync(path.join(scratch, 'extra-'));
    cpSync(bundle, copy, { recursive: true });
    writeFileSync(path.join(copy, 'notes.txt'), 'added later');
    rmSync(path.join(copy, 'timeline.json'));
    const r = await verifyHere(copy);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('notes.txt: extra: not in the manifest');
    expect(r.stdout).toContain('timeline.json: missing');
  });

  it('when verify is misused, then it exits 2', async () => {
    expect((await verifyHere(path.join(scratch, 'no-such-bundle'))).code).toBe(2);
    expect((await verifyHere(bundle, '--public-key', path.join(scratch, 'no-such.pem'))).code).toBe(2);
  });

  it('when replayed with --dir, then every run of the bundle replays, under the case and its run IDs', async () => {
    const manifest = JSON.parse(readFileSync(path.join(bundle, 'manifest.json'), 'utf8')) as { runs: { runId: string }[] };
    expect(manifest.runs.length).toBeGreaterThanOrEqual(2);
    const r = await replayHere(['--dir', bundle]);
    expect(r.code).toBe(0);
    expect(r.outcomes).toEqual(manifest.runs.map(({ runId }) => expect.objectContaining({ workflowId: caseNo, runId, ok: true })));
    // Every run but the newest ended by continuing as new, so each had code to check; the newest may have
    // begun an instant before the export (the case is live) and have nothing to replay yet.
    expect(r.outcomes.slice(0, -1).filter((o) => o.note !== undefined)).toEqual([]);
    expect(r.outcomes.filter((o) => o.note === undefined).length).toBeGreaterThanOrEqual(2);
  });

  it('when a directory holds the bundle beside a plain history, then both are replayed', async () => {
    const dir = mkdtempSync(path.join(scratch, 'mixed-'));
    cpSync(bundle, path.join(dir, 'the-case'), { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(bundle, 'manifest.json'), 'utf8')) as { runs: { file: string }[] };
    cpSync(path.join(bundle, manifest.runs[0]!.file), path.join(dir, 'SCTC-PLAIN.json'));
    const r = await replayHere(['--dir', dir]);
    expect(r.code).toBe(0);
    // In name order: SCTC-PLAIN.json, then the-case/.
    expect(r.outcomes.map((o) => o.workflowId)).toEqual(['SCTC-PLAIN', ...manifest.runs.map(() => caseNo)]);
    expect(r.outcomes.every((o) => o.ok)).toBe(true);
  });

  it('when the case is replayed from the server by its number, then every run replays (runs of one case share their first run ID)', async () => {
    const r = await replayHere([caseNo]);
    expect(r.code).toBe(0);
    expect(r.outcomes.length).toBeGreaterThanOrEqual(2);
    expect(r.outcomes.every((o) => o.ok && o.workflowId === caseNo)).toBe(true);
  });
});

async function replayHere(argv: string[]) {
  const { o, out } = output();
  const deps: ReplayDeps = { workflowBundle, env: {}, connect: async () => ({ client: stack.env.client, address: 'test-stack', close: async () => undefined }) };
  const code = await runReplayCommand([...argv, '--json'], out, deps);
  const outcomes = o.stdout.trim() === '' ? [] : o.stdout.trim().split('\n').map((l) => JSON.parse(l) as ReplayOutcome);
  return { code, outcomes, stderr: o.stderr };
}

describe('the audit public key', () => {
  it('when anyone asks the API, then it gives the key and its id, in PEM', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/keys/audit`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { keyId: string; algorithm: string; publicKeyPem: string };
    expect(body).toMatchObject({ algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(body.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });
});
