import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allOperations, type Operation } from '@kizuna/shared';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { describe, expect, it } from 'vitest';
import { operationOf } from './common/endpoint.js';

// Every controller of the API, found by file name so a new one cannot be forgotten here.
const SRC = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.controller.ts'));
const modules: Record<string, Record<string, unknown>> = Object.fromEntries(
  await Promise.all(files.map(async (f) => [f, (await import(join(SRC, f))) as Record<string, unknown>] as const)),
);

function routeHandlers() {
  const handlers: { name: string; op: Operation | undefined }[] = [];
  for (const [file, exports] of Object.entries(modules)) {
    for (const value of Object.values(exports)) {
      if (typeof value !== 'function' || !Reflect.getMetadata(PATH_METADATA, value)) continue;
      const proto = (value as { prototype: Record<string, unknown> }).prototype;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const method = proto[key];
        if (key === 'constructor' || typeof method !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, method) === undefined) continue;
        handlers.push({ name: `${file}#${key}`, op: operationOf(method) });
      }
    }
  }
  return handlers;
}

describe('the API serves exactly the shared contract', () => {
  const handlers = routeHandlers();

  it('finds the controllers', () => {
    expect(handlers.length).toBeGreaterThan(10);
  });

  it('binds every route handler to a contract operation (so the guard knows its policy)', () => {
    const unbound = handlers.filter((h) => !h.op).map((h) => h.name);
    expect(unbound).toEqual([]);
  });

  it('implements every operation of the contract exactly once', () => {
    const served = handlers.flatMap((h) => (h.op ? [h.op.id] : [])).sort();
    expect(served).toEqual(
      allOperations()
        .map((op) => op.id)
        .sort(),
    );
  });

  it('declares an access policy on every operation', () => {
    for (const op of allOperations()) {
      expect(
        op.auth === 'public' || op.auth === 'session' || (Array.isArray(op.auth) && op.auth.length > 0),
        op.id,
      ).toBe(true);
    }
  });
});
