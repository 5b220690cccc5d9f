// A real SMTP server on loopback that keeps the messages it receives and serves them over
// HTTP: a web page for people and JSON for tests. Development, tests and benchmarks only.
//
// Receiving is cheap: the sink reads only the envelope and the Message-ID header of each
// message and records it (every message, repeated Message-IDs included, so duplicates are
// visible rather than hidden). The full parse (subject, text, HTML) happens when someone asks
// for it at /messages, and only for the most recent `keepBodies` messages, whose raw source
// it keeps.
import { createServer } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const KEEP_BODIES = 10000;
const MAX_RECORDS = 2_000_000;

function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The Message-ID header of a raw message (its header block only), with its angle brackets, or null. */
export function messageIdOf(raw) {
  let end = raw.indexOf('\r\n\r\n');
  if (end < 0) end = raw.indexOf('\n\n');
  const head = raw.toString('latin1', 0, end < 0 ? raw.length : end);
  const match = /(?:^|\n)message-id:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)/i.exec(head);
  if (!match) return null;
  const value = match[1].replace(/\r?\n[ \t]+/g, ' ').trim();
  const bracketed = /<[^>]*>/.exec(value);
  return bracketed ? bracketed[0] : value || null;
}

/**
 * @param {{ host?: string, smtpPort?: number, httpPort?: number, keepBodies?: number }} [options]
 */
export async function startMailSink({
  host = '127.0.0.1',
  smtpPort = 1025,
  httpPort = 1080,
  keepBodies = KEEP_BODIES,
} = {}) {
  /** Every message received, oldest first: { id, messageId, to, receivedAt, size }. */
  const received = [];
  /** The most recent messages with their raw source ({ entry, source }), by id, for the full parse. */
  const raw = new Map();
  /** Parsed messages, by id (a cache of the full parse). */
  const parsed = new Map();
  /** How many messages arrived with each Message-ID. */
  const byMessageId = new Map();
  let duplicates = 0;
  let nextId = 1;
  const listeners = new Set();

  function record(buffer, envelope) {
    const id = nextId++;
    const messageId = messageIdOf(buffer);
    const entry = {
      id,
      messageId,
      to: envelope.rcptTo.map((r) => r.address.toLowerCase()),
      receivedAt: Date.now(),
      size: buffer.length,
    };
    received.push(entry);
    if (received.length > MAX_RECORDS) received.splice(0, received.length - MAX_RECORDS);
    if (messageId) {
      const seen = byMessageId.get(messageId) ?? 0;
      if (seen > 0) duplicates += 1;
      byMessageId.set(messageId, seen + 1);
    }
    if (keepBodies > 0) {
      raw.set(id, { entry, source: buffer });
      if (raw.size > keepBodies) {
        const oldest = raw.keys().next().value;
        raw.delete(oldest);
        parsed.delete(oldest);
      }
    }
    for (const listener of listeners) listener(entry);
  }

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks = [];
      let length = 0;
      stream.on('data', (chunk) => {
        chunks.push(chunk);
        length += chunk.length;
      });
      stream.once('error', callback);
      stream.once('end', () => {
        try {
          record(Buffer.concat(chunks, length), session.envelope);
          callback();
        } catch (error) {
          callback(error);
        }
      });
    },
  });

  /** The full parse of one retained message (cached). */
  async function full(entry) {
    const cached = parsed.get(entry.id);
    if (cached) return cached;
    const kept = raw.get(entry.id);
    if (!kept) return null;
    const mail = await simpleParser(kept.source);
    const message = {
      id: entry.id,
      messageId: mail.messageId ?? entry.messageId,
      from: mail.from?.text ?? '',
      to: entry.to,
      subject: mail.subject ?? '',
      text: mail.text ?? '',
      html: typeof mail.html === 'string' ? mail.html : '',
      date: new Date(entry.receivedAt).toISOString(),
    };
    if (raw.has(entry.id)) parsed.set(entry.id, message);
    return message;
  }

  function retained(to) {
    const list = [];
    for (const { entry } of raw.values()) if (!to || entry.to.includes(to)) list.push(entry);
    return list;
  }

  function stats() {
    return {
      received: received.length,
      uniqueMessageIds: byMessageId.size,
      duplicates,
      withoutMessageId: received.filter((m) => !m.messageId).length,
    };
  }

  function clear() {
    received.length = 0;
    raw.clear();
    parsed.clear();
    byMessageId.clear();
    duplicates = 0;
  }

  function json(res, value) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  }

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sink');
    const to = url.searchParams.get('to')?.toLowerCase();
    if (url.pathname === '/messages' && req.method === 'GET') {
      Promise.all(retained(to).map(full))
        .then((list) => json(res, list.filter(Boolean)))
        .catch((error) => res.writeHead(500).end(String(error)));
      return;
    }
    if (url.pathname === '/messages/index' && req.method === 'GET') {
      json(res, to ? received.filter((m) => m.to.includes(to)) : received);
      return;
    }
    if (url.pathname === '/messages/stats' && req.method === 'GET') {
      const repeated = [...byMessageId].filter(([, n]) => n > 1).slice(0, 100);
      json(res, { ...stats(), repeated: repeated.map(([messageId, count]) => ({ messageId, count })) });
      return;
    }
    if (url.pathname === '/messages' && req.method === 'DELETE') {
      clear();
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/' && req.method === 'GET') {
      Promise.all(retained().slice(-200).reverse().map(full))
        .then((list) => {
          const rows = list
            .filter(Boolean)
            .map(
              (m) =>
                `<details><summary>${escapeHtml(m.date)} — <b>${escapeHtml(m.to.join(', '))}</b> — ${escapeHtml(m.subject)}</summary><pre>${escapeHtml(m.text)}</pre></details>`,
            )
            .join('\n');
          const { received: count, duplicates: dups } = stats();
          res
            .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end(
              `<!doctype html><meta charset="utf-8"><title>Kizuna mail sink</title><body style="font-family:system-ui;margin:2rem"><h1>Kizuna mail sink</h1><p>${count} message(s), ${dups} repeated Message-ID(s). JSON: <a href="/messages">/messages</a>, <a href="/messages/stats">/messages/stats</a></p>${rows || '<p>No mail yet.</p>'}</body>`,
            );
        })
        .catch((error) => res.writeHead(500).end(String(error)));
      return;
    }
    res.writeHead(404).end();
  });

  await new Promise((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(smtpPort, host, () => {
      smtp.off('error', reject);
      resolve(undefined);
    });
  });
  // A client that dies mid-session (a killed worker) resets its connection: normal here, not a reason to crash.
  smtp.on('error', () => undefined);
  await new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(httpPort, host, () => resolve(undefined));
  });
  const smtpAddress = smtp.server.address();
  const httpAddress = http.address();
  return {
    smtpPort: typeof smtpAddress === 'object' && smtpAddress ? smtpAddress.port : smtpPort,
    httpPort: typeof httpAddress === 'object' && httpAddress ? httpAddress.port : httpPort,
    received,
    stats,
    messages: (filter = {}) =>
      Promise.all(retained(filter.to?.toLowerCase()).map(full)).then((list) => list.filter(Boolean)),
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear,
    close: () =>
      Promise.all([
        new Promise((resolve) => smtp.close(() => resolve(undefined))),
        new Promise((resolve) => {
          http.closeAllConnections?.();
          http.close(() => resolve(undefined));
        }),
      ]).then(() => undefined),
  };
}
