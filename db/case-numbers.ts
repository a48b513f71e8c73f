import type { PoolClient } from 'pg';

/**
 * Takes the next serial of a series for a year. Must run inside the
 * transaction that records what the number is for: the row lock serialises
 * concurrent filings, and a rollback returns the number, so numbers are
 * never duplicated and never skipped.
 */
export async function nextSerial(tx: PoolClient, series: string, year: number): Promise<number> {
  const { rows } = await tx.query<{ last_value: number }>(
    `INSERT INTO case_number_counters (series, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (series, year) DO UPDATE SET last_value = case_number_counters.last_value + 1
     RETURNING last_value`,
    [series, year],
  );
  const row = rows[0];
  if (!row) throw new Error(`no serial returned for ${series} ${year}`);
  return row.last_value;
}
