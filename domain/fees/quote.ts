/**
 * A fee quote before submitting a filing: for each document, the fee in force
 * on the filing date (schedule.ts), the iCMS concession if the date falls in
 * its period (reductions.ts), and what is left; then the total, and whether
 * the filing has a payment step at all (not for a legally aided party,
 * legal-aid.ts).
 *
 * Every line names the rule behind its figure, as a deadline names its
 * section, and says whether the figure is confirmed. A document the table has
 * no fee for is a line saying so: the quote never turns "unknown" into zero.
 *
 * Pure and deterministic: safe inside workflows.
 */
import { assertIsoDate, type IsoDate } from '../calendar';
import { COURT_LEVELS, DOCUMENT_TYPES, FILING_PURPOSES, type CourtLevel, type DocumentType, type FilingPurpose } from '../inbox/terms';
import { formatHkd } from '../money';
import { LEGAL_AID_EXEMPTION, type FeeExemption } from './legal-aid';
import { concessionaryFee, concessionOn, ICMS_CONCESSIONS, type ConcessionOnDate, type IcmsConcession } from './reductions';
import { FEE_SCHEDULE, feeOn, type FeeEntry } from './schedule';

export interface FeeQuoteRequest {
  courtLevel: CourtLevel;
  documents: readonly { type: DocumentType; purpose: FilingPurpose }[];
  /** The filing date (Hong Kong): the fee and the concession in force on it apply. */
  on: IsoDate;
  legallyAided: boolean;
}

/** The concession as it bore on one line. */
export interface ConcessionApplied {
  rule: string;
  from: IsoDate;
  lastDay: IsoDate;
  percentPayable: number;
  confirmed: boolean;
}

interface LineBase {
  document: { type: DocumentType; purpose: FilingPurpose };
  /** What the line says, naming each rule. */
  explanation: string;
}

export interface RecordedFeeLine extends LineBase {
  recorded: true;
  /** The fee for the item, in HK cents. */
  amountCents: number;
  /** Taken off by the iCMS concession. */
  reductionCents: number;
  /** `amountCents - reductionCents`: the fee for this document. */
  netCents: number;
  /** The fee rule and item. */
  rule: string;
  /** Where the figure comes from, and what is left to check. */
  source: string;
  /** The fee figure and, where it applied, the concession are both confirmed. */
  confirmed: boolean;
  /** Set only when the concession reduced this line. */
  concession: ConcessionApplied | null;
}

export interface UnrecordedFeeLine extends LineBase {
  recorded: false;
  amountCents: null;
  reductionCents: null;
  netCents: null;
  rule: null;
  source: null;
  confirmed: false;
  concession: null;
}

export type FeeLine = RecordedFeeLine | UnrecordedFeeLine;

export interface FeeQuote {
  courtLevel: CourtLevel;
  on: IsoDate;
  legallyAided: boolean;
  lines: FeeLine[];
  /** The fees of the recorded lines after any concession. */
  totalCents: number;
  /** What this party pays through iCMS: the total, or nothing for a legally aided party. */
  payableCents: number;
  /** False when a line has no recorded fee: the total leaves it out. */
  complete: boolean;
  /** Every figure the quote rests on (fees, concessions, the legal aid exemption) is confirmed. */
  confirmed: boolean;
  /**
   * Whether submitting brings a payment step: never for a legally aided
   * party; otherwise when something is payable, or when a line has no
   * recorded fee (the registry may charge one, so the quote does not promise
   * there is nothing to pay).
   */
  paymentRequired: boolean;
  /** Why nothing is payable, for a legally aided party. */
  exemption: FeeExemption | null;
  /** The whole quote in words, line by line. */
  explanation: string;
}

/** The tables a quote reads; tests pass their own. */
export interface FeeTables {
  schedule: readonly FeeEntry[];
  concessions: readonly IcmsConcession[];
}

const TABLES: FeeTables = { schedule: FEE_SCHEDULE, concessions: ICMS_CONCESSIONS };

const documentInWords = (d: { type: DocumentType; purpose: FilingPurpose }, courtLevel: CourtLevel) =>
  `${DOCUMENT_TYPES[d.type].en} ${FILING_PURPOSES[d.purpose].en.toLowerCase()} in the ${COURT_LEVELS[courtLevel].en}`;

const unconfirmed = (confirmed: boolean) => (confirmed ? '' : '; not confirmed');

function concessionInWords(status: ConcessionOnDate, on: IsoDate): string {
  if (status.concession === null) return 'no iCMS concession applies in this court';
  const c = status.concession;
  const period = `${c.years} years from ${c.from} to ${status.lastDay}, ${c.rule}${unconfirmed(c.confirmed)}`;
  if (status.applies) return `filed through iCMS on ${on}, inside the concessionary period (${period})`;
  return status.why === 'ended'
    ? `filed on ${on}, after the concessionary period ended (${period}): the full fee is payable`
    : `filed on ${on}, before the concessionary period began (${period}): the full fee is payable`;
}

function recordedLine(document: LineBase['document'], entry: FeeEntry, request: FeeQuoteRequest, concessions: readonly IcmsConcession[]): RecordedFeeLine {
  const what = documentInWords(document, request.courtLevel);
  const fee = `${entry.amountCents === 0 ? 'no fee' : formatHkd(entry.amountCents)} (${entry.rule}${unconfirmed(entry.confirmed)})`;
  const full = { document, recorded: true, amountCents: entry.amountCents, reductionCents: 0, netCents: entry.amountCents, rule: entry.rule, source: entry.source } as const;
  if (entry.amountCents === 0) {
    return { ...full, confirmed: entry.confirmed, concession: null, explanation: `${what}: ${fee}; nothing to reduce.` };
  }
  if (!entry.icmsItem) {
    return { ...full, confirmed: entry.confirmed, concession: null, explanation: `${what}: ${fee}; not an item the iCMS concession covers.` };
  }
  const status = concessionOn(request.courtLevel, request.on, concessions);
  if (!status.applies) {
    return { ...full, confirmed: entry.confirmed, concession: null, explanation: `${what}: ${fee}; ${concessionInWords(status, request.on)}.` };
  }
  const c = status.concession;
  const netCents = concessionaryFee(entry.amountCents, c.percentPayable);
  const reductionCents = entry.amountCents - netCents;
  return {
    ...full,
    reductionCents,
    netCents,
    confirmed: entry.confirmed && c.confirmed,
    concession: { rule: c.rule, from: c.from, lastDay: status.lastDay, percentPayable: c.percentPayable, confirmed: c.confirmed },
    explanation:
      `${what}: ${fee}; ${concessionInWords(status, request.on)}, ` +
      `so ${c.percentPayable}% is payable: ${formatHkd(netCents)} (${formatHkd(reductionCents)} off, rounded to the cent).`,
  };
}

function unrecordedLine(document: LineBase['document'], request: FeeQuoteRequest, firstRecorded: FeeEntry | null): UnrecordedFeeLine {
  const what = documentInWords(document, request.courtLevel);
  const why = firstRecorded
    ? `the fee table records it only from ${firstRecorded.effectiveFrom}`
    : 'the fee table has no entry for it';
  return {
    document,
    recorded: false,
    amountCents: null,
    reductionCents: null,
    netCents: null,
    rule: null,
    source: null,
    confirmed: false,
    concession: null,
    explanation: `No fee recorded for ${/^[AEIOU]/.test(what) ? 'an' : 'a'} ${what} on ${request.on}: ${why}, so this quote cannot say what the registry will charge for it.`,
  };
}

/** The fees a filing will cost if submitted on `request.on`, line by line, and whether it has a payment step. */
export function quoteFees(request: FeeQuoteRequest, tables: FeeTables = TABLES): FeeQuote {
  assertIsoDate(request.on, 'on');
  const lines: FeeLine[] = request.documents.map((d) => {
    const document = { type: d.type, purpose: d.purpose };
    const lookup = feeOn({ courtLevel: request.courtLevel, documentType: d.type, purpose: d.purpose }, request.on, tables.schedule);
    return lookup.found ? recordedLine(document, lookup.entry, request, tables.concessions) : unrecordedLine(document, request, lookup.firstRecorded);
  });
  const totalCents = lines.reduce((sum, line) => sum + (line.netCents ?? 0), 0);
  const complete = lines.every((line) => line.recorded);
  const exemption = request.legallyAided ? LEGAL_AID_EXEMPTION : null;
  const payableCents = exemption ? 0 : totalCents;
  const paymentRequired = !exemption && (totalCents > 0 || !complete);
  const confirmed = complete && lines.every((line) => line.confirmed) && (exemption?.confirmed ?? true);

  const summary = [
    `Total ${formatHkd(totalCents)}${complete ? '' : ', leaving out the documents with no fee recorded'}.`,
    exemption
      ? `Nothing is payable and there is no payment step: ${exemption.reason}${unconfirmed(exemption.confirmed)}.`
      : paymentRequired
        ? `Payable on submitting: ${formatHkd(payableCents)}${complete ? '' : ' and whatever the registry charges for the documents with no fee recorded'}.`
        : 'Nothing is payable: there is no payment step.',
    confirmed ? '' : 'Some figures are not confirmed: check them before relying on the total.',
  ].filter((s) => s !== '');
  return {
    courtLevel: request.courtLevel,
    on: request.on,
    legallyAided: request.legallyAided,
    lines,
    totalCents,
    payableCents,
    complete,
    confirmed,
    paymentRequired,
    exemption,
    explanation: [...lines.map((line) => line.explanation), ...summary].join(' '),
  };
}
