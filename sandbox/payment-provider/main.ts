/**
 * Runs the sandbox payment provider as a process:
 *
 *   node dist/sandbox/payment-provider/main.js
 *
 *   PSP_SANDBOX_PORT                 port (7480; 0 takes any free one)
 *   PSP_SANDBOX_HOST                 where to listen (127.0.0.1)
 *   PSP_SANDBOX_STATE                the state file (.data/payment-sandbox/state.json)
 *   PSP_SANDBOX_PUBLIC_URL           the address payers reach it at, if not the one listened on
 *   PSP_SANDBOX_API_KEY              the merchants' bearer key, or PSP_SANDBOX_API_KEY_FILE
 *   PSP_SANDBOX_SIGNING_SECRET       the callbacks' signing secret, or PSP_SANDBOX_SIGNING_SECRET_FILE
 *
 * courtflow then points at it with PSP_URL, PSP_API_KEY and
 * PSP_SIGNING_SECRET (the same key and secret). Secrets are never printed.
 * SIGTERM or SIGINT closes it cleanly (state is already on disk).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createSandboxProvider } from './server';

class UsageError extends Error {}

/** `NAME` or the content of the file `NAME_FILE` names, never both; the error names the variable only. */
function secret(env: NodeJS.ProcessEnv, name: string): string {
  const direct = env[name]?.trim() || undefined;
  const file = env[`${name}_FILE`]?.trim() || undefined;
  if (direct !== undefined && file !== undefined) throw new UsageError(`set ${name} or ${name}_FILE, not both`);
  if (file !== undefined) {
    try {
      const value = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
      if (value !== '') return value;
    } catch (err) {
      throw new UsageError(`${name}_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (direct !== undefined) return direct;
  throw new UsageError(`${name} (or ${name}_FILE) is required`);
}

function port(env: NodeJS.ProcessEnv): number {
  const text = env['PSP_SANDBOX_PORT']?.trim() || '7480';
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || value > 65535) throw new UsageError(`PSP_SANDBOX_PORT: "${text}" is not a port (0 to 65535)`);
  return value;
}

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const sandbox = await createSandboxProvider({
    port: port(env),
    host: env['PSP_SANDBOX_HOST']?.trim() || '127.0.0.1',
    stateFile: path.resolve(env['PSP_SANDBOX_STATE']?.trim() || path.join('.data', 'payment-sandbox', 'state.json')),
    apiKey: secret(env, 'PSP_SANDBOX_API_KEY'),
    signingSecret: secret(env, 'PSP_SANDBOX_SIGNING_SECRET'),
    ...(env['PSP_SANDBOX_PUBLIC_URL']?.trim() ? { publicUrl: env['PSP_SANDBOX_PUBLIC_URL'].trim() } : {}),
    log: (line) => console.log(`payment sandbox: ${line}`),
  });
  console.log(`payment sandbox listening on ${sandbox.url}`);
  const stop = (signal: NodeJS.Signals) => {
    console.log(`payment sandbox: ${signal}, closing`);
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`payment sandbox: close failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main(process.env).catch((err: unknown) => {
  console.error(`payment sandbox: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
