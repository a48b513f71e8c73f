/**
 * The court fees a filing through iCMS attracts, as dated data: for each
 * court level, kind of document (「文件名稱」) and purpose (「用途」), the fee
 * in HK cents from a date, the fee rule and item it comes from, and whether
 * that figure has been checked against the rule (`confirmed`).
 *
 * A fee is a rule with an effective date, not a constant: the fee rules are
 * amended from time to time, and the fee that applies is the one in force on
 * the day of filing. A change is a new entry (never an edit of an old one,
 * which would change what earlier quotes said). `effectiveFrom` is the first
 * day this table asserts the figure for a filing through iCMS: the day iCMS
 * opened for the court's proceedings, since no iCMS filing could be made
 * earlier; the day each figure itself took effect is not recorded.
 *
 * What is confirmed, and where (README "Court fees" lists the same):
 * - That a draft submitted for approval (Stage A of filing a writ of
 *   execution) is not paid for: the iCMS guide (seeds/003, High Court
 *   example) ends Stage A with "第三步：確認存檔詳情" and an acknowledgement,
 *   with no payment step; payment comes only in Stage B ("第三步：確認資料及
 *   付款"), when the writ is filed for sealing. Confirmed for the High Court,
 *   which the guide describes; for the District Court it is the same iCMS
 *   procedure, but the guide does not say so.
 * - No fee amount. The amounts below are this project's best figures and are
 *   marked `confirmed: false`: each must be checked against the Schedule of
 *   the rule named in its source (e-Legislation, www.elegislation.gov.hk) and,
 *   for the concession, against the Schedule of the matching e-fee rules
 *   (Cap. 638E for the District Court, Cap. 638K for the High Court), which
 *   lists the items an e-fee (and so the 20% concession) applies to.
 *
 * Not recorded at all (a quote names them "no fee recorded"): the Small
 * Claims Tribunal (Small Claims Tribunal (Fees) Rules, Cap. 338A), the
 * Magistrates' Courts (Magistrates (Fees) Regulations, Cap. 227B), and every
 * other kind of document.
 *
 * Pure data: safe inside workflows.
 */
import type { IsoDate } from '../calendar';
import type { CourtLevel, DocumentType, FilingPurpose } from '../inbox/terms';

export interface FeeEntry {
  readonly courtLevel: CourtLevel;
  readonly documentType: DocumentType;
  readonly purpose: FilingPurpose;
  /** First filing date (inclusive) on which this amount applies. */
  readonly effectiveFrom: IsoDate;
  /** The fee in HK cents; 0 is a recorded "no fee", never a missing one. */
  readonly amountCents: number;
  /** The fee rule and item, as a quote names it. */
  readonly rule: string;
  /** Where the figure comes from (or why nothing is charged), and what is left to check. */
  readonly source: string;
  /** False while the figure rests on this project's reading rather than the rule's text. */
  readonly confirmed: boolean;
  /**
   * An item "mainly or directly related to using iCMS": one the e-fee rules
   * list, so the iCMS concession (reductions.ts) can apply to it. Covered by
   * `confirmed` like the amount.
   */
  readonly icmsItem: boolean;
}

/**
 * iCMS opened for District Court proceedings (personal injuries and tax
 * claims first): the Judiciary's launch announcement "today (May 6)", in 2022
 * (a later announcement says "first implemented ... in May this year", and
 * civil actions followed on 29 July). Not checked against the implementation
 * notice in the Gazette.
 */
const DC_ICMS_OPENED: IsoDate = '2022-05-06';
/** iCMS opened for the High Court (civil appeals first) on 30 June 2025, the day the High Court e-fee rules (Cap. 638K) came into operation. */
const HC_ICMS_OPENED: IsoDate = '2025-06-30';

const WRITS_OF_EXECUTION = ['writ-of-fieri-facias', 'writ-of-possession', 'writ-of-delivery'] as const satisfies readonly DocumentType[];

/** One fee item that covers every writ of execution (fieri facias, possession, delivery): the rules charge for sealing "a writ of execution", whichever it is. */
function writsOfExecution(row: Omit<FeeEntry, 'documentType'>): FeeEntry[] {
  return WRITS_OF_EXECUTION.map((documentType) => ({ ...row, documentType }));
}

const DC_FEES = 'District Court Civil Procedure (Fees) Rules (Cap. 336C)';
const HC_FEES = 'High Court Fees Rules (Cap. 4D)';

const STAGE_A_UNPAID =
  'no payment step when a draft is submitted for approval: the iCMS guide "Filing a writ of execution" (seeds/003, May 2025, High Court), ' +
  'Stage A ends at "Step 3: confirm filing details" and the acknowledgement; the fee is paid in Stage B, when the writ is filed for sealing';

const FILED_WITH_THE_WRIT =
  'no fee item of its own is known: filed in Stage B beside the writ for sealing, whose fee is the one paid (seeds/003, items 21-22). ' +
  'Not confirmed: check that the Schedule has no item for filing a praecipe or a letter';

/** Oldest first within each item (court level, document type, purpose). `feeOn` relies on this order. */
export const FEE_SCHEDULE: readonly FeeEntry[] = [
  // District Court: District Court Civil Procedure (Fees) Rules (Cap. 336C), called the
  // "District Court (Fees) Rules" by the District Court e-fee rules (Cap. 638E).
  ...writsOfExecution({
    courtLevel: 'district-court',
    purpose: 'for-sealing',
    effectiveFrom: DC_ICMS_OPENED,
    amountCents: 63_000,
    rule: `${DC_FEES}, Schedule: sealing a writ of execution`,
    source:
      'Cap. 336C Schedule, the item for sealing a writ of execution. NOT CONFIRMED: HK$630, the figure usually given for sealing a District Court ' +
      'writ of summons (itself not checked), stands in for it; check the writ-of-execution item in the Cap. 336C Schedule and that Cap. 638E lists it as an e-fee item',
    confirmed: false,
    icmsItem: true,
  }),
  ...writsOfExecution({
    courtLevel: 'district-court',
    purpose: 'for-approval-of-draft',
    effectiveFrom: DC_ICMS_OPENED,
    amountCents: 0,
    rule: `${DC_FEES}: no fee for a draft submitted for approval`,
    source: `Cap. 336C: ${STAGE_A_UNPAID}. Not confirmed for the District Court: the guide describes the High Court`,
    confirmed: false,
    icmsItem: false,
  }),
  {
    courtLevel: 'district-court',
    documentType: 'praecipe',
    purpose: 'for-approval-of-draft',
    effectiveFrom: DC_ICMS_OPENED,
    amountCents: 0,
    rule: `${DC_FEES}: no fee for a draft submitted for approval`,
    source: `Cap. 336C: ${STAGE_A_UNPAID}. Not confirmed for the District Court: the guide describes the High Court`,
    confirmed: false,
    icmsItem: false,
  },
  {
    courtLevel: 'district-court',
    documentType: 'praecipe',
    purpose: 'for-filing',
    effectiveFrom: DC_ICMS_OPENED,
    amountCents: 0,
    rule: `${DC_FEES}: no fee for filing it beside the writ`,
    source: `Cap. 336C: ${FILED_WITH_THE_WRIT}`,
    confirmed: false,
    icmsItem: false,
  },
  {
    courtLevel: 'district-court',
    documentType: 'letter',
    purpose: 'for-filing',
    effectiveFrom: DC_ICMS_OPENED,
    amountCents: 0,
    rule: `${DC_FEES}: no fee for filing it beside the writ`,
    source: `Cap. 336C: ${FILED_WITH_THE_WRIT}`,
    confirmed: false,
    icmsItem: false,
  },

  // High Court: High Court Fees Rules (Cap. 4D).
  ...writsOfExecution({
    courtLevel: 'high-court',
    purpose: 'for-sealing',
    effectiveFrom: HC_ICMS_OPENED,
    amountCents: 104_500,
    rule: `${HC_FEES}, Schedule 1: sealing a writ of execution`,
    source:
      'Cap. 4D Schedule 1, the item for sealing a writ of execution. NOT CONFIRMED: HK$1,045, the High Court fee for issuing a writ of summons ' +
      '(as a 2020 practitioners\' guide reports it), stands in for it; check the writ-of-execution item in Cap. 4D Schedule 1 and that Cap. 638K lists it as an e-fee item',
    confirmed: false,
    icmsItem: true,
  }),
  ...writsOfExecution({
    courtLevel: 'high-court',
    purpose: 'for-approval-of-draft',
    effectiveFrom: HC_ICMS_OPENED,
    amountCents: 0,
    rule: `${HC_FEES}: no fee for a draft submitted for approval`,
    source: `Cap. 4D: ${STAGE_A_UNPAID}`,
    confirmed: true,
    icmsItem: false,
  }),
  {
    courtLevel: 'high-court',
    documentType: 'praecipe',
    purpose: 'for-approval-of-draft',
    effectiveFrom: HC_ICMS_OPENED,
    amountCents: 0,
    rule: `${HC_FEES}: no fee for a draft submitted for approval`,
    source: `Cap. 4D: ${STAGE_A_UNPAID}`,
    confirmed: true,
    icmsItem: false,
  },
  {
    courtLevel: 'high-court',
    documentType: 'praecipe',
    purpose: 'for-filing',
    effectiveFrom: HC_ICMS_OPENED,
    amountCents: 0,
    rule: `${HC_FEES}: no fee for filing it beside the writ`,
    source: `Cap. 4D: ${FILED_WITH_THE_WRIT}`,
    confirmed: false,
    icmsItem: false,
  },
  {
    courtLevel: 'high-court',
    documentType: 'letter',
    purpose: 'for-filing',
    effectiveFrom: HC_ICMS_OPENED,
    amountCents: 0,
    rule: `${HC_FEES}: no fee for filing it beside the writ`,
    source: `Cap. 4D: ${FILED_WITH_THE_WRIT}`,
    confirmed: false,
    icmsItem: false,
  },
];

export type FeeLookup =
  | { readonly found: true; readonly entry: FeeEntry }
  | {
      readonly found: false;
      /** The first recorded entry for the item, when there is one but it applies only from a later date. */
      readonly firstRecorded: FeeEntry | null;
    };

/**
 * The fee in force for one document on `on`: the last entry for its court
 * level, document type and purpose whose `effectiveFrom` is on or before
 * that date. Not found is an answer, not a zero.
 */
export function feeOn(
  item: { courtLevel: CourtLevel; documentType: DocumentType; purpose: FilingPurpose },
  on: IsoDate,
  schedule: readonly FeeEntry[] = FEE_SCHEDULE,
): FeeLookup {
  const entries = schedule.filter((e) => e.courtLevel === item.courtLevel && e.documentType === item.documentType && e.purpose === item.purpose);
  let found: FeeEntry | undefined;
  // ISO dates compare correctly as strings.
  for (const entry of entries) if (entry.effectiveFrom <= on) found = entry;
  return found ? { found: true, entry: found } : { found: false, firstRecorded: entries[0] ?? null };
}
