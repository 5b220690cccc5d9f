// A real SMTP server on loopback that keeps the messages it receives and serves them over
// HTTP: a web page for people and JSON for tests. Development and tests only.
import { createServer } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const MAX_MESSAGES = 10000;

function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * @param {{ host?: string, smtpPort?: number, httpPort?: number }} [options]
 * @returns {Promise<{ smtpPort: number, httpPort: number, messages: object[], close(): Promise<void> }>}
 */
export async function startMailSink({ host = '127.0.0.1', smtpPort = 1025, httpPort = 1080 } = {}) {
  /** @type {object[]} */
  const messages = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push({
            id: nextId++,
            messageId: mail.messageId ?? null,
            from: mail.from?.text ?? '',
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            date: new Date().toISOString(),
          });
          if (messages.length > MAX_MESSAGES) messages.splice(0, messages.length - MAX_MESSAGES);
          callback();
        })
        .catch(callback);
    },
  });

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sink');
    if (url.pathname === '/messages' && req.method === 'GET') {
      const to = url.searchParams.get('to')?.toLowerCase();
      const list = to ? messages.filter((m) => m.to.includes(to)) : messages;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list));
      return;
    }
    if (url.pathname === '/messages' && req.method === 'DELETE') {
      messages.length = 0;
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/' && req.method === 'GET') {
      const rows = messages
        .slice()
        .reverse()
        .map(
          (m) =>
            `<details><summary>${escapeHtml(m.date)} — <b>${escapeHtml(m.to.join(', '))}</b> — ${escapeHtml(m.subject)}</summary><pre>${escapeHtml(m.text)}</pre></details>`,
        )
        .join('\n');
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><meta charset="utf-8"><title>Kizuna mail sink</title><body style="font-family:system-ui;margin:2rem"><h1>Kizuna mail sink</h1><p>${messages.length} message(s). JSON: <a href="/messages">/messages</a></p>${rows || '<p>No mail yet.</p>'}</body>`,
        );
      return;
    }
    res.writeHead(404).end();
  });

  await new Promise((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(smtpPort, host, () => resolve(undefined));
  });
  await new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(httpPort, host, () => resolve(undefined));
  });
  const smtpAddress = smtp.server.address();
  const httpAddress = http.address();
  return {
    smtpPort: typeof smtpAddress === 'object' && smtpAddress ? smtpAddress.port : smtpPort,
    httpPort: typeof httpAddress === 'object' && httpAddress ? httpAddress.port : httpPort,
    messages,
    close: () =>
      Promise.all([
        new Promise((resolve) => smtp.close(() => resolve(undefined))),
        new Promise((resolve) => http.close(() => resolve(undefined))),
      ]).then(() => undefined),
  };
}
