/**
 * How passwords are stored: argon2id (RFC 9106), through the `argon2`
 * package's prebuilt binding, as a self-describing PHC string
 * (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`), so the cost can be raised later
 * and old hashes still verify (`passwordNeedsRehash` says when to re-hash on
 * the next successful sign-in).
 */
import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';

/** argon2id at the library's defaults: 64 MiB, 3 passes, 4 lanes (above OWASP's minimum). */
const OPTIONS = { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 } as const;

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing cannot be used to tie up the server. */
export const PASSWORD_MAX_LENGTH = 256;

export async function hashPassword(password: string): Promise<string> {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new RangeError(`a password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`);
  }
  return argon2.hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * True when `password` matches `hash`. With no hash (no such account, or an
 * account without a password) it still spends the time of one verification,
 * so response times do not tell which usernames exist.
 */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  if (!hash) {
    dummyHash ??= argon2.hash(randomBytes(18).toString('base64url'), OPTIONS);
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    // Not a PHC string argon2 understands: never a match.
    return false;
  }
}

export function passwordNeedsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, OPTIONS);
  } catch {
    return true;
  }
}

/** A random password for a new account, shown once: 24 characters, 144 bits. */
export function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}
