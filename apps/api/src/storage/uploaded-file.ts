import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../common/app-error.js';

/** The file types an upload may be, by what the content really is. */
export const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/** The file name extension of a detected type (".pdf"), or none for a type not in MIME. */
export function extensionOf(contentType: string): string {
  const type = Object.entries(MIME).find(([, mime]) => mime === contentType)?.[0];
  return type ? `.${type === 'jpeg' ? 'jpg' : type}` : '';
}

/** The name a browser sent (URI-encoded X-File-Name), reduced to a safe base name in any script. */
export function cleanFileName(name: string | undefined, fallback = 'attachment'): string {
  const decoded = (() => {
    try {
      return decodeURIComponent(name ?? '');
    } catch {
      return '';
    }
  })();
  const base = decoded.split(/[\\/]/).pop() ?? '';
  // Control characters and quotes out; keep letters of every script.
  const safe = base
    .replace(/[\p{Cc}"]/gu, '')
    .trim()
    .slice(0, 200);
  return safe || fallback;
}

/**
 * Checks an uploaded body against a size limit and allowed types (detected from the content, never the name): 400 for
 * an empty file, 413 above the limit, 415 for another type, each naming the body. Returns what to store about it.
 */
export async function checkUpload(
  data: Buffer,
  fileName: string | undefined,
  rules: { maxSizeMb: number; types: readonly string[] },
) {
  if (data.length === 0) {
    throw new AppError('validation_failed', 'The file is empty', [
      { path: 'body', code: 'empty_file', message: 'The file is empty' },
    ]);
  }
  if (data.length > rules.maxSizeMb * 1024 * 1024) {
    throw new AppError('payload_too_large', `The file is larger than ${rules.maxSizeMb} MB`, [
      { path: 'body', code: 'too_big', message: 'File too large', params: { maximum: rules.maxSizeMb } },
    ]);
  }
  const detected = await fileTypeFromBuffer(data);
  const allowed = rules.types.map((t) => MIME[t]).filter(Boolean);
  if (!detected || !allowed.includes(detected.mime)) {
    throw new AppError('unsupported_media_type', `This file is not one of: ${rules.types.join(', ')}`, [
      {
        path: 'body',
        code: 'wrong_type',
        message: 'The content is not an allowed type',
        params: { allowed: rules.types.join(', '), detected: detected?.mime ?? 'unknown' },
      },
    ]);
  }
  return {
    fileName: cleanFileName(fileName),
    contentType: detected.mime,
    size: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
}
