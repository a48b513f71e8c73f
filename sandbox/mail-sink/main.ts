/**
 * Runs the mail sink as a process:
 *
 *   node dist/sandbox/mail-sink/main.js
 *
 *   MAIL_SINK_PORT         SMTP port (7425; 0 takes any free one)
 *   MAIL_SINK_HTTP_PORT    the viewer's port (7481; 0 takes any free one)
 *   MAIL_SINK_HOST         where both listen (127.0.0.1)
 *   MAIL_SINK_DIR          where messages are kept (.data/mail-sink)
 *
 * courtflow then points at it with SMTP_URL=smtp://127.0.0.1:7425.
 * SIGTERM or SIGINT closes it cleanly (every message is already on disk).
 */
import path from 'node:path';
import { createMailSink } from './server';

class UsageError extends Error {}

function port(env: NodeJS.ProcessEnv, name: string, fallback: string): number {
  const text = env[name]?.trim() || fallback;
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || value > 65535) throw new UsageError(`${name}: "${text}" is not a port (0 to 65535)`);
  return value;
}

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const sink = await createMailSink({
    smtpPort: port(env, 'MAIL_SINK_PORT', '7425'),
    httpPort: port(env, 'MAIL_SINK_HTTP_PORT', '7481'),
    host: env['MAIL_SINK_HOST']?.trim() || '127.0.0.1',
    dir: path.resolve(env['MAIL_SINK_DIR']?.trim() || path.join('.data', 'mail-sink')),
    log: (line) => console.log(`mail sink: ${line}`),
  });
  console.log(`mail sink: SMTP on ${sink.smtpUrl}, messages at ${sink.viewerUrl}`);
  const stop = (signal: NodeJS.Signals) => {
    console.log(`mail sink: ${signal}, closing`);
    sink.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`mail sink: close failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main(process.env).catch((err: unknown) => {
  console.error(`mail sink: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
