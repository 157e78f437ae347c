/**
 * One card's status reads: at most one in flight and at most one a second, whoever asks (the
 * card's own load, a Retry, a connect or disconnect event, an OAuth callback, a device flow
 * watching the server). A backend that makes every path ask again (a callback page posting in a
 * loop, events fired in a loop) cannot turn the card into a flood (issue 11). The card's config
 * re-reads after a connection take turns in the same gate (card-flow.ts): one answer never makes
 * the card send two requests within a second.
 *
 * Asks for the same route and profile that wait for their turn share one request; an ask made
 * while one is in flight gets a fresh one after it (the answer in flight may predate the ask).
 * A caller's abort drops only its own wait; the request is aborted once every caller has left.
 */
import type { AuthApi } from '../api-client/api.js';

/** The least time between the starts of two status reads of one card. */
export const MIN_STATUS_GAP_MS = 1000;

const abortError = () => new DOMException('The operation was aborted.', 'AbortError');

interface Turn {
  promise: Promise<unknown>;
  abort: AbortController;
  callers: number;
}

/** Waits `ms` (fake-clock friendly: a plain timer), or rejects once `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class StatusGate {
  private lastStart = -Infinity;
  /** The last turn queued: the next one starts after it settled. */
  private tail: Promise<unknown> = Promise.resolve();
  /** Turns that have not started yet, by key: a later ask with the same key joins them. */
  private readonly waiting = new Map<string, Turn>();
  private lifetime = new AbortController();

  /** Runs `task` in the card's next free turn (or joins a waiting turn with the same key). */
  run<T>(key: string, task: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError());
    let turn = this.waiting.get(key);
    if (!turn || turn.abort.signal.aborted) turn = this.queue(key, task);
    turn.callers += 1;
    return this.follow(turn, signal) as Promise<T>;
  }

  /** The card left the page: every wait and request ends; a later ask starts afresh. */
  dispose(): void {
    this.lifetime.abort();
    this.lifetime = new AbortController();
    this.waiting.clear();
  }

  private queue<T>(key: string, task: (signal: AbortSignal) => Promise<T>): Turn {
    const abort = new AbortController();
    const lifetime = this.lifetime.signal;
    const onEnd = () => abort.abort();
    lifetime.addEventListener('abort', onEnd, { once: true });
    const previous = this.tail;
    const turn: Turn = { abort, callers: 0, promise: Promise.resolve() };
    turn.promise = (async () => {
      try {
        await previous; // one in flight
        const wait = this.lastStart + MIN_STATUS_GAP_MS - Date.now();
        if (wait > 0) await pause(wait, abort.signal);
        if (abort.signal.aborted) throw abortError();
        if (this.waiting.get(key) === turn) this.waiting.delete(key);
        this.lastStart = Date.now();
        return await task(abort.signal);
      } finally {
        if (this.waiting.get(key) === turn) this.waiting.delete(key);
        lifetime.removeEventListener('abort', onEnd);
      }
    })();
    this.tail = turn.promise.catch(() => undefined);
    this.waiting.set(key, turn);
    return turn;
  }

  /** The turn's answer for one caller, who may leave early through its own signal. */
  private follow(turn: Turn, signal: AbortSignal | undefined): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        turn.callers -= 1;
        if (turn.callers === 0) turn.abort.abort();
        reject(abortError());
      };
      signal?.addEventListener('abort', leave, { once: true });
      turn.promise.then(
        (value) => {
          signal?.removeEventListener('abort', leave);
          if (!left) resolve(value);
        },
        (error: unknown) => {
          signal?.removeEventListener('abort', leave);
          if (!left) reject(error);
        },
      );
    });
  }
}

/**
 * `api` with its status reads through `gate`; every other call as it was. A prototype view, so
 * `api`'s own methods and members stay reachable.
 */
export function gatedStatus(api: AuthApi, gate: StatusGate): AuthApi {
  const gated = Object.create(api) as AuthApi;
  gated.status = (path, opts) =>
    gate.run(`${path}\n${opts?.instance ?? ''}`, (signal) => api.status(path, { ...opts, signal }), opts?.signal);
  return gated;
}
