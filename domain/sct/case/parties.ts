/** The parties of a case (s.12, s.13): claimants, persons represented, defendants. */
import type { Party, PartyId, SctCase } from './state';

export function party(state: SctCase, id: PartyId): Party | undefined {
  return state.parties.find((p) => p.id === id);
}

export const isParty = (state: SctCase, id: string) => state.parties.some((p) => p.id === id);
export const defendants = (state: SctCase) => state.parties.filter((p) => p.side === 'defendant');
export const claimants = (state: SctCase) => state.parties.filter((p) => p.side !== 'defendant');
/** Every party to the proceedings: claimants (and persons represented) and defendants. */
export const partyIds = (state: SctCase) => state.parties.map((p) => p.id);
/** `D1 Wong Siu Ming`. */
export const named = (state: SctCase, id: PartyId) => {
  const p = party(state, id);
  return p ? `${p.id} ${p.name}` : id;
};

export const unknownParty = (state: SctCase, id: PartyId) => (party(state, id) ? null : `no party ${id} in ${state.caseNo}; parties are ${partyIds(state).join(', ')}`);

export function partiesCheck(state: SctCase, ids: PartyId[], side: 'claimant' | 'defendant' | 'any', label: string): string | null {
  for (const id of ids) {
    const p = party(state, id);
    if (!p) return unknownParty(state, id);
    if (side === 'defendant' && p.side !== 'defendant') return `${label}: ${id} is not a defendant`;
    if (side === 'claimant' && p.side === 'defendant') return `${label}: ${id} is not a claimant`;
  }
  return null;
}

/** s.14(2): service of the claim and notice of hearing on this defendant is recorded. */
export const hasProvedService = (state: SctCase, defendantId: PartyId) =>
  state.service.some((s) => s.partyId === defendantId && s.document === 'claim-and-notice-of-hearing');

export const unservedDefendants = (state: SctCase) => defendants(state).filter((d) => !hasProvedService(state, d.id));
/** s.12(4)(a): joint claimants and persons represented who have not signed and are not struck out. */
export const unsignedClaimants = (state: SctCase) => state.parties.filter((p) => p.side !== 'defendant' && p.signed === false && !p.struckOut);
