/**
 * Exporting a case as a bundle (bundle-format.ts): its workflow's every run
 * from Temporal, the timeline they show, its documents' digests (and bytes on
 * request), its audit entries and a signed anchor of the chain covering them,
 * and a manifest of all of it signed with the installation's audit key.
 *
 * Before choosing the anchor the chain is anchored (`anchorAuditHead`, which
 * first verifies the chain from the last anchor): a log that does not verify
 * is never exported, and the anchor always covers the case's last entry.
 */
import { sign } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Pool } from 'pg';
import { anchorSignatureValid, readAnchors } from '../../db/audit-anchor';
import { readAuditLog, type AuditRecord } from '../../db/audit-log';
import { searchAuditLog } from '../../db/audit-log-search';
import { casePapersOf } from '../../db/case-papers';
import type { DocumentStore } from '../../db/document-store/store';
import { findDocument } from '../../db/documents';
import { acceptedDocumentsOfCase, findFilingRow } from '../../db/filings';
import { anchorAuditHead, type AnchorJournal, type AuditSigningKey } from '../audit-anchor';
import { notFound } from '../errors';
import { runsOf, timelineFromHistories } from '../history/case-history';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  documentFileName,
  historyFileName,
  jsonBytes,
  sha256Of,
  type BundleAnchor,
  type BundleAuditEntry,
  type BundleDocument,
  type BundleManifest,
} from './bundle-format';

export interface ExportDeps {
  pool: Pool;
  temporal: Client;
  store: () => DocumentStore;
  key: Pick<AuditSigningKey, 'privateKey' | 'publicKey' | 'keyId'>;
  /** Where anchors are also kept outside the database (as `audit verify --anchor` keeps them). */
  journal?: AnchorJournal;
  version: string;
  now?: () => Date;
}

export interface BundleFile {
  path: string;
  bytes: Buffer;
}

const PAGE = 500;

/** The case's audit entries, oldest first: a small claim's as `audit list --case` finds them, a filing's by its target. */
async function auditEntriesOf(pool: Pool, process: BundleManifest['process'], reference: string): Promise<AuditRecord[]> {
  const entries: AuditRecord[] = [];
  if (process === 'filing') {
    for (let after = 0; ; ) {
      const page = await readAuditLog(pool, { target: `filing:${reference}`, afterSeq: after, limit: PAGE });
      entries.push(...page);
      if (page.length < PAGE) return entries;
      after = page.at(-1)!.seq;
    }
  }
  for (let before: number | undefined; ; ) {
    const page = await searchAuditLog(pool, { caseNo: reference }, { limit: PAGE, ...(before === undefined ? {} : { beforeSeq: before }) });
    entries.push(...page);
    if (page.length < PAGE) return entries.reverse();
    before = page.at(-1)!.seq;
  }
}

const toBundleEntry = (r: AuditRecord): BundleAuditEntry => ({
  seq: r.seq,
  at: r.at.toISOString(),
  actorId: r.actorId,
  actorRole: r.actorRole,
  onBehalfOf: r.onBehalfOf,
  action: r.action,
  target: r.target,
  before: r.before,
  after: r.after,
  requestId: r.requestId,
  prevHash: r.prevHash,
  hash: r.hash,
});

/** The documents filed on the case and the papers it issued, with where their bytes are. */
async function documentsOf(pool: Pool, caseNo: string): Promise<(BundleDocument & { storeKey: string })[]> {
  const papers = (await casePapersOf(pool, caseNo)).map((p) => ({
    documentReferenceNo: p.documentReferenceNo,
    fileName: p.fileName,
    type: p.kind,
    source: 'tribunal' as const,
    sha256: p.sha256,
    bytes: p.bytes,
    on: p.issuedAt.toISOString(),
    storeKey: p.storeKey,
  }));
  const filed = await Promise.all(
    (await acceptedDocumentsOfCase(pool, caseNo)).map(async (d) => {
      const upload = await findDocument(pool, d.uploadId);
      return {
        documentReferenceNo: d.documentReferenceNo ?? '',
        fileName: d.fileName,
        type: d.type,
        source: 'filing' as const,
        sha256: d.sha256,
        bytes: upload?.bytes ?? null,
        on: d.submittedAt?.toISOString() ?? null,
        storeKey: upload?.storeKey ?? d.sha256,
      };
    }),
  );
  return [...papers, ...filed];
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** protobufjs's JSON form of a history: what `npm run record-histories` writes and `courtflow replay --dir` reads. */
const historyJson = (history: Parameters<typeof temporal.api.history.v1.History.fromObject>[0]) =>
  temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), { longs: String, enums: String, bytes: String });

/**
 * Every file of the case's bundle, `manifest.json` and `manifest.sig` last.
 * Throws not-found for a reference that is neither a case nor a filing, and
 * when the audit chain does not verify (nothing is then signed).
 */
export async function exportCaseBundle(deps: ExportDeps, reference: string, options: { withDocuments: boolean }): Promise<BundleFile[]> {
  const filing = await findFilingRow(deps.pool, reference);
  const process: BundleManifest['process'] = filing ? 'filing' : 'small-claim';
  let runs;
  try {
    runs = await runsOf(deps.temporal, reference);
  } catch (err) {
    if ((err as { name?: unknown }).name === 'WorkflowNotFoundError' || (err as { code?: unknown }).code === 5) throw notFound(`Case or filing ${reference}`);
    throw err;
  }
  const files: BundleFile[] = [];
  const add = (path: string, bytes: Buffer) => files.push({ path, bytes });

  add(BUNDLE_FILES.publicKey, Buffer.from(deps.key.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'utf8'));
  const runFiles = runs.map((run, i) => ({ runId: run.runId, file: historyFileName(i + 1, run.runId) }));
  runs.forEach((run, i) => add(runFiles[i]!.file, jsonBytes(historyJson(run.history))));
  add(BUNDLE_FILES.timeline, jsonBytes(timelineFromHistories(process, runs)));

  // A filing's documents are those of its case once accepted: the case's bundle lists them.
  const documents = process === 'small-claim' ? await documentsOf(deps.pool, reference) : [];
  add(BUNDLE_FILES.documents, jsonBytes(documents.map(({ storeKey: _key, ...doc }) => doc)));
  if (options.withDocuments) {
    for (const doc of documents) {
      if (files.some((f) => f.path === documentFileName(doc.sha256))) continue;
      add(documentFileName(doc.sha256), await bytesOf(await deps.store().get(doc.storeKey)));
    }
  }

  const anchored = await anchorAuditHead(deps.pool, deps.key, deps.journal ? { journal: deps.journal } : {});
  if (anchored.outcome === 'refused') throw new Error(`not exported: ${anchored.reason}`);
  const entries = await auditEntriesOf(deps.pool, process, reference);
  add(BUNDLE_FILES.auditEntries, Buffer.from(entries.map((e) => `${JSON.stringify(toBundleEntry(e))}\n`).join(''), 'utf8'));
  const lastSeq = entries.at(-1)?.seq ?? 0;
  // The latest anchor this key really signed; anchoring just now made it cover the case's last entry.
  const anchor = (await readAnchors(deps.pool)).reverse().find((a) => a.keyId === deps.key.keyId && a.seq >= lastSeq && anchorSignatureValid(deps.key.publicKey, a));
  if (!anchor) throw new Error('not exported: no anchor signed with this key covers the case\'s audit entries (the audit log is empty?)');
  const bundleAnchor: BundleAnchor = { id: anchor.id, seq: anchor.seq, hash: anchor.hash, anchoredAt: anchor.anchoredAt.toISOString(), keyId: anchor.keyId, signature: anchor.signature };
  add(BUNDLE_FILES.anchor, jsonBytes(bundleAnchor));

  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    reference,
    process,
    exportedAt: (deps.now?.() ?? new Date()).toISOString(),
    courtflowVersion: deps.version,
    keyId: deps.key.keyId,
    runs: runFiles,
    withDocuments: options.withDocuments,
    files: files.map((f) => ({ path: f.path, bytes: f.bytes.length, sha256: sha256Of(f.bytes) })),
  };
  const manifestBytes = jsonBytes(manifest);
  add(BUNDLE_FILES.manifest, manifestBytes);
  add(BUNDLE_FILES.signature, Buffer.from(`${sign(null, manifestBytes, deps.key.privateKey).toString('base64')}\n`, 'utf8'));
  return files;
}
