import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { createStorage } from './create-storage.js';
import type { S3Storage } from './s3-storage.js';
import { InvalidStorageKeyError, LocalDiskStorage, type Storage, StorageNotFoundError } from './storage.js';

type Backend = { storage: Storage; close: () => Promise<void> };

/** What every backend promises its callers; run once per backend so they stay interchangeable. */
function storageContract(name: string, open: () => Promise<Backend>) {
  describe(`${name} storage`, () => {
    let backend: Backend | undefined;
    const storage = () => backend!.storage;
    const read = async (key: string) => buffer(await storage().get(key));

    beforeAll(async () => {
      backend = await open();
    });
    afterAll(async () => {
      await backend?.close();
    });

    it('gives back exactly the bytes put, every byte value included', async () => {
      const key = `proposals/${randomUUID()}/file`;
      const data = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7) % 256));
      await storage().put(key, data);
      expect((await read(key)).equals(data)).toBe(true);
    });

    it('gives back a 5 MB file byte for byte', async () => {
      const key = `proposals/${randomUUID()}/large`;
      const data = randomBytes(5 * 1024 * 1024);
      await storage().put(key, data);
      const back = await read(key);
      expect(back.length).toBe(data.length);
      expect(back.equals(data)).toBe(true);
    });

    it('stores an empty file', async () => {
      const key = `empty/${randomUUID()}`;
      await storage().put(key, Buffer.alloc(0));
      expect((await read(key)).length).toBe(0);
    });

    it('replaces the content when the same key is put again', async () => {
      const key = `proposals/${randomUUID()}/doc.pdf`;
      await storage().put(key, Buffer.from('first version, the longer one'));
      await storage().put(key, Buffer.from('second'));
      expect((await read(key)).toString()).toBe('second');
    });

    it('keeps keys that share a folder apart, and a folder is no file', async () => {
      const folder = `proposals/${randomUUID()}`;
      await storage().put(`${folder}/a`, Buffer.from('A'));
      await storage().put(`${folder}/nested/b`, Buffer.from('B'));
      expect((await read(`${folder}/a`)).toString()).toBe('A');
      expect((await read(`${folder}/nested/b`)).toString()).toBe('B');
      await expect(storage().get(folder)).rejects.toBeInstanceOf(StorageNotFoundError);
      await expect(storage().get(`${folder}/nested`)).rejects.toBeInstanceOf(StorageNotFoundError);
    });

    it.each([
      '../x',
      'a/../../x',
      '/abs',
      '',
      'a//b',
      'a/',
      './a',
      'a/./b',
      '.hidden',
      'back\\slash',
      'space d',
      'x'.repeat(1025),
    ])('refuses the key %j for put and get', async (key) => {
      await expect(storage().put(key, Buffer.from('x'))).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage().get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    });

    it('rejects get of a key never put with StorageNotFoundError naming the key', async () => {
      const key = `proposals/${randomUUID()}/missing`;
      const error = await storage()
        .get(key)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageNotFoundError);
      expect((error as StorageNotFoundError).key).toBe(key);
    });

    it('rejects get below a key that is a file with StorageNotFoundError', async () => {
      const key = `proposals/${randomUUID()}`;
      await storage().put(key, Buffer.from('file'));
      await expect(storage().get(`${key}/below`)).rejects.toBeInstanceOf(StorageNotFoundError);
    });
  });
}

storageContract('local disk', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kizuna-storage-'));
  const storage = await createStorage(loadConfig({ STORAGE_DIR: dir }));
  expect(storage).toBeInstanceOf(LocalDiskStorage);
  return { storage, close: () => rm(dir, { recursive: true, force: true }) };
});

/** A real S3-compatible server (s3rver) on a free loopback port, with its files in a temporary directory. */
async function startS3Server() {
  // Loaded here, not at the top, so that the local-disk suite runs even where the SDK cannot load.
  const { CreateBucketCommand, GetObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
  const dir = await mkdtemp(join(tmpdir(), 'kizuna-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver's built-in account; it checks the key id (it does not verify SigV4 signatures).
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const admin = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  const createBucket = (name: string) => admin.send(new CreateBucketCommand({ Bucket: name }));
  const getObject = (bucket: string, key: string) => admin.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const close = async () => {
    admin.destroy();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { endpoint, createBucket, getObject, close };
}

function s3Env(endpoint: string, bucket: string, extra: Record<string, string> = {}) {
  return {
    STORAGE_DRIVER: 's3',
    S3_ENDPOINT: endpoint,
    S3_REGION: 'us-east-1',
    S3_BUCKET: bucket,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
    ...extra,
  };
}

storageContract('S3 (s3rver)', async () => {
  const s3 = await startS3Server();
  await s3.createBucket('kizuna-contract');
  const storage = await createStorage(
    loadConfig(s3Env(s3.endpoint, 'kizuna-contract', { S3_PREFIX: 'tenant/test/', S3_SSE: 'AES256' })),
  );
  expect(storage.constructor.name).toBe('S3Storage');
  return {
    storage,
    close: async () => {
      (storage as S3Storage).onModuleDestroy();
      await s3.close();
    },
  };
});

describe('S3 storage specifics', () => {
  let s3: Awaited<ReturnType<typeof startS3Server>> | undefined;
  const made: S3Storage[] = [];
  const storageFor = async (bucket: string, extra: Record<string, string> = {}) => {
    const storage = (await createStorage(loadConfig(s3Env(s3!.endpoint, bucket, extra)))) as S3Storage;
    made.push(storage);
    return storage;
  };

  beforeAll(async () => {
    s3 = await startS3Server();
    await s3.createBucket('kizuna-specifics');
  });
  afterAll(async () => {
    for (const storage of made) storage.onModuleDestroy();
    await s3?.close();
  });

  it('writes every object under S3_PREFIX, as a folder', async () => {
    const storage = await storageFor('kizuna-specifics', { S3_PREFIX: 'kizuna/prod' });
    await storage.put('proposals/p1/file', Buffer.from('under the prefix'));
    const object = await s3!.getObject('kizuna-specifics', 'kizuna/prod/proposals/p1/file');
    expect(await object.Body!.transformToString()).toBe('under the prefix');
  });

  it('does not take a missing bucket for a missing file', async () => {
    const storage = await storageFor('no-such-bucket');
    const error = await storage.get('proposals/p1/file').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(StorageNotFoundError);
    expect((error as Error).name).toBe('NoSuchBucket');
  });
});
