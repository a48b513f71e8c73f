/**
 * The document store and the limits, chosen from the configuration: local
 * disk under the data dir unless COURTFLOW_DOCUMENT_STORE=s3. Uploads are
 * received into `<dataDir>/documents/.incoming` whichever store keeps them:
 * a file is checked on local disk before any store sees it.
 */
import path from 'node:path';
import type { Config } from '../../config';
import { documentsDir, documentStoreOf } from '../../db/document-store/configured';
import type { DocumentStore } from '../../db/document-store/store';
import type { IsoDate } from '../../domain/calendar/iso-date';
import { uploadLimitsOn, type UploadLimits } from '../../domain/documents/upload-rules';

export interface DocumentSetup {
  store: DocumentStore;
  /** Where uploads are written while they are checked (owner-only, like the data dir). */
  incomingDir: string;
  /** The limits that apply to an upload on `date` (Hong Kong). */
  limitsOn(date: IsoDate): UploadLimits;
}

export { documentsDir, documentStoreOf, s3SettingsOf } from '../../db/document-store/configured';

export type DocumentConfig = Pick<
  Config,
  | 'dataDir'
  | 'COURTFLOW_DOCUMENT_STORE'
  | 'COURTFLOW_DOCUMENT_MAX_BYTES'
  | 'COURTFLOW_DOCUMENT_MAX_PAGES'
  | 'COURTFLOW_S3_BUCKET'
  | 'COURTFLOW_S3_REGION'
  | 'COURTFLOW_S3_ENDPOINT'
  | 'COURTFLOW_S3_FORCE_PATH_STYLE'
  | 'COURTFLOW_S3_PREFIX'
  | 'COURTFLOW_S3_ACCESS_KEY_ID'
  | 'COURTFLOW_S3_SECRET_ACCESS_KEY'
>;

/**
 * The limits in force, with the operator's overrides: a limit set in the
 * environment replaces the recorded one (and says so in its source).
 */
export function limitsWithOverrides(config: Pick<Config, 'COURTFLOW_DOCUMENT_MAX_BYTES' | 'COURTFLOW_DOCUMENT_MAX_PAGES'>): (date: IsoDate) => UploadLimits {
  return (date) => {
    const recorded = uploadLimitsOn(date);
    const maxBytes = config.COURTFLOW_DOCUMENT_MAX_BYTES;
    const maxPages = config.COURTFLOW_DOCUMENT_MAX_PAGES;
    if (maxBytes === undefined && maxPages === undefined) return recorded;
    return {
      ...recorded,
      ...(maxBytes === undefined ? {} : { maxBytes }),
      ...(maxPages === undefined ? {} : { maxPages }),
      source: `${recorded.source}; overridden by ${[maxBytes !== undefined && 'COURTFLOW_DOCUMENT_MAX_BYTES', maxPages !== undefined && 'COURTFLOW_DOCUMENT_MAX_PAGES'].filter(Boolean).join(' and ')}`,
    };
  };
}

export function documentSetupOf(config: DocumentConfig): DocumentSetup {
  return {
    store: documentStoreOf(config),
    incomingDir: path.join(documentsDir(config.dataDir), '.incoming'),
    limitsOn: limitsWithOverrides(config),
  };
}
