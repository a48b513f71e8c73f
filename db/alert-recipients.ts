/**
 * Who is told about a deadline: the active accounts of a staff role, and the
 * accounts acting for a party of a case (an individual linked to the party by
 * the registry, or an organisation user the organisation assigned to it).
 */
import type { Pool } from 'pg';

export interface Recipient {
  accountId: string;
  /** The party they act as or for; absent for staff. */
  partyId?: string;
}

/** Every active account holding `role` (the registry's officers, the adjudicators). */
export async function staffAccounts(pool: Pool, role: 'registry-officer' | 'adjudicator'): Promise<Recipient[]> {
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM accounts WHERE role = $1 AND status = 'active' ORDER BY id`, [role]);
  return rows.map((r) => ({ accountId: r.id }));
}

/** The active accounts acting for `partyId` in the case, or for any of its parties when `partyId` is null. */
export async function partyAccounts(pool: Pool, caseNo: string, partyId: string | null): Promise<Recipient[]> {
  const { rows } = await pool.query<{ account_id: string; party_id: string }>(
    `SELECT l.account_id, l.party_id FROM case_party_links l JOIN accounts a ON a.id = l.account_id
      WHERE l.case_no = $1 AND ($2::text IS NULL OR l.party_id = $2) AND a.status = 'active'
     UNION
     SELECT s.account_id, s.party_id FROM case_assignments s
       JOIN case_party_links l ON l.case_no = s.case_no AND l.organisation_id = s.organisation_id AND l.party_id = s.party_id
       JOIN accounts a ON a.id = s.account_id
      WHERE s.case_no = $1 AND ($2::text IS NULL OR s.party_id = $2) AND a.status = 'active'
     ORDER BY 1, 2`,
    [caseNo, partyId],
  );
  return rows.map((r) => ({ accountId: r.account_id, partyId: r.party_id }));
}
