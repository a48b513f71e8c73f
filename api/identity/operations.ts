/**
 * Sign-in, API keys and account administration. Every change is written in
 * one transaction with its audit entry; responses never carry a password
 * hash, and a generated password or API key is shown once, in the response
 * that created it.
 */
import type { Response } from 'express';
import type { Pool, PoolClient } from 'pg';
import type { Actor, Role } from '../../domain/identity/actor';
import {
  findAccount,
  findAccountForLogin,
  findPasswordHash,
  insertApiKey,
  listApiKeys,
  listOrganisationAccounts,
  revokeApiKey,
  setPasswordHash,
  type AccountStatus,
} from '../../db/accounts';
import { appendAudit, type AuditEntry } from '../../db/audit-log';
import { hashPassword, passwordNeedsRehash, verifyPassword } from '../../db/passwords';
import { inTransaction } from '../../db/pool';
import { TokenBuckets } from '../middleware/rate-limit';
import { problemResponse, SIGNED_IN, type Operation } from '../operations';
import { registerAccount } from '../../services/identity/accounts';
import { assignCase, createOrganisationAccount, linkParty, setStatusOfAccount } from '../../services/identity/administration';
import { callerOf } from '../steps/step-operations';
import { notFound, Problem } from '../problem';
import { parse } from '../validate';
import { actorFromAccount, actorOf, credentialOf, requestIdOf } from './authenticate';
import {
  accountIdParams,
  accountListResponse,
  apiKeyIdParams,
  apiKeyListResponse,
  apiKeyView,
  assignCaseBody,
  caseAssignmentView,
  casePartyParams,
  changePasswordBody,
  createApiKeyBody,
  createdAccountResponse,
  createdApiKeyResponse,
  createdOrganisationResponse,
  createIndividualBody,
  createOrganisationBody,
  createOrgAccountBody,
  linkPartyBody,
  loginBody,
  loginResponse,
  meResponse,
  organisationIdParams,
  partyLinkView,
  toAccountView,
  toApiKeyView,
  toOrganisationView,
  accountView,
} from './schemas';
import { generateApiKey } from './api-keys';
import type { TokenService } from './tokens';

export interface IdentityDeps {
  pool: Pool;
  tokens: TokenService;
  /**
   * Sign-in attempts per username. Default: bursts of 10, then one every 30 s;
   * a successful sign-in clears the username's count.
   */
  loginLimiter?: TokenBuckets;
  now?: () => Date;
}

const TAG = ['Identity'];
const ORG_ADMINS: Role[] = ['org-principal-admin', 'org-sub-admin'];

const unauthenticated = problemResponse('No credentials, or they are not valid');
const forbidden = problemResponse('Your role may not do this; the roles needed are named');

/** `organisation:<id>` for organisation accounts: on whose behalf they act. */
const onBehalfOf = (actor: Pick<Actor, 'organisationId'>) => (actor.organisationId ? { onBehalfOf: `organisation:${actor.organisationId}` } : {});

async function audit(tx: PoolClient, res: Response, actor: Actor, entry: Omit<AuditEntry, 'actor' | 'requestId'>): Promise<void> {
  const requestId = requestIdOf(res);
  await appendAudit(tx, { ...onBehalfOf(actor), ...entry, actor: { id: actor.id, role: actor.role }, ...(requestId ? { requestId } : {}) });
}


export function identityOperations(deps: IdentityDeps): Operation[] {
  const { pool, tokens } = deps;
  const now = deps.now ?? (() => new Date());
  const loginLimiter = deps.loginLimiter ?? new TokenBuckets({ capacity: 10, refillPerSecond: 1 / 30 });

  const changeStatus = async (res: Response, accountId: string, status: AccountStatus) => {
    res.json(toAccountView(await setStatusOfAccount({ pool }, callerOf(res), accountId, status)));
  };

  return [
    {
      method: 'post',
      path: '/api/v1/auth/login',
      operationId: 'login',
      auth: 'public', audit: 'self',
      summary: 'Sign in with username and password: a short-lived access token',
      description:
        'Send the token as `Authorization: Bearer <accessToken>` until it expires, then sign in again. ' +
        'A wrong username and a wrong password get the same answer.',
      tags: TAG,
      body: loginBody,
      responses: {
        200: { description: 'Signed in', schema: loginResponse },
        400: problemResponse('The body is invalid'),
        401: problemResponse('The username or password is incorrect'),
        403: problemResponse('The account is suspended'),
        429: problemResponse('Too many attempts for this username; Retry-After says when to try again'),
      },
      handler: async (req, res) => {
        const body = parse(loginBody, 'body', req);
        const limiterKey = `login:${body.username}`;
        const taken = loginLimiter.take(limiterKey);
        if (!taken.allowed) {
          res.set('Retry-After', String(taken.retryAfterSeconds));
          throw new Problem(429, 'rate-limited', 'Too many sign-in attempts', `Try again in ${taken.retryAfterSeconds} s`);
        }
        const found = await findAccountForLogin(pool, body.username);
        const matches = await verifyPassword(found?.passwordHash, body.password);
        if (!found || !matches || found.account.status !== 'active') {
          const requestId = requestIdOf(res);
          await appendAudit(pool, {
            actor: { id: 'public', role: 'public' },
            action: 'auth.login-refused',
            target: found ? `account:${found.account.id}` : `username:${body.username}`,
            after: { reason: !found || !matches ? 'bad-credentials' : 'suspended' },
            ...(requestId ? { requestId } : {}),
          });
          if (found && matches) throw new Problem(403, 'account-suspended', 'Account suspended', 'The account is suspended; ask its administrator');
          res.set('WWW-Authenticate', 'Bearer realm="courtflow"');
          throw new Problem(401, 'invalid-credentials', 'Sign-in failed', 'The username or password is incorrect');
        }
        loginLimiter.reset(limiterKey);
        const { account, passwordHash } = found;
        if (passwordHash && passwordNeedsRehash(passwordHash)) await setPasswordHash(pool, account.id, await hashPassword(body.password));
        const issued = tokens.issue(account.id, now());
        await inTransaction(pool, (tx) =>
          audit(tx, res, actorFromAccount(account), {
            action: 'auth.login',
            target: `account:${account.id}`,
            after: { credential: 'token', tokenId: issued.tokenId, expiresAt: issued.expiresAt.toISOString() },
          }),
        );
        res.json(
          loginResponse.parse({
            accessToken: issued.token,
            tokenType: 'Bearer',
            expiresIn: issued.expiresIn,
            expiresAt: issued.expiresAt.toISOString(),
            account: toAccountView(account),
          }),
        );
      },
    },
    {
      method: 'get',
      path: '/api/v1/me',
      operationId: 'getMe',
      auth: SIGNED_IN,
      summary: 'The signed-in account',
      tags: TAG,
      responses: { 200: { description: 'Your account', schema: meResponse }, 401: unauthenticated },
      handler: async (_req, res) => {
        const actor = actorOf(res);
        const account = await findAccount(pool, actor.id);
        if (!account) throw new Problem(401, 'unauthenticated', 'Not signed in', 'The account no longer exists');
        const credential = credentialOf(res);
        res.json({ account: toAccountView(account), credential: credential.kind === 'api-key' ? 'api-key' : 'token' });
      },
    },
    {
      method: 'post',
      path: '/api/v1/me/password',
      operationId: 'changePassword',
      auth: SIGNED_IN, audit: 'self',
      summary: 'Change your password',
      tags: TAG,
      body: changePasswordBody,
      responses: {
        204: { description: 'Changed' },
        400: problemResponse('The body is invalid'),
        401: unauthenticated,
        403: problemResponse('The current password is wrong, or this was tried with an API key'),
      },
      handler: async (req, res) => {
        const actor = actorOf(res);
        if (credentialOf(res).kind !== 'token') throw new Problem(403, 'forbidden', 'Not allowed', 'Sign in with your password to change it');
        const body = parse(changePasswordBody, 'body', req);
        if (!(await verifyPassword(await findPasswordHash(pool, actor.id), body.currentPassword))) {
          throw new Problem(403, 'forbidden', 'Not allowed', 'The current password is wrong');
        }
        const hash = await hashPassword(body.newPassword);
        await inTransaction(pool, async (tx) => {
          await setPasswordHash(tx, actor.id, hash);
          await audit(tx, res, actor, { action: 'account.change-password', target: `account:${actor.id}` });
        });
        res.status(204).end();
      },
    },
    {
      method: 'post',
      path: '/api/v1/auth/api-keys',
      operationId: 'createApiKey',
      auth: SIGNED_IN, audit: 'self',
      summary: 'Create an API key for yourself (for integrations); the key is shown once',
      description: 'Send it as `X-Api-Key: <key>`. It acts as your account, with your role. Creating one needs a signed-in session, not another key.',
      tags: TAG,
      body: createApiKeyBody,
      responses: {
        201: { description: 'Created; `key` is never shown again', schema: createdApiKeyResponse },
        400: problemResponse('The body is invalid'),
        401: unauthenticated,
        403: problemResponse('Tried with an API key'),
      },
      handler: async (req, res) => {
        const actor = actorOf(res);
        if (credentialOf(res).kind !== 'token') {
          throw new Problem(403, 'forbidden', 'Not allowed', 'API keys are created from a signed-in session (Bearer token), not with another API key');
        }
        const body = parse(createApiKeyBody, 'body', req);
        const generated = generateApiKey();
        const created = await inTransaction(pool, async (tx) => {
          const row = await insertApiKey(tx, { accountId: actor.id, prefix: generated.prefix, secretHash: generated.secretHash, label: body.label });
          await audit(tx, res, actor, { action: 'api-key.create', target: `api-key:${row.id}`, after: toApiKeyView(row) });
          return row;
        });
        res.status(201).json(createdApiKeyResponse.parse({ ...toApiKeyView(created), key: generated.key }));
      },
    },
    {
      method: 'get',
      path: '/api/v1/auth/api-keys',
      operationId: 'listApiKeys',
      auth: SIGNED_IN,
      summary: 'Your API keys (prefixes only)',
      tags: TAG,
      responses: { 200: { description: 'Your keys', schema: apiKeyListResponse }, 401: unauthenticated },
      handler: async (_req, res) => {
        const actor = actorOf(res);
        res.json({ apiKeys: (await listApiKeys(pool, actor.id)).map(toApiKeyView) });
      },
    },
    {
      method: 'delete',
      path: '/api/v1/auth/api-keys/:keyId',
      operationId: 'revokeApiKey',
      auth: SIGNED_IN, audit: 'self',
      summary: 'Revoke one of your API keys',
      tags: TAG,
      params: apiKeyIdParams,
      responses: { 200: { description: 'Revoked', schema: apiKeyView }, 401: unauthenticated, 404: problemResponse('You have no such key') },
      handler: async (req, res) => {
        const actor = actorOf(res);
        const { keyId } = parse(apiKeyIdParams, 'path', req);
        const revoked = await inTransaction(pool, async (tx) => {
          const row = await revokeApiKey(tx, actor.id, keyId);
          if (!row) throw notFound(`API key ${keyId}`);
          await audit(tx, res, actor, { action: 'api-key.revoke', target: `api-key:${row.id}`, after: toApiKeyView(row) });
          return row;
        });
        res.json(toApiKeyView(revoked));
      },
    },
    {
      method: 'post',
      path: '/api/v1/accounts',
      operationId: 'createIndividualAccount',
      auth: ['registry-officer'], audit: 'self',
      summary: 'Register an individual user (registry officer, after identity verification)',
      tags: TAG,
      body: createIndividualBody,
      responses: {
        201: { description: 'Created', schema: createdAccountResponse },
        400: problemResponse('The body is invalid'),
        401: unauthenticated,
        403: forbidden,
        409: problemResponse('The username is taken'),
      },
      handler: async (req, res) => {
        const body = parse(createIndividualBody, 'body', req);
        const { account, initialPassword } = await registerAccount({ pool }, callerOf(res), {
          username: body.username,
          displayName: body.displayName,
          role: 'individual-user',
          password: body.password,
        });
        res.status(201).json(createdAccountResponse.parse({ account: toAccountView(account), initialPassword }));
      },
    },
    {
      method: 'post',
      path: '/api/v1/accounts/:accountId/suspend',
      operationId: 'suspendAccount',
      auth: ['registry-officer', ...ORG_ADMINS], audit: 'self',
      summary: 'Suspend an account you administer',
      description:
        'Organisation administrators: users and (principal, or authorised sub-administrators) sub-administrators of their own ' +
        'organisation. Registry officers: individual users and principal administrators. Takes effect at once, tokens included.',
      tags: TAG,
      params: accountIdParams,
      responses: { 200: { description: 'Suspended', schema: accountView }, 401: unauthenticated, 403: forbidden, 404: problemResponse('No such account') },
      handler: async (req, res) => {
        await changeStatus(res, parse(accountIdParams, 'path', req).accountId, 'suspended');
      },
    },
    {
      method: 'post',
      path: '/api/v1/accounts/:accountId/reactivate',
      operationId: 'reactivateAccount',
      auth: ['registry-officer', ...ORG_ADMINS], audit: 'self',
      summary: 'Reactivate a suspended account you administer',
      tags: TAG,
      params: accountIdParams,
      responses: { 200: { description: 'Active', schema: accountView }, 401: unauthenticated, 403: forbidden, 404: problemResponse('No such account') },
      handler: async (req, res) => {
        await changeStatus(res, parse(accountIdParams, 'path', req).accountId, 'active');
      },
    },
    {
      method: 'post',
      path: '/api/v1/organisations',
      operationId: 'createOrganisation',
      auth: ['registry-officer'], audit: 'self',
      summary: 'Register an organisation account with its principal administrator (registry officer)',
      tags: TAG,
      body: createOrganisationBody,
      responses: {
        201: { description: 'Created', schema: createdOrganisationResponse },
        400: problemResponse('The body is invalid'),
        401: unauthenticated,
        403: forbidden,
        409: problemResponse("The principal administrator's username is taken"),
      },
      handler: async (req, res) => {
        const body = parse(createOrganisationBody, 'body', req);
        const { account, organisation, initialPassword } = await registerAccount(
          { pool },
          callerOf(res),
          { username: body.principalAdmin.username, displayName: body.principalAdmin.displayName, role: 'org-principal-admin', password: body.principalAdmin.password },
          { name: body.name },
        );
        if (!organisation) throw new Error('the organisation was not created');
        res.status(201).json(
          createdOrganisationResponse.parse({ organisation: toOrganisationView(organisation), principalAdmin: toAccountView(account), initialPassword }),
        );
      },
    },
    {
      method: 'get',
      path: '/api/v1/organisations/:organisationId/accounts',
      operationId: 'listOrganisationAccounts',
      auth: ['registry-officer', 'auditor', ...ORG_ADMINS],
      summary: "An organisation's accounts (its administrators, registry officers, auditors)",
      tags: TAG,
      params: organisationIdParams,
      responses: { 200: { description: 'The accounts', schema: accountListResponse }, 401: unauthenticated, 403: forbidden },
      handler: async (req, res) => {
        const actor = actorOf(res);
        const { organisationId } = parse(organisationIdParams, 'path', req);
        if (ORG_ADMINS.includes(actor.role) && actor.organisationId !== organisationId) {
          throw new Problem(403, 'forbidden', 'Not allowed', 'You administer only your own organisation');
        }
        res.json({ accounts: (await listOrganisationAccounts(pool, organisationId)).map(toAccountView) });
      },
    },
    {
      method: 'post',
      path: '/api/v1/organisations/:organisationId/accounts',
      operationId: 'createOrganisationAccount',
      auth: ORG_ADMINS, audit: 'self',
      summary: 'Create an organisation user or sub-administrator in your own organisation',
      description:
        'The principal administrator creates both; a sub-administrator creates organisation users, and sub-administrators ' +
        'only when the principal administrator authorised it. Only the principal administrator may grant canManageSubAdmins.',
      tags: TAG,
      params: organisationIdParams,
      body: createOrgAccountBody,
      responses: {
        201: { description: 'Created', schema: createdAccountResponse },
        400: problemResponse('The body is invalid'),
        401: unauthenticated,
        403: problemResponse('Not your organisation, or not a role you may create'),
        404: problemResponse('No such organisation'),
        409: problemResponse('The username is taken'),
      },
      handler: async (req, res) => {
        const { organisationId } = parse(organisationIdParams, 'path', req);
        const body = parse(createOrgAccountBody, 'body', req);
        const { account, initialPassword } = await createOrganisationAccount({ pool }, callerOf(res), organisationId, body);
        res.status(201).json(createdAccountResponse.parse({ account: toAccountView(account), initialPassword }));
      },
    },
    {
      method: 'post',
      path: '/api/v1/organisations/:organisationId/case-assignments',
      operationId: 'assignCase',
      auth: ORG_ADMINS, audit: 'self',
      summary: "Assign one of your organisation's cases to one of its users",
      description:
        'The organisation must be linked by the registry to a party of the case; the user then acts for that party. ' +
        'Assigning again replaces the party.',
      tags: TAG,
      params: organisationIdParams,
      body: assignCaseBody,
      responses: {
        200: { description: 'Assigned', schema: caseAssignmentView },
        400: problemResponse('The body is invalid'),
        401: unauthenticated,
        403: problemResponse('Not your organisation'),
        404: problemResponse('No such user in your organisation'),
        409: problemResponse('Your organisation acts for no party of the case'),
        422: problemResponse('The party is not one your organisation acts for, or must be named'),
      },
      handler: async (req, res) => {
        const { organisationId } = parse(organisationIdParams, 'path', req);
        const body = parse(assignCaseBody, 'body', req);
        res.json(await assignCase({ pool }, callerOf(res), organisationId, body));
      },
    },
    {
      method: 'post',
      path: '/api/v1/cases/:caseNo/parties/:partyId/links',
      operationId: 'linkParty',
      auth: ['registry-officer'], audit: 'self',
      summary: 'Link an individual user, or an organisation, to a party of a case (registry officer)',
      description:
        'An individual user linked to a party sees the case and acts as that party; an organisation linked to a party ' +
        'assigns the case to its users. An individual acts as one party per case.',
      tags: TAG,
      params: casePartyParams,
      body: linkPartyBody,
      responses: {
        201: { description: 'Linked', schema: partyLinkView },
        200: { description: 'Already linked', schema: partyLinkView },
        400: problemResponse('The body is invalid'),
        401: unauthenticated,
        403: forbidden,
        404: problemResponse('No such individual user or organisation'),
        409: problemResponse('The individual user already acts as another party of the case'),
      },
      handler: async (req, res) => {
        const { caseNo, partyId } = parse(casePartyParams, 'path', req);
        const body = parse(linkPartyBody, 'body', req);
        const { link, created } = await linkParty({ pool }, callerOf(res), { caseNo, partyId, accountId: body.accountId ?? null, organisationId: body.organisationId ?? null });
        res.status(created ? 201 : 200).json(link);
      },
    },
  ];
}
