/**
 * A test stack whose document store is its own: a fresh data dir, the local
 * store, and upload limits small enough to pass in a test, set in the
 * environment the document operations read on first use
 * (services/documents/setup.ts), as the API process reads them. `stop()`
 * puts the environment back and removes the data dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestStack, type TestStack } from './stack';

export interface DocumentTestStack {
  stack: TestStack;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startDocumentTestStack(prefix: string, limits: { maxBytes: number; maxPages: number }): Promise<DocumentTestStack> {
  const savedEnv = { ...process.env };
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  process.env.COURTFLOW_DATA_DIR = dataDir;
  process.env.COURTFLOW_DOCUMENT_MAX_BYTES = String(limits.maxBytes);
  process.env.COURTFLOW_DOCUMENT_MAX_PAGES = String(limits.maxPages);
  process.env.COURTFLOW_DOCUMENT_STORE = 'local';
  const restore = () => {
    process.env = savedEnv;
    rmSync(dataDir, { recursive: true, force: true });
  };
  let stack: TestStack;
  try {
    stack = await startTestStack();
  } catch (err) {
    restore();
    throw err;
  }
  return {
    stack,
    dataDir,
    stop: async () => {
      try {
        await stack.stop();
      } finally {
        restore();
      }
    },
  };
}
