/**
 * The live request log: wraps window.fetch (the widget's client resolves fetch at call time) and
 * records method, path, status and duration. Never bodies, headers or anything else: secrets
 * travel in bodies, and the widget never puts one in a URL.
 */

export interface LogEntry {
  id: number;
  /** A request the widget made, an event it fired, or a decision from an activation/consent page. */
  kind: 'request' | 'event' | 'page';
  at: Date;
  /** HTTP method; `event` / `page` for the other kinds. */
  method: string;
  /** Path and query (prefixed with the origin when it is not the page's); the event or decision. */
  path: string;
  /** HTTP status, or 'pending' / 'failed' / 'aborted'; for events and pages a short outcome. */
  status: number | string;
  ms?: number;
}

export function nextLogId(): number {
  return ++seq;
}

export type LogListener = (entry: LogEntry) => void;

let seq = 0;

function describeTarget(input: RequestInfo | URL, init?: RequestInit): { method: string; path: string } {
  const request = input instanceof Request ? input : undefined;
  const url = new URL(request ? request.url : input instanceof URL ? input.href : String(input), location.href);
  const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
  const where = url.origin === location.origin ? '' : url.origin;
  return { method, path: `${where}${url.pathname}${url.search}` };
}

/**
 * Installs the logging fetch. `listener` gets each entry twice: when it starts (pending) and when
 * it settles. Returns `{ restore, fetch }`: `fetch` is the original, for the demo's own plumbing
 * requests that should not show up in the log.
 */
export function installRequestLog(listener: LogListener): { restore: () => void; unlogged: typeof fetch } {
  const original = globalThis.fetch;
  const logged = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const entry: LogEntry = { id: ++seq, kind: 'request', at: new Date(), ...describeTarget(input, init), status: 'pending' };
    const started = performance.now();
    listener({ ...entry });
    try {
      const response = await original.call(globalThis, input, init);
      listener({ ...entry, status: response.status, ms: Math.round(performance.now() - started) });
      return response;
    } catch (error) {
      const aborted = (error as { name?: string } | null)?.name === 'AbortError' || Boolean(init?.signal?.aborted);
      listener({ ...entry, status: aborted ? 'aborted' : 'failed', ms: Math.round(performance.now() - started) });
      throw error;
    }
  };
  globalThis.fetch = logged as typeof fetch;
  return {
    restore: () => {
      if (globalThis.fetch === logged) globalThis.fetch = original;
    },
    unlogged: ((input: RequestInfo | URL, init?: RequestInit) => original.call(globalThis, input, init)) as typeof fetch,
  };
}

/** Renders entries into a list (newest first), with textContent only. */
export class RequestLogView {
  private readonly rows = new Map<number, HTMLLIElement>();
  private count = 0;

  constructor(
    private readonly list: HTMLOListElement,
    private readonly counter: HTMLElement,
    private readonly max = 300,
  ) {}

  add(entry: LogEntry): void {
    let row = this.rows.get(entry.id);
    if (!row) {
      row = document.createElement('li');
      row.className = `log-row log-row--${entry.kind}`;
      for (const name of ['time', 'method', 'path', 'status', 'ms']) {
        const cell = document.createElement('span');
        cell.className = `log-${name}`;
        row.append(cell);
      }
      this.rows.set(entry.id, row);
      this.list.prepend(row);
      this.count++;
      this.trim();
    }
    const [time, method, path, status, ms] = Array.from(row.children) as HTMLElement[];
    time!.textContent = entry.at.toLocaleTimeString([], { hour12: false });
    method!.textContent = entry.method;
    // Long paths wrap after a slash, not in the middle of a word.
    path!.replaceChildren(...entry.path.split(/(?<=\/)/).flatMap((part) => [part, document.createElement('wbr')]));
    path!.title = entry.path;
    status!.textContent = String(entry.status);
    status!.dataset['kind'] = statusKind(entry.status);
    ms!.textContent = entry.kind !== 'request' ? '' : entry.ms === undefined ? '…' : `${entry.ms} ms`;
    this.updateCounter();
  }

  clear(): void {
    this.list.replaceChildren();
    this.rows.clear();
    this.count = 0;
    this.updateCounter();
  }

  private trim(): void {
    while (this.count > this.max) {
      const last = this.list.lastElementChild;
      if (!last) break;
      for (const [id, row] of this.rows) if (row === last) this.rows.delete(id);
      last.remove();
      this.count--;
    }
  }

  private updateCounter(): void {
    this.counter.textContent = String(this.count);
  }
}

function statusKind(status: LogEntry['status']): string {
  if (typeof status !== 'number') return status === 'pending' ? 'pending' : status === 'ok' ? 'ok' : status === 'info' ? 'info' : 'error';
  if (status >= 500) return 'error';
  if (status >= 400) return 'warning';
  return 'ok';
}
