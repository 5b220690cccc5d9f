import { once } from 'node:events';
import net from 'node:net';
import { hostname } from 'node:os';
import tls from 'node:tls';

/**
 * A small SMTP client for our own, already composed, ASCII messages: a pool of connections, each
 * sending one message at a time with the envelope pipelined (RFC 2920: MAIL, RCPT and DATA in
 * one write, the message and its final dot in a second). nodemailer takes four round trips and
 * a stack of streams per message, which cost the worker four times the CPU of this client and
 * the SMTP server more reads and writes. It speaks plain SMTP, STARTTLS (whenever the server
 * offers it, as nodemailer does, unless `ignoreTLS`), implicit TLS (smtps://) and AUTH PLAIN or
 * LOGIN; `smtpOptionsFromUrl` returns null for any URL asking for more, which Mailer then leaves
 * to nodemailer.
 */
export interface SmtpOptions {
  host: string;
  port: number;
  /** Implicit TLS (smtps://, port 465). */
  secure: boolean;
  auth: { user: string; pass: string } | null;
  requireTLS: boolean;
  ignoreTLS: boolean;
  rejectUnauthorized: boolean;
  /** Our name in EHLO. */
  name: string;
  maxConnections: number;
  connectTimeoutMs: number;
  /** Longest wait for a reply (or any socket activity) before the connection is given up. */
  socketTimeoutMs: number;
  /** A connection idle this long is closed (servers drop idle clients; better we do it first). */
  idleMs: number;
}

/** The URL parameters understood here (the rest of nodemailer's options mean: use nodemailer). */
const URL_PARAMS = new Set([
  'pool',
  'maxConnections',
  'maxMessages',
  'secure',
  'requireTLS',
  'ignoreTLS',
  'tls.rejectUnauthorized',
  'name',
]);

function ehloName(): string {
  const name = hostname();
  return /^[A-Za-z0-9.-]+\.[A-Za-z0-9-]+$/.test(name) ? name : '[127.0.0.1]';
}

/** SMTP_URL as options for this client, or null if it asks for something only nodemailer does. */
export function smtpOptionsFromUrl(value: string): SmtpOptions | null {
  const url = new URL(value);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return null;
  for (const key of url.searchParams.keys()) if (!URL_PARAMS.has(key)) return null;
  const flag = (key: string, fallback: boolean) => {
    const v = url.searchParams.get(key);
    return v === null ? fallback : v === 'true' || v === '1';
  };
  const secure = url.protocol === 'smtps:' || flag('secure', false);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost';
  return {
    host,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    auth:
      url.username || url.password
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : null,
    requireTLS: flag('requireTLS', false),
    ignoreTLS: flag('ignoreTLS', false),
    rejectUnauthorized: flag('tls.rejectUnauthorized', true),
    name: url.searchParams.get('name') || ehloName(),
    maxConnections: Number(url.searchParams.get('maxConnections')) || 5,
    connectTimeoutMs: 30_000,
    socketTimeoutMs: 120_000,
    idleMs: 10_000,
  };
}

export interface SmtpReply {
  code: number;
  text: string;
}

/** The server refused a command; `code` is its reply code (4xx: try again later, 5xx: permanent). */
export class SmtpError extends Error {
  constructor(
    readonly command: string,
    readonly code: number,
    readonly response: string,
  ) {
    super(`SMTP ${command}: ${response}`);
    this.name = 'SmtpError';
  }
}

/** Lines starting with a dot get another one (RFC 5321 4.5.2); the message ends with CRLF. */
export function dotStuff(message: string): string {
  const body = message.endsWith('\r\n') ? message : `${message}\r\n`;
  return (body.startsWith('.') ? `.${body}` : body).replace(/\r\n\./g, '\r\n..');
}

/** One SMTP connection: replies are matched to commands in order. */
export class SmtpConnection {
  private socket: net.Socket | null = null;
  private input = '';
  private readonly waiting: { resolve: (reply: SmtpReply) => void; reject: (error: Error) => void }[] = [];
  private extensions = new Map<string, string>();
  private failure: Error | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Set while a message is being sent. */
  private busy = false;

  constructor(private readonly options: SmtpOptions) {}

  /** Open, greeted, possibly upgraded to TLS and authenticated, and not in a transaction. */
  get usable(): boolean {
    return this.socket !== null && this.failure === null && !this.busy;
  }

  async open(): Promise<void> {
    const o = this.options;
    const socket = o.secure
      ? tls.connect({
          host: o.host,
          port: o.port,
          servername: servername(o.host),
          rejectUnauthorized: o.rejectUnauthorized,
        })
      : net.connect({ host: o.host, port: o.port });
    const timer = setTimeout(
      () => socket.destroy(new Error(`SMTP connection to ${o.host}:${o.port} timed out`)),
      o.connectTimeoutMs,
    );
    try {
      await once(socket, o.secure ? 'secureConnect' : 'connect');
    } finally {
      clearTimeout(timer);
    }
    this.attach(socket);
    expect('greeting', await this.reply(), [220]);
    await this.hello();
    if (!o.secure && !o.ignoreTLS && (this.extensions.has('STARTTLS') || o.requireTLS)) {
      expect('STARTTLS', await this.command('STARTTLS'), [220]);
      await this.upgrade();
      await this.hello();
    }
    if (o.requireTLS && !(this.socket instanceof tls.TLSSocket)) throw new Error('SMTP server does not offer STARTTLS');
    if (o.auth) await this.login(o.auth);
  }

  /** Sends one message, which must be ASCII with CRLF line breaks; resolves once the server has accepted it. */
  async send(from: string, to: string, message: string): Promise<void> {
    if (this.failure) throw this.failure;
    // An address is put in a command line as it is: nothing in it may end or bend that line.
    if (/[\r\n<>]/.test(from + to)) throw new Error(`SMTP: invalid address in ${from} -> ${to}`);
    this.busy = true;
    try {
      await this.envelope(from, to);
      this.write(`${dotStuff(message)}.\r\n`);
      expect('end of data', await this.reply(), [250]);
    } finally {
      this.busy = false;
    }
  }

  private async envelope(from: string, to: string) {
    const commands = [`MAIL FROM:<${from}>`, `RCPT TO:<${to}>`, 'DATA'];
    let replies: SmtpReply[];
    if (this.extensions.has('PIPELINING')) {
      const pending = commands.map(() => this.reply());
      this.write(`${commands.join('\r\n')}\r\n`);
      replies = await Promise.all(pending);
    } else {
      replies = [];
      for (const command of commands) {
        const reply = await this.command(command);
        replies.push(reply);
        if (reply.code >= 400) break;
      }
    }
    const [mail, rcpt, data] = replies as [SmtpReply, SmtpReply?, SmtpReply?];
    let refused: [string, SmtpReply] | null = null;
    if (mail.code !== 250) refused = ['MAIL FROM', mail];
    else if (!rcpt || (rcpt.code !== 250 && rcpt.code !== 251)) refused = ['RCPT TO', rcpt ?? mail];
    else if (data?.code !== 354) refused = ['DATA', data ?? rcpt];
    if (!refused) return;
    // A server that still said 354 to DATA is owed a (empty) message before the reset.
    if (data?.code === 354) {
      this.write('.\r\n');
      await this.reply();
    }
    await this.reset();
    throw new SmtpError(refused[0], refused[1].code, refused[1].text);
  }

  /** Back to a clean state after a refused command; a connection that cannot is given up. */
  private async reset() {
    const reply = await this.command('RSET').catch((error: Error) => ({ code: 0, text: error.message }));
    if (reply.code !== 250) this.fail(new Error(`SMTP RSET: ${reply.text}`));
  }

  private async hello() {
    let reply = await this.command(`EHLO ${this.options.name}`);
    if (reply.code !== 250) reply = expect('HELO', await this.command(`HELO ${this.options.name}`), [250]);
    this.extensions = new Map();
    for (const line of reply.text.split('\n').slice(1)) {
      const [keyword = '', ...rest] = line.slice(4).trim().split(/\s+/);
      this.extensions.set(keyword.toUpperCase(), rest.join(' ').toUpperCase());
    }
  }

  private async login(auth: { user: string; pass: string }) {
    const methods = (this.extensions.get('AUTH') ?? '').split(' ');
    if (methods.includes('PLAIN') || !methods.includes('LOGIN')) {
      const token = Buffer.from(`\u0000${auth.user}\u0000${auth.pass}`, 'utf8').toString('base64');
      expect('AUTH PLAIN', await this.command(`AUTH PLAIN ${token}`), [235]);
      return;
    }
    expect('AUTH LOGIN', await this.command('AUTH LOGIN'), [334]);
    expect('AUTH LOGIN', await this.command(Buffer.from(auth.user, 'utf8').toString('base64')), [334]);
    expect('AUTH LOGIN', await this.command(Buffer.from(auth.pass, 'utf8').toString('base64')), [235]);
  }

  private async upgrade() {
    const plain = this.socket!;
    this.detach(plain);
    // From here the TLS socket reports what happens to the connection.
    plain.on('error', () => undefined);
    const secure = tls.connect({
      socket: plain,
      servername: servername(this.options.host),
      rejectUnauthorized: this.options.rejectUnauthorized,
    });
    await once(secure, 'secureConnect');
    this.attach(secure);
  }

  private readonly onData = (chunk: Buffer) => {
    this.input += chunk.toString('latin1');
    for (;;) {
      // A reply is complete at its last line: "250 text" (continuation lines are "250-text").
      let start = 0;
      let end = -1;
      for (;;) {
        const eol = this.input.indexOf('\r\n', start);
        if (eol < 0) break;
        if (this.input[start + 3] !== '-') {
          end = eol;
          break;
        }
        start = eol + 2;
      }
      if (end < 0) return;
      const text = this.input.slice(0, end);
      this.input = this.input.slice(end + 2);
      const reply = { code: Number(text.slice(start, start + 3)) || 0, text: text.replace(/\r\n/g, '\n') };
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(reply);
      // Unasked: the server is closing the connection (421) or confused; either way, done with it.
      else this.fail(new Error(`SMTP server said: ${reply.text}`));
    }
  };

  private readonly onError = (error: Error) => this.fail(error);
  private readonly onClose = () => this.fail(new Error('SMTP connection closed'));
  private readonly onTimeout = () => this.fail(new Error('SMTP connection timed out'));

  private attach(socket: net.Socket) {
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setTimeout(this.options.socketTimeoutMs);
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
    socket.on('timeout', this.onTimeout);
  }

  private detach(socket: net.Socket) {
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('close', this.onClose);
    socket.off('timeout', this.onTimeout);
    socket.setTimeout(0);
  }

  private write(text: string) {
    if (this.failure) throw this.failure;
    this.socket!.write(text, 'latin1');
  }

  private reply(): Promise<SmtpReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private command(line: string): Promise<SmtpReply> {
    if (this.failure) return Promise.reject(this.failure);
    const reply = this.reply();
    this.write(`${line}\r\n`);
    return reply;
  }

  /** Gives the connection up: every reply still awaited fails with `error`. */
  fail(error: Error) {
    if (!this.failure) this.failure = error;
    this.stopIdle();
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.failure);
    this.socket?.destroy();
  }

  startIdle(onIdle: () => void) {
    this.stopIdle();
    this.idleTimer = setTimeout(onIdle, this.options.idleMs);
    this.idleTimer.unref();
  }

  stopIdle() {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** Says goodbye (QUIT) if it can, then closes. */
  async quit() {
    this.stopIdle();
    if (this.usable) {
      const bye = this.command('QUIT').catch(() => undefined);
      await Promise.race([bye, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    }
    this.fail(new Error('SMTP connection closed by us'));
  }
}

function servername(host: string) {
  return net.isIP(host) ? undefined : host;
}

function expect(what: string, reply: SmtpReply, codes: number[]): SmtpReply {
  if (!codes.includes(reply.code)) throw new SmtpError(what, reply.code, reply.text);
  return reply;
}

/** How long a failed connection attempt makes new ones fail at once. */
const OPEN_FAILURE_HOLD_MS = 2000;

/** Up to `maxConnections` connections, opened when needed, each sending one message at a time. */
export class SmtpPool {
  private readonly all = new Set<SmtpConnection>();
  private readonly idle: SmtpConnection[] = [];
  private readonly waiting: (() => void)[] = [];
  private closed = false;
  private lastOpenFailure: { error: Error; at: number } | null = null;

  constructor(readonly options: SmtpOptions) {}

  async send(from: string, to: string, message: string): Promise<void> {
    const connection = await this.acquire();
    try {
      await connection.send(from, to, message);
    } finally {
      this.release(connection);
    }
  }

  private async acquire(): Promise<SmtpConnection> {
    for (;;) {
      if (this.closed) throw new Error('SMTP pool closed');
      const idle = this.idle.pop();
      if (idle) {
        idle.stopIdle();
        if (idle.usable) return idle;
        this.all.delete(idle);
        continue;
      }
      if (this.all.size < this.options.maxConnections) {
        // The server could not be reached a moment ago: fail at once rather than make every
        // message of a batch wait for its own connection attempt (the job is retried later).
        if (this.lastOpenFailure && Date.now() - this.lastOpenFailure.at < OPEN_FAILURE_HOLD_MS) {
          throw this.lastOpenFailure.error;
        }
        const connection = new SmtpConnection(this.options);
        this.all.add(connection);
        try {
          await connection.open();
          this.lastOpenFailure = null;
          return connection;
        } catch (error) {
          this.lastOpenFailure = { error: error as Error, at: Date.now() };
          this.all.delete(connection);
          connection.fail(error as Error);
          for (const wake of this.waiting.splice(0)) wake();
          throw error;
        }
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(connection: SmtpConnection) {
    if (connection.usable && !this.closed) {
      this.idle.push(connection);
      connection.startIdle(() => {
        const at = this.idle.indexOf(connection);
        if (at >= 0) this.idle.splice(at, 1);
        this.all.delete(connection);
        void connection.quit();
      });
    } else {
      this.all.delete(connection);
      connection.fail(new Error('SMTP connection given up'));
    }
    this.waiting.shift()?.();
  }

  async close() {
    this.closed = true;
    for (const resolve of this.waiting.splice(0)) resolve();
    await Promise.all([...this.all].map((c) => c.quit()));
    this.all.clear();
    this.idle.length = 0;
  }
}
