/**
 * A case bundle as one file to download: a tar archive (POSIX ustar) whose
 * entries are the bundle's files under `<reference>-bundle/`, so that
 * `tar -xf` gives the directory `courtflow verify` checks. Every entry is
 * dated with the manifest's export time and owned by no one, so the same
 * bundle always archives to the same bytes.
 */
import { pack } from 'tar-stream';
import type { BundleFile } from './case-bundle';

export const BUNDLE_ARCHIVE_TYPE = 'application/x-tar';

export const bundleArchiveName = (reference: string) => `${reference}-bundle.tar`;

export async function bundleArchive(reference: string, files: readonly BundleFile[], exportedAt: Date): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    archive.on('data', (chunk: unknown) => chunks.push(Buffer.from(chunk as Uint8Array)));
    archive.on('end', () => resolve(Buffer.concat(chunks)));
    archive.on('error', reject);
  });
  const folder = `${reference}-bundle`;
  const made = new Set<string>();
  const entry = (header: Parameters<typeof archive.entry>[0], bytes?: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const callback = (err?: Error | null) => (err ? reject(err) : resolve());
      if (bytes) archive.entry(header, bytes, callback);
      else archive.entry(header, callback);
    });
  const common = { mtime: exportedAt, uid: 0, gid: 0, uname: '', gname: '' };
  await entry({ ...common, name: `${folder}/`, type: 'directory', mode: 0o755 });
  for (const file of files) {
    // Each folder once, before its first file (histories/, documents/).
    const parts = file.path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (made.has(dir)) continue;
      made.add(dir);
      await entry({ ...common, name: `${folder}/${dir}/`, type: 'directory', mode: 0o755 });
    }
    await entry({ ...common, name: `${folder}/${file.path}`, type: 'file', mode: 0o644, size: file.bytes.length }, file.bytes);
  }
  archive.finalize();
  return done;
}
