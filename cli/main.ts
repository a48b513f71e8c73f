#!/usr/bin/env node
/**
 * The `courtflow` command.
 *
 *   courtflow start        the whole stack (Temporal, PostgreSQL, worker, API)
 *   courtflow worker       one worker process (needs TEMPORAL_ADDRESS, DATABASE_URL)
 *   courtflow api          one API process (needs TEMPORAL_ADDRESS, DATABASE_URL)
 *   courtflow migrate      apply database migrations (needs DATABASE_URL)
 *   courtflow setup        install the pinned Temporal binaries if missing
 *   courtflow deadline …   when is it due, and why
 *   courtflow closure …    declare or list closure days (through the API)
 *   courtflow audit verify check the audit log's hash chain and its anchors, saying what it checked
 *   courtflow audit list   the audit log, newest first, filtered by case, actor, action, time
 *   courtflow replay …     replay case histories against today's workflow code
 *   courtflow export …     write a case bundle, signed with the audit key
 *   courtflow verify …     check a case bundle offline
 *
 * `courtflow <command> --help` prints that command's help and does nothing
 * else. The commands themselves are in `cli/run.ts`.
 */
import { ConfigError } from '../config';
import { runCli } from './run';
import { TemporalBinaryMissingError } from './stack/temporal-binaries';

/** Commands that run until stopped; they end the process themselves. */
const SERVING = new Set(['start', 'worker', 'api']);
const command = process.argv[2];

/**
 * A one-shot command ends once its output is written: a Temporal runtime
 * (replay, export) keeps native handles that would otherwise hold the
 * process open after the answer is given.
 */
function finish(code: number): void {
  process.exitCode = code;
  if (command !== undefined && SERVING.has(command)) return;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

runCli(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }).then(finish, (err: unknown) => {
  const known = err instanceof ConfigError || err instanceof TemporalBinaryMissingError;
  console.error(`courtflow: ${known ? (err as Error).message : err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  finish(1);
});
