/**
 * `GET /api/v1/accounts`: find accounts by a part of their username or
 * display name. Registry officers and auditors search every account;
 * organisation administrators only their own organisation's. Answers carry
 * the account view (`toAccountView`), never a password hash.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { searchAccounts, type AccountSearchFilter } from '../../db/account-search';
import { ROLES, type Role } from '../../domain/identity/actor';
import { actorOf } from './authenticate';
import { problemResponse, type Operation } from '../operations';
import { DEFAULT_PAGE_SIZE, cursorCodec, nextCursorSchema, pageLimit, pageOf, searchTerm } from '../paging';
import { parse } from '../validate';
import { accountView, toAccountView } from './schemas';

export interface AccountSearchDeps {
  pool: Pool;
}

const ORG_ADMINS: readonly Role[] = ['org-principal-admin', 'org-sub-admin'];
const EVERY_ACCOUNT: readonly Role[] = ['registry-officer', 'auditor'];
/** Who may search accounts: the registry and auditors (all), organisation administrators (their own organisation's). */
export const ACCOUNT_SEARCHERS: readonly Role[] = [...EVERY_ACCOUNT, ...ORG_ADMINS];
const ACCOUNT_ROLES = ROLES.filter((r) => r !== 'public') as [Exclude<Role, 'public'>, ...Exclude<Role, 'public'>[]];
const USERNAME = /^[a-z0-9][a-z0-9._@-]{2,63}$/;

const accountCursor = cursorCodec(
  z.strictObject({ u: z.string().regex(USERNAME) }),
  (username: string) => ({ u: username }),
  (w) => w.u,
);

export const accountSearchQuery = z.strictObject({
  q: searchTerm('A part of the username or display name, in any case (`wong` finds Wong Siu Ming); `%` and `_` are plain characters. Without it, every account'),
  role: z.enum(ACCOUNT_ROLES).optional().describe('Only accounts with this role'),
  limit: pageLimit('Accounts'),
  cursor: accountCursor.param('q and role'),
});

const accountSearchPage = z
  .object({
    accounts: z.array(accountView).describe('By username'),
    nextCursor: nextCursorSchema,
  })
  .meta({ id: 'AccountSearchPage' });

export function accountSearchOperations({ pool }: AccountSearchDeps): Operation[] {
  return [
    {
      method: 'get',
      path: '/api/v1/accounts',
      operationId: 'searchAccounts',
      summary: 'Find accounts by username or name',
      description:
        'A part of the username or display name (`q`, any case, 2 to 100 characters; without it, every account), ' +
        'optionally one role; by username, paged with `nextCursor`. Registry officers and auditors search every account; ' +
        "organisation administrators only their own organisation's. Never shows a password or its hash.",
      tags: ['Identity'],
      auth: ACCOUNT_SEARCHERS,
      query: accountSearchQuery,
      responses: {
        200: { description: 'One page of accounts', schema: accountSearchPage },
        400: problemResponse('A query parameter is invalid (each is named), or the cursor is not one this API gave out'),
        401: problemResponse('No credentials, or they are not valid'),
        403: problemResponse('Your role may not search accounts'),
      },
      handler: async (req, res) => {
        const actor = actorOf(res);
        const query = parse(accountSearchQuery, 'query', req);
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        // Whose accounts: every one (the registry, auditors) or one organisation's (its administrators). Anyone
        // else (refused by the mount already) and an administrator without an organisation, which the accounts
        // table does not allow, find nothing.
        const within = EVERY_ACCOUNT.includes(actor.role) ? 'all' : ORG_ADMINS.includes(actor.role) ? actor.organisationId : undefined;
        const filter: AccountSearchFilter = {
          ...(query.q === undefined ? {} : { q: query.q }),
          ...(query.role === undefined ? {} : { role: query.role }),
          ...(within === undefined || within === 'all' ? {} : { organisationId: within }),
        };
        const rows = within === undefined ? [] : await searchAccounts(pool, filter, limit + 1, query.cursor);
        const { page, nextCursor } = pageOf(rows, limit, (last) => accountCursor.encode(last.username));
        res.json(
          accountSearchPage.parse({
            accounts: page.map(toAccountView),
            nextCursor,
          }),
        );
      },
    },
  ];
}
