/**
 * An account's channel preferences: an email address and whether notices go
 * to it, and whether they go to its webhooks. Each account reads and sets its
 * own only. The language notices are written in is the account's language
 * (services/inbox/language.ts), shown beside them.
 */
import type { Pool } from 'pg';
import type { Language } from '../../domain/inbox/terms';
import { preferredLanguageOf } from '../../db/inbox';
import { preferencesOf, putPreferences, type ChannelPreferences } from '../../db/notifications/preferences';
import type { Caller } from '../audit';
import { UseCaseError } from '../errors';

export interface NotificationDeps {
  pool: Pool;
}

export interface PreferencesView extends ChannelPreferences {
  language: Language;
}

const gone = () => new UseCaseError('not-found', 'not-found', 'Not found', 'Your account no longer exists');

export async function preferencesView(deps: NotificationDeps, caller: Caller): Promise<PreferencesView> {
  const accountId = caller.actor.id;
  const [language, preferences] = await Promise.all([preferredLanguageOf(deps.pool, accountId), preferencesOf(deps.pool, accountId)]);
  if (language === undefined) throw gone();
  return { ...preferences, language };
}

/** Replaces the caller's preferences; returns them as now set, with those they replace. */
export async function setPreferences(
  deps: NotificationDeps,
  caller: Caller,
  next: ChannelPreferences,
): Promise<{ view: PreferencesView; before: ChannelPreferences }> {
  const language = await preferredLanguageOf(deps.pool, caller.actor.id);
  if (language === undefined) throw gone();
  const before = await putPreferences(deps.pool, caller.actor.id, next);
  return { view: { ...next, language }, before };
}
