/**
 * What the notification routes accept (api/notifications/schemas.ts): the
 * preferences (email on only with an address), webhooks (http or https URLs
 * without credentials or fragment, event types), the deliveries' filters;
 * and where a webhook may not go (activities/notifications/webhook-post.ts).
 */
import { isInternalAddress } from '../../activities/notifications/webhook-post';
import { deliveryQuery, preferencesBody, webhookBody } from '../../api/notifications/schemas';
import { configSchema } from '../../config';

/** The issues of a failed parse, as the API names them: field and rule (a refinement's own rule where it names one). */
function refusals(result: { success: boolean; error?: { issues: { path: PropertyKey[]; code: string; params?: Record<string, unknown> }[] } }) {
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((i) => ({ field: i.path.join('.'), rule: typeof i.params?.rule === 'string' ? i.params.rule : i.code }));
}

describe('the preferences body', () => {
  it('when email is on with an address and webhooks off, then it is accepted', () => {
    const body = { email: { address: 'chan.tai.man@example.hk', enabled: true }, webhooks: { enabled: false } };
    expect(preferencesBody.parse(body)).toEqual(body);
  });

  it('when email is off without an address, then it is accepted (the default state)', () => {
    expect(preferencesBody.safeParse({ email: { address: null, enabled: false }, webhooks: { enabled: true } }).success).toBe(true);
  });

  it('when email is turned on without an address, then email.enabled is refused by the rule address-required', () => {
    expect(refusals(preferencesBody.safeParse({ email: { address: null, enabled: true }, webhooks: { enabled: true } }))).toEqual([
      { field: 'email.enabled', rule: 'address-required' },
    ]);
  });

  it('when the address is not one, or a field is unknown or missing, then each is named', () => {
    expect(refusals(preferencesBody.safeParse({ email: { address: 'not an address', enabled: true }, webhooks: { enabled: true } }))).toEqual([
      { field: 'email.address', rule: 'invalid_format' },
    ]);
    expect(refusals(preferencesBody.safeParse({ email: { address: null, enabled: false }, webhooks: { enabled: true }, sms: true }))[0]?.rule).toBe('unrecognized_keys');
    expect(refusals(preferencesBody.safeParse({ email: { address: null, enabled: 'yes' } })).map((r) => r.field)).toEqual(['email.enabled', 'webhooks']);
  });
});

describe('a new webhook', () => {
  it('when the URL is https or http, then it is accepted and receives every event unless told which', () => {
    expect(webhookBody.parse({ url: 'https://hooks.example.hk/courtflow' })).toEqual({ url: 'https://hooks.example.hk/courtflow', events: ['*'] });
    expect(webhookBody.parse({ url: 'http://receiver.example.hk:8080/x?y=1', events: ['deadline.alert', 'digest.daily'], description: 'case system' }).events).toEqual([
      'deadline.alert',
      'digest.daily',
    ]);
  });

  it('when the URL is not http or https, or not a URL, then url is refused', () => {
    for (const url of ['ftp://example.hk/x', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', '/relative/path', 'mailto:a@example.hk']) {
      expect(refusals(webhookBody.safeParse({ url }))).toEqual([{ field: 'url', rule: 'invalid_format' }]);
    }
  });

  it('when the URL carries a user name or password, or a fragment, then url is refused by its rule', () => {
    expect(refusals(webhookBody.safeParse({ url: 'https://user:secret@example.hk/hook' }))).toEqual([{ field: 'url', rule: 'no-credentials' }]);
    expect(refusals(webhookBody.safeParse({ url: 'https://example.hk/hook#part' }))).toEqual([{ field: 'url', rule: 'no-fragment' }]);
  });

  it('when an event type is not dotted lower-case words (or *), or there are none, then events is refused', () => {
    expect(refusals(webhookBody.safeParse({ url: 'https://example.hk/h', events: ['Deadline Alert'] }))).toEqual([{ field: 'events.0', rule: 'event-type' }]);
    expect(refusals(webhookBody.safeParse({ url: 'https://example.hk/h', events: [] }))).toEqual([{ field: 'events', rule: 'too_small' }]);
  });
});

describe('the deliveries query', () => {
  it('when filtered by status and channel, then those are taken; anything else is refused', () => {
    expect(deliveryQuery.parse({ status: 'dead', channel: 'webhook', limit: '10' })).toEqual({ status: 'dead', channel: 'webhook', limit: 10 });
    expect(refusals(deliveryQuery.safeParse({ status: 'lost' })).map((r) => r.field)).toEqual(['status']);
    expect(refusals(deliveryQuery.safeParse({ channel: 'sms' })).map((r) => r.field)).toEqual(['channel']);
  });
});

describe('where a webhook may go', () => {
  it('when an address is loopback, private, link-local or unspecified, then it is internal', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
      expect([address, isInternalAddress(address)]).toEqual([address, true]);
    }
  });

  it('when an address is public, then it is not', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect([address, isInternalAddress(address)]).toEqual([address, false]);
  });
});

describe('the notification configuration', () => {
  it('when SMTP_URL is smtp or smtps, then it is taken; anything else stops the start naming it', () => {
    expect(configSchema.parse({ SMTP_URL: 'smtp://127.0.0.1:7425' }).SMTP_URL).toBe('smtp://127.0.0.1:7425');
    expect(configSchema.parse({ SMTP_URL: 'smtps://user:pw@mail.example.hk' }).SMTP_URL).toBe('smtps://user:pw@mail.example.hk');
    const bad = configSchema.safeParse({ SMTP_URL: 'http://mail.example.hk' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['SMTP_URL']);
  });

  it('when nothing is set, then the defaults: mail sink ports 7425 and 7481, 8 attempts from 5 s, no internal webhook addresses', () => {
    const config = configSchema.parse({});
    expect(config.SMTP_URL).toBeUndefined();
    expect(config).toMatchObject({
      MAIL_SINK_PORT: 7425,
      MAIL_SINK_HTTP_PORT: 7481,
      NOTIFICATION_RETRY_INITIAL_SECONDS: 5,
      NOTIFICATION_RETRY_MAX_INTERVAL_SECONDS: 600,
      NOTIFICATION_RETRY_MAX_ATTEMPTS: 8,
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: false,
    });
  });
});
