/** Request and response schemas for sign-in, API keys and account administration. */
import { z } from 'zod';
import { CONSOLE_LANGUAGES } from '../../domain/identity/console-language';
import { accountRecord, organisationRecord } from '../../services/identity/accounts';
import { apiKeyRecord } from '../../services/identity/credentials';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../db/passwords';
import type { AccountRow, ApiKeyRow, OrganisationRow } from '../../db/accounts';
import { ROLES } from '../../domain/identity/actor';
import { POWERS } from '../../domain/identity/powers';
import { branchCode } from './organisation-schemas';

const USERNAME = /^[a-z0-9][a-z0-9._@-]{2,63}$/;

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(USERNAME, 'must be 3 to 64 letters, digits or . _ @ -, starting with a letter or digit')
  .describe('Sign-in name; compared without regard to case');
const displayName = z.string().trim().min(1, 'must not be blank').max(200);
export const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);
const uuid = z.uuid();
/** A court case number: `SCTC-2026-000001` (and the iCMS series to come). */
export const caseNo = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, 'must be a case number such as SCTC-2026-000001');
/** A party of a case: `C1` claimant, `R1` represented person, `D1` defendant… */
export const partyId = z.string().trim().regex(/^[A-Z]{1,2}[1-9][0-9]{0,3}$/, 'must be a party id such as C1 or D2');

export const loginBody = z
  .strictObject({
    username: z.string().trim().toLowerCase().min(1).max(64),
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  })
  .meta({ id: 'LoginRequest' });

export const logoutBody = z
  .strictObject({
    everywhere: z
      .boolean()
      .describe('true: also revoke every other access token of your account issued until now; false: only the one used. Send no body for false.'),
  })
  .meta({ id: 'Logout' });

export const accountView = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    organisationId: z.string().nullable(),
    status: z.enum(['active', 'suspended']),
    canManageSubAdmins: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Account' });

export const toAccountView = (a: AccountRow): z.infer<typeof accountView> => accountRecord(a);

export const loginResponse = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().describe('Seconds until the token expires'),
    expiresAt: z.string(),
    account: accountView,
  })
  .meta({ id: 'AccessToken' });

const consoleLanguage = z.enum(CONSOLE_LANGUAGES).describe('`en` (English), `zh-Hant` (Traditional Chinese, 繁體中文) or `zh-Hans` (Simplified Chinese, 简体中文)');

export const consoleLanguageBody = z.strictObject({ language: consoleLanguage }).meta({ id: 'SetConsoleLanguage' });
export const consoleLanguageView = z
  .object({ language: consoleLanguage.nullable().describe('null until you choose one') })
  .meta({ id: 'ConsoleLanguage' });

export const meResponse = z
  .object({ account: accountView, credential: z.enum(['token', 'api-key']) })
  .meta({ id: 'Me' });

export const changePasswordBody = z.strictObject({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword }).meta({ id: 'ChangePassword' });

export const createApiKeyBody = z.strictObject({ label: z.string().trim().max(100).default('') }).meta({ id: 'CreateApiKey' });

export const apiKeyView = z
  .object({
    id: z.string(),
    prefix: z.string(),
    label: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable().describe('When the key last authenticated a request, to the minute; null if never'),
  })
  .meta({ id: 'ApiKey' });

export const toApiKeyView = (k: ApiKeyRow): z.infer<typeof apiKeyView> => apiKeyRecord(k);

export const createdApiKeyResponse = apiKeyView
  .extend({ key: z.string().describe('The whole key (cf_<prefix>_<secret>): shown this once, never again') })
  .meta({ id: 'CreatedApiKey' });

export const apiKeyListResponse = z.object({ apiKeys: z.array(apiKeyView) });
export const apiKeyIdParams = z.object({ keyId: uuid });

const initialPassword = z
  .string()
  .optional()
  .describe('Present when no password was given: generated, shown this once; the holder should change it');

export const createIndividualBody = z
  .strictObject({ username, displayName, password: newPassword.optional() })
  .meta({ id: 'CreateIndividualAccount' });

export const createOrgAccountBody = z
  .strictObject({
    username,
    displayName,
    role: z.enum(['org-user', 'org-sub-admin']),
    password: newPassword.optional(),
    canManageSubAdmins: z
      .boolean()
      .default(false)
      .describe('For a sub-administrator: authorised by the principal administrator to administer other sub-administrators'),
    powers: z
      .array(z.enum(POWERS))
      .max(POWERS.length * 2)
      .optional()
      .describe('For a sub-administrator, named by the principal administrator: the powers delegated (default manage-org-users and assign-cases)'),
    branchCode: branchCode.optional().describe("The branch the account belongs to; default: the creating administrator's own"),
  })
  .meta({ id: 'CreateOrganisationAccount' });

export const createdAccountResponse = z.object({ account: accountView, initialPassword }).meta({ id: 'CreatedAccount' });

export const organisationView = z.object({ id: z.string(), name: z.string(), createdAt: z.string() }).meta({ id: 'Organisation' });
export const toOrganisationView = (o: OrganisationRow): z.infer<typeof organisationView> => organisationRecord(o);

export const createOrganisationBody = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be blank').max(200),
    principalAdmin: z.strictObject({ username, displayName, password: newPassword.optional() }),
  })
  .meta({ id: 'CreateOrganisation' });

export const createdOrganisationResponse = z
  .object({ organisation: organisationView, principalAdmin: accountView, initialPassword })
  .meta({ id: 'CreatedOrganisation' });

export const organisationIdParams = z.object({ organisationId: uuid });
export const accountIdParams = z.object({ accountId: uuid });
export const accountListResponse = z.object({ accounts: z.array(accountView) });

export const assignCaseBody = z
  .strictObject({
    caseNo,
    accountId: uuid,
    partyId: partyId.optional().describe('Needed only when the organisation acts for more than one party of the case'),
  })
  .meta({ id: 'AssignCase' });
export const caseAssignmentView = z
  .object({ caseNo: z.string(), organisationId: z.string(), accountId: z.string(), partyId: z.string() })
  .meta({ id: 'CaseAssignment' });

export const casePartyParams = z.object({ caseNo, partyId });
export const linkPartyBody = z
  .strictObject({ accountId: uuid.optional(), organisationId: uuid.optional() })
  .refine((b) => (b.accountId === undefined) !== (b.organisationId === undefined), {
    message: 'give exactly one of accountId (an individual user) and organisationId',
    path: ['accountId'],
    params: { rule: 'account-or-organisation' },
  })
  .meta({ id: 'LinkParty' });
export const partyLinkView = z
  .object({ caseNo: z.string(), partyId: z.string(), accountId: z.string().nullable(), organisationId: z.string().nullable() })
  .meta({ id: 'PartyLink' });
