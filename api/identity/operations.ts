/**
 * Sign-in, sign-out, passwords, API keys and account administration. Every
 * change is written in one transaction with its audit entry; responses never
 * carry a password hash, and a generated password or API key is shown once,
 * in the response that created it.
 */
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import type { Role } from '../../domain/identity/actor';
import {
  findAccount,
  listOrganisationAccounts,
  type AccountStatus,
} from '../../db/accounts';
import { LoginThrottle, type TokenBuckets } from '../middleware/rate-limit';
import { problemResponse, SIGNED_IN, type Operation } from '../operations';
import { registerAccount } from '../../services/identity/accounts';
import { apiKeysOf, changePassword, createApiKey, revokeOwnApiKey, signOut } from '../../services/identity/credentials';
import { signIn } from '../../services/identity/sign-in';
import { consoleLanguageOfCaller, keepConsoleLanguage } from '../../services/identity/console-language';
import { noteAudit } from '../audit';
import { assignCase, createOrganisationAccount, linkParty, setStatusOfAccount } from '../../services/identity/administration';
import { callerOf } from '../steps/step-operations';
import { Problem } from '../problem';
import { parse } from '../validate';
import { actorOf, credentialOf } from './authenticate';
import { organisationOperations } from './organisation-operations';
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
  logoutBody,
  loginResponse,
  meResponse,
  consoleLanguageBody,
  consoleLanguageView,
  organisationIdParams,
  partyLinkView,
  toAccountView,
  toApiKeyView,
  toOrganisationView,
  accountView,
} from './schemas';
import type { TokenService } from './tokens';

export interface IdentityDeps {
  pool: Pool;
  tokens: TokenService;
  /**
   * Sign-in throttling (`LoginThrottle`): per username and client address
   * together with exponential backoff, and per address across usernames.
   * Default `new LoginThrottle()`. A `TokenBuckets` is taken as an extra hard
   * budget of attempts per (username, address) pair beside the default
   * throttle (a success clears the pair's).
   */
  loginLimiter?: LoginThrottle | TokenBuckets;
  now?: () => Date;
}

const TAG = ['Identity'];
const ORG_ADMINS: Role[] = ['org-principal-admin', 'org-sub-admin'];

const unauthenticated = problemResponse('No credentials, or they are not valid');
const forbidden = problemResponse('Your role may not do this; the roles needed are named');

/** The client's address: the socket's peer, or what a trusted proxy forwarded (`trust proxy`, from COURTFLOW_TRUSTED_PROXIES). */
const clientAddressOf = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

function throttled(res: Response, retryAfterSeconds: number): Problem {
  res.set('Retry-After', String(retryAfterSeconds));
  return new Problem(429, 'rate-limited', 'Too many sign-in attempts', `Try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
}

export function identityOperations(deps: IdentityDeps): Operation[] {
  const { pool, tokens } = deps;
  const now = deps.now ?? (() => new Date());
  const throttle =
    deps.loginLimiter instanceof LoginThrottle ? deps.loginLimiter : new LoginThrottle(deps.loginLimiter ? { perPair: deps.loginLimiter } : {});

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
        'A wrong username and a wrong password get the same answer. Attempts are throttled per username and client address ' +
        'together (after a few failures each further one doubles the wait) and, more loosely, per client address: ' +
        'failures from one address never refuse the same username from another. A success clears the pair.',
      tags: TAG,
      body: loginBody,
      responses: {
        200: { description: 'Signed in', schema: loginResponse },
        400: problemResponse('The body is invalid'),
        401: problemResponse('The username or password is incorrect'),
        403: problemResponse('The account is suspended'),
        429: problemResponse('Too many failed attempts for this username from this address, or from this address; Retry-After says when to try again'),
      },
      handler: async (req, res) => {
        const body = parse(loginBody, 'body', req);
        const result = await signIn(
          { pool, throttle, issueToken: (accountId, generation) => tokens.issue(accountId, now(), generation) },
          callerOf(res),
          { username: body.username, password: body.password, clientAddress: clientAddressOf(req) },
        );
        if (result.outcome === 'throttled') throw throttled(res, result.retryAfterSeconds);
        if (result.outcome === 'refused') {
          if (result.reason === 'suspended') throw new Problem(403, 'account-suspended', 'Account suspended', 'The account is suspended; ask its administrator');
          res.set('WWW-Authenticate', 'Bearer realm="courtflow"');
          throw new Problem(401, 'invalid-credentials', 'Sign-in failed', 'The username or password is incorrect');
        }
        const { account, session } = result;
        res.json(
          loginResponse.parse({
            accessToken: session.token,
            tokenType: 'Bearer',
            expiresIn: session.expiresIn,
            expiresAt: session.expiresAt.toISOString(),
            account: toAccountView(account),
          }),
        );
      },
    },
    {
      method: 'post',
      path: '/api/v1/auth/logout',
      operationId: 'logout',
      auth: SIGNED_IN, audit: 'self',
      summary: 'Sign out: the access token used stops working at once',
      description:
        'Revokes the Bearer token this request carries. Send no body to sign out this token only, or ' +
        '`{"everywhere": true}` to also revoke every other access token of your account issued until now ' +
        '(as a password change does). API keys are not signed out (revoke each one); an API key cannot sign a session out.',
      tags: TAG,
      body: logoutBody,
      responses: {
        204: { description: 'Signed out' },
        400: problemResponse('A body was sent without `everywhere`'),
        401: unauthenticated,
        403: problemResponse('Tried with an API key'),
      },
      handler: async (req, res) => {
        const credential = credentialOf(res);
        if (credential.kind !== 'token') {
          throw new Problem(403, 'forbidden', 'Not allowed', 'Sign out with the access token (Bearer) to end; an API key cannot sign a session out (revoke the key instead)');
        }
        // No body at all: this token only. A body must say which.
        const { everywhere } = req.body === undefined ? { everywhere: false } : parse(logoutBody, 'body', req);
        await signOut({ pool }, callerOf(res), { tokenId: credential.tokenId, expiresAt: credential.expiresAt, everywhere });
        res.status(204).end();
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
      method: 'get',
      path: '/api/v1/me/console-language',
      operationId: 'getMyConsoleLanguage',
      auth: SIGNED_IN,
      summary: 'The language the web console speaks to you, wherever you sign in',
      description: 'null until you choose one (the console then follows the browser). Not the language of your messages (GET /api/v1/me/language).',
      tags: TAG,
      responses: { 200: { description: 'Your console language', schema: consoleLanguageView }, 401: unauthenticated },
      handler: async (_req, res) => {
        res.json(consoleLanguageView.parse({ language: await consoleLanguageOfCaller({ pool }, callerOf(res)) }));
      },
    },
    {
      method: 'put',
      path: '/api/v1/me/console-language',
      operationId: 'setMyConsoleLanguage',
      auth: SIGNED_IN,
      summary: 'Keep the language the web console speaks to you: English, Traditional or Simplified Chinese',
      description: 'The console sets it when you switch language while signed in. Your messages keep their own language (PUT /api/v1/me/language).',
      tags: TAG,
      body: consoleLanguageBody,
      responses: {
        200: { description: 'Your console language, as now kept', schema: consoleLanguageView },
        400: problemResponse('The body is invalid: `language` must be `en`, `zh-Hant` or `zh-Hans`'),
        401: unauthenticated,
      },
      handler: async (req, res) => {
        const { language } = parse(consoleLanguageBody, 'body', req);
        const caller = callerOf(res);
        const { before } = await keepConsoleLanguage({ pool }, caller, language);
        noteAudit(res, { action: 'account.console-language-set', target: `account:${caller.actor.id}`, before: { language: before }, after: { language } });
        res.json(consoleLanguageView.parse({ language }));
      },
    },
    {
      method: 'post',
      path: '/api/v1/me/password',
      operationId: 'changePassword',
      auth: SIGNED_IN, audit: 'self',
      summary: 'Change your password; every access token issued before it stops working',
      description:
        'Every access token of your account issued before the change is revoked at once, the one used here included: ' +
        'sign in again with the new password. API keys stay until revoked. A wrong current password counts against the ' +
        'sign-in throttle for your username from your address.',
      tags: TAG,
      body: changePasswordBody,
      responses: {
        204: { description: 'Changed; sign in again' },
        400: problemResponse('The body is invalid'),
        401: unauthenticated,
        403: problemResponse('The current password is wrong, or this was tried with an API key'),
        429: problemResponse('Too many wrong passwords for this account from this address; Retry-After says when to try again'),
      },
      handler: async (req, res) => {
        if (credentialOf(res).kind !== 'token') throw new Problem(403, 'forbidden', 'Not allowed', 'Sign in with your password to change it');
        const body = parse(changePasswordBody, 'body', req);
        const result = await changePassword({ pool, throttle }, callerOf(res), { ...body, clientAddress: clientAddressOf(req) });
        if (result.outcome === 'throttled') throw throttled(res, result.retryAfterSeconds);
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
        const body = parse(createApiKeyBody, 'body', req);
        const { row, key } = await createApiKey({ pool }, callerOf(res), { label: body.label, viaSession: credentialOf(res).kind === 'token' });
        res.status(201).json(createdApiKeyResponse.parse({ ...toApiKeyView(row), key }));
      },
    },
    {
      method: 'get',
      path: '/api/v1/auth/api-keys',
      operationId: 'listApiKeys',
      auth: SIGNED_IN,
      summary: 'Your API keys (prefixes only), with when each was last used',
      description: '`lastUsedAt` is when the key last authenticated a request, to the minute (null: never).',
      tags: TAG,
      responses: { 200: { description: 'Your keys', schema: apiKeyListResponse }, 401: unauthenticated },
      handler: async (_req, res) => {
        res.json({ apiKeys: (await apiKeysOf({ pool }, callerOf(res))).map(toApiKeyView) });
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
        const { keyId } = parse(apiKeyIdParams, 'path', req);
        res.json(toApiKeyView(await revokeOwnApiKey({ pool }, callerOf(res), keyId)));
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
        'The principal administrator creates both; a sub-administrator creates organisation users (manage-org-users), and ' +
        'sub-administrators only when the principal administrator authorised it (manage-sub-admins). Only the principal ' +
        'administrator may grant canManageSubAdmins or name powers. The account is placed in branchCode (default: your own ' +
        "branch); at the organisation's maximum number of such accounts the answer is 409 naming it.",
      tags: TAG,
      params: organisationIdParams,
      body: createOrgAccountBody,
      responses: {
        201: { description: 'Created', schema: createdAccountResponse },
        400: problemResponse('The body is invalid'),
        401: unauthenticated,
        403: problemResponse('Not your organisation, or not a role you may create'),
        404: problemResponse('No such organisation'),
        409: problemResponse("The username is taken, or the organisation has its maximum number of such accounts"),
        422: problemResponse('The branch code is not one of the organisation, or is deactivated'),
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
        'Assigning again replaces the party. A sub-administrator needs assign-cases, and assign-across-branches for a user ' +
        'of another branch than their own.',
      tags: TAG,
      params: organisationIdParams,
      body: assignCaseBody,
      responses: {
        200: { description: 'Assigned', schema: caseAssignmentView },
        400: problemResponse('The body is invalid'),
        401: unauthenticated,
        403: problemResponse('Not your organisation, or without the power to assign cases (to this branch)'),
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
    ...organisationOperations({ pool }),
  ];
}
