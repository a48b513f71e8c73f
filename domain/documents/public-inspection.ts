/**
 * Which filed documents are open to public inspection. Court orders and
 * judgments are; what a party files for the court (praecipes, letters,
 * affidavits, drafts and writs before they issue) is open only to the
 * parties, and the tribunal's own notices and awards go to the parties. A
 * document outside this list is read only by the parties and court staff,
 * and each such reading is in the audit log.
 */
import type { DocumentType } from '../inbox/terms';

export const OPEN_TO_PUBLIC_INSPECTION: readonly DocumentType[] = ['judgment', 'order'];

export const isOpenToPublic = (type: string) => (OPEN_TO_PUBLIC_INSPECTION as readonly string[]).includes(type);
