/**
 * The courtflow API as the benchmark's callers use it: sign in, register the
 * filers, file a claim, take an officer's step. Plain HTTP against the API
 * process, as a client of a real deployment calls it.
 */
import type { z } from 'zod';
import type { fileClaimBody } from '../api/sct/schemas';

/** A request that takes longer than this counts as failed: the API is not answering. */
export const REQUEST_TIMEOUT_MS = 60_000;

export type ClaimBody = z.input<typeof fileClaimBody>;

export interface SignedIn {
  username: string;
  headers: Record<string, string>;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    what: string,
    body: string,
  ) {
    super(`${what} answered ${status}: ${body.slice(0, 300)}`);
  }
}

/** 503 `worker-backlog`: the court asks the caller to wait `retryAfterSeconds` and send the same request again. */
export class CourtBusy extends ApiError {
  override name = 'CourtBusy';
  constructor(
    readonly retryAfterSeconds: number,
    what: string,
    body: string,
  ) {
    super(503, what, body);
  }
}

async function call(apiUrl: string, method: 'GET' | 'POST', path: string, headers: Record<string, string>, body: unknown, expected: number[], what: string): Promise<unknown> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  const retryAfter = Number(res.headers.get('retry-after'));
  if (res.status === 503 && retryAfter > 0 && text.includes('urn:courtflow:problem:worker-backlog')) throw new CourtBusy(retryAfter, what, text);
  if (!expected.includes(res.status)) throw new ApiError(res.status, what, text);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

export async function signIn(apiUrl: string, username: string, password: string): Promise<SignedIn> {
  const answer = (await call(apiUrl, 'POST', '/api/v1/auth/login', {}, { username, password }, [200], `sign-in as ${username}`)) as { accessToken: string };
  return { username, headers: { authorization: `Bearer ${answer.accessToken}` } };
}

/** An individual user, registered by a registry officer (README, "Try it"). */
export async function registerIndividual(apiUrl: string, officer: SignedIn, username: string, displayName: string, password: string): Promise<void> {
  await call(apiUrl, 'POST', '/api/v1/accounts', officer.headers, { username, displayName, password }, [201], `registering ${username}`);
}

export interface Filed {
  caseNo: string;
  filedOn: string;
}

/** How long a filer keeps waiting out a busy court before counting the filing as failed. */
const BUSY_PATIENCE_MS = 10 * 60_000;

/**
 * `POST /api/v1/sct/claims`: the case is open (its workflow started) when this
 * answers 201. Pushed back (503 worker-backlog), the filer does as a bulk
 * filer's software should: waits Retry-After and files again with the same
 * key; `onPushedBack` hears each wait.
 */
export async function fileClaim(apiUrl: string, filer: SignedIn, claim: ClaimBody, idempotencyKey: string, onPushedBack?: (seconds: number) => void): Promise<Filed> {
  const giveUpAt = Date.now() + BUSY_PATIENCE_MS;
  for (;;) {
    try {
      const answer = (await call(apiUrl, 'POST', '/api/v1/sct/claims', { ...filer.headers, 'idempotency-key': idempotencyKey }, claim, [201], 'filing a claim')) as Filed;
      return { caseNo: answer.caseNo, filedOn: answer.filedOn };
    } catch (err) {
      if (!(err instanceof CourtBusy) || Date.now() + err.retryAfterSeconds * 1000 > giveUpAt) throw err;
      onPushedBack?.(err.retryAfterSeconds);
      await new Promise((resolve) => setTimeout(resolve, err.retryAfterSeconds * 1000));
    }
  }
}

/**
 * The officer records service of the claim and notice of hearing on D1 by
 * post (s.14(2)): legal on any open case, on the day it was filed or later,
 * and as often as the claim is served again. Answered once the case has taken
 * the step and its read model holds the new version.
 */
export async function recordService(apiUrl: string, officer: SignedIn, filed: Filed, idempotencyKey: string): Promise<number> {
  const body = { partyId: 'D1', document: 'claim-and-notice-of-hearing', manner: 'post', servedOn: filed.filedOn };
  const path = `/api/v1/sct/claims/${filed.caseNo}/steps/record-service`;
  const answer = (await call(apiUrl, 'POST', path, { ...officer.headers, 'idempotency-key': idempotencyKey }, body, [200], `record-service on ${filed.caseNo}`)) as { version: number };
  return answer.version;
}

/** A contract claim of HK$12,500 by the filer against a defendant of its own, so no two claims are one cause of action split (s.8). */
export function benchClaim(claimant: string, index: number): ClaimBody {
  return {
    subjectMatter: 'contract',
    claimants: [{ name: claimant, address: { lines: ['Flat A, 12/F', '1 Nathan Road', 'Kowloon'] }, amountCents: 1_250_000 }],
    defendants: [{ name: `Wong Siu Ming ${index}`, address: { lines: [`Shop ${(index % 90) + 1}, G/F`, "8 Queen's Road Central", 'Hong Kong'] } }],
    particulars: `Unpaid price of renovation works completed on 1 September 2026 under quotation Q-${index}: HK$12,500.`,
    causeOfAction: `Quotation Q-${index}`,
  };
}
