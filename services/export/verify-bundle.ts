/**
 * Checking a case bundle offline (bundle-format.ts): needs the bundle's
 * bytes and a public key, nothing else: no database, no server. It names
 * each altered, missing or extra file and each broken link, and checks:
 *
 * - the manifest's Ed25519 signature, with the key the verifier trusts (one
 *   pinned from the API, `--public-key`) or else the bundle's own
 *   `public-key.pem`, which proves only that the bundle is whole, not who made it;
 * - every listed file's length and SHA-256, and that no file is missing or extra;
 * - each history parses, belongs to the case, and continues the run before it;
 * - each audit entry's hash, recomputed from its fields and prev_hash, and the
 *   link between entries whose seqs are consecutive (a case's entries are not
 *   contiguous in the installation's chain; the entries between are other
 *   cases' and are not exported);
 * - the anchor's signature, its key, and that it covers the last entry.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { anchorSignatureValid, keyIdOf } from '../../db/audit-anchor-signature';
import { auditHash, type Json } from '../../db/audit-hash';
import {
  BUNDLE_FILES,
  bundleAnchorSchema,
  bundleAuditEntrySchema,
  bundleDocumentSchema,
  manifestSchema,
  sha256Of,
  type BundleManifest,
} from './bundle-format';

export interface BundleProblem {
  /** The file (bundle path) the problem is in. */
  file: string;
  problem: string;
}

export interface BundleVerification {
  ok: boolean;
  reference: string | null;
  /** Whose key the signature was checked with: one given by the verifier, or only the bundle's own. */
  trust: 'given-key' | 'bundled-key-only';
  keyId: string | null;
  runs: number;
  auditEntries: number;
  files: number;
  problems: BundleProblem[];
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

function parseJson(bytes: Buffer): unknown {
  return JSON.parse(bytes.toString('utf8'));
}

/** The first argument the run was started with, decoded as the SDK's default converter encodes it. */
function startInput(history: temporal.api.history.v1.IHistory): Record<string, unknown> | undefined {
  const first = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (!first) return undefined;
  return defaultPayloadConverter.fromPayload<Record<string, unknown>>({ metadata: first.metadata ?? {}, data: first.data ?? new Uint8Array() });
}

function checkHistories(manifest: BundleManifest, files: ReadonlyMap<string, Buffer>, problems: BundleProblem[]): void {
  let previousRunId: string | null = null;
  for (const run of manifest.runs) {
    const bytes = files.get(run.file);
    if (!bytes) {
      problems.push({ file: run.file, problem: 'the history of a run the manifest lists is missing' });
      previousRunId = run.runId;
      continue;
    }
    try {
      const history = temporal.api.history.v1.History.fromObject(parseJson(bytes) as Record<string, unknown>);
      const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
      if (!started) throw new Error('its first event is not the start of a workflow run');
      const input = startInput(history);
      const id = manifest.process === 'filing' ? input?.reference : input?.caseNo;
      if (id !== manifest.reference) problems.push({ file: run.file, problem: `the run is of ${JSON.stringify(id ?? null)}, not of ${manifest.reference}` });
      const continued = started.continuedExecutionRunId || null;
      if (continued !== previousRunId) {
        problems.push({
          file: run.file,
          problem: previousRunId === null ? `the first run continues run ${continued}, which is not in the bundle` : `the run continues ${continued ?? 'no run'}, not the run before it (${previousRunId})`,
        });
      }
    } catch (err) {
      problems.push({ file: run.file, problem: `not a Temporal history: ${messageOf(err)}` });
    }
    previousRunId = run.runId;
  }
}

function checkAudit(manifest: BundleManifest, files: ReadonlyMap<string, Buffer>, key: KeyObject, problems: BundleProblem[]): number {
  const entriesFile = BUNDLE_FILES.auditEntries;
  const text = files.get(entriesFile)?.toString('utf8') ?? '';
  let lastSeq = 0;
  let previous: { seq: number; hash: string } | null = null;
  let count = 0;
  for (const [i, line] of text.split('\n').entries()) {
    if (line === '') continue;
    count += 1;
    let entry;
    try {
      entry = bundleAuditEntrySchema.parse(JSON.parse(line));
    } catch (err) {
      problems.push({ file: entriesFile, problem: `line ${i + 1} is not an audit entry: ${messageOf(err).split('\n')[0]}` });
      continue;
    }
    const hash = auditHash(entry.prevHash, { ...entry, at: new Date(entry.at), before: entry.before as Json | null, after: entry.after as Json | null });
    if (hash !== entry.hash) problems.push({ file: entriesFile, problem: `seq ${entry.seq} (line ${i + 1}) no longer matches its hash: its fields or prev_hash were changed` });
    if (previous && entry.seq <= previous.seq) problems.push({ file: entriesFile, problem: `seq ${entry.seq} (line ${i + 1}) is not after seq ${previous.seq}: entries were reordered` });
    if (previous && entry.seq === previous.seq + 1 && entry.prevHash !== previous.hash) {
      problems.push({ file: entriesFile, problem: `broken link: seq ${entry.seq}'s prev_hash is not the hash of seq ${previous.seq}` });
    }
    previous = { seq: entry.seq, hash: entry.hash };
    lastSeq = Math.max(lastSeq, entry.seq);
  }
  const anchorFile = BUNDLE_FILES.anchor;
  const anchorBytes = files.get(anchorFile);
  if (!anchorBytes) return count;
  try {
    const anchor = bundleAnchorSchema.parse(parseJson(anchorBytes));
    const signed = { ...anchor, anchoredAt: new Date(anchor.anchoredAt) };
    if (anchor.keyId !== manifest.keyId) problems.push({ file: anchorFile, problem: `the anchor names key ${anchor.keyId}, the manifest ${manifest.keyId}` });
    if (!anchorSignatureValid(key, signed)) problems.push({ file: anchorFile, problem: `the anchor's signature (seq ${anchor.seq}) does not verify with key ${keyIdOf(key)}: it was forged or altered` });
    if (anchor.seq < lastSeq) problems.push({ file: anchorFile, problem: `the anchor (seq ${anchor.seq}) does not cover the case's last audit entry (seq ${lastSeq})` });
    if (previous && anchor.seq === previous.seq && anchor.hash !== previous.hash) problems.push({ file: anchorFile, problem: `the anchor signed hash ${anchor.hash} at seq ${anchor.seq}, the entry there has ${previous.hash}` });
  } catch (err) {
    problems.push({ file: anchorFile, problem: `not an anchor: ${messageOf(err).split('\n')[0]}` });
  }
  return count;
}

function checkDocuments(manifest: BundleManifest, files: ReadonlyMap<string, Buffer>, problems: BundleProblem[]): void {
  const file = BUNDLE_FILES.documents;
  const bytes = files.get(file);
  if (!bytes) return;
  try {
    const documents = bundleDocumentSchema.array().parse(parseJson(bytes));
    if (!manifest.withDocuments) return;
    for (const doc of documents) {
      const content = files.get(`documents/${doc.sha256}`);
      if (!content) problems.push({ file: `documents/${doc.sha256}`, problem: `the bytes of ${doc.documentReferenceNo} (${doc.fileName}) are missing` });
      else if (sha256Of(content) !== doc.sha256) problems.push({ file: `documents/${doc.sha256}`, problem: `the bytes are not those of ${doc.documentReferenceNo}: their SHA-256 differs` });
    }
  } catch (err) {
    problems.push({ file, problem: `not a list of documents: ${messageOf(err).split('\n')[0]}` });
  }
}

/**
 * Checks a bundle given as its files (bundle path → bytes). `trustedKey`:
 * the installation's public key as the verifier got it (pinned from
 * GET /api/v1/keys/audit); without it the bundle's own key is used, which
 * shows the bundle is whole but not that the installation made it.
 */
export function verifyCaseBundle(files: ReadonlyMap<string, Buffer>, trustedKey?: KeyObject): BundleVerification {
  const problems: BundleProblem[] = [];
  const result = (manifest: BundleManifest | null, key: KeyObject | null, runs = 0, auditEntries = 0): BundleVerification => ({
    ok: problems.length === 0,
    reference: manifest?.reference ?? null,
    trust: trustedKey ? 'given-key' : 'bundled-key-only',
    keyId: key ? keyIdOf(key) : null,
    runs,
    auditEntries,
    files: files.size,
    problems,
  });
  const manifestBytes = files.get(BUNDLE_FILES.manifest);
  if (!manifestBytes) {
    problems.push({ file: BUNDLE_FILES.manifest, problem: 'missing: not a case bundle' });
    return result(null, null);
  }
  let key: KeyObject | null = trustedKey ?? null;
  if (!key) {
    const pem = files.get(BUNDLE_FILES.publicKey);
    try {
      if (!pem) throw new Error('missing');
      key = createPublicKey(pem);
    } catch (err) {
      problems.push({ file: BUNDLE_FILES.publicKey, problem: `no usable public key (${messageOf(err)}); give one with --public-key` });
      return result(null, null);
    }
  }
  const signature = files.get(BUNDLE_FILES.signature);
  let signatureValid = false;
  try {
    signatureValid = signature !== undefined && verify(null, manifestBytes, key, Buffer.from(signature.toString('utf8').trim(), 'base64'));
  } catch {
    signatureValid = false;
  }
  if (!signature) problems.push({ file: BUNDLE_FILES.signature, problem: 'missing: the manifest is unsigned' });
  else if (!signatureValid) problems.push({ file: BUNDLE_FILES.signature, problem: `the signature of manifest.json does not verify with key ${keyIdOf(key)}: manifest.json or manifest.sig was altered, or another key signed it` });

  let manifest: BundleManifest;
  try {
    manifest = manifestSchema.parse(parseJson(manifestBytes));
  } catch (err) {
    problems.push({ file: BUNDLE_FILES.manifest, problem: `not a ${'courtflow-case-bundle/1'} manifest: ${messageOf(err).split('\n')[0]}` });
    return result(null, key);
  }
  if (manifest.keyId !== keyIdOf(key)) problems.push({ file: BUNDLE_FILES.manifest, problem: `signed by key ${manifest.keyId}, but the key checked with is ${keyIdOf(key)}` });
  if (trustedKey) {
    const bundled = files.get(BUNDLE_FILES.publicKey);
    const same = bundled !== undefined && (() => {
      try {
        return keyIdOf(createPublicKey(bundled)) === keyIdOf(trustedKey);
      } catch {
        return false;
      }
    })();
    if (!same) problems.push({ file: BUNDLE_FILES.publicKey, problem: `not the key given (${keyIdOf(trustedKey)})` });
  }

  const listed = new Set<string>([BUNDLE_FILES.manifest, BUNDLE_FILES.signature]);
  for (const entry of manifest.files) {
    listed.add(entry.path);
    const bytes = files.get(entry.path);
    if (!bytes) problems.push({ file: entry.path, problem: 'missing (the manifest lists it)' });
    else if (bytes.length !== entry.bytes) problems.push({ file: entry.path, problem: `altered: ${bytes.length} bytes, the manifest says ${entry.bytes}` });
    else if (sha256Of(bytes) !== entry.sha256) problems.push({ file: entry.path, problem: 'altered: its SHA-256 is not the one in the manifest' });
  }
  for (const path of [...files.keys()].sort()) if (!listed.has(path)) problems.push({ file: path, problem: 'extra: not in the manifest' });
  for (const run of manifest.runs) if (!listed.has(run.file)) problems.push({ file: run.file, problem: 'a run the manifest names is not among its files' });

  checkHistories(manifest, files, problems);
  const timeline = files.get(BUNDLE_FILES.timeline);
  if (timeline) {
    try {
      if (!Array.isArray(parseJson(timeline))) throw new Error('not a list');
    } catch (err) {
      problems.push({ file: BUNDLE_FILES.timeline, problem: `not a timeline: ${messageOf(err)}` });
    }
  }
  checkDocuments(manifest, files, problems);
  const auditEntries = checkAudit(manifest, files, key, problems);
  return result(manifest, key, manifest.runs.length, auditEntries);
}
