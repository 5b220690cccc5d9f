import 'reflect-metadata';
import { createLogger, NestPinoLogger } from '@kizuna/api/common/logger';
import { type Config, loadConfig } from '@kizuna/api/config/config';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module.js';

export async function createWorker(config: Config = loadConfig()) {
  const logger = createLogger(config.LOG_LEVEL, 'kizuna-worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), {
    logger: new NestPinoLogger(logger),
  });
  app.enableShutdownHooks();
  await app.init();
  return { app, logger };
}
