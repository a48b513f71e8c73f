/**
 * The payment provider the configuration names. The settings are read from
 * the environment by `config/payment-provider.ts` (`loadPaymentProviderConfig`,
 * PSP_URL, PSP_API_KEY(_FILE), PSP_SIGNING_SECRET(_FILE)) and handed in here
 * by the process that builds the activities, as the document store's are
 * (db/document-store/configured.ts): activities/ may not import config/.
 */
import type { PaymentProvider } from './provider';
import { createSandboxPaymentProvider } from './sandbox-adapter';

/** The settings that configure the provider (the shape config/payment-provider.ts loads, by name). */
export interface PaymentProviderSettings {
  url: string;
  apiKey: string;
  signingSecret: string;
}

/**
 * The provider for these settings, or null when none is configured (then
 * payment through a provider is off; prepayment still works). Every provider
 * courtflow can reach today speaks the sandbox's API; a real provider gets
 * its own adapter and a setting to choose it.
 */
export function paymentProviderOf(settings: PaymentProviderSettings | null): PaymentProvider | null {
  if (settings === null) return null;
  return createSandboxPaymentProvider({ baseUrl: settings.url, apiKey: settings.apiKey, signingSecret: settings.signingSecret });
}
