/**
 * Contract test: drives the bundled mock over every documented route and state and checks each
 * answer against docs/openapi.yaml, so the document and the mock cannot drift apart.
 *
 * - The operation is looked up by method + path template: a route the mock serves but the
 *   document does not describe fails the test.
 * - The body must match the schema declared for that exact status (then `NXX`, then `default`),
 *   with the document's objects closed: a member the mock sends but the document does not list
 *   fails too. (Real clients ignore unknown members; the mock must not rely on that.)
 * - Request bodies we send are validated against the operation's requestBody, and every POST
 *   must declare a required JSON body.
 * - Every documented operation must be exercised, except those marked `x-crosswatch-only`.
 * - openapi.d.ts must be up to date with the YAML (`openapi-typescript --check`).
 *
 * Built by scripts/build-node.mjs; run: node --test .cache/node-tests/contract.test.mjs
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { getResponse } from 'msw';
import { PROVIDERS, createMockBackend } from '../../src/mock/index.js';
import { createCrossWatchBackend } from '../../src/mock/crosswatch/index.js';
import type { MockBackend } from '../../src/mock/types.js';
import type {
  WireDevicePollStatus,
  WireFieldType,
  WireFlowKind,
  WireManifest,
  WireUsage,
  WireErrorEnvelope,
  WireConfig,
  WireDeviceStart,
  WireDevicePoll,
  WireStatus,
  WireStatusAll,
} from '../../src/api-client/wire.js';
import { WIRE_LEGACY_FLOWS, WIRE_MASK } from '../../src/api-client/wire.js';
import type { DevicePollStatus, FieldType, FlowKind } from '../../src/api-client/types.js';
import type { ProviderUsage } from '../../src/api-client/errors.js';
import { MASK } from '../../src/api-client/config-paths.js';

// ── compile-time drift guard: domain types and wire types agree ──────────────────────────────
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
/** Fails `tsc --noEmit` when docs/openapi.yaml and src/api-client/types.ts disagree. */
export type WireDriftChecks = [
  Expect<Equal<FlowKind, WireFlowKind>>,
  Expect<Equal<DevicePollStatus, WireDevicePollStatus>>,
  Expect<Equal<FieldType, WireFieldType>>,
  // Every member the server sends in a usage is one the client's ApiError carries.
  Expect<WireUsage extends ProviderUsage ? true : false>,
];

// ── load the document ────────────────────────────────────────────────────────────────────────
const ROOT = fileURLToPath(new URL('../../', import.meta.url)); // .cache/node-tests/ → repo root
const DOC_PATH = `${ROOT}docs/openapi.yaml`;

type Json = Record<string, unknown>;
interface MediaType {
  schema?: Json;
}
interface ResponseSpec {
  description?: string;
  headers?: Record<string, Json>;
  content?: Record<string, MediaType>;
  $ref?: string;
}
interface Operation {
  operationId: string;
  requestBody?: { required?: boolean; content?: Record<string, MediaType>; $ref?: string };
  responses: Record<string, ResponseSpec>;
  parameters?: Json[];
  'x-crosswatch-only'?: boolean;
}
interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, Json>;
    responses: Record<string, ResponseSpec>;
    requestBodies: Record<string, Operation['requestBody']>;
  };
}

const doc = parseYaml(readFileSync(DOC_PATH, 'utf8')) as OpenApiDoc;
const ORIGIN = 'http://mock.test';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Resolves a local `$ref` to components.responses / components.requestBodies. */
function deref<T extends { $ref?: string } | undefined>(value: T): T {
  if (!value?.$ref) return value;
  const parts = value.$ref.replace(/^#\//, '').split('/');
  let node: unknown = doc;
  for (const p of parts) node = (node as Json)[p];
  assert.ok(node, `dangling $ref ${value.$ref}`);
  return deref(node as T);
}

// ── ajv: the document's schemas, closed ──────────────────────────────────────────────────────
/**
 * A copy of a schema whose refs point into the `contract` (closed) or `contract-open` schema.
 * Closed: every object schema that lists `properties` and says nothing about extra members gets
 * `additionalProperties: false`. Our own routes are checked closed; CrossWatch-shaped answers
 * (x-crosswatch-only routes, providers declared exactly as CrossWatch sends them) open, because
 * CrossWatch adds members such as `instance` and `user` that our contract does not define.
 */
type Mode = 'closed' | 'open';
function prepareSchema(schema: unknown, mode: Mode): unknown {
  if (Array.isArray(schema)) return schema.map((s) => prepareSchema(s, mode));
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Json = {};
  const base = mode === 'closed' ? 'contract' : 'contract-open';
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', `${base}#/$defs/`);
    } else if (key === 'properties' && typeof value === 'object' && value !== null) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, prepareSchema(v, mode)]));
    } else {
      out[key] = prepareSchema(value, mode);
    }
  }
  if (mode === 'closed' && out.properties && !('additionalProperties' in out) && !('unevaluatedProperties' in out)) {
    out.additionalProperties = false;
  }
  return out;
}

// ajv-formats is CommonJS with a default export; esbuild's interop may hand us either shape.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
addFormats(ajv);
ajv.addVocabulary(['example']); // OpenAPI's own keyword; examples are documentation
ajv.addSchema({ $id: 'contract', $defs: prepareSchema(doc.components.schemas, 'closed') });
ajv.addSchema({ $id: 'contract-open', $defs: prepareSchema(doc.components.schemas, 'open') });

const validators = new Map<string, ValidateFunction>();
function validatorFor(schema: Json, cacheKey: string, mode: Mode): ValidateFunction {
  let fn = validators.get(`${mode} ${cacheKey}`);
  if (!fn) {
    fn = ajv.compile(prepareSchema(schema, mode) as Json);
    validators.set(`${mode} ${cacheKey}`, fn);
  }
  return fn;
}

function assertValid(schema: Json, cacheKey: string, value: unknown, what: string, mode: Mode = 'closed'): void {
  const validate = validatorFor(schema, cacheKey, mode);
  if (!validate(value)) {
    assert.fail(
      `${what} does not match docs/openapi.yaml:\n${(validate.errors ?? [])
        .map((e) => `  ${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`)
        .join('\n')}\n` +
        `body: ${JSON.stringify(value).slice(0, 600)}`,
    );
  }
}

// ── route lookup by path template ────────────────────────────────────────────────────────────
interface Route {
  template: string;
  method: string;
  op: Operation;
  regex: RegExp;
  literalSegments: number;
}

const routes: Route[] = [];
for (const [template, item] of Object.entries(doc.paths)) {
  const regex = new RegExp(
    `^${template
      .split('/')
      .map((seg) => (/^\{[^}]+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('/')}$`,
  );
  const literalSegments = template.split('/').filter((s) => s && !s.startsWith('{')).length;
  for (const method of METHODS) {
    const op = item[method] as Operation | undefined;
    if (op) routes.push({ template, method: method.toUpperCase(), op, regex, literalSegments });
  }
}

/** The documented operation for a request: concrete paths win over templated ones (OAS §4.8.8). */
function findRoute(method: string, pathname: string): Route | undefined {
  return routes
    .filter((r) => r.method === method && r.regex.test(pathname))
    .sort((a, b) => b.literalSegments - a.literalSegments)[0];
}

const key = (r: Route) => `${r.method} ${r.template}`;

/** True while `target` is the CrossWatch-flavoured mock: everything it says is CrossWatch-shaped. */
let crossWatchFlavour = false;
/** Mock providers declared exactly as CrossWatch sends them (legacy flow name): CrossWatch shapes. */
const CROSSWATCH_STYLE = new Set(
  PROVIDERS.filter((p) => p.manifest(ORIGIN).flow in WIRE_LEGACY_FLOWS).map((p) => p.id),
);
/** Which validation a request gets (see prepareSchema). */
function modeFor(route: Route, pathname: string): Mode {
  if (crossWatchFlavour || route.op['x-crosswatch-only']) return 'open';
  const match = /^\/api\/([^/]+)\//.exec(pathname);
  return match && route.template.startsWith('/api/{provider}/') && CROSSWATCH_STYLE.has(match[1]!) ? 'open' : 'closed';
}
const exercised = new Map<string, Set<string>>(); // op → statuses seen

// ── calling the mock ─────────────────────────────────────────────────────────────────────────
let clock = Date.parse('2026-11-26T12:00:00Z');
let backend: MockBackend;
/** The handlers `call` talks to: the contract mock, or the CrossWatch-flavoured one. */
let target: { handlers: MockBackend['handlers'] };

interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  route: Route;
}

interface CallInit {
  body?: unknown;
  headers?: Record<string, string>;
  /** Skip the request-body check (to send something invalid on purpose). */
  rawBody?: boolean;
}

/**
 * Sends one request through the mock's msw handlers and checks request and answer against
 * the document. Returns the parsed JSON body.
 */
async function call<T = unknown>(method: string, path: string, init: CallInit = {}): Promise<Reply<T>> {
  const url = new URL(path, ORIGIN);
  const route = findRoute(method, url.pathname);
  assert.ok(route, `${method} ${url.pathname} is not documented in docs/openapi.yaml`);
  const mode = modeFor(route, url.pathname);

  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  let body: string | undefined;
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
    const rb = deref(route.op.requestBody);
    const schema = rb?.content?.['application/json']?.schema;
    assert.ok(rb && schema, `${key(route)} receives a body but documents none`);
    if (!init.rawBody) assertValid(schema, `req ${key(route)}`, init.body, `request body of ${key(route)}`, mode);
  }

  const request = new Request(url, { method, headers, body });
  const response = await getResponse(target.handlers, request, { baseUrl: ORIGIN });
  assert.ok(response, `the mock has no handler for ${method} ${url.pathname}`);
  const status = response.status;
  const text = await response.text();

  const spec =
    route.op.responses[String(status)] ?? route.op.responses[`${String(status)[0]}XX`] ?? route.op.responses.default;
  assert.ok(spec, `${key(route)} answered ${status}, which docs/openapi.yaml does not document`);
  const resolved = deref(spec)!;
  const schema = resolved.content?.['application/json']?.schema;
  assert.ok(schema, `${key(route)} ${status}: the document declares no JSON body`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json\b/, `${key(route)} ${status} content-type`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    assert.fail(`${key(route)} ${status} sent malformed JSON: ${text.slice(0, 200)}`);
  }
  assertValid(schema, `res ${key(route)} ${status}`, json, `${method} ${url.pathname} → ${status}`, mode);

  if (resolved.headers?.['Retry-After']) {
    const retryAfter = response.headers.get('retry-after');
    assert.match(retryAfter ?? '', /^\d+$/, `${key(route)} ${status} must send a Retry-After header in seconds`);
    const envelope = json as WireErrorEnvelope;
    if (envelope.error?.retry_after !== undefined) {
      assert.equal(Number(retryAfter), envelope.error.retry_after, 'Retry-After header and retry_after agree');
    }
  }

  const seen = exercised.get(key(route)) ?? new Set<string>();
  seen.add(String(status));
  exercised.set(key(route), seen);
  return { status, headers: response.headers, body: json as T, route };
}

const post = <T = unknown>(path: string, body: unknown = {}, headers?: Record<string, string>) =>
  call<T>('POST', path, { body, headers });
const get = <T = unknown>(path: string, headers?: Record<string, string>) => call<T>('GET', path, { headers });

/** A one-off fault on this request only (the mock's `x-mock-fault` header, docs/mock.md). */
const fault = (spec: string) => ({ 'x-mock-fault': spec });

function expectError(reply: Reply, status: number, code: string): WireErrorEnvelope {
  assert.equal(reply.status, status, `expected ${status} ${code}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  const body = reply.body as WireErrorEnvelope;
  assert.equal(body.ok, false);
  assert.equal(body.error.code, code);
  assert.ok(body.error.message.trim().length > 0, 'the message says something');
  return body;
}

async function startDevice(provider: string): Promise<WireDeviceStart> {
  const reply = await post<WireDeviceStart>(`/api/${provider}/device/start`);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body;
}

// ── the document itself ──────────────────────────────────────────────────────────────────────
describe('docs/openapi.yaml', () => {
  it('is OpenAPI 3.1 and every POST/PATCH declares a required JSON body', () => {
    assert.match(doc.openapi, /^3\.1\./);
    for (const r of routes.filter((x) => x.method === 'POST' || x.method === 'PATCH')) {
      const rb = deref(r.op.requestBody);
      assert.ok(rb?.required, `${key(r)}: requestBody must be required ({} when empty)`);
      assert.ok(rb.content?.['application/json']?.schema, `${key(r)}: requestBody must be application/json`);
    }
  });

  it('gives every operation an id, a success response and an error envelope', () => {
    const ids = new Set<string>();
    for (const r of routes) {
      assert.ok(r.op.operationId && !ids.has(r.op.operationId), `${key(r)}: unique operationId`);
      ids.add(r.op.operationId);
      assert.ok(r.op.responses['200'], `${key(r)}: documents 200`);
      const fallback = deref(r.op.responses.default);
      const expected = r.op['x-crosswatch-only']
        ? ['#/components/schemas/ErrorEnvelope', '#/components/schemas/CrossWatchErrorBody']
        : ['#/components/schemas/ErrorEnvelope'];
      assert.ok(
        expected.includes(String(fallback?.content?.['application/json']?.schema?.$ref)),
        `${key(r)}: default response is the error envelope (or, CrossWatch-only, CrossWatch's shapes)`,
      );
    }
  });

  it('declares the mask and the legacy flow map the code uses', () => {
    assert.equal(doc.components.schemas.MaskedSecret!.const, MASK);
    assert.equal(WIRE_MASK, MASK);
    assert.equal(MASK, '\u2022'.repeat(8));
    const legacy = doc.components.schemas.LegacyFlowName!.enum as string[];
    assert.deepEqual([...legacy].sort(), Object.keys(WIRE_LEGACY_FLOWS).sort());
  });

  it('generated src/api-client/openapi.d.ts is up to date', () => {
    const cli = `${ROOT}node_modules/openapi-typescript/bin/cli.js`;
    try {
      execFileSync(process.execPath, [cli, 'docs/openapi.yaml', '-o', 'src/api-client/openapi.d.ts', '--check'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    } catch (error) {
      const out = String((error as { stderr?: Buffer }).stderr ?? error);
      assert.fail(`openapi.d.ts is stale; run \`npm run types:openapi\`.\n${out.slice(-400)}`);
    }
  });

  it('describes the CrossWatch manifests up to the differences docs/api.md lists', () => {
    // api.md: CrossWatch sends `verify_url: null` and sometimes omits `actions` keys; the client
    // treats a missing action as false. With that applied, every recorded manifest must fit.
    const recorded = JSON.parse(
      readFileSync(`${ROOT}test/fixtures/crosswatch/auth-providers.json`, 'utf8'),
    ) as Array<Omit<WireManifest, 'actions'> & { actions: Partial<WireManifest['actions']> }>;
    assert.equal(recorded.length, 18);
    for (const m of recorded) {
      const actions = { start: false, finish: false, refresh: false, disconnect: false, ...m.actions };
      assertValid(
        { $ref: '#/components/schemas/Manifest' },
        'crosswatch-manifest',
        { ...m, actions },
        `CrossWatch manifest ${m.name}`,
      );
    }
  });
});

// ── the mock against the document ───────────────────────────────────────────────────────────
describe('mock backend follows docs/openapi.yaml', () => {
  before(() => {
    backend = createMockBackend({ now: () => clock });
    target = backend;
  });
  after(() => backend.reset());

  const fresh = () => {
    backend.reset();
    backend.faults.clear();
  };

  it('GET /api/auth/providers: every manifest fits, names are unique, flows canonical or legacy', async () => {
    fresh();
    const { status, body } = await get<WireManifest[]>('/api/auth/providers');
    assert.equal(status, 200);
    assert.ok(body.length >= 7, 'the mock covers every flow and hard case');
    const names = body.map((m) => m.name);
    assert.equal(new Set(names).size, names.length, 'unique names');
    const flows = new Set(body.map((m) => m.flow));
    for (const f of ['device_code', 'oauth', 'credentials']) assert.ok(flows.has(f), `some provider uses ${f}`);
    assert.ok(
      body.some((m) => m.flow in WIRE_LEGACY_FLOWS),
      'one provider is declared with a CrossWatch legacy flow name',
    );
    for (const m of body) {
      for (const route of Object.values(m.routes ?? {})) {
        const pathname = new URL(route, ORIGIN).pathname;
        const documented = routes.some((r) => r.regex.test(pathname));
        assert.ok(documented, `${m.name} routes to ${route}, which docs/openapi.yaml does not document`);
      }
    }
  });

  it('GET/POST /api/config: masked before and after a save; unset removes', async () => {
    fresh();
    const before = await get<WireConfig>('/api/config');
    assert.equal(before.status, 200);

    const saved = await post('/api/config', { trakt: { client_id: 'abc123', client_secret: 's3cret' } });
    assert.equal(saved.status, 200);
    const afterSave = await get<{ trakt: Record<string, unknown> }>('/api/config');
    assert.equal(afterSave.body.trakt.client_id, 'abc123');
    assert.equal(afterSave.body.trakt.client_secret, MASK, 'a stored secret reads back masked');

    // A masked or blank secret never overwrites.
    await post('/api/config', { trakt: { client_secret: MASK } });
    await post('/api/config', { trakt: { client_secret: '' } });
    assert.equal((backend.rawConfig().trakt as Record<string, unknown>).client_secret, 's3cret');

    const unset = await post<{ removed: string[]; missing: string[] }>('/api/config/unset', {
      paths: ['trakt.client_secret', 'trakt.nope'],
    });
    assert.equal(unset.status, 200);
    assert.deepEqual(unset.body.removed, ['trakt.client_secret']);
    assert.deepEqual(unset.body.missing, ['trakt.nope']);
  });

  it('POST /api/config/unset rejects a malformed body with the envelope', async () => {
    fresh();
    const reply = await call('POST', '/api/config/unset', { body: { paths: 'trakt' }, rawBody: true });
    expectError(reply, 400, 'invalid_request');
  });

  it('device flow: start, pending, slow_down, authorized, then status connected', async () => {
    fresh();
    const start = await startDevice('plex');
    assert.ok(start.interval >= 1 && start.expires_in > start.interval);

    const pending = await post<WireDevicePoll>('/api/plex/device/poll');
    assert.equal(pending.body.status, 'pending');
    // Polling again at once is too fast (RFC 8628 §3.5).
    const tooFast = await post<WireDevicePoll>('/api/plex/device/poll');
    assert.equal(tooFast.body.status, 'slow_down');

    clock += 60_000;
    const decision = backend.approveDevice('plex', { account: 'bob' });
    assert.ok(decision.ok, decision.message);
    const done = await post<WireDevicePoll>('/api/plex/device/poll');
    assert.equal(done.body.status, 'authorized');

    const status = await get<WireStatus>('/api/plex/status');
    assert.equal(status.body.connected, true);
  });

  it('device flow: a slow_down storm answers slow_down on every poll', async () => {
    fresh();
    await startDevice('mdblist');
    backend.faults.add({ fault: 'slow_down_storm', provider: 'mdblist' });
    for (let i = 0; i < 2; i++) {
      clock += 60_000;
      const reply = await post<WireDevicePoll>('/api/mdblist/device/poll');
      assert.equal(reply.body.status, 'slow_down');
    }
  });

  it('device flow: denied', async () => {
    fresh();
    await startDevice('plex');
    assert.ok(backend.denyDevice('plex').ok);
    clock += 60_000;
    const reply = await post<WireDevicePoll>('/api/plex/device/poll');
    assert.equal(reply.body.status, 'denied');
  });

  it('device flow: expired after expires_in', async () => {
    fresh();
    const start = await startDevice('plex');
    clock += (start.expires_in + 1) * 1000;
    const reply = await post<WireDevicePoll>('/api/plex/device/poll');
    assert.equal(reply.body.status, 'expired');
  });

  it('device flow: cancel stops it; a poll afterwards has nothing pending', async () => {
    fresh();
    await startDevice('plex');
    const cancel = await post('/api/plex/device/cancel');
    assert.equal(cancel.status, 200);
    clock += 60_000;
    const reply = await post('/api/plex/device/poll');
    if (reply.status === 200) {
      assert.notEqual((reply.body as WireDevicePoll).status, 'pending', 'a cancelled flow is not pending');
    } else {
      expectError(reply, 404, 'no_pending_flow');
    }
  });

  it('pin/new fallback: the server waits; after Approve the status is connected', async () => {
    fresh();
    const pin = await post<{ ok: boolean; user_code?: string; code?: string }>('/api/plex/pin/new');
    assert.equal(pin.status, 200);
    assert.equal(pin.body.ok, true);
    assert.ok(pin.body.code ?? pin.body.user_code, 'a code to show');
    assert.equal((await get<WireStatus>('/api/plex/status')).body.connected, false);
    assert.ok(backend.approveDevice('plex').ok);
    assert.equal((await get<WireStatus>('/api/plex/status')).body.connected, true);

    // Trakt's variant accepts the app keys in the body.
    const trakt = await post('/api/trakt/pin/new', { client_id: 'tid', client_secret: 'tsecret' });
    assert.equal(trakt.status, 200);
    expectError(await post('/api/mdblist/pin/new'), 404, 'not_found');
  });

  it('device start without the app keys says which keys are missing', async () => {
    fresh();
    const reply = await post('/api/trakt/device/start');
    assert.equal(reply.status, 400);
    assert.equal((reply.body as WireErrorEnvelope).ok, false);
  });

  it('oauth: authorize gives a consent URL; after Allow the status is connected', async () => {
    fresh();
    await post('/api/config', { simkl: { client_id: 'sid', client_secret: 'ssecret' } });
    const reply = await post<{ authorize_url: string }>('/api/simkl/authorize', {
      origin: 'http://dashboard.test',
      nonce: 'n-1',
    });
    assert.equal(reply.status, 200);
    assert.match(new URL(reply.body.authorize_url).protocol, /^https?:$/);
    assert.ok(backend.decideOAuth('simkl', 'allow', { account: 'bob' }).ok);
    const status = await get<WireStatus>('/api/simkl/status');
    assert.equal(status.body.connected, true);
  });

  it('oauth: authorize without the app keys fails with a specific code', async () => {
    fresh();
    const reply = await post('/api/simkl/authorize', { origin: 'http://dashboard.test' });
    expectError(reply, 400, 'missing_client_credentials');
  });

  it('credentials: connect succeeds, then status, refresh-less disconnect', async () => {
    fresh();
    const reply = await post<{ ok: true; account?: string }>('/api/jellyfin/connect', {
      server: 'http://jellyfin.local:8096',
      username: 'bob',
      password: 'hunter2',
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const status = await get<WireStatus>('/api/jellyfin/status');
    assert.equal(status.body.connected, true);
    const off = await post('/api/jellyfin/disconnect');
    assert.equal(off.status, 200);
    const after = await get<WireStatus>('/api/jellyfin/status');
    assert.equal(after.body.connected, false);
  });

  it('credentials: connect failure is a specific error code', async () => {
    fresh();
    const reply = await post('/api/tautulli/connect', { server_url: 'http://localhost:8181', api_key: 'short' });
    assert.ok(reply.status >= 400 && reply.status < 600);
    const body = reply.body as WireErrorEnvelope;
    assert.notEqual(body.error.code, 'internal', 'a specific reason, not "internal"');
  });

  it('refresh: fresh, ok after time passes, not_connected without a token; expires_at in seconds', async () => {
    fresh();
    await post('/api/config', { trakt: { client_id: 'tid', client_secret: 'tsecret' } });
    expectError(await post('/api/trakt/refresh'), 409, 'not_connected');
    backend.connect('trakt', 'bob');
    const first = await post<{ ok: true; status: string; expires_at?: number }>('/api/trakt/refresh');
    assert.equal(first.status, 200);
    assert.equal(first.body.status, 'fresh');

    backend.advanceClock(20 * 3600 * 1000);
    const second = await post<{ ok: true; status: string; expires_at?: number }>('/api/trakt/refresh');
    assert.equal(second.body.status, 'ok');
    const nowS = backend.now() / 1000;
    assert.ok(second.body.expires_at! > nowS && second.body.expires_at! < nowS + 365 * 86400, 'epoch seconds, in the future');

    const status = await get<WireStatus>('/api/trakt/status');
    assert.equal(status.body.connected, true);
    assert.equal(status.body.expires_at, second.body.expires_at);
  });

  it('disconnect: 200, and 409 provider_in_use with usages while in use', async () => {
    fresh();
    backend.connect('trakt', 'bob');
    backend.setInUse('trakt', [{ feature: 'sync_pair', label: 'Sync pair p1', role: 'source', pair_id: 'p1', enabled: true }]);
    const refused = await post('/api/trakt/disconnect');
    const body = expectError(refused, 409, 'provider_in_use');
    assert.equal(body.error.usages?.[0]?.label, 'Sync pair p1');
    assert.equal((await get<WireStatus>('/api/trakt/status')).body.connected, true, 'nothing was removed');

    backend.setInUse('trakt', false);
    const done = await post('/api/trakt/disconnect');
    assert.equal(done.status, 200);
    assert.equal((await get<WireStatus>('/api/trakt/status')).body.connected, false);

    // The same refusal through fault injection.
    backend.connect('plex');
    const injected = await post('/api/plex/disconnect', {}, fault('in_use'));
    expectError(injected, 409, 'provider_in_use');
  });

  it('CrossWatch-declared provider: login, status, token/delete and its 409 in CrossWatch shapes', async () => {
    fresh();
    assert.ok(CROSSWATCH_STYLE.size >= 1, 'the mock declares a provider exactly as CrossWatch does');
    const id = [...CROSSWATCH_STYLE][0]!;
    const missing = await post(`/api/${id}/login`, { server: '' });
    assert.equal(missing.status, 400);
    const failed = await post(`/api/${id}/login`, { server: 'http://unreachable.local', username: 'bob' });
    assert.ok(failed.status >= 400);
    const login = await post<{ ok: boolean }>(`/api/${id}/login`, { server: `http://${id}.local:8096`, username: 'bob' });
    assert.equal(login.status, 200);
    assert.equal((await get<WireStatus>(`/api/${id}/status`)).body.connected, true);

    backend.setInUse(id, [{ feature: 'watcher', label: 'Watcher' }]);
    const refused = await post<{ ok: false; error: string; usages: WireUsage[] }>(`/api/${id}/token/delete`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error, 'provider_in_use');
    backend.setInUse(id, false);
    assert.equal((await post(`/api/${id}/token/delete`)).status, 200);
    assert.equal((await get<WireStatus>(`/api/${id}/status`)).body.connected, false);
  });

  it('injected failures keep the envelope: 500, 401, 429 and 503 with Retry-After', async () => {
    fresh();
    expectError(await get('/api/auth/providers', fault('http_500')), 500, 'internal');
    expectError(await get('/api/config', fault('unauthorized')), 401, 'unauthorized');
    expectError(await post('/api/plex/device/start', {}, fault('rate_limited')), 429, 'rate_limited');
    expectError(await get('/api/trakt/status', fault('unavailable')), 503, 'unavailable');
    backend.faults.add({ fault: 'http_500', provider: 'jellyfin', route: 'connect', times: 1 });
    expectError(await post('/api/jellyfin/connect', { server: 'http://jf', username: 'bob' }), 500, 'internal');
  });

  it('a POST without a JSON body is a 400 envelope, not a crash', async () => {
    fresh();
    const url = new URL('/api/plex/device/start', ORIGIN);
    const route = findRoute('POST', url.pathname)!;
    const response = await getResponse(backend.handlers, new Request(url, { method: 'POST' }), { baseUrl: ORIGIN });
    assert.ok(response);
    assert.equal(response.status, 400);
    assertValid(
      { $ref: '#/components/schemas/ErrorEnvelope' },
      'envelope',
      await response.json(),
      `${key(route)} without body`,
    );
  });

  it('GET /api/auth/status: every provider by manifest name, each the same as its own status route', async () => {
    fresh();
    backend.connect('trakt', 'bob');
    const { status, body } = await get<WireStatusAll>('/api/auth/status');
    assert.equal(status, 200);
    const names = PROVIDERS.map((p) => p.manifest(ORIGIN).name);
    assert.deepEqual(Object.keys(body.providers), names, 'one entry per listed provider, in manifest order');
    for (const def of PROVIDERS.filter((p) => !CROSSWATCH_STYLE.has(p.id))) {
      const own = await get<WireStatus>(`/api/${def.id}/status`);
      assert.deepEqual(body.providers[def.manifest(ORIGIN).name], own.body, `${def.id}: the aggregate agrees with its route`);
    }
    assert.equal(body.providers['TRAKT']?.account, 'bob');
  });

  it('GET /api/auth/status: a backend without it answers 404 (statusAll: false); providerCount lists copies', async () => {
    const without = createMockBackend({ now: () => clock, statusAll: false });
    target = without;
    try {
      expectError(await get('/api/auth/status'), 404, 'not_found');
      const many = createMockBackend({ now: () => clock, providerCount: 100 });
      target = many;
      const list = (await get<WireManifest[]>('/api/auth/providers')).body;
      assert.equal(list.length, 100);
      assert.equal(new Set(list.map((m) => m.name)).size, 100, 'unique names');
      const all = (await get<WireStatusAll>('/api/auth/status')).body;
      assert.deepEqual(Object.keys(all.providers), list.map((m) => m.name));
    } finally {
      target = backend;
    }
  });

  it('unknown provider: 404 unknown_provider', async () => {
    fresh();
    expectError(await get('/api/nosuch/status'), 404, 'unknown_provider');
  });

  it('exercises every documented operation (except x-crosswatch-only)', () => {
    const missing = routes.filter((r) => !r.op['x-crosswatch-only'] && !exercised.has(key(r))).map(key);
    assert.deepEqual(missing, [], 'documented but never exercised against the mock');
  });
});

// ── the CrossWatch-only routes against the CrossWatch-flavoured mock ─────────────────────────
describe('CrossWatch-flavoured mock answers the x-crosswatch-only routes as documented', () => {
  before(() => {
    crossWatchFlavour = true;
  });
  after(() => {
    crossWatchFlavour = false;
  });

  const instancesOf = async (provider: string) =>
    (await get<Array<{ id: string; label: string; configured: boolean }>>(`/api/provider-instances/${provider}`)).body;

  it('profiles: list, add, rename, delete; ?instance= reaches the profile', async () => {
    const cw = createCrossWatchBackend({ now: () => clock });
    target = cw;
    const before = await instancesOf('trakt');
    assert.equal(before[0]?.id, 'default');

    const created = await post<{ ok: boolean; id: string }>('/api/provider-instances/trakt/next');
    assert.equal(created.body.ok, true);
    const id = created.body.id;
    assert.match(id, /^TRAKT-P\d\d$/);
    assert.ok((await instancesOf('trakt')).some((i) => i.id === id));

    const renamed = await call('PATCH', `/api/provider-instances/trakt/${id}`, { body: { label: 'Kids' } });
    assert.equal(renamed.status, 200);
    assert.equal((await instancesOf('trakt')).find((i) => i.id === id)?.label, 'Kids');

    // A call scoped to the new profile (documented `instance` query parameter).
    const status = await get<WireStatus>(`/api/mdblist/status?instance=${encodeURIComponent('MDBLIST-P01')}`);
    assert.equal(typeof status.body.connected, 'boolean');

    const removed = await call('DELETE', `/api/provider-instances/trakt/${id}`);
    assert.equal(removed.status, 200);
    assert.ok(!(await instancesOf('trakt')).some((i) => i.id === id));
  });

  it('profiles: the limit is an HTTP-200 failure, unknown providers a FastAPI 404', async () => {
    const cw = createCrossWatchBackend({ now: () => clock });
    target = cw;
    let last: Reply<{ ok: boolean; error?: string }> | undefined;
    for (let i = 0; i < 11; i++) last = await post<{ ok: boolean; error?: string }>('/api/provider-instances/trakt/next');
    assert.equal(last!.status, 200);
    assert.deepEqual(last!.body, { ok: false, error: 'profile_limit_reached' });
    const unknown = await get('/api/provider-instances/nosuch');
    assert.equal(unknown.status, 404);
  });

  it('profiles and token/delete refuse with 409 provider_in_use while used', async () => {
    const usages = [{ feature: 'sync_pair', label: 'Sync pair p1', role: 'source', pair_id: 'p1', enabled: true }];
    const cw = createCrossWatchBackend({
      now: () => clock,
      config: { trakt: { instances: { 'TRAKT-P01': { label: 'Kids', access_token: 'tok' } } } },
      inUse: [
        { provider: 'trakt', instance: 'TRAKT-P01', usages },
        { provider: 'trakt', instance: 'default', usages },
      ],
    });
    target = cw;
    cw.connect('trakt', 'bob');
    const del = await call<{ error: string; usages: WireUsage[] }>('DELETE', '/api/provider-instances/trakt/TRAKT-P01');
    assert.equal(del.status, 409);
    assert.equal(del.body.error, 'provider_in_use');
    assert.equal(del.body.usages[0]?.label, 'Sync pair p1');
    const off = await post<{ error: string }>('/api/trakt/token/delete');
    assert.equal(off.status, 409);
    assert.equal(off.body.error, 'provider_in_use');
  });

  it('aggregates: GET /api/provider-instances and /api/status answer every provider; off → 404', async () => {
    const cw = createCrossWatchBackend({ now: () => clock, config: { trakt: { instances: { 'TRAKT-P01': { label: 'Kids' } } } } });
    target = cw;
    const all = (await get<Record<string, Array<{ id: string; label: string; configured: boolean }>>>('/api/provider-instances')).body;
    assert.equal(Object.keys(all).length, 18);
    assert.deepEqual(all['TRAKT'], await instancesOf('trakt'), 'the same lists as the per-provider route');
    assert.deepEqual(all['TMDB'], await instancesOf('tmdb'));
    const status = (await get<{ trakt_connected: boolean; providers: Record<string, { connected: boolean; instances?: Record<string, unknown> }> }>('/api/status')).body;
    assert.equal(status.trakt_connected, false);
    assert.equal(status.providers['TRAKT']?.connected, false);
    assert.ok(status.providers['TRAKT']?.instances?.['TRAKT-P01'], 'profiles are reported');

    target = createCrossWatchBackend({ now: () => clock, aggregates: false });
    assert.equal((await get('/api/provider-instances')).status, 404);
    assert.equal((await get('/api/status')).status, 404);
  });

  it('exercises every x-crosswatch-only operation', () => {
    const missing = routes.filter((r) => r.op['x-crosswatch-only'] && !exercised.has(key(r))).map(key);
    assert.deepEqual(missing, [], 'CrossWatch-only operations never exercised');
  });
});
