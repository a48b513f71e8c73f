/**
 * Which database the `courtflow audit` commands read: DATABASE_URL or, when
 * that is unset, the embedded PostgreSQL of this data dir as its application
 * role (`courtflow start` must be running).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import { embeddedRoleUrls } from '../stack/embedded-postgres';

/** The embedded server's URL (its application role), from the password files; undefined when there are none. */
function embeddedDatabaseUrl(dataDir: string, port: number): string | undefined {
  const roles = embeddedRoleUrls(dataDir, port);
  if (roles) return roles.appUrl;
  // A data dir provisioned before the roles existed: its superuser.
  const passwordFile = path.join(dataDir, 'postgres', 'password');
  if (!existsSync(passwordFile)) return undefined;
  const password = readFileSync(passwordFile, 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/courtflow`;
}

/** DATABASE_URL, else the embedded server's; undefined when there is neither. */
export function auditDatabaseUrl(config: Pick<Config, 'DATABASE_URL' | 'dataDir' | 'POSTGRES_PORT'>): string | undefined {
  return config.DATABASE_URL ?? embeddedDatabaseUrl(config.dataDir, config.POSTGRES_PORT);
}
