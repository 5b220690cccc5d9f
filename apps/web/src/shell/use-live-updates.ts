import { LiveEventSchemas } from '@kizuna/shared';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { LIVE_STREAM_URL } from '../api/notifications';
import { queryKeys } from '../api/query-keys';

export type LiveEventName = keyof typeof LiveEventSchemas;
export type LiveEventData<N extends LiveEventName> = z.infer<(typeof LiveEventSchemas)[N]>;
type Listener<N extends LiveEventName> = (data: LiveEventData<N>) => void;

/** Fans the events of the one stream out to the components that want them. */
export class LiveEvents {
  private readonly listeners = new Map<LiveEventName, Set<Listener<never>>>();

  on<N extends LiveEventName>(name: N, listener: Listener<N>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    const stored = listener as Listener<never>;
    set.add(stored);
    return () => {
      set.delete(stored);
    };
  }

  emit<N extends LiveEventName>(name: N, data: LiveEventData<N>): void {
    for (const listener of this.listeners.get(name) ?? []) (listener as Listener<N>)(data);
  }
}

/** Outside a provider (a page rendered on its own, in a test) nothing is live: subscribers simply hear nothing. */
export const LiveEventsContext = createContext<LiveEvents>(new LiveEvents());

/** First wait after the server refused the stream; doubles up to a minute. */
const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 60_000;

function parse<N extends LiveEventName>(name: N, event: Event): LiveEventData<N> | undefined {
  const { data } = event as MessageEvent<unknown>;
  if (typeof data !== 'string') return undefined;
  try {
    const parsed = LiveEventSchemas[name].safeParse(JSON.parse(data));
    return parsed.success ? (parsed.data as LiveEventData<N>) : undefined;
  } catch {
    return undefined;
  }
}

function applyUnread(queryClient: QueryClient, unread: number) {
  // A GET still in flight may answer an older count than the one just pushed: drop it.
  void queryClient.cancelQueries({ queryKey: queryKeys.notifications.unreadCount, exact: true });
  queryClient.setQueryData(queryKeys.notifications.unreadCount, { unread });
  void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.lists });
}

/**
 * Opens the signed-in user's live stream (one EventSource for the tab) while `userId` is set, and closes it on
 * logout or unmount. `unread` updates the unread count in the query cache and marks the notification lists
 * stale; every event is also handed to the subscribers of the returned LiveEvents (see useLiveEvent).
 *
 * EventSource reconnects by itself when a connection drops. It gives up when the server answers with an error
 * status (a 401 once the session has ended, a 502 during a deploy): then the signed-in user is asked for again
 * (a dead session signs the tab out, which ends the stream) and the stream is reopened after a growing pause.
 */
export function useLiveUpdates(userId: string | null): LiveEvents {
  const queryClient = useQueryClient();
  const [events] = useState(() => new LiveEvents());

  useEffect(() => {
    if (!userId || typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;

    const onUnread = (event: Event) => {
      const data = parse('unread', event);
      if (!data) return;
      applyUnread(queryClient, data.unread);
      events.emit('unread', data);
    };
    const onJobRun = (event: Event) => {
      const data = parse('job-run', event);
      if (data) events.emit('job-run', data);
    };
    const onProposalSection = (event: Event) => {
      const data = parse('proposal-section', event);
      if (data) events.emit('proposal-section', data);
    };
    const onPanel = (event: Event) => {
      const data = parse('panel', event);
      if (data) events.emit('panel', data);
    };

    const connect = () => {
      const current = new EventSource(LIVE_STREAM_URL);
      source = current;
      current.addEventListener('unread', onUnread);
      current.addEventListener('job-run', onJobRun);
      current.addEventListener('proposal-section', onProposalSection);
      current.addEventListener('panel', onPanel);
      current.addEventListener('open', () => {
        failures = 0;
      });
      current.addEventListener('error', () => {
        if (current.readyState !== EventSource.CLOSED) return; // the browser is reconnecting by itself
        current.close();
        failures += 1;
        void queryClient.invalidateQueries({ queryKey: queryKeys.me });
        retryTimer = setTimeout(connect, Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (failures - 1)));
      });
    };

    connect();
    return () => {
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [userId, queryClient, events]);

  return events;
}

/** Calls `listener` for every `name` event of the live stream while the component is mounted. */
export function useLiveEvent<N extends LiveEventName>(name: N, listener: Listener<N>): void {
  const events = useContext(LiveEventsContext);
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => events.on(name, (data: LiveEventData<N>) => latest.current(data)), [events, name]);
}
