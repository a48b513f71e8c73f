/**
 * The web console at `/console/`: one page and its bundle (console/, built
 * into dist/console/ by `npm run build`), served from this process like the
 * API docs, with nothing from any other origin. The console calls the same
 * public API the docs describe; it has no route of its own here.
 *
 *   /                        redirects to /console/
 *   /console/assets/<file>   the bundle: app.js, app.css and their source maps
 *   /console, /console/…     the page; the console reads the address itself
 *
 * The Content-Security-Policy allows scripts, styles, fonts, images and
 * fetches from this origin only: no inline script or style, no eval, no
 * framing, and the page's forms post nowhere but here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import { projectRoot } from '../config/project-root';
import { Problem } from './problem';

export const CONSOLE_PATH = '/console';

export const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Where `npm run build` puts the console (console/build.mjs). */
export const consoleDir = () => path.join(projectRoot(), 'dist', 'console');

export function consoleRoutes(dir: string = consoleDir()): express.Router {
  const router = express.Router();
  const page = path.join(dir, 'index.html');
  router.get('/', (_req, res) => {
    res.redirect(302, `${CONSOLE_PATH}/`);
  });
  router.use(
    `${CONSOLE_PATH}/assets`,
    express.static(path.join(dir, 'assets'), { index: false, etag: false, lastModified: false, fallthrough: true, redirect: false }),
  );
  router.get([CONSOLE_PATH, `${CONSOLE_PATH}/*rest`], (req, res) => {
    // An asset that does not exist is a 404, not the page (a script tag must never get HTML back).
    if (req.path.startsWith(`${CONSOLE_PATH}/assets/`)) throw new Problem(404, 'not-found', 'Not found', `No console file ${req.path}`);
    if (!existsSync(page)) throw new Problem(503, 'console-not-built', 'Console not built', 'The web console has not been built: run `npm run build`');
    res.set('Content-Security-Policy', CONSOLE_CONTENT_SECURITY_POLICY);
    res.sendFile(page, { etag: false, lastModified: false });
  });
  return router;
}
