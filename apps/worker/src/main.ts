import { ConfigError } from '@kizuna/api/config/config';
import { createWorker } from './worker.factory.js';

try {
  const { logger } = await createWorker();
  logger.info('worker ready');
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
}
