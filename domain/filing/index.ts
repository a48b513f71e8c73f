/** Filing documents on an existing case through iCMS (seed 003), as pure rules over plain JSON state. */
export * from './state';
export { FILING, FILING_STEPS, MAX_DOCUMENTS, completeSubmission, filingKeys, settle, type FilingPayloads } from './procedure';
export { applyPaymentReport, chargesFees, refundBlocked, type PaymentChoice } from './payment';
export { WRITS, isDraftWrit, isWritForSealing } from './writ';
export { openFiling, nextFilingTimerAt, fireDueFilingTimers, filingView, isFinished, DRAFT_KEPT_DAYS, type OpenFilingInput, type FilingView } from './lifecycle';
export { acknowledgementFacts } from './messages';
export { receiptOf, RECEIVING_HOURS, type Receipt } from './received-at';
export { applyFilingCalendarChange } from './calendar-change';
