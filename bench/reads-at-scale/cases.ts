/**
 * Small claims as a tribunal's list holds them, each made by the procedure
 * itself (domain/sct/case) and read as the projection stores it: filed on a
 * working day of the last months, the hearing fixed within the 60 days,
 * served, heard (or adjourned), decided, written, served again, reviewed now
 * and then, paid in full, in part or not at all, and closed when nothing is
 * left to run or pay. Steps are taken through the step kit's own check and
 * apply, on the days a registry would take them; timers fire as the workflow
 * fires them, alerts are marked delivered and papers issued as it does. The
 * view is the one the workflow projects after its last change.
 *
 * Deterministic: the same seed and index make the same case.
 */
import { addDays, isOpenDay, type CourtCalendar, type IsoDate } from '../../domain/calendar';
import { adoptAlerts, markAlertDelivered, owedAlerts } from '../../domain/alerts/deadline-alerts';
import type { Actor } from '../../domain/identity/actor';
import {
  adoptCurrentLaw,
  balanceCents,
  fireDueTimers,
  nextTimerAt,
  openCase,
  SMALL_CLAIM,
  viewOf,
  type SctCase,
  type SmallClaimView,
  type StepName,
  type StepPayloads,
} from '../../domain/sct/case';
import { papersToIssue, recordPaperIssued } from '../../domain/sct/case/papers';
import type { ServiceManner } from '../../domain/sct/case/state';
import type { SmallClaim } from '../../domain/sct/claim';
import { applyStep, checkStep } from '../../domain/steps/step-kit';
import { hkDateOf, hkInstant } from '../../domain/time/hong-kong-time';
import { momentAt } from '../../domain/time/moment';
import { seededRandom } from '../stats';

const OFFICER: Actor = { id: 'bench-registry', role: 'registry-officer', name: 'Registry Officer Ho' };
const ADJUDICATOR: Actor = { id: 'bench-adjudicator', role: 'adjudicator', name: 'Adjudicator Leung' };
const partyActor = (partyId: string): Actor => ({ id: `bench-party-${partyId}`, role: 'individual-user', name: `Party ${partyId}`, partyId });

// Names as the registry receives them: romanised, Chinese, both, and companies in either language.
const SURNAMES: readonly (readonly [string, string])[] = [
  ['Chan', '陳'], ['Lee', '李'], ['Cheung', '張'], ['Wong', '黃'], ['Ho', '何'], ['Lam', '林'], ['Leung', '梁'], ['Ng', '吳'],
  ['Lau', '劉'], ['Choi', '蔡'], ['Cheng', '鄭'], ['Wong', '王'], ['Yeung', '楊'], ['Mak', '麥'], ['Kwok', '郭'], ['Chow', '周'],
  ['Tsang', '曾'], ['Tang', '鄧'], ['Hui', '許'], ['Fung', '馮'], ['Lo', '羅'], ['Yip', '葉'], ['Siu', '蕭'], ['Tse', '謝'],
];
const GIVEN: readonly (readonly [string, string])[] = [
  ['Tai Man', '大文'], ['Siu Ming', '小明'], ['Ka Yan', '嘉欣'], ['Wing Kei', '詠琪'], ['Chi Keung', '志強'], ['Ka Ho', '家豪'],
  ['Mei Ling', '美玲'], ['Kwok Wai', '國偉'], ['Suk Yee', '淑儀'], ['Wai Man', '偉文'], ['Hoi Yan', '凱欣'], ['Chun Kit', '俊傑'],
  ['Yuk Ying', '玉瑩'], ['Kin Wah', '健華'], ['Pui Shan', '佩珊'], ['Man Fai', '文輝'], ['Sze Wing', '詩穎'], ['Ho Yin', '浩然'],
  ['Lai Kuen', '麗娟'], ['Tsz Chun', '梓俊'],
];
const ENGLISH_NAMES = ['Peter', 'Mary', 'David', 'Winnie', 'Kenneth', 'Cathy', 'Raymond', 'Joyce', 'Alan', 'Vivian', 'Eric', 'Iris'];
const FIRMS: readonly (readonly [string, string])[] = [
  ['Golden Harbour Trading Limited', '金港貿易有限公司'], ['Kowloon Renovation Company Limited', '九龍裝修工程有限公司'],
  ['Pearl River Logistics Limited', '珠江物流有限公司'], ['Victoria Property Management Limited', '維港物業管理有限公司'],
  ['Sunrise Mobile Services Limited', '旭日流動通訊有限公司'], ['Lion Rock Fitness Centre Limited', '獅子山健身中心有限公司'],
  ['Harbour Travel Agency Limited', '海港旅行社有限公司'], ['Tin Shui Wai Furniture Company', '天水圍傢俬公司'],
];
const STREETS = ['Nathan Road', 'Queen’s Road Central', 'Hennessy Road', 'Castle Peak Road', 'Sha Tin Centre Street', 'King’s Road', 'Tsuen Wan Market Street'];
const PARTICULARS = [
  'Unpaid price of renovation works completed under a written quotation.',
  'Deposit for a tenancy not returned after the end of the lease.',
  'Goods delivered and not paid for under invoices.',
  'Refund of a prepaid fitness membership after the centre closed.',
  'Damage to a car in a collision in a car park.',
  'Wages in lieu of notice under a written contract of services.',
  '申索人按書面報價完成裝修工程後，被告人未有支付工程款項。',
  '租約於期滿後完結，業主至今仍未退還租務按金及差餉。',
];
const MANNERS: readonly ServiceManner[] = ['post', 'post', 'post', 'personal-delivery', 'left-at-address'];

export interface CaseShape {
  /** Cases are filed on working days of the last `spanDays` days before `now`. */
  spanDays: number;
  now: number;
  calendar: CourtCalendar;
  seed: number;
}

export interface MadeCase {
  view: SmallClaimView;
  /** Steps the rules refused (a story that asked for something the procedure does not allow then): left out, counted. */
  refused: number;
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

function personName(random: Random): string {
  const [surname, zhSurname] = pick(random, SURNAMES);
  const [given, zhGiven] = pick(random, GIVEN);
  const style = random();
  if (style < 0.35) return `${surname} ${given}`;
  if (style < 0.6) return `${zhSurname}${zhGiven}`;
  if (style < 0.8) return `${surname.toUpperCase()} ${given} (${zhSurname}${zhGiven})`;
  return `${pick(random, ENGLISH_NAMES)} ${surname} ${given}`;
}

function partyName(random: Random, companies: number): string {
  if (random() >= companies) return personName(random);
  const [en, zh] = pick(random, FIRMS);
  return random() < 0.6 ? en : zh;
}

const address = (random: Random) => ({ lines: [`Flat ${String.fromCharCode(65 + between(random, 0, 7))}, ${between(random, 1, 40)}/F`, `${between(random, 1, 500)} ${pick(random, STREETS)}`, 'Hong Kong'] });

function claimOf(random: Random): SmallClaim {
  const joint = random() < 0.1;
  const claimants = Array.from({ length: joint ? 2 : 1 }, (_, i) => ({
    name: partyName(random, 0.15),
    address: address(random),
    amountCents: between(random, 10, 7_500) * 1_000,
    // s.12(4)(a): a joint claimant may be accepted before signing.
    signed: i === 0 || random() < 0.5,
  }));
  const defendants = Array.from({ length: random() < 0.75 ? 1 : random() < 0.8 ? 2 : 3 }, () => ({ name: partyName(random, 0.35), address: address(random) }));
  const total = claimants.reduce((sum, c) => sum + c.amountCents, 0);
  // The claim as a whole stays within the monetary limit.
  if (total > 7_500_000) for (const c of claimants) c.amountCents = Math.floor(c.amountCents / 2);
  return { kind: joint ? 'joint' : 'individual', subjectMatter: random() < 0.8 ? 'contract' : 'tort', claimants, defendants, particulars: pick(random, PARTICULARS), language: random() < 0.7 ? 'en' : 'zh' };
}

/** A sitting day `days` after `date`, or the first after it that is. */
function sittingDayAfter(date: IsoDate, days: number, calendar: CourtCalendar): IsoDate {
  let day = addDays(date, days);
  while (!isOpenDay(calendar, day, 'registry')) day = addDays(day, 1);
  return day;
}

/** One case's life up to `now`: its state, moved on only forwards in time. */
class Story {
  refused = 0;
  private clock: number;
  private papers = 0;
  constructor(
    readonly state: SctCase,
    private readonly now: number,
    openedAt: number,
  ) {
    this.clock = openedAt;
  }

  /** Whether `instant` has come by `now`. */
  happened = (instant: number) => instant <= this.now;

  /** Every timer due by `instant` fires, in order, as the workflow's loop fires them. */
  advanceTo(instant: number): void {
    const until = Math.min(instant, this.now);
    for (let next = nextTimerAt(this.state); next !== null && next <= until; next = nextTimerAt(this.state)) {
      fireDueTimers(this.state, momentAt(next));
      this.settle(next);
    }
    this.clock = Math.max(this.clock, until);
  }

  /** What the workflow does beside its loop after a change: alerts delivered, papers issued. */
  settle(instant: number): void {
    const at = momentAt(instant);
    for (const alert of owedAlerts(this.state)) markAlertDelivered(this.state, alert.key, at);
    for (const paper of papersToIssue(this.state)) {
      this.papers += 1;
      const no = `${this.state.caseNo}-${paper.kind === 'notice-of-hearing' ? 'NOH' : 'AWD'}-${at.today.replace(/-/g, '')}${this.papers > 1 ? `-${this.papers}` : ''}`;
      this.state.papersIssued = [...(this.state.papersIssued ?? []), { key: paper.key, kind: paper.kind, documentReferenceNo: no }];
      recordPaperIssued(this.state, paper.kind, no, at);
    }
  }

  /** Takes the step at `instant` if that has come and the rules accept it; whether it was taken. */
  take<K extends StepName>(instant: number, name: K, actor: Actor, payload: StepPayloads[K]): boolean {
    if (!this.happened(instant) || instant < this.clock) return false;
    this.advanceTo(instant);
    const at = momentAt(instant);
    const envelope = { actor, payload };
    if (checkStep(SMALL_CLAIM, this.state, name, envelope, at) !== null) {
      this.refused += 1;
      return false;
    }
    applyStep(SMALL_CLAIM, this.state, name, envelope, at);
    this.settle(instant);
    return true;
  }
}

const stageOf = (state: SctCase): SctCase['stage'] => state.stage;

const atHour = (date: IsoDate, hour: number, minute = 0) => hkInstant(date, hour, minute);

/** Case number `index` (0-based) of the run: `SCTC-<year filed>-<index + 1>`. */
export function makeCase(index: number, shape: CaseShape): MadeCase {
  const random = seededRandom(shape.seed * 1_000_003 + index);
  const { calendar } = shape;
  const today = hkDateOf(shape.now);
  let filedOn = addDays(today, -between(random, 0, shape.spanDays));
  while (!isOpenDay(calendar, filedOn, 'registry')) filedOn = addDays(filedOn, -1);
  const filedAt = Math.min(atHour(filedOn, between(random, 9, 16), between(random, 0, 59)), shape.now - 60_000);
  filedOn = hkDateOf(filedAt);
  const caseNo = `SCTC-${filedOn.slice(0, 4)}-${String(index + 1).padStart(6, '0')}`;
  const claim = claimOf(random);
  const opened = momentAt(filedAt);
  const state = openCase({ caseNo, filedAt: new Date(filedAt).toISOString(), filedOn, claim, calendar }, opened);
  adoptCurrentLaw(state, opened, true);
  adoptAlerts(state, opened);
  const story = new Story(state, shape.now, filedAt);
  story.settle(filedAt);

  listAndServe(story, random, calendar);
  hearAndDecide(story, random, calendar);
  afterTheOutcome(story, random);
  story.advanceTo(shape.now);
  // The read model holds the view the workflow projected after its last change.
  const last = state.history.at(-1)?.at;
  return { view: viewOf(state, hkDateOf(last ? Date.parse(last) : filedAt)), refused: story.refused };
}

/** Service on each defendant and signatures before the hearing; now and then an adjournment before it. */
function listAndServe(story: Story, random: Random, calendar: CourtCalendar): void {
  const { state } = story;
  const hearing = state.hearing?.date ?? state.filedOn;
  const steps: { at: number; run: () => void }[] = [];
  for (const d of state.parties.filter((p) => p.side === 'defendant')) {
    if (random() >= 0.92) continue;
    const on = addDays(state.filedOn, between(random, 2, 25));
    if (on >= hearing) continue;
    const manner = pick(random, MANNERS);
    const at = atHour(on, 15, between(random, 0, 59));
    steps.push({ at, run: () => void story.take(at, 'recordService', OFFICER, { partyId: d.id, document: 'claim-and-notice-of-hearing', manner, servedOn: on }) });
  }
  for (const c of state.parties.filter((p) => p.side === 'claimant' && !p.signed)) {
    if (random() >= 0.8) continue;
    const on = addDays(state.filedOn, between(random, 1, 20));
    if (on >= hearing) continue;
    steps.push({ at: atHour(on, 11), run: () => void story.take(atHour(on, 11), 'recordSignature', OFFICER, { partyId: c.id, signedOn: on }) });
  }
  for (const step of steps.sort((a, b) => a.at - b.at)) step.run();

  // The tribunal adjourns before the day (a party's request): to a later date, or without one for the registrar to fix.
  const adjourn = random();
  if (adjourn < 0.04) {
    const on = addDays(hearing, -between(random, 3, 10));
    const toDate = adjourn < 0.03 ? sittingDayAfter(hearing, between(random, 21, 42), calendar) : null;
    if (story.take(atHour(on, 10), 'adjourn', ADJUDICATOR, { toDate, reason: 'the defendant asked for time to obtain documents' }) && toDate === null && random() < 0.85) {
      const fixOn = addDays(on, between(random, 3, 10));
      story.take(atHour(fixOn, 10), 'fixHearing', OFFICER, { date: sittingDayAfter(fixOn, between(random, 25, 45), calendar), reason: 'relisted after adjournment' });
    }
  }
}

/** The hearing day, and what the tribunal does at it (or after, when it reserves its decision). */
function hearAndDecide(story: Story, random: Random, calendar: CourtCalendar): void {
  const { state } = story;
  for (let sitting = 0; sitting < 3; sitting++) {
    if (state.stage !== 'awaiting-hearing' || !state.hearing) return;
    const date = state.hearing.date;
    const noon = atHour(date, 12, between(random, 0, 59));
    if (!story.happened(noon)) return;
    story.advanceTo(noon);
    // The hearing day's timer has moved it on (read afresh: the narrowing above no longer holds).
    if (stageOf(state) !== 'awaiting-outcome') return;
    const r = random();
    if (r < 0.07) {
      story.take(noon, 'adjourn', ADJUDICATOR, { toDate: sittingDayAfter(date, between(random, 21, 42), calendar), reason: 'further evidence to be filed' });
      continue;
    }
    const decidedAt = r < 0.1 ? atHour(sittingDayAfter(date, between(random, 7, 21), calendar), 16) : noon;
    decide(story, random, decidedAt);
    return;
  }
}

function decide(story: Story, random: Random, at: number): void {
  const { state } = story;
  const today = hkDateOf(at);
  const claimants = state.parties.filter((p) => p.side === 'claimant' && !p.struckOut).map((p) => p.id);
  const defendants = state.parties.filter((p) => p.side === 'defendant').map((p) => p.id);
  const served = state.service.filter((s) => s.document === 'claim-and-notice-of-hearing').map((s) => s.partyId);
  const payBy = random() < 0.9 ? addDays(today, pick(random, [14, 21, 28])) : null;
  const amountCents = Math.round((state.withinJurisdictionCents * between(random, 40, 100)) / 100 / 100) * 100;
  const costsCents = random() < 0.3 ? between(random, 1, 20) * 10_000 : 0;
  const terms = { summary: 'The defendant to pay the sum found due.', amountCents, costsCents, preAwardInterestCents: 0, payBy };
  const kind = random();
  const unsigned = state.parties.filter((p) => p.side === 'claimant' && !p.signed && !p.struckOut).map((p) => p.id);
  if (unsigned.length > 0 && claimants.length > unsigned.length && random() < 0.7) story.take(at, 'strikeOutUnsigned', ADJUDICATOR, { partyIds: unsigned });
  if (kind < 0.04) {
    story.take(at, 'dismiss', ADJUDICATOR, { ground: 'frivolous', summary: 'No cause of action is disclosed.', oral: random() < 0.5, costsCents: 0, payBy: null, absentParties: [] });
  } else if (kind < 0.16 && served.length > 0) {
    story.take(at, 'enterDefaultJudgment', ADJUDICATOR, { ...terms, oral: false, against: served, affidavitFiled: random() < 0.5 });
  } else {
    story.take(at, 'makeAward', ADJUDICATOR, {
      ...terms,
      kind: 'award',
      oral: random() < 0.35,
      against: defendants.slice(0, between(random, 1, defendants.length)),
      inFavourOf: state.parties.filter((p) => p.side === 'claimant' && !p.struckOut).map((p) => p.id),
      absentParties: [],
    });
  }
}

/** After an award: reduced to writing, served, now and then reviewed, and paid (or not). */
function afterTheOutcome(story: Story, random: Random): void {
  const { state } = story;
  const outcome = state.outcome;
  if (!outcome) return;
  const madeOn = outcome.madeOn;
  const steps: { at: number; run: () => void }[] = [];
  let writtenOn = outcome.writtenOn;
  if (!writtenOn && random() < 0.95) {
    const on = addDays(madeOn, between(random, 2, 16));
    writtenOn = on;
    steps.push({ at: atHour(on, 17), run: () => void story.take(atHour(on, 17), 'writeAward', ADJUDICATOR, { writtenOn: on }) });
  }
  if (writtenOn) {
    for (const p of state.parties.filter((x) => x.side !== 'represented')) {
      if (random() >= 0.93) continue;
      const on = addDays(writtenOn, between(random, 1, 10));
      steps.push({ at: atHour(on, 15, 30), run: () => void story.take(atHour(on, 15, 30), 'recordService', OFFICER, { partyId: p.id, document: 'written-award', manner: pick(random, MANNERS), servedOn: on }) });
    }
  }
  if (random() < 0.03) {
    const by = pick(random, state.parties.filter((p) => p.side !== 'represented')).id;
    const on = addDays(madeOn, between(random, 2, 10));
    steps.push({
      at: atHour(on, 10),
      run: () => {
        if (!story.take(atHour(on, 10), 'applyForReview', partyActor(by), { grounds: 'the defendant was not able to attend the hearing' }) || random() >= 0.75) return;
        const applicationId = state.applications.at(-1)?.id ?? '';
        const decideOn = addDays(on, between(random, 4, 12));
        story.take(atHour(decideOn, 16), 'decideReview', ADJUDICATOR, { applicationId, result: 'confirmed', summary: 'No ground to review the award.' });
      },
    });
  }
  const owed = outcome.amountCents + outcome.costsCents > 0;
  const payer = outcome.against[0];
  const pays = random();
  if (owed && payer && pays < 0.75) {
    const deadline = outcome.payBy ?? addDays(madeOn, 14);
    // 60 % pay everything on time; 15 % pay half on time, and some of them the rest late, as do some who paid nothing.
    const on = pays < 0.6 ? addDays(madeOn, between(random, 1, Math.max(1, daysBetween(madeOn, deadline)))) : addDays(madeOn, between(random, 1, 10));
    const whole = pays < 0.6;
    steps.push({ at: atHour(on, 14), run: () => pay(story, on, payer, whole ? 1 : 0.5) });
    if (!whole && random() < 0.5) {
      const late = addDays(deadline, between(random, 10, 90));
      steps.push({ at: atHour(late, 14), run: () => pay(story, late, payer, 1) });
    }
  } else if (owed && payer && random() < 0.35) {
    const late = addDays(outcome.payBy ?? madeOn, between(random, 10, 90));
    steps.push({ at: atHour(late, 14), run: () => pay(story, late, payer, 1) });
  }
  for (const step of steps.sort((a, b) => a.at - b.at)) step.run();
}

/** The registry records a payment of `share` of what is owed on `on`. */
function pay(story: Story, on: IsoDate, by: string, share: number): void {
  const owed = balanceCents(story.state, on);
  if (owed === 0) return;
  story.take(atHour(on, 14), 'recordPayment', OFFICER, { amountCents: share === 1 ? owed : Math.max(1, Math.round(owed * share)), paidOn: on, by });
}

const daysBetween = (from: IsoDate, to: IsoDate) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
