/**
 * The web console's language an account keeps, so the console speaks it
 * wherever the account signs in. Chosen by the account itself; not the
 * language of its messages (services/inbox/language.ts).
 */
import { consoleLanguageOf, setConsoleLanguage } from '../../db/accounts';
import type { Pool } from 'pg';
import type { ConsoleLanguage } from '../../domain/identity/console-language';
import type { Caller } from '../audit';
import { UseCaseError } from '../errors';

export interface ConsoleLanguageDeps {
  pool: Pool;
}

const gone = () => new UseCaseError('not-found', 'not-found', 'Not found', 'Your account no longer exists');

/** The caller's console language; null until they choose one. */
export async function consoleLanguageOfCaller(deps: ConsoleLanguageDeps, caller: Caller): Promise<ConsoleLanguage | null> {
  const found = await consoleLanguageOf(deps.pool, caller.actor.id);
  if (!found) throw gone();
  return found.language;
}

/** Keeps the caller's console language; returns the one it replaces (null: none). */
export async function keepConsoleLanguage(deps: ConsoleLanguageDeps, caller: Caller, language: ConsoleLanguage): Promise<{ before: ConsoleLanguage | null }> {
  const set = await setConsoleLanguage(deps.pool, caller.actor.id, language);
  if (!set) throw gone();
  return set;
}
