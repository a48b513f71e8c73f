/**
 * The README lists, for an external PostgreSQL, exactly the grants that
 * `migrate` gives the application role (`grantAppPrivileges`): the list and
 * the code cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PoolClient } from 'pg';
import { projectRoot } from '../../config/project-root';
import { grantAppPrivileges } from '../../db/migrate';

/** A client that answers the two questions grantAppPrivileges asks and records every other statement. */
function recordingClient(tables: string[]): { client: PoolClient; statements: string[] } {
  const statements: string[] = [];
  const client = {
    escapeIdentifier: (name: string) => `"${name.replace(/"/g, '""')}"`,
    query: (sql: string) => {
      if (sql.startsWith('SELECT current_user')) return Promise.resolve({ rows: [{ me: 'courtflow_owner', exists: true }] });
      if (sql.includes('FROM pg_tables')) return Promise.resolve({ rows: tables.map((name) => ({ name })) });
      statements.push(sql);
      return Promise.resolve({ rows: [] });
    },
  } as unknown as PoolClient;
  return { client, statements };
}

describe('the README\'s grants for an external server', () => {
  it('when compared with grantAppPrivileges, then they are the same statements in the same order', async () => {
    const { client, statements } = recordingClient(['accounts', 'audit_log', 'audit_anchors', 'prepayment_ledger', 'audit_chain_head', 'schema_migrations']);
    await grantAppPrivileges(client, 'courtflow_app');
    const readme = readFileSync(path.join(projectRoot(), 'README.md'), 'utf8');
    const block = /<!-- grants:begin -->\s*```sql\n([\s\S]*?)```\s*<!-- grants:end -->/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const listed = block!.trim().split('\n').map((line) => line.replace(/;$/, ''));
    expect(statements.map((sql) => sql.replace(/"courtflow_app"/g, 'courtflow_app'))).toEqual(listed);
  });

  it('when the application role is the migrating role itself, then nothing is granted', async () => {
    const { client, statements } = recordingClient(['audit_log']);
    await grantAppPrivileges(client, 'courtflow_owner');
    expect(statements).toEqual([]);
  });
});
