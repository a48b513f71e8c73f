/**
 * The notice about the Listing Office's hours (「有關排期主任辦事處辦公時間的通知」)
 * that iCMS shows a filer of a writ of execution before they confirm, in
 * Stage A (seed 003, item 8) and again in Stage B (item 20). The guide shows
 * the notice only as a screenshot, so its words here are courtflow's: the
 * hours are the registry's receiving hours as recorded in received-at.ts,
 * and they are not confirmed for the Listing Office itself.
 */
import type { LocalisedText } from '../inbox/terms';
import { RECEIVING_HOURS } from './received-at';
import { isDraftWrit, isWritForSealing } from './writ';
import type { Filing } from './state';

export interface FilingNotice {
  id: string;
  text: LocalisedText;
  basis: string;
  confirmed: boolean;
}

const hhmm = (t: { hour: number; minute: number }) => `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;

/** The notices a filer is shown before confirming this filing. */
export function noticesFor(state: Pick<Filing, 'documents' | 'createdAt'>): FilingNotice[] {
  if (!state.documents.some((d) => isDraftWrit(d) || isWritForSealing(d))) return [];
  const day = state.createdAt.slice(0, 10);
  const hours = [...RECEIVING_HOURS].reverse().find((h) => h.from <= day) ?? RECEIVING_HOURS[0]!;
  const open = `${hhmm(hours.opens)}-${hhmm(hours.closes)}`;
  return [
    {
      id: 'listing-office-hours',
      text: {
        en:
          `Writs of execution are processed by the Listing Office during its office hours, ${open} Hong Kong time, Monday to Friday except ` +
          'general holidays and days the registry is closed. A writ submitted outside those hours is processed when the office next opens; ' +
          'the acknowledgement states when it counts as received.',
        'zh-Hant':
          `執行令狀由排期主任辦事處於辦公時間內處理：星期一至星期五（公眾假期及登記處關閉的日子除外）香港時間 ${open}。` +
          '於辦公時間以外提交的令狀，會於辦事處下一個辦公時間處理；認收通知書載明文件視為收到的時間。',
      },
      basis: `iCMS guide, filing a writ of execution, items 8 and 20 (the notice itself is not reproduced in the guide); hours: ${hours.source}`,
      confirmed: false,
    },
  ];
}
