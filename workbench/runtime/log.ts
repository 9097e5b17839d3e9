/**
 * What the mocked platform saw during a page's life (navigations, toasts), read by the browser tests through
 * `window.workbench.log` and shown on the page so a person sees what a click would have done in Salesforce.
 */
export interface LogEntry {
  kind: 'navigate' | 'toast' | 'event';
  detail: unknown;
  at: number;
}

const entries: LogEntry[] = [];
const listeners: Array<(entry: LogEntry) => void> = [];

export function record(kind: LogEntry['kind'], detail: unknown): void {
  const entry: LogEntry = { kind, detail: JSON.parse(JSON.stringify(detail ?? null)), at: performance.now() };
  entries.push(entry);
  listeners.forEach((listener) => listener(entry));
}

export function logEntries(): LogEntry[] {
  return entries.slice();
}

export function onLog(listener: (entry: LogEntry) => void): void {
  listeners.push(listener);
}
