import { inject } from 'vitest';
import type { ApiClient } from './client.js';

/** A signed-in user's live stream (Server-Sent Events): read its events one by one, by name. */
export async function openStream(client: ApiClient) {
  const controller = new AbortController();
  const res = await fetch(`${inject('apiUrl')}/api/notifications/stream`, {
    headers: { cookie: client.cookie!, 'x-forwarded-for': client.address },
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    contentType: res.headers.get('content-type'),
    /** The next `name` event's data (earlier events of other names are skipped). */
    async next<T>(name: string): Promise<T> {
      const pattern = new RegExp(`event: ${name}\\ndata: (.*)\\n\\n`);
      for (;;) {
        const match = buffer.match(pattern);
        if (match) {
          buffer = buffer.slice(buffer.indexOf(match[0]) + match[0].length);
          return JSON.parse(match[1]!) as T;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    close: () => controller.abort(),
  };
}
