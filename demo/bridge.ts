/**
 * The demo's stand-ins for the mock's activation and consent pages talk to the in-page mock
 * backend through a BroadcastChannel: msw's service worker never sees page navigations, so a
 * popup to a /mock/… page could not reach the backend that lives in the demo tab.
 *
 * Pages send a request with an id; every open demo tab answers for its own backend; the page
 * takes the first success (or, when no tab succeeds, the first answer).
 */
import type { DecisionResult, MockBackend } from '../src/mock/index.js';

export const BRIDGE_CHANNEL = 'cw-auth-demo-bridge';

export type BridgeRequest =
  | { kind: 'hello'; id: string }
  | { kind: 'device'; id: string; provider?: string; code: string; account: string; decision: 'approve' | 'deny' }
  | { kind: 'oauth'; id: string; provider: string; state: string; account: string; decision: 'allow' | 'deny' };

export interface BridgeReply {
  kind: 'reply';
  id: string;
  ok: boolean;
  message: string;
  provider?: string;
  account?: string;
  /** OAuth: what the callback page would post to the window that opened the popup. */
  callback?: DecisionResult['callback'];
  /** hello: provider ids → labels and suggested account names. */
  providers?: Record<string, { label: string; account: string }>;
}

type Labels = NonNullable<BridgeReply['providers']>;

/** Applies one page request to `backend` (the demo tab's side). */
export function answerBridgeRequest(backend: MockBackend, request: BridgeRequest, labels: Labels): BridgeReply {
  const reply = (result: DecisionResult): BridgeReply => ({
    kind: 'reply',
    id: request.id,
    ok: result.ok,
    message: result.message,
    ...(result.provider ? { provider: result.provider } : {}),
    ...(result.account ? { account: result.account } : {}),
    ...(result.callback ? { callback: result.callback } : {}),
  });
  try {
    switch (request.kind) {
      case 'hello':
        return { kind: 'reply', id: request.id, ok: true, message: 'The demo is listening.', providers: labels };
      case 'device': {
        const provider = request.provider ?? '';
        const opts = request.code.trim() ? { code: request.code } : {};
        return reply(
          request.decision === 'approve'
            ? backend.approveDevice(provider, { ...opts, account: request.account })
            : backend.denyDevice(provider, opts),
        );
      }
      case 'oauth':
        return reply(backend.decideOAuth(request.provider, request.decision, { account: request.account, state: request.state }));
    }
  } catch (error) {
    return { kind: 'reply', id: (request as { id: string }).id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function isRequest(value: unknown): value is BridgeRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && (v.kind === 'hello' || v.kind === 'device' || v.kind === 'oauth');
}

/**
 * Answers the pages' requests from this tab's backend. `onDecision` lets the demo log what a
 * page decided. Returns a function that stops listening.
 */
export function listenForPages(
  backend: MockBackend,
  labels: Labels,
  onDecision?: (request: BridgeRequest, reply: BridgeReply) => void,
): () => void {
  const channel = new BroadcastChannel(BRIDGE_CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    if (!isRequest(event.data)) return;
    const answer = answerBridgeRequest(backend, event.data, labels);
    channel.postMessage(answer);
    if (event.data.kind !== 'hello') onDecision?.(event.data, answer);
  };
  return () => channel.close();
}

/** How long a page waits for a demo tab to answer. */
export const BRIDGE_TIMEOUT_MS = 2000;
/** After a failed answer, how long to wait for another tab that might succeed. */
const OTHER_TABS_MS = 300;

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Sends a request from a page and waits for the demo tab's answer (undefined: no demo tab open). */
export function askDemo(request: Distribute<BridgeRequest>, timeoutMs = BRIDGE_TIMEOUT_MS): Promise<BridgeReply | undefined> {
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const channel = new BroadcastChannel(BRIDGE_CHANNEL);
  return new Promise((resolve) => {
    let failure: BridgeReply | undefined;
    let timer = setTimeout(() => done(undefined), timeoutMs);
    const done = (reply: BridgeReply | undefined) => {
      clearTimeout(timer);
      channel.close();
      resolve(reply ?? failure);
    };
    channel.onmessage = (event: MessageEvent) => {
      const reply = event.data as BridgeReply;
      if (reply?.kind !== 'reply' || reply.id !== id) return;
      if (reply.ok) return done(reply);
      if (!failure) {
        failure = reply;
        clearTimeout(timer);
        timer = setTimeout(() => done(undefined), OTHER_TABS_MS);
      }
    };
    channel.postMessage({ ...request, id });
  });
}
