/** Court fees for filings through iCMS: the fee table, the iCMS concession, the legal aid exemption and the quote, as dated data and pure rules. */
export { FEE_SCHEDULE, feeOn, type FeeEntry, type FeeLookup } from './schedule';
export { ICMS_CONCESSIONS, concessionOn, concessionaryFee, lastDayOf, type ConcessionOnDate, type IcmsConcession } from './reductions';
export { LEGAL_AID_EXEMPTION, type FeeExemption } from './legal-aid';
export {
  quoteFees,
  type ConcessionApplied,
  type FeeLine,
  type FeeQuote,
  type FeeQuoteRequest,
  type FeeTables,
  type RecordedFeeLine,
  type UnrecordedFeeLine,
} from './quote';
