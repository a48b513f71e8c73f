/**
 * Small Claims Tribunal case numbers: `SCTC-<filing year>-<6-digit serial>`,
 * the serial counting from 1 each year. The number is the case's workflow ID.
 */
export const SCT_CASE_SERIES = 'SCTC';

export const SCT_CASE_NUMBER_PATTERN = /^SCTC-(\d{4})-(\d{6})$/;

export function formatSctCaseNumber(year: number, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 999_999) {
    throw new RangeError(`case serial ${serial} is outside 1..999999`);
  }
  return `${SCT_CASE_SERIES}-${year}-${String(serial).padStart(6, '0')}`;
}
