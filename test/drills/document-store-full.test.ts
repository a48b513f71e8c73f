/**
 * Drill: the disk of the document store full.
 *
 * The store's directory (`<dataDir>/documents`, where uploads are also
 * received while they are checked) is a small tmpfs the drill mounts and
 * fills. An upload then is answered 507 problem+json naming the cause, and
 * leaves nothing behind: no temporary or partial file, no stored object, no
 * row, no audit entry. So does an upload with room for its temporary copy
 * but not for the stored one. Once space is freed, the same upload works.
 *
 * Mounting needs root (as CI runs); without it the drill fails, saying so.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, truncateSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { documentsDir } from '../../db/document-store/configured';
import { requestJson, type Answer } from '../support/api-call';
import { startDrillStack, type DrillStack } from '../support/drill-stack';
import type { SignedIn } from '../support/stack';

/** The size of the store's disk: room for a few documents. */
const STORE_SIZE = '512k';
const PAGE = 4096;

let stack: DrillStack | undefined;
let filer: SignedIn;
let store: string;
let mounted = false;

beforeAll(async () => {
  // The API alone (no worker: nothing here runs a workflow), its store on the tmpfs.
  stack = await startDrillStack({ env: { COURTFLOW_DOCUMENT_STORE: 'local' } });
  store = documentsDir(stack.dataDir);
  mkdirSync(store, { mode: 0o700 });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${STORE_SIZE},mode=0700`, 'tmpfs', store], { stdio: 'pipe' });
  } catch (err) {
    throw new Error(`this drill mounts a tmpfs as the document store and must run as root (CI does): ${String((err as { stderr?: unknown }).stderr ?? err)}`);
  }
  mounted = true;
  await stack.startApi();
  filer = await stack.newIndividual('Chan Tai Man');
}, 120_000);

afterAll(async () => {
  try {
    // Unmounted first: the stack's data dir, the mount point's parent, is removed when it stops.
    if (mounted) execFileSync('umount', [store]);
  } finally {
    await stack?.stop();
  }
});

/** A valid PDF of about `bytes` (random metadata, which pdf-lib writes as UTF-16 in hex, four bytes a character, makes each one different). */
async function aPdf(bytes: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage();
  doc.setSubject(randomBytes(Math.ceil(bytes / 8)).toString('hex'));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function upload(pdf: Buffer): Promise<Answer<{ id?: string; sha256?: string; status?: number; type?: string; detail?: string; errors?: { rule: string }[] }>> {
  return requestJson(stack!.baseUrl, 'POST', '/api/v1/documents', filer, pdf, {
    'content-type': 'application/pdf',
    'content-disposition': 'attachment; filename="writ.pdf"',
  });
}

/** Every file in the store's directory, but the filler. */
function filesInStore(): string[] {
  return (readdirSync(store, { recursive: true }) as string[]).filter((f) => f !== 'filler' && statSync(path.join(store, f)).isFile()).sort();
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const count = async (sql: string) => Number((await stack!.db.pool.query<{ n: string }>(sql)).rows[0]?.n);
const documentsKept = () => count('SELECT count(*) AS n FROM documents');
const uploadsAudited = () => count(`SELECT count(*) AS n FROM audit_log WHERE action = 'uploadDocument'`);

/** Writes into `file` until the disk has no byte left. */
function fill(file: string): void {
  const fd = openSync(file, 'a');
  try {
    for (const size of [64 * 1024, PAGE, 1]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw err;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

describe('drill: the disk of the document store is full', () => {
  it('when an upload finds no room, then it is a 507 naming the cause and leaves nothing; once space is freed, it works', async () => {
    const first = await upload(await aPdf(2_000));
    expect(first.status).toBe(201);
    const kept = [await documentsKept(), await uploadsAudited(), filesInStore()] as const;

    const filler = path.join(store, 'filler');
    fill(filler);
    expect(statfsSync(store).bavail).toBe(0);

    const refusedOutright = await upload(await aPdf(20_000));
    // Room for the upload's own temporary copy, not for the stored one.
    const pdf = await aPdf(64 * 1024);
    truncateSync(filler, statSync(filler).size - Math.ceil((pdf.length * 1.5) / PAGE) * PAGE);
    const refusedHalfway = await upload(pdf);
    for (const refused of [refusedOutright, refusedHalfway]) {
      expect([refused.status, refused.type]).toEqual([507, expect.stringMatching(/^application\/problem\+json/)]);
      expect(refused.body).toMatchObject({ status: 507, type: 'urn:courtflow:problem:document-store-full', errors: [expect.objectContaining({ rule: 'storage-space' })] });
      expect(refused.body.detail).toMatch(/no space left/);
    }
    // Nothing of either: no temporary or partial file, no object, no row, no audit entry.
    expect([await documentsKept(), await uploadsAudited(), filesInStore()]).toEqual(kept);

    rmSync(filler);
    const accepted = await upload(pdf);
    expect([accepted.status, accepted.body.sha256]).toEqual([201, sha256(pdf)]);
    const content = await fetch(`${stack!.baseUrl}/api/v1/documents/${accepted.body.id}/content`, { headers: filer.headers });
    expect(Buffer.from(await content.arrayBuffer()).equals(pdf)).toBe(true);
    expect(await documentsKept()).toBe(kept[0] + 1);
    const stored = filesInStore().filter((f) => !kept[2].includes(f));
    expect(stored.map((f) => path.basename(f))).toEqual([sha256(pdf)]);
    expect(readFileSync(path.join(store, stored[0]!)).equals(pdf)).toBe(true);
  });
});
