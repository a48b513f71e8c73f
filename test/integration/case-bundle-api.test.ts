/**
 * Exporting a case bundle through the API: an auditor downloads a small
 * claim's bundle as a tar archive, which, extracted, verifies offline
 * against the installation's published key; the export is in the audit log
 * with the archive's digest; anyone else is told the case does not exist,
 * and a bad request or an unknown case exports nothing.
 */
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readBundleDirectory } from '../../cli/commands/bundle-directory';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { verifyCaseBundle } from '../../services/export/verify-bundle';
import { aClaim } from '../support/claims';
import { SEEDED, startTestStack, untilNoticeIssued, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let scratch: string;
let caseNo: string;
let auditor: SignedIn;
let officer: SignedIn;

const exportRequest = (who: Record<string, string>, reference: string, body: unknown) =>
  fetch(`${stack.baseUrl}/api/v1/cases/${reference}/bundle`, { method: 'POST', headers: { 'content-type': 'application/json', ...who }, body: JSON.stringify(body) });

const exportsAudited = async (target: string) =>
  (await stack.db.pool.query<{ after: { archiveSha256: string; files: number } }>(`SELECT after FROM audit_log WHERE action = 'bundle.exported' AND target = $1 ORDER BY seq`, [target])).rows.map((r) => r.after);

beforeAll(async () => {
  stack = await startTestStack();
  scratch = mkdtempSync(path.join(tmpdir(), 'courtflow-bundle-api-'));
  officer = await stack.officer();
  auditor = await stack.login(SEEDED.auditor.username, SEEDED.auditor.password);
  const claimant = await stack.newIndividual('Chan Tai Man');
  const filed = await fetch(`${stack.baseUrl}/api/v1/sct/claims`, { method: 'POST', headers: { 'content-type': 'application/json', ...claimant.headers }, body: JSON.stringify(aClaim()) });
  expect(filed.status).toBe(201);
  caseNo = ((await filed.json()) as { caseNo: string }).caseNo;
  await untilNoticeIssued(stack, caseNo, claimant.headers);
  const served = await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}/steps/record-service`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...officer.headers },
    body: JSON.stringify({ partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: hkDateOf(Date.now()) }),
  });
  expect(served.status).toBe(200);
});

afterAll(async () => {
  await stack?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('POST /api/v1/cases/{caseNo}/bundle', () => {
  it('when an auditor exports a case with its documents, then the archive extracts to a bundle that verifies against the published key, and the export is audited with its digest', async () => {
    const res = await exportRequest(auditor.headers, caseNo, { withDocuments: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-tar');
    expect(res.headers.get('content-disposition')).toContain(`${caseNo}-bundle.tar`);
    const archive = Buffer.from(await res.arrayBuffer());
    const sha256 = createHash('sha256').update(archive).digest();
    expect(res.headers.get('repr-digest')).toBe(`sha-256=:${sha256.toString('base64')}:`);

    const file = path.join(scratch, 'bundle.tar');
    writeFileSync(file, archive);
    const extracted = spawnSync('tar', ['-xf', file, '-C', scratch], { encoding: 'utf8' });
    expect(extracted.stderr).toBe('');
    const files = readBundleDirectory(path.join(scratch, `${caseNo}-bundle`));
    // The notice of hearing the case issued is in it, byte for byte.
    expect([...files.keys()].some((name) => name.startsWith('documents/'))).toBe(true);
    const published = (await (await fetch(`${stack.baseUrl}/api/v1/keys/audit`)).json()) as { publicKeyPem: string };
    const verified = verifyCaseBundle(files, createPublicKey(published.publicKeyPem));
    expect(verified).toMatchObject({ ok: true, reference: caseNo, trust: 'given-key', problems: [] });
    expect(verified.auditEntries).toBeGreaterThan(0);

    expect(await exportsAudited(`case:${caseNo}`)).toEqual([expect.objectContaining({ archiveSha256: sha256.toString('hex'), files: files.size })]);
  });

  it('when anyone but an auditor asks, then the case does not exist for them (404), signed in or not; nothing is exported', async () => {
    expect((await exportRequest(officer.headers, caseNo, {})).status).toBe(404);
    expect((await exportRequest({}, caseNo, {})).status).toBe(404);
    expect(await exportsAudited(`case:${caseNo}`)).toHaveLength(1);
  });

  it('when the case does not exist or the request is malformed, then it is a problem naming why, and nothing is exported', async () => {
    const unknown = await exportRequest(auditor.headers, 'SCTC-2026-999999', {});
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await exportsAudited('case:SCTC-2026-999999')).toEqual([]);

    const badField = await exportRequest(auditor.headers, caseNo, { withDocuments: 'yes' });
    expect(badField.status).toBe(400);
    expect(await badField.json()).toMatchObject({ errors: [expect.objectContaining({ field: 'withDocuments' })] });
    expect((await exportRequest(auditor.headers, caseNo, { everything: true })).status).toBe(400);
    expect((await exportRequest(auditor.headers, 'not a case', {})).status).toBe(400);
    expect(await exportsAudited(`case:${caseNo}`)).toHaveLength(1);
  });
});
