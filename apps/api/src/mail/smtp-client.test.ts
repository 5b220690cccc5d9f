import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { dotStuff, SmtpError, SmtpPool, smtpOptionsFromUrl } from './smtp-client.js';

interface FakeOptions {
  pipelining?: boolean;
  auth?: boolean;
  /** Replies to RCPT TO for this address with 550. */
  refuse?: string;
  /** Drops the connection when a message to this address is being received. */
  dropOn?: string;
}

/** A scripted SMTP server on loopback: records what arrives, chunk by chunk and message by message. */
async function fakeServer(options: FakeOptions = {}) {
  const messages: { from: string; to: string; data: string }[] = [];
  const chunks: string[] = [];
  const commands: string[] = [];
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.setNoDelay(true);
    let buffer = '';
    let data: string[] | null = null;
    let from = '';
    let to = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      chunks.push(chunk.toString('latin1'));
      buffer += chunk.toString('latin1');
      for (let eol = buffer.indexOf('\r\n'); eol >= 0; eol = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        if (data) {
          if (line === '.') {
            messages.push({ from, to, data: data.join('\r\n') });
            data = null;
            socket.write('250 queued\r\n');
          } else {
            if (to === options.dropOn) {
              socket.destroy();
              return;
            }
            data.push(line.startsWith('.') ? line.slice(1) : line);
          }
          continue;
        }
        commands.push(line);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') {
          const features = [options.pipelining === false ? '' : 'PIPELINING', options.auth ? 'AUTH PLAIN LOGIN' : '']
            .filter(Boolean)
            .map((f) => `250-${f}\r\n`);
          socket.write(`250-fake\r\n${features.join('')}250 8BITMIME\r\n`);
        } else if (verb === 'AUTH') {
          const [, , token] = line.split(' ');
          const ok = Buffer.from(token ?? '', 'base64').toString() === '\u0000ana\u0000s3cret/pw';
          socket.write(ok ? '235 ok\r\n' : '535 no\r\n');
        } else if (verb === 'MAIL') {
          from = line.slice(11, -1);
          socket.write('250 ok\r\n');
        } else if (verb === 'RCPT') {
          to = line.slice(9, -1);
          socket.write(to === options.refuse ? '550 no such user\r\n' : '250 ok\r\n');
        } else if (verb === 'DATA') {
          if (to === options.refuse) socket.write('554 no valid recipients\r\n');
          else {
            data = [];
            socket.write('354 go ahead\r\n');
          }
        } else if (verb === 'RSET') {
          to = '';
          socket.write('250 reset\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 bye\r\n');
        } else socket.write('502 unknown\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    messages,
    chunks,
    commands,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(resolve);
      }),
  };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(serverOptions: FakeOptions = {}, url = (port: number) => `smtp://127.0.0.1:${port}`) {
  const server = await fakeServer(serverOptions);
  const pool = new SmtpPool(smtpOptionsFromUrl(url(server.port))!);
  cleanups.push(
    () => pool.close(),
    () => server.close(),
  );
  return { server, pool };
}

const MESSAGE = 'Subject: hello\r\n\r\nfirst line\r\n.starts with a dot\r\n..two dots\r\n';

describe('SMTP client', () => {
  it('sends the envelope in one write (PIPELINING) and the message dot-stuffed, resolving on the 250', async () => {
    const { server, pool } = await setup();
    await pool.send('no-reply@kizuna.test', 'ana@example.test', MESSAGE);
    expect(server.messages).toEqual([
      { from: 'no-reply@kizuna.test', to: 'ana@example.test', data: MESSAGE.slice(0, -2) },
    ]);
    expect(server.chunks).toContain('MAIL FROM:<no-reply@kizuna.test>\r\nRCPT TO:<ana@example.test>\r\nDATA\r\n');
  });

  it('reuses its connections, up to maxConnections at once', async () => {
    const { server, pool } = await setup({}, (port) => `smtp://127.0.0.1:${port}?maxConnections=2`);
    await Promise.all(Array.from({ length: 10 }, (_, i) => pool.send('a@kizuna.test', `u${i}@example.test`, MESSAGE)));
    await Promise.all(Array.from({ length: 4 }, (_, i) => pool.send('a@kizuna.test', `v${i}@example.test`, MESSAGE)));
    expect(server.messages).toHaveLength(14);
    expect(server.connections()).toBe(2);
  });

  it('reports a refused recipient as an SmtpError, resets, and goes on with the next message', async () => {
    const { server, pool } = await setup({ refuse: 'gone@example.test' });
    const error = await pool.send('a@kizuna.test', 'gone@example.test', MESSAGE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmtpError);
    expect(error).toMatchObject({ command: 'RCPT TO', code: 550 });
    await pool.send('a@kizuna.test', 'ana@example.test', MESSAGE);
    expect(server.messages.map((m) => m.to)).toEqual(['ana@example.test']);
    expect(server.commands).toContain('RSET');
    expect(server.connections()).toBe(1);
  });

  it('refuses an address that would smuggle a command into the session', async () => {
    const { server, pool } = await setup();
    await expect(pool.send('a@kizuna.test', 'ana@example.test>\r\nRCPT TO:<eve@evil.test', MESSAGE)).rejects.toThrow(
      /invalid address/,
    );
    await pool.send('a@kizuna.test', 'ana@example.test', MESSAGE);
    expect(server.messages.map((m) => m.to)).toEqual(['ana@example.test']);
  });

  it('speaks one command at a time to a server without PIPELINING', async () => {
    const { server, pool } = await setup({ pipelining: false });
    await pool.send('a@kizuna.test', 'ana@example.test', MESSAGE);
    expect(server.messages).toHaveLength(1);
    expect(server.chunks.some((c) => c.includes('RCPT TO') && c.includes('MAIL FROM'))).toBe(false);
  });

  it('authenticates with the user and password of the URL', async () => {
    const { server, pool } = await setup({ auth: true }, (port) => `smtp://ana:s3cret%2Fpw@127.0.0.1:${port}`);
    await pool.send('a@kizuna.test', 'ana@example.test', MESSAGE);
    expect(server.messages).toHaveLength(1);
  });

  it('fails the message of a connection that drops, and opens a new one for the next', async () => {
    const { server, pool } = await setup({ dropOn: 'drop@example.test' });
    await expect(pool.send('a@kizuna.test', 'drop@example.test', MESSAGE)).rejects.toThrow();
    await pool.send('a@kizuna.test', 'ana@example.test', MESSAGE);
    expect(server.messages.map((m) => m.to)).toEqual(['ana@example.test']);
    expect(server.connections()).toBe(2);
  });

  it('fails at once, for a while, the messages that need a connection to a server that cannot be reached', async () => {
    const { server } = await setup();
    await server.close();
    const pool = new SmtpPool(smtpOptionsFromUrl(`smtp://127.0.0.1:${server.port}`)!);
    cleanups.push(() => pool.close());
    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => pool.send('a@kizuna.test', `u${i}@example.test`, MESSAGE)),
    );
    expect(results.every((r) => r.status === 'rejected' && /ECONNREFUSED/.test(String(r.reason)))).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('leaves to nodemailer the URLs it does not handle, and reads the ones it does', () => {
    expect(smtpOptionsFromUrl('smtp://127.0.0.1:1025?service=gmail')).toBeNull();
    expect(smtpOptionsFromUrl('smtp://localhost?proxy=socks5://x')).toBeNull();
    expect(smtpOptionsFromUrl('smtps://u:p%40ss@mail.example.org')).toMatchObject({
      host: 'mail.example.org',
      port: 465,
      secure: true,
      auth: { user: 'u', pass: 'p@ss' },
      maxConnections: 5,
    });
    expect(smtpOptionsFromUrl('smtp://mail.example.org?requireTLS=true&pool=true&maxConnections=3')).toMatchObject({
      port: 587,
      secure: false,
      requireTLS: true,
      maxConnections: 3,
    });
  });

  it('dot-stuffs every line starting with a dot, the first one included', () => {
    expect(dotStuff('.a\r\nb\r\n.c')).toBe('..a\r\nb\r\n..c\r\n');
  });
});
