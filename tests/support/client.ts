import { buildPath, type Operation, type Problem } from '@kizuna/shared';
import { inject } from 'vitest';

let addressCounter = 0;

/** A test user agent: keeps its session cookie and comes from its own client address. */
export class ApiClient {
  cookie: string | null = null;
  readonly address: string;

  constructor(readonly baseUrl = inject('apiUrl')) {
    addressCounter += 1;
    // Each client looks like its own address (the API trusts X-Forwarded-For from loopback only).
    this.address = `10.${process.pid % 250}.${Math.floor(addressCounter / 250)}.${addressCounter % 250}`;
  }

  async raw(method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { 'x-forwarded-for': this.address, ...init.headers };
    if (this.cookie) headers.cookie = this.cookie;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.baseUrl}/api${path}`, { method, headers, body, redirect: 'manual' });
    const setCookie = res.headers.getSetCookie();
    for (const c of setCookie) {
      const [pair] = c.split(';');
      if (!pair) continue;
      const value = pair.slice(pair.indexOf('=') + 1);
      this.cookie = value && !/expires=Thu, 01 Jan 1970/i.test(c) ? pair : null;
    }
    const text = await res.text();
    const json = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined;
    return { status: res.status, headers: res.headers, json, text };
  }

  /** Sends a file as the raw body of an upload operation (the file name in X-File-Name, as the web app does). */
  async upload(op: Operation, params: Record<string, string>, data: Buffer, fileName: string, type: string) {
    const res = await fetch(`${this.baseUrl}/api${buildPath(op.path, params)}`, {
      method: op.method,
      headers: {
        cookie: this.cookie ?? '',
        'content-type': type,
        'x-file-name': encodeURIComponent(fileName),
        'x-forwarded-for': this.address,
      },
      body: data,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** Calls a contract operation. */
  call(op: Operation, input: { body?: unknown; query?: Record<string, string>; params?: Record<string, string> } = {}) {
    const qs = input.query ? `?${new URLSearchParams(input.query)}` : '';
    return this.raw(op.method, buildPath(op.path, input.params) + qs, {
      body: op.method === 'GET' ? undefined : input.body,
    });
  }
}

export function expectProblem(res: { status: number; headers: Headers; json: unknown }, status: number, code: string) {
  if (res.status !== status)
    throw new Error(`Expected ${status} ${code}, got ${res.status}: ${JSON.stringify(res.json)}`);
  if (!res.headers.get('content-type')?.startsWith('application/problem+json')) {
    throw new Error(`Expected problem+json, got ${res.headers.get('content-type')}`);
  }
  const problem = res.json as Problem;
  if (problem.code !== code) throw new Error(`Expected code ${code}, got ${problem.code}: ${JSON.stringify(problem)}`);
  return problem;
}
