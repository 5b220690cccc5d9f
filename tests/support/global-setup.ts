// Starts the whole platform for the system tests (see stack.ts): the built API, serving
// the built web app, and worker as separate processes on a fresh, migrated and seeded
// database, a real SMTP sink on loopback, and the local Redis under a unique prefix.
import type { TestProject } from 'vitest/node';
import { exitedCleanly, LOG_DIR, startStack } from './stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    sinkUrl: string;
    databaseUrl: string;
    redisUrl: string;
    queuePrefix: string;
  }
}

export default async function setup(project: TestProject) {
  const stack = await startStack({ name: 'system' });
  project.provide('apiUrl', stack.apiUrl);
  project.provide('sinkUrl', stack.sinkUrl);
  project.provide('databaseUrl', stack.databaseUrl);
  project.provide('redisUrl', stack.redisUrl);
  project.provide('queuePrefix', stack.queuePrefix);

  return async () => {
    const codes = await stack.stop();
    // Graceful shutdown is part of the contract: both processes must exit by themselves on
    // SIGTERM, well before stop() would resort to SIGKILL.
    if (![codes.api, ...codes.workers].every(exitedCleanly)) {
      throw new Error(`Unclean shutdown: ${JSON.stringify(codes)}; see ${LOG_DIR}`);
    }
  };
}
