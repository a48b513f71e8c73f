/**
 * Exporting a case or a filing as a signed bundle, for auditors: the same
 * bundle `courtflow export` writes, as one tar archive to download, to be
 * checked offline with `courtflow verify`. The export is recorded in the
 * audit log before the first byte is sent; the bundle itself holds the
 * case's entries up to the moment of export, under an anchor made for it.
 */
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { z } from 'zod';
import { loadConfig } from '../../config';
import { appendAudit } from '../../db/audit-log';
import { documentStoreOf } from '../../db/document-store/configured';
import type { DocumentStore } from '../../db/document-store/store';
import { anchorJournal, loadAuditSigningKey, type AnchorJournal, type AuditSigningKey } from '../../services/audit-anchor';
import { BUNDLE_ARCHIVE_TYPE, bundleArchive, bundleArchiveName } from '../../services/export/bundle-archive';
import { BUNDLE_FILES } from '../../services/export/bundle-format';
import { exportCaseBundle } from '../../services/export/case-bundle';
import { auditEntryFor } from '../audit';
import { attachmentHeader } from '../documents/content-disposition';
import { filingParams } from '../filing/schemas';
import { actorOf } from '../identity/authenticate';
import { problemResponse, type Operation } from '../operations';
import { caseNoParams } from '../sct/schemas';
import { parse } from '../validate';

/** What signs bundles and where documents are read: the installation's, from its configuration. */
export interface BundleSetup {
  key: AuditSigningKey;
  store: () => DocumentStore;
  journal?: AnchorJournal;
}

export interface ExportOperationDeps {
  pool: Pool;
  temporal: Client;
  version: string;
  /** By default the configured audit key (created if missing, as the API's own anchoring does) and document store. */
  bundleSetup?: () => BundleSetup;
}

function configuredBundleSetup(): BundleSetup {
  const config = loadConfig();
  const key = loadAuditSigningKey(config, { create: true })!;
  return { key, store: () => documentStoreOf(config), ...(config.DATABASE_URL ? { journal: anchorJournal(config.dataDir, config.DATABASE_URL) } : {}) };
}

export const bundleRequest = z
  .strictObject({
    withDocuments: z.boolean().default(false).describe('Also put the documents themselves in the bundle, under documents/<sha256>'),
  })
  .meta({ id: 'BundleRequest' });

const archiveContent = z.string().meta({ format: 'binary' });

const responses = (what: string) => ({
  200: { description: `The ${what}'s bundle: a tar archive of <reference>-bundle/ (manifest.json signed in manifest.sig)`, schema: archiveContent, contentType: BUNDLE_ARCHIVE_TYPE },
  400: problemResponse(`The ${what} reference or the body is malformed`),
  401: problemResponse('No credentials, or they are not valid'),
  404: problemResponse(`No such ${what}, or the caller is not an auditor`),
  503: problemResponse('Temporal or the database did not answer: nothing was exported; ask again'),
});

const DESCRIPTION =
  'The bundle `courtflow export` writes (README, "Exporting and verifying a case"): every run of its workflow, the timeline, ' +
  "its documents' SHA-256 (and with `withDocuments` the documents), its audit entries with a signed anchor of the chain, and " +
  'manifest.json signed with the installation\'s audit key. Extract it (`tar -xf`) and check it offline with `courtflow verify <dir> ' +
  '--public-key <key from GET /api/v1/keys/audit>`. The audit chain is verified and anchored first: a log that does not verify is ' +
  "not exported. Auditors only; the export is recorded in the audit log before it is sent. `Repr-Digest` is the archive's SHA-256.";

export function exportOperations(deps: ExportOperationDeps): Operation[] {
  const setupOf = deps.bundleSetup ?? configuredBundleSetup;
  const exportBundle = async (res: Parameters<Operation['handler']>[1], reference: string, target: string, withDocuments: boolean) => {
    const setup = setupOf();
    const exportedAt = new Date();
    const files = await exportCaseBundle(
      { pool: deps.pool, temporal: deps.temporal, store: setup.store, key: setup.key, version: deps.version, now: () => exportedAt, ...(setup.journal ? { journal: setup.journal } : {}) },
      reference,
      { withDocuments },
    );
    const archive = await bundleArchive(reference, files, exportedAt);
    const manifest = files.find((f) => f.path === BUNDLE_FILES.manifest)!;
    const sha256 = createHash('sha256').update(archive).digest();
    // Recorded before the first byte leaves (as a document download is): an export that cannot be recorded is not sent.
    await appendAudit(
      deps.pool,
      auditEntryFor(actorOf(res), res, {
        action: 'bundle.exported',
        target,
        after: { withDocuments, files: files.length, keyId: setup.key.keyId, manifestSha256: createHash('sha256').update(manifest.bytes).digest('hex'), archiveSha256: sha256.toString('hex') },
      }),
    );
    res.status(200).set({
      'Content-Type': BUNDLE_ARCHIVE_TYPE,
      'Content-Length': String(archive.length),
      'Content-Disposition': attachmentHeader(bundleArchiveName(reference)),
      'Repr-Digest': `sha-256=:${sha256.toString('base64')}:`,
      'Cache-Control': 'no-store',
    });
    res.end(archive);
  };
  return [
    {
      method: 'post',
      path: '/api/v1/cases/:caseNo/bundle',
      operationId: 'exportCaseBundle',
      summary: 'Export a small claim as a signed case bundle (auditors)',
      description: DESCRIPTION,
      tags: ['Case histories'],
      auth: ['auditor'],
      refuseAs: 'not-found',
      audit: 'self',
      params: caseNoParams,
      body: bundleRequest,
      responses: responses('case'),
      handler: async (req, res) => {
        const { caseNo } = parse(caseNoParams, 'path', req);
        const { withDocuments } = parse(bundleRequest, 'body', req);
        await exportBundle(res, caseNo, `case:${caseNo}`, withDocuments);
      },
    },
    {
      method: 'post',
      path: '/api/v1/filings/:reference/bundle',
      operationId: 'exportFilingBundle',
      summary: 'Export an iCMS filing as a signed bundle (auditors)',
      description: DESCRIPTION,
      tags: ['Case histories'],
      auth: ['auditor'],
      refuseAs: 'not-found',
      audit: 'self',
      params: filingParams,
      body: bundleRequest,
      responses: responses('filing'),
      handler: async (req, res) => {
        const { reference } = parse(filingParams, 'path', req);
        const { withDocuments } = parse(bundleRequest, 'body', req);
        await exportBundle(res, reference, `filing:${reference}`, withDocuments);
      },
    },
  ];
}
