/**
 * The small claim's papers (Cap. 338): the notice of hearing (s.14(1)(b))
 * and the written award or order (s.18(3), (4)), in Traditional Chinese and
 * English on one paper, from the facts the case gives (domain/sct/case/papers.ts).
 */
import type { NoticeOfHearingFacts, WrittenAwardFacts } from '../domain/sct/case/papers';
import { COURT_LEVELS, type LocalisedText } from '../domain/inbox/terms';
import { renderPaper } from './render';

export const CASE_PAPERS_VERSION = '1';

const SCT = COURT_LEVELS['small-claims-tribunal'];
const both = (t: LocalisedText) => `${t.en}  ${t['zh-Hant']}`;

const L = {
  caseNo: { en: 'Case number', 'zh-Hant': '案件編號' },
  claimant: { en: 'Claimant', 'zh-Hant': '申索人' },
  represented: { en: 'Represented person', 'zh-Hant': '被代表的人' },
  defendant: { en: 'Defendant', 'zh-Hant': '被告人' },
  filedOn: { en: 'Claim filed on', 'zh-Hant': '申索提交日期' },
  claimed: { en: 'Amount claimed (within jurisdiction)', 'zh-Hant': '申索款額（在審裁處司法管轄權內）' },
  hearing: { en: 'Date and time of hearing', 'zh-Hant': '聆訊日期及時間' },
  venue: { en: 'Place of hearing', 'zh-Hant': '聆訊地點' },
  kind: { en: 'Award or order', 'zh-Hant': '裁斷或命令' },
  madeOn: { en: 'Made on', 'zh-Hant': '作出日期' },
  writtenOn: { en: 'Reduced to writing on', 'zh-Hant': '以書面記錄日期' },
  terms: { en: 'Terms', 'zh-Hant': '條款' },
  against: { en: 'Against', 'zh-Hant': '判敗訴一方' },
  inFavourOf: { en: 'In favour of', 'zh-Hant': '判勝訴一方' },
  awarded: { en: 'Sum awarded', 'zh-Hant': '裁斷款額' },
  costs: { en: 'Costs (s.24)', 'zh-Hant': '訟費（第24條）' },
  interest: { en: 'Interest to the award (s.33(1))', 'zh-Hant': '至裁斷日的利息（第33(1)條）' },
  payBy: { en: 'To be paid by', 'zh-Hant': '付款限期' },
} as const satisfies Record<string, LocalisedText>;

const SIDE = { claimant: L.claimant, represented: L.represented, defendant: L.defendant } as const;

const NOTICE_TITLE: LocalisedText = { en: 'Notice of Hearing', 'zh-Hant': '聆訊通知書' };
const NOTICE_NOTE: LocalisedText = {
  en:
    'You are required to attend the hearing at the date, time and place above (Small Claims Tribunal Ordinance, Cap. 338, s.14). ' +
    'If the defendant does not attend, the tribunal may enter judgment against the defendant without hearing them, once service of the claim is proved (s.17).',
  'zh-Hant': '你須於上述日期、時間及地點出席聆訊（《小額錢債審裁處條例》（第338章）第14條）。如被告人沒有出席，在證明已送達申索書後，審裁處可在不聆聽被告人的情況下作出判決（第17條）。',
};

const AWARD_TITLE: LocalisedText = { en: 'Award of the Small Claims Tribunal', 'zh-Hant': '小額錢債審裁處裁斷書' };
const AWARD_NOTE: LocalisedText = {
  en:
    'A party may apply for a review within 7 days (s.27A(2)(b)); a party absent at the hearing may apply to set it aside within 7 days after the hearing (s.32A); ' +
    'a party may seek leave to appeal to the Court of First Instance within 7 days after this written award is served (s.28). ' +
    'Unpaid after the date to pay, the award is enforceable in the District Court (s.32) and bears interest at the judgment-debt rate (s.33(3)).',
  'zh-Hant':
    '任何一方可於7天內申請覆核（第27A(2)(b)條）；在聆訊時缺席的一方可於聆訊後7天內申請將裁斷作廢（第32A條）；任何一方可於本書面裁斷送達後7天內向原訟法庭申請上訴許可（第28條）。' +
    '逾期未付的裁斷可在區域法院強制執行（第32條），並按判定債項利率計算利息（第33(3)條）。',
};

const partyLines = (parties: WrittenAwardFacts['parties']) => parties.map((p) => `${p.id}  ${p.name}  (${SIDE[p.side].en} ${SIDE[p.side]['zh-Hant']})`);

export function noticeOfHearingFileName(caseNo: string, date: string): string {
  return `notice-of-hearing-${caseNo}-${date}.pdf`.replace(/[^A-Za-z0-9._-]+/g, '-');
}

export function writtenAwardFileName(caseNo: string, writtenOn: string): string {
  return `written-award-${caseNo}-${writtenOn}.pdf`.replace(/[^A-Za-z0-9._-]+/g, '-');
}

export function renderNoticeOfHearing(facts: NoticeOfHearingFacts): Promise<Buffer> {
  return renderPaper({ title: NOTICE_TITLE, subject: facts.caseNo, footer: `${L.caseNo.en} ${L.caseNo['zh-Hant']}: ${facts.caseNo}`, dated: facts.issuedAt }, (paper) => {
    paper
      .masthead(SCT)
      .title(NOTICE_TITLE)
      .field(L.caseNo, facts.caseNo)
      .field(L.filedOn, facts.filedOn)
      .field(L.claimant, partyLines(facts.parties.filter((p) => p.side !== 'defendant')))
      .field(L.defendant, partyLines(facts.parties.filter((p) => p.side === 'defendant')))
      .field(L.claimed, facts.claimed)
      .field(L.hearing, [`${facts.hearing.date} ${facts.hearing.time}`, facts.hearing.startsAt]);
    if (facts.hearing.venue) paper.field(L.venue, [both(facts.hearing.venue.building), both(facts.hearing.venue.address)]);
    paper.note(NOTICE_NOTE);
  });
}

export function renderWrittenAward(facts: WrittenAwardFacts): Promise<Buffer> {
  return renderPaper({ title: AWARD_TITLE, subject: facts.caseNo, footer: `${L.caseNo.en} ${L.caseNo['zh-Hant']}: ${facts.caseNo}`, dated: facts.issuedAt }, (paper) => {
    paper
      .masthead(SCT)
      .title(AWARD_TITLE)
      .field(L.caseNo, facts.caseNo)
      .field(L.claimant, partyLines(facts.parties.filter((p) => p.side !== 'defendant')))
      .field(L.defendant, partyLines(facts.parties.filter((p) => p.side === 'defendant')))
      .field(L.kind, facts.kind)
      .field(L.madeOn, facts.madeOn)
      .field(L.writtenOn, facts.writtenOn)
      .field(L.terms, facts.summary)
      .field(L.against, facts.against.join(', ') || '-')
      .field(L.inFavourOf, facts.inFavourOf.join(', ') || '-')
      .field(L.awarded, facts.awarded)
      .field(L.costs, facts.costs)
      .field(L.interest, facts.preAwardInterest)
      .field(L.payBy, facts.payBy === null ? '-' : facts.payableAtOnce ? [`${facts.payBy} (payable at once)`, '即時支付'] : facts.payBy);
    paper.note(AWARD_NOTE);
  });
}
