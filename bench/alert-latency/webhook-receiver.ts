/**
 * A webhook receiver on loopback, as an account's own system would run one:
 * it notes when each delivery's body has fully arrived, keeps what it needs
 * to check the signature later (so checking costs the measured path
 * nothing), and answers 204.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '../../db/notifications/webhook-signature';

export interface WebhookArrival {
  /** Epoch ms when the whole body had arrived. */
  at: number;
  /** The alert it carries (`data.alertId`), when it carries one. */
  alertId: string | undefined;
  signature: string | undefined;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  arrivals(): readonly WebhookArrival[];
  /** How many arrivals are not signed with `secret`, and the first reason. */
  unsigned(secret: string): { count: number; first?: string };
  close(): Promise<void>;
}

const alertIdIn = (body: string): string | undefined => {
  try {
    const parsed = JSON.parse(body) as { data?: { alertId?: unknown } };
    return typeof parsed.data?.alertId === 'string' ? parsed.data.alertId : undefined;
  } catch {
    return undefined;
  }
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const arrivals: WebhookArrival[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = Date.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const header = req.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()];
      arrivals.push({ at, alertId: alertIdIn(body), signature: Array.isArray(header) ? header[0] : header, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/courtflow-alerts`,
    arrivals: () => arrivals,
    unsigned(secret) {
      let count = 0;
      let first: string | undefined;
      for (const a of arrivals) {
        // Checked against the arrival's own clock: the tolerance is about replays, not about this check being late.
        const verdict = verifyWebhookSignature(secret, a.signature, a.body, a.at / 1000);
        if (verdict.ok) continue;
        count += 1;
        first ??= verdict.reason;
      }
      return { count, ...(first ? { first } : {}) };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
