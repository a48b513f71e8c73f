/**
 * Every paper courtflow makes, by kind: what it is made from, its file name,
 * and the version of the renderer that made it. A message's attachment names
 * a paper here; a new paper (notice of hearing, written award, receipt,
 * sealed writ) is one more kind.
 */
import type { FilingAcknowledgedFacts } from '../domain/inbox/messages';
import { ACKNOWLEDGEMENT_VERSION, acknowledgementFileName, renderAcknowledgement } from './acknowledgement';

export type PaperRequest = { kind: 'filing-acknowledgement'; facts: FilingAcknowledgedFacts };
export type PaperKind = PaperRequest['kind'];

export interface Paper {
  kind: PaperKind;
  /** The renderer's version for this kind: a re-rendering by the same version gives the same bytes. */
  version: string;
  fileName: string;
  contentType: 'application/pdf';
  bytes: Buffer;
}

export async function makePaper(request: PaperRequest): Promise<Paper> {
  switch (request.kind) {
    case 'filing-acknowledgement':
      return {
        kind: request.kind,
        version: ACKNOWLEDGEMENT_VERSION,
        fileName: acknowledgementFileName(request.facts.filingReference),
        contentType: 'application/pdf',
        bytes: await renderAcknowledgement(request.facts),
      };
  }
}
