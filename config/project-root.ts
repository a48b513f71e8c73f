import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding courtflow's package.json, found by walking up from this
 * file, so the same answer comes back whether code runs from `dist/` or from
 * TypeScript sources under jest.
 */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'courtflow') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`courtflow's package.json was not found above ${__dirname}`);
    dir = parent;
  }
}

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}
