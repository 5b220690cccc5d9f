import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config.js';
import { createStorage } from './create-storage.js';
import { LocalDiskStorage } from './storage.js';

const s3 = {
  STORAGE_DRIVER: 's3',
  S3_ENDPOINT: 'http://127.0.0.1:9000',
  S3_REGION: 'us-east-1',
  S3_BUCKET: 'kizuna-attachments',
  S3_ACCESS_KEY_ID: 'access',
  S3_SECRET_ACCESS_KEY: 'secret',
};

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted the configuration');
}

describe('storage configuration', () => {
  it('uses the local disk under STORAGE_DIR by default, without any S3 setting', async () => {
    const config = loadConfig({});
    expect(config.STORAGE_DRIVER).toBe('local');
    expect(await createStorage(config)).toBeInstanceOf(LocalDiskStorage);
  });

  it('builds the S3 backend when STORAGE_DRIVER=s3 and every S3 setting is there', async () => {
    const config = loadConfig({ ...s3, S3_FORCE_PATH_STYLE: 'true', S3_SSE: 'AES256', S3_PREFIX: 'kizuna/' });
    expect(config).toMatchObject({ S3_FORCE_PATH_STYLE: true, S3_SSE: 'AES256', S3_PREFIX: 'kizuna' });
    const storage = await createStorage(config);
    const { S3Storage } = await import('./s3-storage.js');
    expect(storage).toBeInstanceOf(S3Storage);
    (storage as InstanceType<typeof S3Storage>).onModuleDestroy();
  });

  it('refuses to start with STORAGE_DRIVER=s3 and no S3_BUCKET, naming it', () => {
    const { S3_BUCKET: _, ...withoutBucket } = s3;
    expect(configError(withoutBucket)).toContain('S3_BUCKET: must be set when STORAGE_DRIVER=s3');
  });

  it('treats an empty S3 setting as missing', () => {
    expect(configError({ ...s3, S3_SECRET_ACCESS_KEY: '' })).toContain('S3_SECRET_ACCESS_KEY: must be set');
  });

  it('names every missing S3 setting, and other malformed variables, in one message', () => {
    const message = configError({ STORAGE_DRIVER: 's3', PORT: 'eighty' });
    for (const name of ['PORT', 'S3_ENDPOINT', 'S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) {
      expect(message).toMatch(new RegExp(`^  ${name}: `, 'm'));
    }
  });

  it.each([
    ['STORAGE_DRIVER', 'gcs'],
    ['S3_ENDPOINT', 'minio:9000'],
    ['S3_BUCKET', 'Bad_Bucket'],
    ['S3_PREFIX', '/abs'],
    ['S3_PREFIX', 'a/../b'],
    ['S3_SSE', 'aws:kms'],
    ['S3_FORCE_PATH_STYLE', 'yes'],
  ])('refuses a malformed %s (%j), naming it', (name, value) => {
    expect(configError({ ...s3, [name]: value })).toMatch(new RegExp(`^  ${name}: `, 'm'));
  });

  it('ignores S3 settings, even missing ones, with the local driver', () => {
    expect(() => loadConfig({ STORAGE_DRIVER: 'local', S3_REGION: 'us-east-1' })).not.toThrow();
  });

  it('createStorage refuses a hand-made s3 config that lacks a setting', async () => {
    const config = { ...loadConfig({}), STORAGE_DRIVER: 's3' as const, S3_ENDPOINT: s3.S3_ENDPOINT };
    await expect(createStorage(config)).rejects.toThrow(/S3_REGION: must be set/);
  });
});
