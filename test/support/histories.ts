/** Keeps a workflow's history under test/fixtures/histories, for the replay test (see record.ts there). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export const HISTORIES_DIR = path.join(__dirname, '..', 'fixtures', 'histories');

export async function saveHistory(name: string, handle: Pick<WorkflowHandle, 'fetchHistory'>): Promise<void> {
  const history = await handle.fetchHistory();
  // protobufjs's own JSON form; the replay test reads it back with History.fromObject.
  const json = temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), { longs: String, enums: String, bytes: String });
  writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), `${JSON.stringify(json, null, 1)}\n`);
}
