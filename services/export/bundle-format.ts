/**
 * The case bundle, `courtflow-case-bundle/1`: what `courtflow export` writes
 * and `courtflow verify` checks (README, "Exporting and verifying a case").
 *
 * A bundle is a directory. `manifest.json` lists every other file with its
 * byte length and SHA-256, and `manifest.sig` is the Ed25519 signature of the
 * manifest's exact bytes with the installation's audit key, so one signature
 * covers every byte of the bundle. Pure: no database, no server, so verifying
 * needs neither.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const BUNDLE_FORMAT = 'courtflow-case-bundle/1';

/** Fixed names; histories are `histories/<n>-<runId>.json`, documents `documents/<sha256>`. */
export const BUNDLE_FILES = {
  manifest: 'manifest.json',
  signature: 'manifest.sig',
  publicKey: 'public-key.pem',
  timeline: 'timeline.json',
  documents: 'documents.json',
  auditEntries: 'audit/entries.jsonl',
  anchor: 'audit/anchor.json',
} as const;

export const historyFileName = (n: number, runId: string) => `histories/${n}-${runId}.json`;
export const documentFileName = (sha256: string) => `documents/${sha256}`;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
/** A path inside the bundle: relative, forward slashes, no `..`, nothing a path could misread. */
const bundlePath = z.string().regex(/^(?!.*\.\.)[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/);

export const manifestSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    /** The case number or filing reference exported: also the workflow ID. */
    reference: z.string().min(1),
    process: z.enum(['small-claim', 'filing']),
    exportedAt: z.iso.datetime({ offset: true }),
    courtflowVersion: z.string(),
    /** The signing key's id (first 16 hex digits of the SHA-256 of its SPKI DER). */
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    /** The workflow's runs, oldest first, each a file under histories/. */
    runs: z.array(z.object({ runId: z.string().min(1), file: bundlePath })).min(1),
    /** Whether the documents' bytes are under documents/. */
    withDocuments: z.boolean(),
    files: z.array(z.object({ path: bundlePath, bytes: z.number().int().nonnegative(), sha256: sha256Hex })),
  })
  .strict();
export type BundleManifest = z.infer<typeof manifestSchema>;

/** One document of the case, as documents.json lists it. */
export const bundleDocumentSchema = z.object({
  documentReferenceNo: z.string(),
  fileName: z.string(),
  type: z.string(),
  source: z.enum(['filing', 'tribunal']),
  sha256: sha256Hex,
  bytes: z.number().int().nonnegative().nullable(),
  on: z.string().nullable(),
});
export type BundleDocument = z.infer<typeof bundleDocumentSchema>;

const json: z.ZodType<unknown> = z.unknown();

/** One line of audit/entries.jsonl: the row as stored, every field its hash covers plus prevHash and hash. */
export const bundleAuditEntrySchema = z
  .object({
    seq: z.number().int().positive(),
    at: z.iso.datetime(),
    actorId: z.string(),
    actorRole: z.string(),
    onBehalfOf: z.string().nullable(),
    action: z.string(),
    target: z.string().nullable(),
    before: json,
    after: json,
    requestId: z.string().nullable(),
    prevHash: sha256Hex,
    hash: sha256Hex,
  })
  .strict();
export type BundleAuditEntry = z.infer<typeof bundleAuditEntrySchema>;

/** audit/anchor.json: a signed anchor of the whole chain, at or after the case's last entry. */
export const bundleAnchorSchema = z
  .object({
    id: z.number().int(),
    seq: z.number().int().positive(),
    hash: sha256Hex,
    anchoredAt: z.iso.datetime(),
    keyId: z.string(),
    signature: z.string(),
  })
  .strict();
export type BundleAnchor = z.infer<typeof bundleAnchorSchema>;

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** JSON as bundles write it: two-space indent, a final newline (stable, and diffable). */
export const jsonBytes = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
