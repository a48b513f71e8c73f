/**
 * The document store the configuration chooses: local disk under the data
 * dir unless COURTFLOW_DOCUMENT_STORE=s3. The API (uploads) and the worker
 * (papers the processes issue) build it the same way from the same settings.
 */
import path from 'node:path';
import { localDiskStore } from './local-disk';
import { s3Store, type S3StoreSettings } from './s3';
import type { DocumentStore } from './store';

/** The settings that choose and configure the store (a subset of the configuration, by name). */
export interface DocumentStoreSettings {
  dataDir: string;
  COURTFLOW_DOCUMENT_STORE: 'local' | 's3';
  COURTFLOW_S3_BUCKET?: string | undefined;
  COURTFLOW_S3_REGION: string;
  COURTFLOW_S3_ENDPOINT?: string | undefined;
  COURTFLOW_S3_FORCE_PATH_STYLE: boolean;
  COURTFLOW_S3_PREFIX: string;
  COURTFLOW_S3_ACCESS_KEY_ID?: string | undefined;
  COURTFLOW_S3_SECRET_ACCESS_KEY?: string | undefined;
}

export const documentsDir = (dataDir: string) => path.join(dataDir, 'documents');

/** The S3 settings of the configuration (loadConfig has already refused s3 without a bucket). */
export function s3SettingsOf(config: DocumentStoreSettings): S3StoreSettings {
  if (config.COURTFLOW_S3_BUCKET === undefined) throw new Error('COURTFLOW_S3_BUCKET is required when COURTFLOW_DOCUMENT_STORE=s3');
  return {
    bucket: config.COURTFLOW_S3_BUCKET,
    region: config.COURTFLOW_S3_REGION,
    ...(config.COURTFLOW_S3_ENDPOINT ? { endpoint: config.COURTFLOW_S3_ENDPOINT } : {}),
    forcePathStyle: config.COURTFLOW_S3_FORCE_PATH_STYLE,
    prefix: config.COURTFLOW_S3_PREFIX,
    ...(config.COURTFLOW_S3_ACCESS_KEY_ID && config.COURTFLOW_S3_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: config.COURTFLOW_S3_ACCESS_KEY_ID, secretAccessKey: config.COURTFLOW_S3_SECRET_ACCESS_KEY } }
      : {}),
  };
}

export function documentStoreOf(config: DocumentStoreSettings): DocumentStore {
  return config.COURTFLOW_DOCUMENT_STORE === 's3' ? s3Store(s3SettingsOf(config)) : localDiskStore(documentsDir(config.dataDir));
}
