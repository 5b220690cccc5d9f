import cluster from 'node:cluster';
import { createApiApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config/config.js';

/**
 * Starts the API. With API_PROCESSES > 1 the primary process forks that many copies sharing
 * the port (the API is stateless: sessions, rate limits and live updates live in PostgreSQL
 * and Redis), restarts a copy that dies, and passes SIGTERM/SIGINT on for a graceful stop.
 */
async function start() {
  const config = loadConfig();
  if (cluster.isPrimary && config.API_PROCESSES > 1) {
    let stopping = false;
    const fork = () => cluster.fork();
    for (let i = 0; i < config.API_PROCESSES; i++) fork();
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      console.error(
        JSON.stringify({ level: 50, msg: 'API process died; starting another', pid: worker.process.pid, code, signal }),
      );
      fork();
    });
    const stop = (signal: NodeJS.Signals) => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    return;
  }
  const app = await createApiApp(config);
  await app.listen(config.PORT, config.HOST);
  console.log(
    JSON.stringify({
      level: 30,
      msg: `Kizuna API listening on ${config.PUBLIC_URL}`,
      port: config.PORT,
      pid: process.pid,
    }),
  );
}

try {
  await start();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
}
