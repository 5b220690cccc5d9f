import { describe, expect, it } from 'vitest';
import { type ClaimedEmail, DeliverOnce } from './deliver-once.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A mailer and a ledger in memory: what the SMTP server accepted, and what is marked SENT or FAILED. */
function fakes({ failTo = '', failMarks = false } = {}) {
  const accepted: string[] = [];
  const sent = new Set<string>();
  const failed = new Map<string, string>();
  let statements = 0;
  let mostAtRisk = 0;
  const keyOf = (to: string) => `k:${to}`;
  const mailer = {
    maxConnections: 5,
    hostname: 'kizuna.example',
    async send(to: string) {
      await pause(Math.random() * 3);
      if (to === failTo) throw new Error('550 mailbox unavailable');
      accepted.push(to);
      // Accepted by the server but not yet marked SENT: what a crash now would send again.
      mostAtRisk = Math.max(mostAtRisk, accepted.filter((t) => !sent.has(keyOf(t))).length);
      return 'id';
    },
  };
  const db = {
    async query(sql: string, params: string[][]) {
      statements += 1;
      await pause(Math.random() * 2);
      if (sql.includes("status = 'SENT'")) {
        if (failMarks) throw new Error('connection terminated');
        for (const key of params[0]!) sent.add(key);
      } else if (sql.includes("status = 'FAILED'")) {
        for (const [i, key] of params[0]!.entries()) failed.set(key, params[1]![i]!);
      }
      return { rows: [] };
    },
  };
  const once = new DeliverOnce({} as never, mailer as never, db as never);
  const emails = (n: number): ClaimedEmail[] =>
    Array.from({ length: n }, (_, i) => ({
      dedupeKey: keyOf(`u${i}@example.test`),
      recipient: `u${i}@example.test`,
      email: { subject: 's', text: 't', html: 'h' },
      messageId: `<${i}@kizuna.example>`,
    }));
  return { once, emails, accepted, sent, failed, statements: () => statements, mostAtRisk: () => mostAtRisk };
}

describe('DeliverOnce: a batch of claimed emails', () => {
  it('marks every email SENT, in fewer statements than emails, with never more than the SMTP pool accepted and unmarked', async () => {
    const f = fakes();
    await expect(f.once.sendClaimedMany(f.emails(200))).resolves.toBe(200);
    expect(f.sent.size).toBe(200);
    expect(f.accepted).toHaveLength(200);
    // The bound on what a crash can send twice, whatever the batch size.
    expect(f.mostAtRisk()).toBeLessThanOrEqual(5);
    expect(f.statements()).toBeLessThan(160);
  });

  it('marks a refused email FAILED, the others SENT, and throws so that the job is retried', async () => {
    const f = fakes({ failTo: 'u3@example.test' });
    await expect(f.once.sendClaimedMany(f.emails(10))).rejects.toThrow(/1 of 10 emails not sent; first: 550/);
    expect(f.sent.size).toBe(9);
    expect([...f.failed]).toEqual([['k:u3@example.test', '550 mailbox unavailable']]);
  });

  it('leaves an email whose SENT mark failed as it was (SENDING), not FAILED, and throws', async () => {
    const f = fakes({ failMarks: true });
    await expect(f.once.sendClaimedMany(f.emails(3))).rejects.toThrow(/not marked SENT/);
    expect(f.accepted).toHaveLength(3);
    expect(f.failed.size).toBe(0);
  });
});
