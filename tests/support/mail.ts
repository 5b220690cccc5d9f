import type { SinkMessage } from '@kizuna/mail-sink';
import { inject } from 'vitest';

export async function mailTo(address: string): Promise<SinkMessage[]> {
  const res = await fetch(`${inject('sinkUrl')}/messages?to=${encodeURIComponent(address)}`);
  return (await res.json()) as SinkMessage[];
}

/** Waits until `count` messages to the address match, and returns them. */
export async function waitForMail(
  address: string,
  match: (m: SinkMessage) => boolean = () => true,
  { count = 1, timeoutMs = 15000 } = {},
): Promise<SinkMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailTo(address)).filter(match);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`No mail to ${address} after ${timeoutMs} ms (have ${found.length})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function linkIn(message: SinkMessage, path: string): URL {
  const match = message.text.match(new RegExp(`https?://\\S+${path}\\?token=[A-Za-z0-9_-]+`));
  if (!match) throw new Error(`No ${path} link in: ${message.text}`);
  return new URL(match[0]);
}
