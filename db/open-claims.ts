/**
 * A claimant's open small claims against a defendant, for the s.8 check at
 * filing. Names are recorded with each filing (`recordClaimNames`, in the
 * filing's transaction) keyed as the domain compares them, so a claim filed a
 * moment ago counts before its read model exists.
 */
import type { Pool, PoolClient } from 'pg';
import type { SmallClaim } from '../domain/sct/claim';
import type { OtherClaim } from '../domain/sct/jurisdiction';

/** The domain's loose name comparison (jurisdiction.ts), as a key. */
export const nameKey = (name: string) => name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();

export async function recordClaimNames(tx: PoolClient, caseNo: string, claim: SmallClaim): Promise<void> {
  const claimants = [...claim.claimants, ...(claim.representedPersons ?? [])].map((p) => nameKey(p.name));
  const defendants = claim.defendants.map((d) => nameKey(d.name));
  await tx.query(
    `INSERT INTO sct_claim_names (case_no, side, name_key)
     SELECT $1, side, name_key FROM unnest($2::text[], $3::text[]) AS n(side, name_key)
     ON CONFLICT DO NOTHING`,
    [caseNo, [...claimants.map(() => 'claimant'), ...defendants.map(() => 'defendant')], [...claimants, ...defendants]],
  );
}

/** Claims not closed or transferred (or not yet in the read model) in which one of `claimants` claims and one of `defendants` is sued. */
export async function openClaimsBetween(pool: Pool, claimants: readonly string[], defendants: readonly string[], limit = 50): Promise<OtherClaim[]> {
  const { rows } = await pool.query<{ case_no: string; claim: SmallClaim }>(
    `SELECT f.case_no, f.input -> 'claim' AS claim
       FROM sct_filings f
       LEFT JOIN sct_cases c ON c.case_no = f.case_no
      WHERE (c.stage IS NULL OR c.stage NOT IN ('closed', 'transferred'))
        AND f.case_no IN (SELECT case_no FROM sct_claim_names WHERE side = 'claimant' AND name_key = ANY($1::text[]))
        AND f.case_no IN (SELECT case_no FROM sct_claim_names WHERE side = 'defendant' AND name_key = ANY($2::text[]))
      ORDER BY f.case_no
      LIMIT $3`,
    [claimants.map(nameKey), defendants.map(nameKey), limit],
  );
  return rows.map((r) => ({ caseNumber: r.case_no, claim: r.claim }));
}
