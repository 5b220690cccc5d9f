#!/usr/bin/env node
// Usage: kizuna-mail-sink [--smtp 1025] [--http 1080] [--host 127.0.0.1]
import { parseArgs } from 'node:util';
import { startMailSink } from './index.js';

const { values } = parseArgs({
  options: {
    smtp: { type: 'string', default: '1025' },
    http: { type: 'string', default: '1080' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const sink = await startMailSink({ host: values.host, smtpPort: Number(values.smtp), httpPort: Number(values.http) });
console.log(`mail sink: SMTP on ${values.host}:${sink.smtpPort}, messages at http://${values.host}:${sink.httpPort}/`);
const stop = () => sink.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
