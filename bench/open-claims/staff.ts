/** The people a run acts as: registry officers, and the filers whose claims open the cases. */
import { insertAccount } from '../../db/accounts';
import { hashPassword } from '../../db/passwords';
import { registerIndividual, signIn, type SignedIn } from '../courtflow-api';
import type { BenchStack } from '../stack';

export interface Staff {
  officers: SignedIn[];
  filers: { signedIn: SignedIn; displayName: string }[];
}

/** The seeded registry officer, further officers beside it, and the filers (individual users the registry registers). */
export async function staff(stack: BenchStack, options: { officers: number; filers: number }, runId: string): Promise<Staff> {
  const seeded = await signIn(stack.apiUrl, 'registry.officer', stack.officerPassword);
  // Each signed-in caller has its own rate limit (api/middleware/rate-limit.ts): steps taken back to back
  // by one officer could meet it, which would measure the limit, not the step. Officers are staff, made as the seed makes them.
  const officers = [seeded];
  for (let i = 1; i < options.officers; i++) {
    const username = `bench.officer.${i}`;
    const password = `bench-officer-${runId}-${i}`;
    await insertAccount(stack.ownerPool, { username, displayName: `Bench Officer ${i}`, role: 'registry-officer', passwordHash: await hashPassword(password) });
    officers.push(await signIn(stack.apiUrl, username, password));
  }
  const filers: Staff['filers'] = [];
  for (let i = 0; i < options.filers; i++) {
    const username = `bench.filer.${i}`;
    const displayName = `Chan Tai Man ${i}`;
    const password = `bench-filer-${runId}-${i}`;
    await registerIndividual(stack.apiUrl, seeded, username, displayName, password);
    filers.push({ signedIn: await signIn(stack.apiUrl, username, password), displayName });
  }
  return { officers, filers };
}
