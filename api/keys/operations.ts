/**
 * GET /api/v1/keys/audit: the installation's audit public key, which signs
 * the audit chain's anchors and case bundles. Public: a public key is meant
 * to be handed out, and a verifier fetches it once and pins it, so that
 * `courtflow verify --public-key` proves who made a bundle, not only that it
 * is whole.
 */
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { loadConfig } from '../../config';
import { keyIdOf } from '../../db/audit-anchor';
import { auditPublicKey, loadAuditSigningKey } from '../../services/audit-anchor';
import type { Operation } from '../operations';

const auditKey = z
  .object({
    keyId: z.string().describe('First 16 hex digits of the SHA-256 of the key (SPKI DER), as anchors and bundle manifests name it'),
    algorithm: z.literal('Ed25519'),
    publicKeyPem: z.string().describe('The public key, SPKI PEM: save it and pass it to `courtflow verify --public-key`'),
  })
  .meta({ id: 'AuditPublicKey' });

/**
 * The key the API's own anchoring uses: the configured public key, or that
 * of the signing key (created if missing, as the API's first anchoring would).
 */
function configuredAuditKey(): KeyObject {
  const config = loadConfig();
  return auditPublicKey(config) ?? loadAuditSigningKey(config, { create: true })!.publicKey;
}

export function auditKeyOperations(deps: { auditPublicKey?: () => KeyObject }): Operation[] {
  const keyOf = deps.auditPublicKey ?? configuredAuditKey;
  return [
    {
      method: 'get',
      path: '/api/v1/keys/audit',
      operationId: 'getAuditPublicKey',
      summary: "The installation's audit public key (Ed25519): what signs audit anchors and case bundles",
      description:
        'Fetch it once, keep it, and verify case bundles against it (`courtflow verify <bundle> --public-key <file>`): ' +
        "a bundle's own public-key.pem proves only that the bundle is whole, this key that this installation signed it.",
      tags: ['Audit'],
      auth: 'public',
      responses: { 200: { description: 'The public key and its id', schema: auditKey } },
      handler: (_req, res) => {
        const key = keyOf();
        res.json(auditKey.parse({ keyId: keyIdOf(key), algorithm: 'Ed25519', publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString() }));
      },
    },
  ];
}
