/** A message as parsed in full (GET /messages): only the most recent `keepBodies` messages. */
export interface SinkMessage {
  id: number;
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** When the sink received it (ISO 8601). */
  date: string;
}
/** What the sink records of every message it receives (GET /messages/index), repeated Message-IDs included. */
export interface ReceivedMessage {
  id: number;
  messageId: string | null;
  to: string[];
  /** Epoch milliseconds at the end of the SMTP DATA. */
  receivedAt: number;
  size: number;
}
/** GET /messages/stats (without its `repeated` list). */
export interface SinkStats {
  received: number;
  uniqueMessageIds: number;
  /** Messages whose Message-ID had been received before. */
  duplicates: number;
  withoutMessageId: number;
}
export interface MailSink {
  smtpPort: number;
  httpPort: number;
  /** Every message received, oldest first (live array: do not modify). */
  received: readonly ReceivedMessage[];
  stats(): SinkStats;
  /** The retained messages parsed in full, optionally only those to one address. */
  messages(filter?: { to?: string }): Promise<SinkMessage[]>;
  /** Called for each message as it is received; returns a function that unsubscribes. */
  onMessage(listener: (message: ReceivedMessage) => void): () => void;
  /** Forgets every message. */
  clear(): void;
  close(): Promise<void>;
}
export function messageIdOf(raw: Buffer): string | null;
export function startMailSink(options?: {
  host?: string;
  smtpPort?: number;
  httpPort?: number;
  /** How many recent messages keep their source for GET /messages (default 10000; 0 keeps none). */
  keepBodies?: number;
}): Promise<MailSink>;
