/**
 * The language an account's messages are written in: English or Traditional
 * Chinese, chosen by the account itself. A change applies to messages
 * delivered from then on; those already delivered stay as they were sent.
 */
import type { Language } from '../../domain/inbox/terms';
import { preferredLanguageOf, setPreferredLanguage } from '../../db/inbox';
import type { Caller } from '../audit';
import { UseCaseError } from '../errors';
import type { InboxDeps } from './read';

const gone = () => new UseCaseError('not-found', 'not-found', 'Not found', 'Your account no longer exists');

export async function languageOf(deps: InboxDeps, caller: Caller): Promise<Language> {
  const language = await preferredLanguageOf(deps.pool, caller.actor.id);
  if (language === undefined) throw gone();
  return language;
}

/** Sets the caller's language; returns it with the one it replaces. */
export async function setLanguage(deps: InboxDeps, caller: Caller, language: Language): Promise<{ language: Language; before: Language }> {
  const before = await setPreferredLanguage(deps.pool, caller.actor.id, language);
  if (before === undefined) throw gone();
  return { language, before };
}
