/**
 * A case bundle on disk (services/export/bundle-format.ts): written by
 * `courtflow export`, read back whole by `courtflow verify` and, for its
 * histories, by `courtflow replay --dir`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_FILES } from '../../services/export/bundle-format';
import type { BundleFile } from '../../services/export/case-bundle';

/** Whether `dir` is a bundle: it has a manifest. */
export const isBundleDirectory = (dir: string): boolean => existsSync(path.join(dir, BUNDLE_FILES.manifest));

/** Every file under `dir`, by its path inside the bundle (forward slashes), so extra files are seen too. */
export function readBundleDirectory(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(dir, relative)).sort()) {
      const inBundle = relative === '' ? name : `${relative}/${name}`;
      const full = path.join(dir, inBundle);
      if (statSync(full).isDirectory()) walk(inBundle);
      else files.set(inBundle, readFileSync(full));
    }
  };
  walk('');
  return files;
}

/** Writes the bundle into `dir`, which must not exist or be empty (a bundle is never merged into another). */
export function writeBundleDirectory(dir: string, files: readonly BundleFile[]): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} exists and is not empty`);
  for (const file of files) {
    const full = path.join(dir, ...file.path.split('/'));
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, file.bytes, { flag: 'wx' });
  }
}
