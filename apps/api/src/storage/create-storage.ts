import { type Config, ConfigError } from '../config/config.js';
import { LocalDiskStorage, type Storage } from './storage.js';

export type StorageConfig = Pick<
  Config,
  | 'STORAGE_DRIVER'
  | 'STORAGE_DIR'
  | 'S3_ENDPOINT'
  | 'S3_REGION'
  | 'S3_BUCKET'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_FORCE_PATH_STYLE'
  | 'S3_PREFIX'
  | 'S3_SSE'
>;

/**
 * The storage backend that STORAGE_DRIVER names: local disk (the default) or an S3-compatible bucket. The AWS SDK is
 * loaded only for `s3` (it costs about 0.6 s and 25 MB at start).
 */
export async function createStorage(config: StorageConfig): Promise<Storage> {
  switch (config.STORAGE_DRIVER) {
    case 'local':
      return new LocalDiskStorage(config.STORAGE_DIR);
    case 's3': {
      // loadConfig has already refused a missing one; this keeps a hand-made config from failing later.
      const required = (name: keyof StorageConfig & `S3_${string}`): string => {
        const value = config[name];
        if (typeof value !== 'string' || value === '') {
          throw new ConfigError(`Invalid configuration:\n  ${name}: must be set when STORAGE_DRIVER=s3`);
        }
        return value;
      };
      const options = {
        endpoint: required('S3_ENDPOINT'),
        region: required('S3_REGION'),
        bucket: required('S3_BUCKET'),
        accessKeyId: required('S3_ACCESS_KEY_ID'),
        secretAccessKey: required('S3_SECRET_ACCESS_KEY'),
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
        prefix: config.S3_PREFIX,
        serverSideEncryption: config.S3_SSE,
      };
      const { S3Storage } = await import('./s3-storage.js');
      return new S3Storage(options);
    }
  }
}
