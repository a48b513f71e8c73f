/**
 * The first staff accounts of a new install: a registry officer (who then
 * registers everyone else), an auditor and an adjudicator.
 *
 * For each role with no account yet, one is created with its password from
 * the environment, or a random one that is printed once, through `log`, at
 * the moment it is made: nothing keeps it, and no later start prints it
 * again. Idempotent: once a role has an account, nothing is done for it, so
 * the passwords in the environment are only read on the first start.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { anyAccountWithRole, insertAccount, type AccountRole } from './accounts';
import { appendAudit } from './audit-log';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, randomPassword } from './passwords';
import { inTransaction } from './pool';

// Any constant: only has to be the same for every courtflow process.
const SEED_LOCK = 0x63667365;

interface SeedSpec {
  role: AccountRole;
  username: string;
  displayName: string;
  passwordVariable: string;
}

export const SEED_ACCOUNTS: readonly SeedSpec[] = [
  { role: 'registry-officer', username: 'registry.officer', displayName: 'Registry Officer', passwordVariable: 'COURTFLOW_SEED_OFFICER_PASSWORD' },
  { role: 'auditor', username: 'auditor', displayName: 'Auditor', passwordVariable: 'COURTFLOW_SEED_AUDITOR_PASSWORD' },
  { role: 'adjudicator', username: 'adjudicator', displayName: 'Adjudicator', passwordVariable: 'COURTFLOW_SEED_ADJUDICATOR_PASSWORD' },
];

const passwordVariable = z
  .string()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(
    z
      .string()
      .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
      .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`)
      .optional(),
  )
  .optional();

export interface SeededAccount {
  role: AccountRole;
  username: string;
  passwordFrom: 'env' | 'generated';
}

/**
 * Creates whichever seed accounts are missing; returns those it created.
 * `log` receives one line per account created: with its generated password,
 * or naming the variable the password came from. Send it to the console,
 * not to a log file. A bad password variable throws, naming it.
 */
export async function ensureSeedAccounts(pool: Pool, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<SeededAccount[]> {
  const passwords = new Map<string, string | undefined>();
  for (const spec of SEED_ACCOUNTS) {
    const parsed = passwordVariable.safeParse(env[spec.passwordVariable]);
    if (!parsed.success) throw new Error(`invalid configuration: ${spec.passwordVariable}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    passwords.set(spec.passwordVariable, parsed.data);
  }

  // The common case (every later start) takes no lock and hashes nothing.
  const missing: SeedSpec[] = [];
  for (const spec of SEED_ACCOUNTS) if (!(await anyAccountWithRole(pool, spec.role))) missing.push(spec);
  if (missing.length === 0) return [];

  // Hashing is slow: done before the transaction, for the accounts that may be needed.
  const prepared = await Promise.all(
    missing.map(async (spec) => {
      const given = passwords.get(spec.passwordVariable);
      const password = given ?? randomPassword();
      return { spec, password, generated: given === undefined, hash: await hashPassword(password) };
    }),
  );

  const created = await inTransaction(pool, async (tx) => {
    // Several processes starting at once: one seeds, the others then find the accounts.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const made: typeof prepared = [];
    for (const item of prepared) {
      if (await anyAccountWithRole(tx, item.spec.role)) continue;
      const account = await insertAccount(tx, {
        username: item.spec.username,
        displayName: item.spec.displayName,
        role: item.spec.role,
        passwordHash: item.hash,
      });
      if (!account) {
        throw new Error(`cannot create the first ${item.spec.role}: the username ${item.spec.username} is taken by another account`);
      }
      await appendAudit(tx, {
        actor: { id: 'system:seed', role: 'system' },
        action: 'account.create',
        target: `account:${account.id}`,
        after: {
          id: account.id,
          username: account.username,
          displayName: account.displayName,
          role: account.role,
          passwordFrom: item.generated ? 'generated' : 'env',
        },
      });
      made.push(item);
    }
    return made;
  });

  // Printed only after the accounts are committed, and only by the process that made them.
  for (const { spec, password, generated } of created) {
    log(
      generated
        ? `courtflow: created the first ${spec.role} account: username ${spec.username}, password ${password} ` +
            `(shown only this once; set ${spec.passwordVariable} before the first start to choose it)`
        : `courtflow: created the first ${spec.role} account: username ${spec.username}, password from ${spec.passwordVariable}`,
    );
  }
  return created.map(({ spec, generated }) => ({ role: spec.role, username: spec.username, passwordFrom: generated ? 'generated' : 'env' }));
}
