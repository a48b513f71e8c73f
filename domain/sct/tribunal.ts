/**
 * Where and when the Small Claims Tribunal sits, as data: its names and its
 * venue in English and Traditional Chinese, and a hearing's start as Hong
 * Kong wall-clock time. Pure (no clock, no I/O): safe inside workflows.
 */

/** A text in each language the court publishes in. */
export interface LocalisedText {
  en: string;
  /** Traditional Chinese. */
  'zh-Hant': string;
}

export interface Venue {
  /** The court or tribunal sitting there. */
  tribunal: LocalisedText;
  building: LocalisedText;
  address: LocalisedText;
}

/** The Small Claims Tribunal (小額錢債審裁處), Cap. 338. */
export const SMALL_CLAIMS_TRIBUNAL = {
  code: 'SCT',
  name: { en: 'Small Claims Tribunal', 'zh-Hant': '小額錢債審裁處' },
} as const satisfies { code: string; name: LocalisedText };

/** Where the Small Claims Tribunal hears its cases: the West Kowloon Law Courts Building. */
export const SCT_VENUE: Venue = Object.freeze({
  tribunal: SMALL_CLAIMS_TRIBUNAL.name,
  building: { en: 'West Kowloon Law Courts Building', 'zh-Hant': '西九龍法院大樓' },
  address: { en: '36 Tung Chau Street, Sham Shui Po, Kowloon', 'zh-Hant': '九龍深水埗通州街36號' },
});

/** Hong Kong Time is UTC+8 all year (no daylight saving since 1979). */
const HKT_OFFSET_MS = 8 * 60 * 60 * 1000;
export const HKT_OFFSET = '+08:00';

export interface HongKongTime {
  /** The Hong Kong calendar date, `2026-12-14`. */
  date: string;
  /** The Hong Kong wall-clock time, `09:30`. */
  time: string;
  /** The instant with Hong Kong's offset, `2026-12-14T09:30:00+08:00`. */
  startsAt: string;
}

/** An instant (epoch milliseconds) as Hong Kong local date, time and ISO instant with `+08:00`. */
export function inHongKongTime(epochMs: number): HongKongTime {
  if (!Number.isFinite(epochMs)) throw new RangeError(`not an instant: ${epochMs}`);
  const local = new Date(epochMs + HKT_OFFSET_MS).toISOString(); // 2026-12-14T09:30:00.000Z, read as local time
  return { date: local.slice(0, 10), time: local.slice(11, 16), startsAt: `${local.slice(0, 19)}${HKT_OFFSET}` };
}
