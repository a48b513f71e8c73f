/**
 * The maximum number of accounts and branch codes an organisation may have
 * (iCMS brochure: administrators "request a change in the maximum number of
 * principal administrator, sub-administrator, organisation user accounts or
 * branch codes"), and the requests to raise one, which a registry officer
 * approves with a new maximum or refuses with reasons.
 *
 * Every account and every branch code counts, suspended and deactivated ones
 * included: either can be brought back at any time, so each keeps its place,
 * and reactivating is never refused for want of room. An organisation has
 * one principal administrator, registered by the registry; no quota applies
 * to it here because nothing but the registry creates one.
 */
import type { AccountRole } from './administration';
import { refusal, type Refusal } from './refusal';

export const QUOTA_KINDS = ['sub-admin-accounts', 'org-user-accounts', 'branch-codes'] as const;
export type QuotaKind = (typeof QUOTA_KINDS)[number];

/**
 * The maximums an organisation starts with, until the registry approves a
 * higher one: room for a firm of a few teams (a handful of team leads, fifty
 * fee earners and clerks, ten offices or departments) without asking, while
 * a large organisation's growth is seen by the registry once.
 */
export const DEFAULT_MAXIMUMS: Readonly<Record<QuotaKind, number>> = {
  'sub-admin-accounts': 5,
  'org-user-accounts': 50,
  'branch-codes': 10,
};

/** No maximum above this is asked for or approved: a number this size is a typing error, not an organisation. */
export const MAXIMUM_CEILING = 10_000;

const NOUNS: Record<QuotaKind, [one: string, many: string]> = {
  'sub-admin-accounts': ['sub-administrator account', 'sub-administrator accounts'],
  'org-user-accounts': ['organisation user account', 'organisation user accounts'],
  'branch-codes': ['branch code', 'branch codes'],
};
const nounFor = (kind: QuotaKind, n: number) => NOUNS[kind][n === 1 ? 0 : 1];

/** Which maximum an account of `role` counts against (none for other roles). */
export function quotaKindOfRole(role: AccountRole): QuotaKind | undefined {
  return role === 'org-sub-admin' ? 'sub-admin-accounts' : role === 'org-user' ? 'org-user-accounts' : undefined;
}

export interface Quota {
  kind: QuotaKind;
  maximum: number;
  used: number;
}

/** An organisation's maximum of `kind`: the one the registry set, else the default. */
export const maximumOf = (kind: QuotaKind, set: Partial<Record<QuotaKind, number>>): number => set[kind] ?? DEFAULT_MAXIMUMS[kind];

/** Adding one more: refused at the maximum, naming it and how to ask for more. */
export function quotaRefusal(quota: Quota): Refusal | undefined {
  if (quota.used < quota.maximum) return undefined;
  return refusal(
    'quota-reached',
    `iCMS: an organisation has at most its maximum number of ${NOUNS[quota.kind][1]} (${quota.maximum}); the registry may raise it on request`,
    '(body)',
    `Your organisation has ${quota.used} ${nounFor(quota.kind, quota.used)}, its maximum (${quota.maximum}). ` +
      `An administrator with the request-quota-changes power may ask the registry for more: a quota-change request of kind ${quota.kind}`,
  );
}

export type QuotaRequestStatus = 'pending' | 'approved' | 'refused';

export interface QuotaRequest {
  id: string;
  organisationId: string;
  kind: QuotaKind;
  /** The maximum when the request was made. */
  currentMaximum: number;
  requestedMaximum: number;
  reason: string;
  status: QuotaRequestStatus;
}

/** A request for a higher maximum: it must raise it, and one of a kind waits at a time. */
export function quotaRequestRefusal(quota: Quota, requestedMaximum: number, pending: QuotaRequest | undefined): Refusal | undefined {
  if (pending) {
    return refusal(
      'quota-request-pending',
      'One request of a kind waits for the registry at a time',
      'kind',
      `Your organisation's request ${pending.id} for ${pending.requestedMaximum} ${NOUNS[quota.kind][1]} is waiting for the registry`,
    );
  }
  if (requestedMaximum <= quota.maximum) {
    return refusal(
      'maximum-not-raised',
      'A request asks for a maximum above the current one',
      'requestedMaximum',
      `Your organisation's maximum of ${NOUNS[quota.kind][1]} is already ${quota.maximum}; ask for more than that`,
    );
  }
  return undefined;
}

export type QuotaDecision = { decision: 'approve'; maximum: number } | { decision: 'refuse'; reasons: readonly string[] };

/**
 * The registry's decision on a request: only a pending one; an approval sets
 * a maximum above the organisation's current one (else it is a refusal), and
 * never below what the organisation already uses.
 */
export function decisionRefusal(request: QuotaRequest, quota: Quota, decision: QuotaDecision): Refusal | undefined {
  if (request.status !== 'pending') {
    return refusal('quota-request-decided', 'A request is decided once', '(body)', `Request ${request.id} was already ${request.status}`);
  }
  if (decision.decision === 'approve' && decision.maximum <= Math.max(quota.maximum, quota.used)) {
    return refusal(
      'maximum-not-raised',
      'An approval sets a maximum above the current one; otherwise refuse the request',
      'maximum',
      `The organisation's maximum of ${NOUNS[quota.kind][1]} is ${quota.maximum} and it uses ${quota.used}: approve more than ${Math.max(quota.maximum, quota.used)}, or refuse`,
    );
  }
  return undefined;
}
