/**
 * Who may see a case beyond its cause-book entry:
 *
 * - an individual user: the cases they are a party to (a registry officer
 *   linked their account to the party);
 * - an organisation user: the cases their organisation assigned to them, for a
 *   party the organisation is linked to;
 * - registry officers, adjudicators, auditors and the system: every case;
 * - administrators (they administer, they do not file) and the public: none.
 *
 * Refused access is "not found", so the answer never tells whether the case exists.
 */
import type { Pool, PoolClient } from 'pg';
import type { Actor, Role } from '../domain/identity/actor';
import { accountPartyInCase, orgUserPartyInCase } from '../db/accounts';
import { appendAudit } from '../db/audit-log';
import { auditEntryOf, type Caller } from './audit';
import { notFound } from './errors';

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
 * The actor as they act in `caseNo`: staff who see every case as they are;
 * a filer with `partyId` set to the party they act as or for. Anyone else:
 * not found.
 */
export async function actorInCase(db: Db, actor: Actor, caseNo: string): Promise<Actor> {
  if (ALL_CASES_ROLES.includes(actor.role)) return actor;
  const partyId = await partyIdFor(db, actor, caseNo);
  if (partyId === undefined) throw notFound(`Case ${caseNo}`);
  return { ...actor, partyId };
}

/** `actorInCase`, with the access recorded in the audit log under `action`. */
export async function enterCase(db: Db, caller: Caller, caseNo: string, action: string): Promise<Actor> {
  const actor = await actorInCase(db, caller.actor, caseNo);
  await appendAudit(db, auditEntryOf({ ...caller, actor }, { action, target: `case:${caseNo}` }));
  return actor;
}
