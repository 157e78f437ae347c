/** Small helpers shared by the mock's modules: responses, body parsing, randomness, escaping. */
import { HttpResponse } from 'msw';
import type { WireErrorBody, WireErrorEnvelope } from '../api-client/wire.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = Record<string, unknown>;

export const isRecord = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys that must never be merged into plain objects (prototype pollution). */
export const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

export function deepClone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Our contract's error envelope. `extra` carries `retry_after`, `field`, `usages`. */
export function fail(
  status: number,
  code: string,
  message: string,
  extra: Partial<Omit<WireErrorBody, 'code' | 'message'>> = {},
  headers: Record<string, string> = {},
): Response {
  const body: WireErrorEnvelope = { ok: false, error: { code, message, ...extra } };
  const retry = extra.retry_after;
  const allHeaders: Record<string, string> = { 'cache-control': 'no-store', ...headers };
  if (retry !== undefined && (status === 429 || status === 503)) allHeaders['retry-after'] = String(retry);
  return HttpResponse.json(body, { status, headers: allHeaders });
}

/** A JSON success body. Typed by the caller with a wire type so the mock follows the document. */
export function ok<T>(body: T, status = 200): Response {
  return HttpResponse.json(body as JsonObject, { status, headers: { 'cache-control': 'no-store' } });
}

export function html(markup: string, status = 200, headers: Record<string, string> = {}): Response {
  return new HttpResponse(markup, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** Thrown by body readers; handlers turn it into a 400 envelope. */
export class BadRequest extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * Reads a POST's JSON object body. Our contract says every POST carries one (`{}` when empty),
 * so a missing or non-object body is a 400: that is how the mock catches a client that forgets.
 */
export async function readJsonObject(request: Request): Promise<JsonObject> {
  const text = await request.text();
  if (!text.trim()) throw new BadRequest('POST requests need a JSON body; send {} when there is nothing to say.');
  return parseJsonObject(text, 'request');
}

/** `text` as a JSON object, else a 400 naming the body (`request`, `control`). */
export function parseJsonObject(text: string, body: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequest(`The ${body} body is not valid JSON.`);
  }
  if (!isRecord(parsed)) throw new BadRequest(`The ${body} body must be a JSON object.`);
  return parsed;
}

/** Reads an HTML form post (`application/x-www-form-urlencoded`), as the mock's pages send. */
export async function readForm(request: Request): Promise<URLSearchParams> {
  return new URLSearchParams(await request.text());
}

export function badRequest(error: unknown): Response {
  if (error instanceof BadRequest) {
    return fail(400, 'invalid_request', error.message, error.field ? { field: error.field } : {});
  }
  throw error;
}

/** Runs a JSON route; body-parse failures become 400 envelopes, anything else a specific 500. */
export async function guard(run: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof BadRequest) return badRequest(error);
    const detail = error instanceof Error ? error.message : String(error);
    return fail(500, 'internal', `The mock backend failed: ${detail}`);
  }
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: people type these codes

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

export function randomCode(length: number): string {
  return Array.from(randomBytes(length), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

export function randomHex(length: number): string {
  return Array.from(randomBytes(Math.ceil(length / 2)), (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, length);
}

/** Upper-case, without spaces and dashes: how people may type a code. */
export const normalizeCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON safe to embed in an inline <script> (no `</script>`, no U+2028/2029 surprises). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Waits `ms` using the global setTimeout at call time (so fake timers control it). Resolves
 * early when `signal` aborts: the caller's fetch is already rejected by then.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** An http(s) URL's origin, or undefined. */
export function httpOrigin(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The calling origin: URLs the mock hands out point back at it. */
export const originOf = (request: Request): string => new URL(request.url).origin;
