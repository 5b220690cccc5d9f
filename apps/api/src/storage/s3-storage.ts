import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { OnModuleDestroy } from '@nestjs/common';
import { assertSafeKey, isSafeKey, type Storage, StorageNotFoundError } from './storage.js';

export interface S3StorageOptions {
  /** Base URL of the service, e.g. `https://s3.eu-west-1.amazonaws.com` or `http://minio:9000`. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `endpoint/bucket/key` URLs instead of `bucket.endpoint/key`; MinIO, Ceph RGW and Garage usually need it. */
  forcePathStyle?: boolean;
  /** Folder inside the bucket that every key goes under (trailing slashes are ignored). */
  prefix?: string;
  /** Server-side encryption asked of the bucket for every object written. */
  serverSideEncryption?: 'AES256';
}

/** An S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Garage…). Keys are checked exactly as on the local disk. */
export class S3Storage implements Storage, OnModuleDestroy {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly serverSideEncryption: 'AES256' | undefined;

  constructor(options: S3StorageOptions) {
    const prefix = (options.prefix ?? '').replace(/\/+$/, '');
    if (prefix !== '' && !isSafeKey(prefix)) throw new Error(`Invalid S3 key prefix: ${JSON.stringify(prefix)}`);
    this.prefix = prefix === '' ? '' : `${prefix}/`;
    this.bucket = options.bucket;
    this.serverSideEncryption = options.serverSideEncryption;
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // Since 3.729 the SDK adds CRC32 checksums (and aws-chunked uploads) by default, which many S3-compatible
      // servers reject or mishandle. Checksums only where an operation requires them; puts carry Content-MD5 instead,
      // which every S3-compatible server verifies.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // Fail fast when the service is unreachable. No socket timeout: it would also cut a download whose client
      // reads slowly.
      requestHandler: { connectionTimeout: 5_000 },
    });
  }

  private objectKey(key: string): string {
    assertSafeKey(key);
    return this.prefix + key;
  }

  async put(key: string, data: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: data,
        ContentLength: data.length,
        ContentMD5: createHash('md5').update(data).digest('base64'),
        ContentType: 'application/octet-stream',
        ServerSideEncryption: this.serverSideEncryption,
      }),
    );
  }

  /** The caller must read the stream to the end or destroy it: until then it holds one of the client's sockets. */
  async get(key: string): Promise<Readable> {
    const Key = this.objectKey(key);
    try {
      const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key }));
      if (!(Body instanceof Readable)) throw new Error(`S3 GetObject returned no stream for ${JSON.stringify(Key)}`);
      return Body;
    } catch (error) {
      // NoSuchKey only: NoSuchBucket or AccessDenied are configuration faults, not a missing file.
      if ((error as { name?: unknown }).name === 'NoSuchKey') throw new StorageNotFoundError(key, { cause: error });
      throw error;
    }
  }

  /** Closes the client's idle sockets when Nest shuts the module down. */
  onModuleDestroy(): void {
    this.client.destroy();
  }
}
