/**
 * The API process: `courtflow api`. Serves HTTP until SIGINT, SIGTERM or SIGHUP,
 * and on start (then every minute) starts any accepted filing whose
 * workflow start was interrupted; and, every COURTFLOW_AUDIT_ANCHOR_MINUTES,
 * signs the audit chain's head (services/audit-anchor.ts).
 */
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { loadConfig } from '../config';
import { packageVersion } from '../config/project-root';
import { createPool } from '../db/pool';
import { currentCalendar } from '../db/court-calendar';
import { createApp } from './app';
import { answerMalformedRequests } from './malformed-requests';
import { notificationConfigOf } from '../config/notifications';
import { loadPaymentProviderConfig } from '../config/payment-provider';
import { paymentProviderOf } from '../db/payment-provider/configured';
import { loadIdentityConfig } from '../config/identity';
import { createTokenService } from './identity/tokens';
import { syncCalendarOnStart } from '../services/calendar/broadcast';
import { startPendingCases } from '../services/sct/file-claim';
import { anchorJournal, startAuditAnchoring } from '../services/audit-anchor';
import { admitNewWork, taskQueueBacklog } from '../services/intake/worker-backlog';
import { SCT_TASK_QUEUE } from '../workflows/sct/contract';
import { trainingClock, wallClock } from '../services/training/court-clock';
import { markPapersAsTraining } from '../papers/render';

export async function runApi(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig(env);
  if (!config.TEMPORAL_ADDRESS || !config.DATABASE_URL) {
    throw new Error('the API needs TEMPORAL_ADDRESS and DATABASE_URL (courtflow start sets both)');
  }
  const identity = loadIdentityConfig(env, config.dataDir);
  const tokens = createTokenService({ secret: identity.tokenSecret, ttlSeconds: identity.tokenTtlSeconds });
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'courtflow-api' } });
  // Where the secret came from, never the secret.
  logger.info({ tokenSecret: identity.tokenSecretSource, tokenTtlSeconds: identity.tokenTtlSeconds }, 'access tokens configured');
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const pool = createPool(config.DATABASE_URL);
  // Training: today is the simulated court clock's, and every paper says it is training.
  const clock = config.COURTFLOW_TRAINING ? await trainingClock(config.TEMPORAL_ADDRESS) : wallClock();
  if (clock.training) {
    markPapersAsTraining();
    logger.warn({ courtTime: clock.now().toISOString() }, 'TRAINING: the court clock is simulated; nothing here is real');
  }
  // One look at the queue a second, shared by every filing in it.
  const backlog = taskQueueBacklog(temporal, SCT_TASK_QUEUE);
  const app = createApp({
    pool,
    temporal,
    logger,
    calendar: () => currentCalendar(pool),
    version: packageVersion(),
    tokens,
    trustedProxies: config.COURTFLOW_TRUSTED_PROXIES,
    corsOrigins: config.COURTFLOW_CORS_ORIGINS,
    verifyWithinDays: config.COURTFLOW_REGISTRATION_VERIFY_DAYS,
    paymentProvider: paymentProviderOf(loadPaymentProviderConfig(env)),
    notificationRetry: notificationConfigOf(config).retry,
    admitNewWork: () => admitNewWork(backlog, { seconds: config.FILING_BACKLOG_LIMIT_SECONDS, tasks: config.FILING_BACKLOG_MIN_TASKS }),
    clock,
  });

  const reconcile = async () => {
    try {
      const started = await startPendingCases({ pool, temporal });
      if (started.length > 0) logger.warn({ cases: started }, 'started workflows of filings whose start had been interrupted');
    } catch (err) {
      logger.error({ err }, 'could not start pending cases; will retry');
    }
  };
  await reconcile();
  // A newer holiday list in this release (a provisional year gazetted) reaches running cases once.
  await syncCalendarOnStart({ pool, temporal }, logger);
  const sweep = setInterval(() => void reconcile(), 60_000);
  const anchoring = startAuditAnchoring(pool, config, logger, anchorJournal(config.dataDir, config.DATABASE_URL));

  const server = answerMalformedRequests(app.listen(config.PORT, config.API_HOST, () => logger.info({ host: config.API_HOST, port: config.PORT }, 'API listening')));
  // SIGHUP too: a closed terminal stops the API as Ctrl-C would. A second signal is not caught: it ends the process at once.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  await new Promise<void>((resolve) => {
    const stop = () => {
      for (const signal of signals) process.removeListener(signal, stop);
      clearInterval(sweep);
      anchoring.stop();
      server.close(() => resolve());
      server.closeIdleConnections();
    };
    for (const signal of signals) process.on(signal, stop);
  });
  await connection.close();
  await clock.close();
  await pool.end();
}
