export interface SinkMessage {
  id: number;
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  date: string;
}
export interface MailSink {
  smtpPort: number;
  httpPort: number;
  messages: SinkMessage[];
  close(): Promise<void>;
}
export function startMailSink(options?: { host?: string; smtpPort?: number; httpPort?: number }): Promise<MailSink>;
