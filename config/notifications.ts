/**
 * How notices go out by email and webhook, from the configuration: the SMTP
 * server and sender, the retry policy of every delivery, and whether
 * webhooks may reach internal addresses. The worker sends with these; the
 * API uses the retry policy for an officer's re-send.
 */
import type { DeliveryRetry } from '../domain/notifications/deliveries';
import type { Config } from './index';

export interface NotificationConfig {
  smtpUrl?: string;
  mailFrom: string;
  retry: DeliveryRetry;
  allowPrivateAddresses: boolean;
}

export function notificationConfigOf(config: Config): NotificationConfig {
  return {
    ...(config.SMTP_URL ? { smtpUrl: config.SMTP_URL } : {}),
    mailFrom: config.MAIL_FROM,
    retry: {
      initialIntervalMs: Math.round(config.NOTIFICATION_RETRY_INITIAL_SECONDS * 1000),
      backoffCoefficient: 2,
      maximumIntervalMs: Math.round(Math.max(config.NOTIFICATION_RETRY_MAX_INTERVAL_SECONDS, config.NOTIFICATION_RETRY_INITIAL_SECONDS) * 1000),
      maximumAttempts: config.NOTIFICATION_RETRY_MAX_ATTEMPTS,
    },
    allowPrivateAddresses: config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
  };
}
