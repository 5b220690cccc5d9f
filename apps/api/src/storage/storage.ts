import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';

/** Where files live. Keys are opaque paths made by the caller (never from user input). */
export interface Storage {
  put(key: string, data: Buffer): Promise<void>;
  /** Rejects with StorageNotFoundError when nothing is stored under the key. */
  get(key: string): Promise<Readable>;
}

export const STORAGE = Symbol('STORAGE');

/** Slash-separated segments, each starting with a letter or digit: no empty, `.`, `..` or leading-slash segment. */
const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)*$/;
/** The S3 limit on object key length; the local disk has the same so both backends accept the same keys. */
const MAX_KEY_LENGTH = 1024;

export function isSafeKey(key: string): boolean {
  return key.length <= MAX_KEY_LENGTH && SAFE_KEY.test(key) && !key.includes('..');
}

/** Every backend checks keys the same way, before touching anything. */
export function assertSafeKey(key: string): void {
  if (!isSafeKey(key)) throw new InvalidStorageKeyError(key);
}

export class InvalidStorageKeyError extends Error {
  override readonly name = 'InvalidStorageKeyError';
  constructor(readonly key: string) {
    super(`Invalid storage key: ${JSON.stringify(key)}`);
  }
}

/** Nothing is stored under the key: what every backend's `get` rejects with (local ENOENT, S3 NoSuchKey). */
export class StorageNotFoundError extends Error {
  override readonly name = 'StorageNotFoundError';
  constructor(
    readonly key: string,
    options?: ErrorOptions,
  ) {
    super(`No stored file under key ${JSON.stringify(key)}`, options);
  }
}

/** Local disk, the default: files under one root directory, written atomically. */
export class LocalDiskStorage implements Storage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private path(key: string): string {
    assertSafeKey(key);
    return join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, data, { flag: 'wx' });
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.path(key);
    const file = await open(path).catch((error: NodeJS.ErrnoException) => {
      // ENOTDIR: a parent "directory" is a file, as when the key goes below another key.
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new StorageNotFoundError(key, { cause: error });
      throw error;
    });
    try {
      // A key that is only a prefix of other keys is a directory here; in S3 it is no object either.
      if (!(await file.stat()).isFile()) throw new StorageNotFoundError(key);
    } catch (error) {
      await file.close();
      throw error;
    }
    return file.createReadStream();
  }
}
