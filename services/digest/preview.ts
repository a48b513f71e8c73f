/**
 * The digest as it stands now for the officer asking: the same items, the
 * same sections and the same words the morning's digest sends, in their
 * language, so "what is due" reads the same in the queue, the digest and here.
 */
import type { CourtCalendar } from '../../domain/calendar';
import { buildDigest, digestHorizonEnd, renderDigest, type OfficerDigest } from '../../domain/digest/daily-digest';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { isQueueRole } from '../../domain/work-queue/items';
import { preferredLanguageOf } from '../../db/inbox';
import { workItems } from '../../db/work-queue-sources';
import type { Pool } from 'pg';
import type { Caller } from '../audit';
import { UseCaseError } from '../errors';

export interface DigestPreviewDeps {
  pool: Pool;
  calendar: () => Promise<CourtCalendar>;
  now?: () => Date;
}

export interface DigestPreview {
  digest: OfficerDigest;
  language: 'en' | 'zh-Hant';
  subject: string;
  body: string;
}

export async function previewDigest(deps: DigestPreviewDeps, caller: Caller, horizonWorkingDays: number): Promise<DigestPreview> {
  const { role, id } = caller.actor;
  if (!isQueueRole(role)) throw new UseCaseError('forbidden', 'no-digest', 'No digest', `A ${role} has no daily digest; registry officers and adjudicators do`);
  const now = (deps.now ?? (() => new Date()))();
  const date = hkDateOf(now.getTime());
  const [calendar, language] = await Promise.all([deps.calendar(), preferredLanguageOf(deps.pool, id)]);
  // Only what falls due by the horizon's end is in a digest: the rest is not read.
  const items = await workItems(deps.pool, now.getTime(), { role, dueBy: digestHorizonEnd(date, calendar, horizonWorkingDays) });
  const digest = buildDigest(items, { accountId: id, role }, date, calendar, horizonWorkingDays);
  const lang = language ?? 'en';
  return { digest, language: lang, ...renderDigest(digest, lang) };
}
