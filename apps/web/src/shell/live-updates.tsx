import type { ReactNode } from 'react';
import { LiveEventsContext, useLiveUpdates } from './use-live-updates';

/** Owns the tab's live stream for the signed-in user and lets the pages below listen to it. */
export function LiveUpdatesProvider({ userId, children }: { userId: string | null; children: ReactNode }) {
  const events = useLiveUpdates(userId);
  return <LiveEventsContext value={events}>{children}</LiveEventsContext>;
}
