/**
 * Histories kept in files, for `courtflow replay --dir`: every `*.json` in a
 * directory, each read by the first reader that recognises it. A file no
 * reader recognises, or one that cannot be parsed, is reported as unreadable
 * rather than stopping the run, so one bad file never hides the others.
 *
 * Export bundles (several runs of a case in one file, with their workflow
 * IDs) are to plug in here: a `HistoryFileReader` that recognises the bundle
 * and returns its runs, put before the plain-history reader in
 * `HISTORY_FILE_READERS`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON, type History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';

/** One run's history, and where it came from (a file, a server). */
export interface HistoryToReplay {
  workflowId: string;
  /** Known when the source says (a server's run, a bundle); a plain history file does not carry it. */
  runId?: string;
  /** Where it came from, for the report: a file path, or the Temporal address. */
  origin: string;
  history: History;
}

/** A history that could not be read: reported as a failure of its own. */
export interface UnreadableHistory {
  workflowId: string;
  runId?: string;
  origin: string;
  problem: string;
}

export type HistoryItem = HistoryToReplay | UnreadableHistory;

export const isUnreadable = (item: HistoryItem): item is UnreadableHistory => 'problem' in item;

/**
 * Recognises one kind of file and returns the runs it holds; undefined when
 * the file is not of its kind (the next reader is tried). Throws when the
 * file is of its kind but broken.
 */
export type HistoryFileReader = (file: string, json: unknown) => HistoryToReplay[] | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A history alone, `{ "events": [...] }`, in either JSON form Temporal
 * tools write: protobufjs's object form (timestamps as `{ seconds, nanos }`,
 * what `test/support/histories.ts` records) or the canonical proto3 JSON
 * (timestamps as RFC 3339 strings: `temporal workflow show --output json`,
 * the Web UI's download). It names no workflow, so the file's name stands
 * for the workflow ID.
 */
export const plainHistoryReader: HistoryFileReader = (file, json) => {
  if (!isRecord(json) || !Array.isArray(json.events)) return undefined;
  const first: unknown = json.events[0];
  if (!isRecord(first)) throw new Error('the history has no events');
  const history = typeof first.eventTime === 'string' ? historyFromJSON(json) : temporal.api.history.v1.History.fromObject(json);
  return [{ workflowId: path.basename(file, '.json'), origin: file, history }];
};

/** Tried in order; the first to recognise a file reads it. */
export const HISTORY_FILE_READERS: readonly HistoryFileReader[] = [plainHistoryReader];

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The runs one file holds, or why it cannot be read. */
export function readHistoryFile(file: string, readers: readonly HistoryFileReader[] = HISTORY_FILE_READERS): HistoryItem[] {
  const unreadable = (problem: string): HistoryItem[] => [{ workflowId: path.basename(file, '.json'), origin: file, problem }];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return unreadable(`not JSON: ${messageOf(error)}`);
  }
  for (const reader of readers) {
    try {
      const runs = reader(file, json);
      if (runs !== undefined) return runs;
    } catch (error) {
      return unreadable(messageOf(error));
    }
  }
  return unreadable('neither a Temporal history ({ "events": [...] }) nor a known export');
}

/** The `*.json` files directly in `dir`, in name order (so reports read the same every run). */
export function historyFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile());
}

/** Every run held by the files of `dir`, read one file at a time (histories are large). */
export function* historiesInDirectory(dir: string, readers: readonly HistoryFileReader[] = HISTORY_FILE_READERS): Generator<HistoryItem> {
  for (const file of historyFilesIn(dir)) yield* readHistoryFile(file, readers);
}
