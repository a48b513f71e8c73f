// Bundles the console for the browser (`npm run build` runs it after tsc):
// console/main.tsx and all it imports, Preact included, into
// dist/console/assets/app.js and app.css, and the page itself into
// dist/console/index.html, which api/console-page.ts serves. Nothing is
// fetched from anywhere else at run time.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '..', 'dist', 'console');

rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, 'assets'), { recursive: true });
await build({
  entryPoints: { app: path.join(here, 'main.tsx') },
  outdir: path.join(out, 'assets'),
  bundle: true,
  format: 'esm',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  minify: true,
  sourcemap: 'linked',
  tsconfig: path.join(here, 'tsconfig.json'),
  logLevel: 'warning',
});
copyFileSync(path.join(here, 'index.html'), path.join(out, 'index.html'));
