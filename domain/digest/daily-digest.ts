/**
 * The daily digest an officer (a registry officer or an adjudicator) reads
 * as the registry opens: what is overdue, what is due today, and what falls
 * due in the next few working days, for each court, and separately what
 * the officer holds (claimed from the work queue). It is made from the same
 * work items as the queue (domain/work-queue), so the two never disagree.
 *
 * Long lists are cut: each section names its first items and counts the
 * rest, so a digest stays readable on a busy day. Pure.
 */
import { addDays, isOpenDay, type CourtCalendar, type IsoDate } from '../calendar';
import { COURT_LEVELS, type CourtLevel, type Language } from '../inbox/terms';
import { sortItems, visibleTo, type QueueRole, type WorkItem } from '../work-queue/items';

/** Working days ahead a digest looks by default. */
export const DIGEST_HORIZON_WORKING_DAYS = 3;
/** Items named per section; the rest are counted. */
export const DIGEST_ITEMS_PER_SECTION = 25;

export interface DigestLine {
  itemId: string;
  reference: string;
  title: string;
  due: IsoDate;
  heldBy: string | null;
}

export interface DigestSection {
  count: number;
  /** The first `DIGEST_ITEMS_PER_SECTION`, due first. */
  items: DigestLine[];
}

export interface DigestSections {
  overdue: DigestSection;
  dueToday: DigestSection;
  dueSoon: DigestSection;
}

export interface OfficerDigest {
  date: IsoDate;
  role: QueueRole;
  /** The last day "due soon" reaches: `horizonWorkingDays` open registry days after `date`. */
  horizonEnd: IsoDate;
  horizonWorkingDays: number;
  /** What the officer holds, across courts. */
  mine: DigestSections;
  /** Everything for the role, court by court (courts with nothing are left out). */
  courts: { court: CourtLevel; sections: DigestSections }[];
}

/** The last day "due soon" reaches on `date`: `horizonWorkingDays` open registry days after it. Nothing due later is in the digest. */
export function digestHorizonEnd(date: IsoDate, calendar: CourtCalendar, horizonWorkingDays = DIGEST_HORIZON_WORKING_DAYS): IsoDate {
  let day = date;
  for (let left = horizonWorkingDays; left > 0; ) {
    day = addDays(day, 1);
    if (isOpenDay(calendar, day, 'registry')) left -= 1;
  }
  return day;
}

const line = (item: WorkItem): DigestLine => ({ itemId: item.id, reference: item.reference, title: item.title, due: item.due ?? '', heldBy: item.claim?.byName ?? null });

function section(items: readonly WorkItem[]): DigestSection {
  return { count: items.length, items: sortItems(items).slice(0, DIGEST_ITEMS_PER_SECTION).map(line) };
}

function sectionsOf(items: readonly WorkItem[], date: IsoDate, horizonEnd: IsoDate): DigestSections {
  const dated = items.filter((i): i is WorkItem & { due: IsoDate } => i.due !== null);
  return {
    overdue: section(dated.filter((i) => i.due < date)),
    dueToday: section(dated.filter((i) => i.due === date)),
    dueSoon: section(dated.filter((i) => i.due > date && i.due <= horizonEnd)),
  };
}

/**
 * The digest of `accountId` (holding `role`) on `date`, from the work items
 * with their live claims. Only items due by `digestHorizonEnd` count: the
 * caller may pass just those.
 */
export function buildDigest(
  items: readonly WorkItem[],
  who: { accountId: string; role: QueueRole },
  date: IsoDate,
  calendar: CourtCalendar,
  horizonWorkingDays = DIGEST_HORIZON_WORKING_DAYS,
): OfficerDigest {
  const horizonEnd = digestHorizonEnd(date, calendar, horizonWorkingDays);
  const visible = items.filter((i) => visibleTo(i, who.role));
  const courts = [...new Set(visible.map((i) => i.court))].sort();
  return {
    date,
    role: who.role,
    horizonEnd,
    horizonWorkingDays,
    mine: sectionsOf(
      visible.filter((i) => i.claim?.by === who.accountId),
      date,
      horizonEnd,
    ),
    courts: courts
      .map((court) => ({ court, sections: sectionsOf(visible.filter((i) => i.court === court), date, horizonEnd) }))
      .filter((c) => c.sections.overdue.count + c.sections.dueToday.count + c.sections.dueSoon.count > 0),
  };
}

const HEADINGS = {
  overdue: { en: 'Overdue', 'zh-Hant': '已逾期' },
  dueToday: { en: 'Due today', 'zh-Hant': '今日到期' },
  dueSoon: { en: 'Due soon', 'zh-Hant': '即將到期' },
} as const;

function sectionLines(sections: DigestSections, language: Language): string[] {
  return (['overdue', 'dueToday', 'dueSoon'] as const).flatMap((name) => {
    const s = sections[name];
    if (s.count === 0) return [];
    const more = s.count - s.items.length;
    return [
      `${HEADINGS[name][language]} (${s.count})`,
      ...s.items.map((i) => `  - ${i.due}  ${i.reference}  ${i.title}${i.heldBy ? (language === 'en' ? ` [held by ${i.heldBy}]` : `［由${i.heldBy}處理］`) : ''}`),
      ...(more > 0 ? [language === 'en' ? `  … and ${more} more (see the work queue)` : `  ……另有 ${more} 項（見工作佇列）`] : []),
    ];
  });
}

const total = (s: DigestSections) => s.overdue.count + s.dueToday.count + s.dueSoon.count;

/** The digest in words, in the officer's language. */
export function renderDigest(d: OfficerDigest, language: Language): { subject: string; body: string } {
  const overdue = d.courts.reduce((n, c) => n + c.sections.overdue.count, 0);
  const today = d.courts.reduce((n, c) => n + c.sections.dueToday.count, 0);
  const soon = d.courts.reduce((n, c) => n + c.sections.dueSoon.count, 0);
  const parts: string[] = [];
  if (language === 'en') {
    parts.push(`Work due as of ${d.date}: ${overdue} overdue, ${today} due today, ${soon} due by ${d.horizonEnd} (the next ${d.horizonWorkingDays} working days).`);
    if (total(d.mine) > 0) parts.push('', 'Held by you', ...sectionLines(d.mine, language));
    for (const c of d.courts) parts.push('', COURT_LEVELS[c.court].en, ...sectionLines(c.sections, language));
    if (d.courts.length === 0) parts.push('', 'Nothing is due.');
    return { subject: `Daily digest ${d.date}: ${overdue} overdue, ${today} due today, ${soon} due soon`, body: parts.join('\n') };
  }
  parts.push(`截至 ${d.date} 的工作：已逾期 ${overdue} 項，今日到期 ${today} 項，${d.horizonEnd} 或之前（未來${d.horizonWorkingDays}個工作天）到期 ${soon} 項。`);
  if (total(d.mine) > 0) parts.push('', '由閣下處理', ...sectionLines(d.mine, language));
  for (const c of d.courts) parts.push('', COURT_LEVELS[c.court]['zh-Hant'], ...sectionLines(c.sections, language));
  if (d.courts.length === 0) parts.push('', '並無到期工作。');
  return { subject: `每日摘要 ${d.date}：已逾期 ${overdue} 項，今日到期 ${today} 項，即將到期 ${soon} 項`, body: parts.join('\n') };
}
