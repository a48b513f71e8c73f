/**
 * Who may see a case beyond its cause-book entry:
 *
 * - an individual user: the cases they are a party to (a registry officer
 *   linked their account to the party);
 * - an organisation user: the cases their organisation assigned to them, for a
 *   party the organisation is linked to;
 * - registry officers, adjudicators, auditors and the system: every case;
 * - administrators (they administer, they do not file) and the public: none.
 */
import type { Pool, PoolClient } from 'pg';
import type { Actor, Role } from '../../domain/identity/actor';
import { accountPartyInCase, orgUserPartyInCase } from '../../db/accounts';
import { appendAudit } from '../../db/audit-log';
import { Problem } from '../problem';

type Db = Pool | PoolClient;

/** Roles that see every case. */
export const ALL_CASES_ROLES: readonly Role[] = ['registry-officer', 'adjudicator', 'auditor', 'system'];

/** The party of the case the actor acts as or for (`C1`, `D2`…), for filers only. */
export async function partyIdFor(db: Db, actor: Actor, caseNo: string): Promise<string | undefined> {
  switch (actor.role) {
    case 'individual-user':
      return accountPartyInCase(db, caseNo, actor.id);
    case 'org-user':
      return actor.organisationId ? orgUserPartyInCase(db, caseNo, actor.id, actor.organisationId) : undefined;
    default:
      return undefined;
  }
}

export async function canSeeCase(db: Db, actor: Actor, caseNo: string): Promise<boolean> {
  if (ALL_CASES_ROLES.includes(actor.role)) return true;
  return (await partyIdFor(db, actor, caseNo)) !== undefined;
}

/**
 * For a route that shows or changes a non-public part of a case: checks
 * access, records the access in the audit log, and returns the actor with
 * `partyId` set for filers. Refused access is a 404, so the answer does not
 * tell whether the case exists.
 */
export async function openCase(
  db: Db,
  actor: Actor,
  caseNo: string,
  audit: { action: string; requestId?: string },
): Promise<Actor> {
  const partyId = await partyIdFor(db, actor, caseNo);
  if (partyId === undefined && !ALL_CASES_ROLES.includes(actor.role)) {
    throw new Problem(404, 'not-found', 'Not found', `Case ${caseNo} was not found`);
  }
  await appendAudit(db, {
    actor,
    action: audit.action,
    target: `case:${caseNo}`,
    ...(partyId ? { onBehalfOf: `party:${partyId}` } : {}),
    ...(audit.requestId ? { requestId: audit.requestId } : {}),
  });
  return partyId ? { ...actor, partyId } : actor;
}
