/**
 * `courtflow verify <bundle> [--public-key <pem file>] [--json]`
 *
 * Checks a case bundle offline (services/export/verify-bundle.ts): it reads
 * the directory and a key, nothing else, so it runs where there is no
 * database and no server. Names each altered, missing or extra file and each
 * broken link. Exit codes: 0 valid, 1 not, 2 bad usage.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyCaseBundle, type BundleVerification } from '../../services/export/verify-bundle';
import { argsErrorMessage } from './args';
import { readBundleDirectory } from './bundle-directory';
import type { CommandOutput } from './deadline';

export const VERIFY_USAGE = 'usage: courtflow verify <bundle dir> [--public-key <pem file>] [--json]';

const HELP = [
  VERIFY_USAGE,
  '',
  'Checks a case bundle written by `courtflow export`, offline (no database, no server): the Ed25519 signature of',
  "manifest.json, every file's length and SHA-256 and that none is missing or extra, that each history is of the case",
  "and continues the run before it, each audit entry's hash and the links between consecutive entries, and the",
  "anchor's signature and that it covers the case's last entry. Names each altered file or broken link.",
  '  --public-key <file>  the installation\'s public key (PEM), pinned from GET /api/v1/keys/audit: proves who made',
  '                       the bundle. Without it, the bundle\'s own public-key.pem is used, which proves only that',
  '                       the bundle is whole, not that the installation made it.',
  '  --json               print the result as JSON',
  'Exit codes: 0 valid; 1 not valid (each problem named); 2 bad usage.',
  '',
].join('\n');

class UsageError extends Error {}

function publicKeyFrom(file: string): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--public-key ${JSON.stringify(file)}: ${(err as Error).message}`);
  }
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`an ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
    return key;
  } catch (err) {
    throw new UsageError(`--public-key ${JSON.stringify(file)} is not an Ed25519 public key in PEM (${(err as Error).message})`);
  }
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The result in words: what was checked and with whose key, then each problem. */
export function describeBundleVerification(dir: string, result: BundleVerification): string {
  const lines: string[] = [];
  const what = `${result.reference ?? 'unknown case'}: ${count(result.files, 'file')}, ${count(result.runs, 'run')}, ${count(result.auditEntries, 'audit entry', 'audit entries')}`;
  const trust =
    result.trust === 'given-key'
      ? `checked with the key given (${result.keyId})`
      : `checked with the bundle's own key (${result.keyId ?? 'none'}): this proves the bundle is whole, not who made it; pin the installation's key (GET /api/v1/keys/audit) and pass --public-key`;
  if (result.ok) lines.push(`bundle valid: ${dir} (${what}); ${trust}`);
  else {
    lines.push(`bundle NOT valid: ${dir} (${what}); ${trust}`);
    for (const p of result.problems) lines.push(`  ${p.file}: ${p.problem}`);
  }
  return `${lines.join('\n')}\n`;
}

export function runVerifyCommand(argv: string[], out: CommandOutput): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    out.stdout(HELP);
    return 0;
  }
  let dir: string;
  let key: KeyObject | undefined;
  let json: boolean;
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { 'public-key': { type: 'string' }, json: { type: 'boolean' } } });
    } catch (error) {
      throw new UsageError(`${argsErrorMessage(error) ?? 'bad arguments'}; see courtflow verify --help`);
    }
    if (parsed.positionals.length !== 1) throw new UsageError(`name one bundle directory; ${VERIFY_USAGE}`);
    dir = parsed.positionals[0]!;
    let isDirectory = false;
    try {
      isDirectory = statSync(dir).isDirectory();
    } catch {
      // Missing: said below.
    }
    if (!isDirectory) throw new UsageError(`${JSON.stringify(dir)} is not a directory (a bundle is the directory \`courtflow export\` wrote)`);
    key = parsed.values['public-key'] === undefined ? undefined : publicKeyFrom(parsed.values['public-key']);
    json = parsed.values.json === true;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.stderr(`courtflow verify: ${error.message}\n`);
    return 2;
  }
  const result = verifyCaseBundle(readBundleDirectory(dir), key);
  out.stdout(json ? `${JSON.stringify(result)}\n` : describeBundleVerification(dir, result));
  return result.ok ? 0 : 1;
}
