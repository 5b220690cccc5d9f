import { act } from '@testing-library/react';
import { vi } from 'vitest';

/** Stands in for the browser's EventSource (jsdom has none): tests push server events with `emit`. */
export class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];

  readonly url: string;
  readyState = FakeEventSource.CONNECTING;

  constructor(url: string | URL) {
    super();
    this.url = String(url);
    FakeEventSource.instances.push(this);
  }

  /** The server sends `event: name` with `data` as JSON. */
  emit(name: string, data: unknown) {
    act(() => {
      this.readyState = FakeEventSource.OPEN;
      this.dispatchEvent(new MessageEvent(name, { data: JSON.stringify(data) }));
    });
  }

  close() {
    this.readyState = FakeEventSource.CLOSED;
  }

  /** The ones not closed yet. */
  static open(): FakeEventSource[] {
    return FakeEventSource.instances.filter((source) => source.readyState !== FakeEventSource.CLOSED);
  }
}

export function stubEventSource() {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  return FakeEventSource;
}
