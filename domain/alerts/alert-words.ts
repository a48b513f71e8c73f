/**
 * What a deadline alert says, in English and Traditional Chinese: what the
 * period is for, how near its last day is (or that it passed), who must act,
 * and, when the last day moved, from when and why. Rendered once for each
 * recipient in their language and stored exactly so (domain/inbox).
 *
 * Pure data and functions: safe anywhere.
 */
import type { DeadlineRuleId } from '../deadlines/rules';
import type { LocalisedText } from '../sct/tribunal';
import type { LeadTime } from './lead-times';

/** What each period is for, as a recipient reads it. */
export const RULE_TITLES: Readonly<Record<DeadlineRuleId, LocalisedText>> = {
  'sct.hearing': { en: 'fixing the hearing', 'zh-Hant': '定出聆訊日期' },
  'sct.written-award': { en: 'the written award', 'zh-Hant': '以書面作出裁斷' },
  'sct.review-by-adjudicator': { en: "the adjudicator's own review", 'zh-Hant': '審裁官自行覆核' },
  'sct.review-application': { en: 'applying for a review', 'zh-Hant': '申請覆核' },
  'sct.set-aside': { en: 'applying to set aside', 'zh-Hant': '申請將裁斷或命令作廢' },
  'sct.appeal-leave': { en: 'applying for leave to appeal', 'zh-Hant': '申請上訴許可' },
  'sct.ca-leave': { en: 'applying to the Court of Appeal for leave', 'zh-Hant': '向上訴法庭申請上訴許可' },
  'sct.transfer-review-application': { en: 'applying for a review of the transfer', 'zh-Hant': '申請覆核移交命令' },
  'sct.transfer-review': { en: 'reviewing the transfer', 'zh-Hant': '覆核移交命令' },
  'sct.order-compliance': { en: 'complying with the order', 'zh-Hant': '遵從命令' },
  'icms.registry-review': { en: "the registry's review of the filing", 'zh-Hant': '登記處審核存檔文件' },
  'icms.correction': { en: 'correcting the rejected document', 'zh-Hant': '更正被拒文件' },
};

/** Who an alert is for, in words. */
export type AlertAddressee = 'party' | 'adjudicator' | 'registry';

export const ADDRESSEES: Readonly<Record<AlertAddressee, LocalisedText>> = {
  party: { en: 'you, as a party', 'zh-Hant': '閣下（作為一方）' },
  adjudicator: { en: 'the adjudicator', 'zh-Hant': '審裁官' },
  registry: { en: 'the registry', 'zh-Hant': '登記處' },
};

/** The subject's lead: "Due in 3 working days" / 「尚餘3個工作天」. */
export function leadHeadline(lead: LeadTime, language: 'en' | 'zh-Hant'): string {
  if (lead.kind === 'before') {
    return language === 'en' ? `Due in ${lead.workingDays} working day${lead.workingDays === 1 ? '' : 's'}` : `尚餘${lead.workingDays}個工作天`;
  }
  if (lead.kind === 'due-day') return language === 'en' ? 'Last day today' : '今日為最後一日';
  return language === 'en' ? 'Missed' : '已逾期';
}
