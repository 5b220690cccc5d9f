import { fork } from 'node:child_process';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';

const mode = process.argv[2];
const N = 8000;
const conns = Number(process.argv[3] ?? 5);
if (mode === 'sink') {
  const { startMailSink } = await import('../../infra/mail-sink/src/index.js');
  const sink = await startMailSink({ smtpPort: 0, httpPort: 0 });
  process.send(sink.smtpPort);
  process.on('message', () => {
    const c = process.cpuUsage();
    process.send({ cpu: (c.user + c.system) / 1000, n: sink.received.length });
  });
} else {
  const child = fork(new URL(import.meta.url).pathname, ['sink']);
  const port = await new Promise((r) => child.once('message', r));
  const transport = nodemailer.createTransport(`smtp://127.0.0.1:${port}?pool=true&maxConnections=${conns}`);
  const html =
    '<!doctype html><html><body>' +
    '<p>Hello there, this is a paragraph of an announcement body about the joint call.</p>'.repeat(8) +
    '</body></html>';
  const text = 'Hello there, this is a paragraph of an announcement body about the joint call.\n'.repeat(8);
  const from = 'Kizuna <no-reply@kizuna.test>';
  const msg0 = {
    from,
    to: `user-0@example.test`,
    subject: `Kizuna announcement: test`,
    text,
    html,
    messageId: `<x@127.0.0.1>`,
    headers: { 'List-Unsubscribe': '<http://x/y>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
  const prebuilt = await new MailComposer(msg0).compile().build();
  async function one(i) {
    const msg = { ...msg0, to: `user-${i}@example.test`, messageId: `<${i}x@127.0.0.1>` };
    if (mode === 'raw')
      return transport.sendMail({
        envelope: { from: 'no-reply@kizuna.test', to: [msg.to] },
        raw: await new MailComposer(msg).compile().build(),
      });
    if (mode === 'prebuilt')
      return transport.sendMail({ envelope: { from: 'no-reply@kizuna.test', to: [msg.to] }, raw: prebuilt });
    if (mode === 'buildonly') return new MailComposer(msg).compile().build();
    return transport.sendMail(msg);
  }
  const c0 = process.cpuUsage();
  const t0 = Date.now();
  let i = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (i < N) await one(i++);
    }),
  );
  const c = process.cpuUsage(c0);
  child.send('x');
  const s = await new Promise((r) => child.once('message', r));
  console.log(
    mode.padEnd(9),
    conns,
    'msgs/s',
    Math.round(N / ((Date.now() - t0) / 1000)),
    'sender ms/msg',
    ((c.user + c.system) / 1000 / N).toFixed(3),
    'sink ms/msg',
    (s.cpu / N).toFixed(3),
    s.n,
  );
  transport.close();
  child.kill();
}
