/**
 * Whose organisation a caller may see and administer, and how a domain
 * refusal leaves a use-case. The registry and auditors see every
 * organisation's administration; an organisation's administrators their own
 * alone: another organisation, to them, does not exist (not found), so its
 * branches, quotas and requests never leak.
 */
import type { Pool } from 'pg';
import type { Role } from '../../domain/identity/actor';
import type { Refusal, RefusalCode } from '../../domain/identity/refusal';
import { findAccount, findOrganisation, type AccountRow, type OrganisationRow } from '../../db/accounts';
import type { Caller } from '../audit';
import { notFound, UseCaseError, type FailureKind } from '../errors';

/** Staff who see every organisation's administration (auditors read only: the operations they may call say so). */
const SEES_EVERY_ORGANISATION: readonly Role[] = ['registry-officer', 'auditor'];
const ORGANISATION_ADMINS: readonly Role[] = ['org-principal-admin', 'org-sub-admin'];

/** The organisation, if the caller may see its administration; otherwise not found, as one that does not exist. */
export async function organisationInView(pool: Pool, caller: Caller, organisationId: string): Promise<OrganisationRow> {
  const { actor } = caller;
  const visible = SEES_EVERY_ORGANISATION.includes(actor.role) || (ORGANISATION_ADMINS.includes(actor.role) && actor.organisationId === organisationId);
  const organisation = visible ? await findOrganisation(pool, organisationId) : undefined;
  if (!organisation) throw notFound(`Organisation ${organisationId}`);
  return organisation;
}

/**
 * The caller as an administrator of `organisationId`: their own row, read now
 * (it carries their branch and powers, which a token does not). Another
 * organisation's administrator: not found.
 */
export async function administratorOf(pool: Pool, caller: Caller, organisationId: string): Promise<AccountRow> {
  const admin = ORGANISATION_ADMINS.includes(caller.actor.role) ? await findAccount(pool, caller.actor.id) : undefined;
  if (!admin || admin.organisationId !== organisationId || !ORGANISATION_ADMINS.includes(admin.role)) throw notFound(`Organisation ${organisationId}`);
  return admin;
}

/** An account of the organisation, or not found (another organisation's account is not one it may know of). */
export async function memberOf(pool: Pool, organisationId: string, accountId: string, roles: readonly Role[], what: string): Promise<AccountRow> {
  const account = await findAccount(pool, accountId);
  if (!account || account.organisationId !== organisationId || !roles.includes(account.role)) throw notFound(`${what} ${accountId}`);
  return account;
}

/** The HTTP-free kind of each refusal: a missing power is forbidden, the state of things a conflict, a bad choice refused. */
const KIND_OF: Record<RefusalCode, FailureKind> = {
  'power-not-delegated': 'forbidden',
  'principal-only': 'forbidden',
  'cross-branch-not-authorised': 'forbidden',
  'quota-reached': 'conflict',
  'branch-code-taken': 'conflict',
  'branch-in-use': 'conflict',
  'default-user-of-branch': 'conflict',
  'quota-request-pending': 'conflict',
  'quota-request-decided': 'conflict',
  'unknown-branch': 'refused',
  'branch-inactive': 'refused',
  'not-in-branch': 'refused',
  'account-suspended': 'refused',
  'powers-for-sub-admins-only': 'refused',
  'maximum-not-raised': 'refused',
};

const TITLES: Record<FailureKind, string> = {
  invalid: 'The request is not valid',
  'not-found': 'Not found',
  forbidden: 'Not allowed',
  conflict: 'Not possible now',
  stale: 'Changed since',
  refused: 'Refused',
  unavailable: 'Unavailable',
  'insufficient-storage': 'Insufficient storage',
};

/** The refusal as a use-case error naming the field and the rule (`errors`), plus what the caller may act on. */
export function refusalError(refusal: Refusal, extensions: Record<string, unknown> = {}): UseCaseError {
  const kind = KIND_OF[refusal.code];
  return new UseCaseError(kind, refusal.code, TITLES[kind], refusal.message, {
    errors: [{ field: refusal.field, rule: refusal.rule, message: refusal.message, code: refusal.code }],
    ...extensions,
  });
}

/** Throws the refusal, if there is one. */
export function refuseIf(refusal: Refusal | undefined, extensions: Record<string, unknown> = {}): void {
  if (refusal) throw refusalError(refusal, extensions);
}
