/**
 * An external PostgreSQL: DATABASE_URL is the application's role,
 * MIGRATION_DATABASE_URL the owner's. Without the latter (or with the same
 * role in both), migrations run as DATABASE_URL, as before, with a warning.
 */
import { externalDatabaseRoles } from '../../cli/start';

const APP = 'postgres://courtflow_app:a%40b@db.internal:5432/courtflow';
const OWNER = 'postgres://courtflow_owner:secret@db.internal:5432/courtflow';

describe('externalDatabaseRoles', () => {
  it('when both are set to different roles, then migrations use the owner and the app role is granted its privileges, without a warning', () => {
    const warnings: string[] = [];
    expect(externalDatabaseRoles({ DATABASE_URL: APP, MIGRATION_DATABASE_URL: OWNER }, (l) => warnings.push(l))).toEqual({
      appUrl: APP,
      migrationUrl: OWNER,
      appRole: 'courtflow_app',
    });
    expect(warnings).toEqual([]);
  });

  it('when MIGRATION_DATABASE_URL is unset, then DATABASE_URL migrates, no grants are made, and a warning says why that is weaker', () => {
    const warnings: string[] = [];
    expect(externalDatabaseRoles({ DATABASE_URL: APP, MIGRATION_DATABASE_URL: undefined }, (l) => warnings.push(l))).toEqual({
      appUrl: APP,
      migrationUrl: APP,
      appRole: undefined,
    });
    expect(warnings.join('\n')).toMatch(/MIGRATION_DATABASE_URL is not set.*owns the schema/);
  });

  it('when both name the same role, then it warns and grants nothing', () => {
    const warnings: string[] = [];
    expect(externalDatabaseRoles({ DATABASE_URL: OWNER, MIGRATION_DATABASE_URL: OWNER }, (l) => warnings.push(l)).appRole).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/same role/);
  });
});
