/**
 * Documents on local disk, under the data dir: `<root>/ab/cd/<sha256>`
 * (two levels of fan-out, so no directory grows past 65,536 entries).
 *
 * Each object is written to a temporary file in `<root>/.tmp`, on the same
 * filesystem, flushed, and renamed into place: a reader sees the whole
 * object or none, and a crash leaves at most a stray temporary file, never a
 * half-written document. Files are 0600 and directories 0700, like the rest
 * of the data dir. Keys are content addresses, so a second put of the same
 * bytes finds the object there and writes nothing.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { meter } from './meter';
import { assertStoreKey, DocumentNotStored, StoredContentMismatch, type DocumentStore, type StoredObject } from './store';

export function localDiskStore(root: string): DocumentStore {
  const tmpDir = path.join(root, '.tmp');
  const pathOf = (key: string) => {
    assertStoreKey(key);
    return path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  };
  const existing = async (file: string) => {
    try {
      return (await stat(file)).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  };

  return {
    kind: 'local',

    async put(key: string, content: Readable, bytes: number): Promise<StoredObject> {
      const file = pathOf(key);
      const stored = await existing(file);
      if (stored !== undefined) {
        // The same bytes are here already (the name is their hash): keep the one copy.
        content.destroy();
        return { key, bytes: stored, sha256: key };
      }
      await mkdir(tmpDir, { recursive: true, mode: 0o700 });
      const tmp = path.join(tmpDir, `${randomUUID()}.part`);
      try {
        const measured = meter(key, bytes);
        await pipeline(content, measured, createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
        const actual = measured.result();
        if (actual.sha256 !== key || actual.bytes !== bytes) throw new StoredContentMismatch(key, actual);
        await flush(tmp);
        await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
        // Atomic on one filesystem. Two puts of the same bytes at once both
        // rename identical content into place, and either result is right.
        await rename(tmp, file);
        await flush(path.dirname(file));
        return { key, bytes: actual.bytes, sha256: actual.sha256 };
      } finally {
        await rm(tmp, { force: true });
      }
    },

    async get(key: string): Promise<Readable> {
      try {
        // Opened here, so a missing object is an error of this call, not of the stream later.
        const handle = await open(pathOf(key), 'r');
        return handle.createReadStream();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new DocumentNotStored(key);
        throw err;
      }
    },

    async exists(key: string): Promise<boolean> {
      return (await existing(pathOf(key))) !== undefined;
    },

    async delete(key: string): Promise<void> {
      await rm(pathOf(key), { force: true });
    },
  };
}

/** fsync a file or a directory (so a rename in it survives a crash). */
async function flush(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
