/**
 * Histories kept in files, for `courtflow replay --dir`: every `*.json` in a
 * directory, each read by the first reader that recognises it. A file no
 * reader recognises, or one that cannot be parsed, is reported as unreadable
 * rather than stopping the run, so one bad file never hides the others.
 *
 * A case bundle of `courtflow export` is read through its manifest: the
 * directory given may be a bundle, or hold bundles (one directory each) beside
 * plain history files; `bundleHistoryReader` returns each run of the case,
 * with its workflow ID and run ID (`courtflow verify` checks the bundle's
 * integrity; replay only reads it).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON, type History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { BUNDLE_FILES, BUNDLE_FORMAT, manifestSchema } from '../../services/export/bundle-format';

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

/** A history as protobufjs's object form or proto3 JSON, told apart by how its first event's time is written. */
function historyOf(json: unknown): History {
  if (!isRecord(json) || !Array.isArray(json.events) || !isRecord(json.events[0])) throw new Error('the history has no events');
  return typeof json.events[0].eventTime === 'string' ? historyFromJSON(json) : temporal.api.history.v1.History.fromObject(json);
}

/**
 * A case bundle's manifest (`courtflow export`): every run it lists, oldest
 * first, under the case's workflow ID and each run's own ID.
 */
export const bundleHistoryReader: HistoryFileReader = (file, json) => {
  if (!isRecord(json) || json.format !== BUNDLE_FORMAT) return undefined;
  const manifest = manifestSchema.parse(json);
  const dir = path.dirname(file);
  return manifest.runs.map((run) => {
    const origin = path.join(dir, ...run.file.split('/'));
    return { workflowId: manifest.reference, runId: run.runId, origin, history: historyOf(JSON.parse(readFileSync(origin, 'utf8'))) };
  });
};

/** Tried in order; the first to recognise a file reads it. */
export const HISTORY_FILE_READERS: readonly HistoryFileReader[] = [bundleHistoryReader, plainHistoryReader];

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

const manifestIn = (dir: string) => path.join(dir, BUNDLE_FILES.manifest);

/**
 * The files to read in `dir`, in name order (so reports read the same every
 * run): a bundle's manifest alone when `dir` is a bundle; otherwise the
 * `*.json` files directly in it and the manifest of each bundle directory in it.
 */
export function historyFilesIn(dir: string): string[] {
  if (existsSync(manifestIn(dir))) return [manifestIn(dir)];
  return readdirSync(dir)
    .sort()
    .map((name) => path.join(dir, name))
    .flatMap((entry) => {
      const stat = statSync(entry);
      if (stat.isFile() && entry.endsWith('.json')) return [entry];
      if (stat.isDirectory() && existsSync(manifestIn(entry))) return [manifestIn(entry)];
      return [];
    });
}

/** Every run held by the files of `dir`, read one file at a time (histories are large). */
export function* historiesInDirectory(dir: string, readers: readonly HistoryFileReader[] = HISTORY_FILE_READERS): Generator<HistoryItem> {
  for (const file of historyFilesIn(dir)) yield* readHistoryFile(file, readers);
}
