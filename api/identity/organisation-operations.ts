/**
 * Organisation administration over HTTP (iCMS brochure: branch codes, the
 * powers delegated to sub-administrators, default organisation users, the
 * maximum numbers of accounts and branch codes and the requests to raise
 * them). Each route parses, calls one use-case and maps the result; every
 * change is audited by its use-case, in its transaction. Another
 * organisation's resources answer 404, as ones that do not exist.
 */
import type { Pool } from 'pg';
import type { Role } from '../../domain/identity/actor';
import { DEFAULT_MAXIMUMS, QUOTA_KINDS } from '../../domain/identity/quotas';
import { branchesOf, createBranch, moveAccountToBranch, updateBranch } from '../../services/identity/branches';
import { defaultUsersOf, setDefaultUser } from '../../services/identity/default-users';
import { delegatePowers, membersOf } from '../../services/identity/delegation';
import { decideQuotaRequest, quotaRequests, quotaRequestsOfOrganisation, quotasOfOrganisation, requestQuotaChange } from '../../services/identity/quotas';
import { callerOf } from '../steps/step-operations';
import { DEFAULT_PAGE_SIZE } from '../paging';
import { problemResponse, type Operation } from '../operations';
import { parse } from '../validate';
import { accountView, organisationIdParams, toAccountView } from './schemas';
import {
  branchListResponse,
  branchView,
  createBranchBody,
  createQuotaRequestBody,
  decideQuotaRequestBody,
  defaultUserListResponse,
  memberListResponse,
  memberView,
  moveAccountBody,
  organisationAccountParams,
  organisationBranchParams,
  organisationQuotaRequestsQuery,
  quotaListResponse,
  quotaRequestListQuery,
  quotaRequestListResponse,
  quotaRequestParams,
  quotaRequestView,
  setDefaultUserBody,
  setPowersBody,
  toBranchView,
  toDefaultUserView,
  toMemberView,
  toQuotaRequestView,
  toQuotaView,
  updateBranchBody,
} from './organisation-schemas';

export interface OrganisationOperationsDeps {
  pool: Pool;
}

const TAG = ['Organisation administration'];
const ORG_ADMINS: readonly Role[] = ['org-principal-admin', 'org-sub-admin'];
/** Who reads an organisation's administration: its administrators (their own), the registry and auditors (any). */
const READERS: readonly Role[] = ['registry-officer', 'auditor', ...ORG_ADMINS];

const unauthenticated = problemResponse('No credentials, or they are not valid');
const wrongRole = problemResponse('Your role may not do this; the roles needed are named');
const notYours = problemResponse('No such organisation, or not yours');
const lacksPower = problemResponse('Your role may not do this, or the principal administrator has not delegated the power it needs (errors names the rule)');
const quotaDefaults = QUOTA_KINDS.map((k) => `${k} ${DEFAULT_MAXIMUMS[k]}`).join(', ');

export function organisationOperations({ pool }: OrganisationOperationsDeps): Operation[] {
  const deps = { pool };
  return [
    {
      method: 'get',
      path: '/api/v1/organisations/:organisationId/branches',
      operationId: 'listBranches',
      auth: READERS,
      summary: "The organisation's branch codes, active and deactivated",
      tags: TAG,
      params: organisationIdParams,
      responses: { 200: { description: 'The branch codes', schema: branchListResponse }, 401: unauthenticated, 403: wrongRole, 404: notYours },
      handler: async (req, res) => {
        const { organisationId } = parse(organisationIdParams, 'path', req);
        res.json({ branches: (await branchesOf(deps, callerOf(res), organisationId)).map(toBranchView) });
      },
    },
    {
      method: 'post',
      path: '/api/v1/organisations/:organisationId/branches',
      operationId: 'createBranch',
      auth: ORG_ADMINS,
      audit: 'self',
      summary: 'Create a branch code, within the maximum',
      description:
        'Needs the manage-branch-codes power (the principal administrator holds every power). Every code counts against the ' +
        `maximum, deactivated ones too; at the maximum the answer is 409 naming it: ask the registry for more with a quota-change request. ` +
        'A code once used is never reused.',
      tags: TAG,
      params: organisationIdParams,
      body: createBranchBody,
      responses: {
        201: { description: 'Created', schema: branchView },
        401: unauthenticated,
        403: lacksPower,
        404: notYours,
        409: problemResponse('The organisation has its maximum number of branch codes, or already used this code'),
      },
      handler: async (req, res) => {
        const { organisationId } = parse(organisationIdParams, 'path', req);
        const body = parse(createBranchBody, 'body', req);
        res.status(201).json(toBranchView(await createBranch(deps, callerOf(res), organisationId, body)));
      },
    },
    {
      method: 'patch',
      path: '/api/v1/organisations/:organisationId/branches/:branchCode',
      operationId: 'updateBranch',
      auth: ORG_ADMINS,
      audit: 'self',
      summary: 'Rename, deactivate or reactivate a branch code',
      description:
        'Needs the manage-branch-codes power. A branch with active accounts cannot be deactivated (move them first); a deactivated ' +
        'code takes no new accounts or defaults, and keeps its place under the maximum, so reactivating it is never refused for want of room.',
      tags: TAG,
      params: organisationBranchParams,
      body: updateBranchBody,
      responses: {
        200: { description: 'The branch code as it now is', schema: branchView },
        401: unauthenticated,
        403: lacksPower,
        404: problemResponse('No such organisation or branch code, or not yours'),
        409: problemResponse('Active accounts belong to the branch'),
      },
      handler: async (req, res) => {
        const { organisationId, branchCode } = parse(organisationBranchParams, 'path', req);
        const body = parse(updateBranchBody, 'body', req);
        res.json(toBranchView(await updateBranch(deps, callerOf(res), organisationId, branchCode, body)));
      },
    },
    {
      method: 'get',
      path: '/api/v1/organisations/:organisationId/members',
      operationId: 'listOrganisationMembers',
      auth: READERS,
      summary: "The organisation's accounts with their branch codes and powers",
      tags: TAG,
      params: organisationIdParams,
      responses: { 200: { description: 'The accounts, by username', schema: memberListResponse }, 401: unauthenticated, 403: wrongRole, 404: notYours },
      handler: async (req, res) => {
        const { organisationId } = parse(organisationIdParams, 'path', req);
        res.json({ members: (await membersOf(deps, callerOf(res), organisationId)).map(toMemberView) });
      },
    },
    {
      method: 'put',
      path: '/api/v1/organisations/:organisationId/accounts/:accountId/powers',
      operationId: 'setSubAdminPowers',
      auth: ['org-principal-admin'],
      audit: 'self',
      summary: 'Delegate powers to a sub-administrator (principal administrator)',
      description: 'Sets exactly the powers the sub-administrator holds from now on; those not named are withdrawn. canManageSubAdmins follows manage-sub-admins.',
      tags: TAG,
      params: organisationAccountParams,
      body: setPowersBody,
      responses: {
        200: { description: 'The sub-administrator with their powers', schema: memberView },
        401: unauthenticated,
        403: wrongRole,
        404: problemResponse('No such account in your organisation'),
        422: problemResponse('The account is not a sub-administrator'),
      },
      handler: async (req, res) => {
        const { organisationId, accountId } = parse(organisationAccountParams, 'path', req);
        const { powers } = parse(setPowersBody, 'body', req);
        res.json(toMemberView(await delegatePowers(deps, callerOf(res), organisationId, accountId, powers)));
      },
    },
    {
      method: 'put',
      path: '/api/v1/organisations/:organisationId/accounts/:accountId/branch',
      operationId: 'moveAccountToBranch',
      auth: ORG_ADMINS,
      audit: 'self',
      summary: 'Move an account to another branch code',
      description:
        'Maintaining an account you administer (manage-org-users for a user, manage-sub-admins for a sub-administrator); the principal ' +
        "administrator may move themselves. The branch must be active. A branch's default organisation user stays until another is named.",
      tags: TAG,
      params: organisationAccountParams,
      body: moveAccountBody,
      responses: {
        200: { description: 'The account, in its branch', schema: accountView },
        401: unauthenticated,
        403: lacksPower,
        404: problemResponse('No such account in your organisation'),
        409: problemResponse("The account is its branch's default organisation user"),
        422: problemResponse('The branch code is not one of the organisation, or is deactivated'),
      },
      handler: async (req, res) => {
        const { organisationId, accountId } = parse(organisationAccountParams, 'path', req);
        const { branchCode } = parse(moveAccountBody, 'body', req);
        res.json(toAccountView(await moveAccountToBranch(deps, callerOf(res), organisationId, accountId, branchCode)));
      },
    },
    {
      method: 'get',
      path: '/api/v1/organisations/:organisationId/default-users',
      operationId: 'listDefaultUsers',
      auth: READERS,
      summary: "The organisation's default organisation users: who receives a case's work when nobody is assigned",
      tags: TAG,
      params: organisationIdParams,
      responses: { 200: { description: 'The defaults', schema: defaultUserListResponse }, 401: unauthenticated, 403: wrongRole, 404: notYours },
      handler: async (req, res) => {
        const { organisationId } = parse(organisationIdParams, 'path', req);
        res.json({ defaultUsers: (await defaultUsersOf(deps, callerOf(res), organisationId)).map(toDefaultUserView) });
      },
    },
    {
      method: 'put',
      path: '/api/v1/organisations/:organisationId/default-users',
      operationId: 'setDefaultUser',
      auth: ORG_ADMINS,
      audit: 'self',
      summary: 'Name (or remove) the default organisation user of the organisation or of one branch',
      description:
        "Needs the maintain-default-users power. A branch's default comes before the organisation's. The user must be an active " +
        'organisation user, of the branch when one is named.',
      tags: TAG,
      params: organisationIdParams,
      body: setDefaultUserBody,
      responses: {
        200: { description: "The organisation's defaults afterwards", schema: defaultUserListResponse },
        401: unauthenticated,
        403: lacksPower,
        404: problemResponse('No such organisation user in your organisation'),
        422: problemResponse('The branch code is unknown or deactivated, or the user is of another branch or suspended'),
      },
      handler: async (req, res) => {
        const { organisationId } = parse(organisationIdParams, 'path', req);
        const body = parse(setDefaultUserBody, 'body', req);
        res.json({ defaultUsers: (await setDefaultUser(deps, callerOf(res), organisationId, body)).map(toDefaultUserView) });
      },
    },
    {
      method: 'get',
      path: '/api/v1/organisations/:organisationId/quotas',
      operationId: 'getOrganisationQuotas',
      auth: READERS,
      summary: "The organisation's maximum numbers of accounts and branch codes, and what it uses",
      description: `Defaults until the registry approves another maximum: ${quotaDefaults}.`,
      tags: TAG,
      params: organisationIdParams,
      responses: { 200: { description: 'Each maximum', schema: quotaListResponse }, 401: unauthenticated, 403: wrongRole, 404: notYours },
      handler: async (req, res) => {
        const { organisationId } = parse(organisationIdParams, 'path', req);
        res.json({ quotas: (await quotasOfOrganisation(deps, callerOf(res), organisationId)).map(toQuotaView) });
      },
    },
    {
      method: 'post',
      path: '/api/v1/organisations/:organisationId/quota-requests',
      operationId: 'requestQuotaChange',
      auth: ORG_ADMINS,
      audit: 'self',
      summary: 'Ask the registry to raise a maximum, with a reason',
      description: 'Needs the request-quota-changes power. One request of a kind waits at a time; a registry officer approves it with a new maximum or refuses it with reasons.',
      tags: TAG,
      params: organisationIdParams,
      body: createQuotaRequestBody,
      responses: {
        201: { description: 'Waiting for the registry', schema: quotaRequestView },
        401: unauthenticated,
        403: lacksPower,
        404: notYours,
        409: problemResponse('A request of this kind is already waiting'),
        422: problemResponse('The maximum asked for is not above the current one'),
      },
      handler: async (req, res) => {
        const { organisationId } = parse(organisationIdParams, 'path', req);
        const body = parse(createQuotaRequestBody, 'body', req);
        res.status(201).json(toQuotaRequestView(await requestQuotaChange(deps, callerOf(res), organisationId, body)));
      },
    },
    {
      method: 'get',
      path: '/api/v1/organisations/:organisationId/quota-requests',
      operationId: 'listOrganisationQuotaRequests',
      auth: READERS,
      summary: "The organisation's quota-change requests and their decisions, newest first",
      tags: TAG,
      params: organisationIdParams,
      query: organisationQuotaRequestsQuery,
      responses: { 200: { description: 'The requests', schema: quotaRequestListResponse }, 401: unauthenticated, 403: wrongRole, 404: notYours },
      handler: async (req, res) => {
        const { organisationId } = parse(organisationIdParams, 'path', req);
        const { limit } = parse(organisationQuotaRequestsQuery, 'query', req);
        res.json({ quotaRequests: (await quotaRequestsOfOrganisation(deps, callerOf(res), organisationId, limit ?? DEFAULT_PAGE_SIZE)).map(toQuotaRequestView) });
      },
    },
    {
      method: 'get',
      path: '/api/v1/quota-requests',
      operationId: 'listQuotaRequests',
      auth: ['registry-officer', 'auditor'],
      summary: "Every organisation's quota-change requests, newest first (the registry's list to decide from)",
      tags: TAG,
      query: quotaRequestListQuery,
      responses: { 200: { description: 'The requests', schema: quotaRequestListResponse }, 401: unauthenticated, 403: wrongRole },
      handler: async (req, res) => {
        const { status, limit } = parse(quotaRequestListQuery, 'query', req);
        res.json({ quotaRequests: (await quotaRequests(deps, { status, limit: limit ?? DEFAULT_PAGE_SIZE })).map(toQuotaRequestView) });
      },
    },
    {
      method: 'post',
      path: '/api/v1/quota-requests/:quotaRequestId/decision',
      operationId: 'decideQuotaRequest',
      auth: ['registry-officer'],
      audit: 'self',
      summary: 'Approve a quota-change request with a new maximum, or refuse it with reasons (registry officer)',
      description: 'An approval sets a maximum above the current one (absent: the one requested), which the organisation has at once.',
      tags: TAG,
      params: quotaRequestParams,
      body: decideQuotaRequestBody,
      responses: {
        200: { description: 'Decided', schema: quotaRequestView },
        401: unauthenticated,
        403: wrongRole,
        404: problemResponse('No such request'),
        409: problemResponse('The request was already decided'),
        422: problemResponse('The maximum approved is not above the current one'),
      },
      handler: async (req, res) => {
        const { quotaRequestId } = parse(quotaRequestParams, 'path', req);
        const body = parse(decideQuotaRequestBody, 'body', req);
        res.json(toQuotaRequestView(await decideQuotaRequest(deps, callerOf(res), quotaRequestId, body)));
      },
    },
  ];
}
