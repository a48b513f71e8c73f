/** Request and response schemas for organisation administration: branch codes, powers, default users, quotas. */
import { z } from 'zod';
import { BRANCH_CODE_PATTERN, BRANCH_NAME_MAX_LENGTH } from '../../domain/identity/branches';
import { POWER_DESCRIPTIONS, POWERS } from '../../domain/identity/powers';
import { DEFAULT_MAXIMUMS, MAXIMUM_CEILING, QUOTA_KINDS } from '../../domain/identity/quotas';
import { ROLES } from '../../domain/identity/actor';
import type { BranchRow, DefaultUserRow, QuotaRequestRow } from '../../db/organisations';
import type { Member } from '../../services/identity/delegation';
import type { QuotaView } from '../../services/identity/quotas';
import { pageLimit } from '../paging';

const uuid = z.uuid();

export const branchCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(BRANCH_CODE_PATTERN, 'must be 1 to 10 letters, digits or hyphens, starting with a letter or digit (HQ, KLN-2)')
  .describe('A branch code of the organisation; compared in capitals');
const branchName = z.string().trim().min(1, 'must not be blank').max(BRANCH_NAME_MAX_LENGTH);

export const organisationBranchParams = z.object({ organisationId: uuid, branchCode });
export const organisationAccountParams = z.object({ organisationId: uuid, accountId: uuid });
export const quotaRequestParams = z.object({ quotaRequestId: uuid });

export const createBranchBody = z.strictObject({ code: branchCode, name: branchName }).meta({ id: 'CreateBranch' });

export const updateBranchBody = z
  .strictObject({
    name: branchName.optional().describe('A new name'),
    active: z.boolean().optional().describe('false deactivates the code (refused while active accounts belong to it); true reactivates it'),
  })
  .refine((b) => b.name !== undefined || b.active !== undefined, { message: 'give name, active or both', path: ['name'], params: { rule: 'name-or-active' } })
  .meta({ id: 'UpdateBranch' });

export const branchView = z
  .object({ code: z.string(), name: z.string(), active: z.boolean(), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'Branch' });
export const toBranchView = (b: BranchRow): z.infer<typeof branchView> => ({
  code: b.code,
  name: b.name,
  active: b.active,
  createdAt: b.createdAt.toISOString(),
  updatedAt: b.updatedAt.toISOString(),
});
export const branchListResponse = z.object({ branches: z.array(branchView).describe('By code') }).meta({ id: 'BranchList' });

const powerDescription = POWERS.map((p) => `\`${p}\`: ${POWER_DESCRIPTIONS[p]}`).join('; ');
const power = z.enum(POWERS).describe(powerDescription);

export const setPowersBody = z
  .strictObject({ powers: z.array(power).max(POWERS.length * 2).describe('Exactly the powers the sub-administrator holds from now on; those not named are withdrawn') })
  .meta({ id: 'SetPowers' });

export const memberView = z
  .object({
    accountId: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    status: z.enum(['active', 'suspended']),
    branchCode: z.string().nullable(),
    powers: z.array(z.enum(POWERS)).describe('What the account may administer: all for the principal administrator, the delegated powers for a sub-administrator, none for a user'),
  })
  .meta({ id: 'OrganisationMember' });
export const toMemberView = ({ account, powers }: Member): z.infer<typeof memberView> => ({
  accountId: account.id,
  username: account.username,
  displayName: account.displayName,
  role: account.role,
  status: account.status,
  branchCode: account.branchCode,
  powers,
});
export const memberListResponse = z.object({ members: z.array(memberView).describe('By username') }).meta({ id: 'OrganisationMemberList' });

export const moveAccountBody = z.strictObject({ branchCode }).meta({ id: 'MoveAccountToBranch' });

export const setDefaultUserBody = z
  .strictObject({
    branchCode: branchCode.nullable().default(null).describe("The branch whose default this is; null or absent: the whole organisation's"),
    accountId: uuid.nullable().describe('An active organisation user (of that branch, when one is named); null removes the default'),
  })
  .meta({ id: 'SetDefaultUser' });

export const defaultUserView = z
  .object({ branchCode: z.string().nullable().describe("null: the whole organisation's default"), accountId: z.string(), setBy: z.string().nullable(), setAt: z.string() })
  .meta({ id: 'DefaultUser' });
export const toDefaultUserView = (d: DefaultUserRow): z.infer<typeof defaultUserView> => ({
  branchCode: d.branchCode,
  accountId: d.accountId,
  setBy: d.setBy,
  setAt: d.setAt.toISOString(),
});
export const defaultUserListResponse = z
  .object({ defaultUsers: z.array(defaultUserView).describe("The organisation's default first, then by branch") })
  .meta({ id: 'DefaultUserList' });

const quotaKind = z
  .enum(QUOTA_KINDS)
  .describe(`Which maximum: ${QUOTA_KINDS.map((k) => `\`${k}\` (default ${DEFAULT_MAXIMUMS[k]})`).join(', ')}`);
const maximum = z.number().int().min(1).max(MAXIMUM_CEILING);

export const quotaView = z
  .object({
    kind: z.enum(QUOTA_KINDS),
    maximum: z.number().int().describe('How many the organisation may have'),
    used: z.number().int().describe('How many it has, suspended accounts and deactivated codes included'),
    default: z.number().int().describe('The maximum an organisation has until the registry approves another'),
    pendingRequest: z.object({ id: z.string(), requestedMaximum: z.number().int() }).nullable().describe('A request waiting for the registry'),
  })
  .meta({ id: 'Quota' });
export const toQuotaView = (q: QuotaView): z.infer<typeof quotaView> => ({
  kind: q.kind,
  maximum: q.maximum,
  used: q.used,
  default: q.default,
  pendingRequest: q.pendingRequest,
});
export const quotaListResponse = z.object({ quotas: z.array(quotaView) }).meta({ id: 'QuotaList' });

export const createQuotaRequestBody = z
  .strictObject({
    kind: quotaKind,
    requestedMaximum: maximum.describe(`The maximum asked for: above the current one, at most ${MAXIMUM_CEILING}`),
    reason: z.string().trim().min(1, 'must not be blank').max(1000).describe('Why the organisation needs more, for the registry'),
  })
  .meta({ id: 'CreateQuotaRequest' });

export const decideQuotaRequestBody = z
  .discriminatedUnion('decision', [
    z.strictObject({
      decision: z.literal('approve'),
      maximum: maximum.optional().describe('The new maximum, above the current one; absent: the maximum requested'),
    }),
    z.strictObject({
      decision: z.literal('refuse'),
      reasons: z.array(z.string().trim().min(1, 'must not be blank').max(500)).min(1, 'give at least one reason').max(10).describe('Why, for the organisation'),
    }),
  ])
  .meta({ id: 'DecideQuotaRequest' });

export const quotaRequestView = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    kind: z.enum(QUOTA_KINDS),
    currentMaximum: z.number().int().describe('The maximum when the request was made'),
    requestedMaximum: z.number().int(),
    reason: z.string(),
    status: z.enum(['pending', 'approved', 'refused']),
    requestedBy: z.string(),
    requestedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    approvedMaximum: z.number().int().nullable(),
    refusalReasons: z.array(z.string()).nullable(),
  })
  .meta({ id: 'QuotaRequest' });
export const toQuotaRequestView = (r: QuotaRequestRow): z.infer<typeof quotaRequestView> => ({
  id: r.id,
  organisationId: r.organisationId,
  kind: r.kind,
  currentMaximum: r.currentMaximum,
  requestedMaximum: r.requestedMaximum,
  reason: r.reason,
  status: r.status,
  requestedBy: r.requestedBy,
  requestedAt: r.requestedAt.toISOString(),
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  approvedMaximum: r.approvedMaximum,
  refusalReasons: r.refusalReasons,
});
export const quotaRequestListResponse = z.object({ quotaRequests: z.array(quotaRequestView).describe('Newest first') }).meta({ id: 'QuotaRequestList' });

export const quotaRequestListQuery = z.strictObject({
  status: z.enum(['pending', 'approved', 'refused']).optional().describe('Only requests with this status'),
  limit: pageLimit('Requests'),
});
export const organisationQuotaRequestsQuery = z.strictObject({ limit: pageLimit('Requests') });
