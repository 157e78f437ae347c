import { expect } from '../helpers.js';
import { getPath, setPath, isMasked, MASK } from '../../src/api-client/config-paths.js';
import { createApiClient } from '../../src/api-client/client.js';
import { normalizeCreatedInstance, normalizeInstances } from '../../src/api-client/responses.js';
import type { FieldSchema } from '../../src/api-client/types.js';
import { rememberedProfile, rememberKey, rememberProfile } from '../../src/providers/profiles.controller.js';
import { buildSavePlan, hydrateField } from '../../src/state/field-state.js';

describe('config paths', () => {
  it('reads and writes dotted paths', () => {
    const cfg = setPath({}, 'tautulli.history.user_id', '7');
    expect(getPath(cfg, 'tautulli.history.user_id')).to.equal('7');
    expect(getPath(cfg, 'tautulli.missing.x')).to.equal(undefined);
  });
  it('recognises masks', () => {
    expect(isMasked(MASK)).to.equal(true);
    expect(isMasked('***')).to.equal(true);
    expect(isMasked('abc')).to.equal(false);
    expect(isMasked('')).to.equal(false);
  });
});

describe('config paths: keys and ids from a server (issue 11)', () => {
  afterEach(() => expect(({} as Record<string, unknown>).client_id, 'Object.prototype unchanged').to.equal(undefined));

  it('a forbidden segment is never written: Object.prototype stays clean', () => {
    for (const path of ['__proto__.client_id', 'trakt.instances.__proto__.client_id', 'a.constructor.prototype.client_id']) {
      expect(() => setPath({}, path, 'typed'), path).to.throw(TypeError, /cannot be a config key/);
    }
    expect(() => setPath({}, ['trakt', 'instances', '__proto__', 'client_id'], 'typed')).to.throw(TypeError);
  });

  it('reads only own members: __proto__ or constructor read nothing', () => {
    expect(getPath({ trakt: {} }, 'trakt.constructor')).to.equal(undefined);
    expect(getPath({ trakt: {} }, 'trakt.__proto__')).to.equal(undefined);
    expect(getPath({ trakt: { instances: {} } }, ['trakt', 'instances', 'hasOwnProperty'])).to.equal(undefined);
  });

  it('a segment with a dot (profile id a.b) stays one key', () => {
    expect(setPath({}, ['trakt', 'instances', 'a.b', 'client_id'], 'x')).to.deep.equal({ trakt: { instances: { 'a.b': { client_id: 'x' } } } });
    expect(getPath({ trakt: { instances: { 'a.b': { client_id: 'x' } } } }, ['trakt', 'instances', 'a.b', 'client_id'])).to.equal('x');
  });

  it('config hydration drops __proto__, constructor and prototype at any depth', async () => {
    const body = '{"__proto__":{"client_id":"p"},"trakt":{"client_id":"ok","constructor":{"x":1},"instances":{"__proto__":{"client_id":"p"},"P01":{"prototype":1,"client_id":"q"}}}}';
    const api = createApiClient({ fetch: (async () => new Response(body, { headers: { 'content-type': 'application/json' } })) as typeof fetch });
    const config = await api.getConfig();
    expect(JSON.parse(JSON.stringify(config))).to.deep.equal({ trakt: { client_id: 'ok', instances: { P01: { client_id: 'q' } } } });
    expect(Object.getPrototypeOf(config)).to.equal(Object.prototype);
  });
});

describe('profile ids from a server (issue 11)', () => {
  afterEach(() => localStorage.clear());

  it('a profile list drops __proto__, constructor and prototype; the rest stay', () => {
    const list = normalizeInstances([{ id: 'default' }, { id: '__proto__' }, { id: 'constructor' }, { id: 'prototype' }, { id: 'a.b', label: 'Dotted' }]);
    expect(list.map((p) => p.id)).to.deep.equal(['default', 'a.b']);
    expect(() => normalizeCreatedInstance({ ok: true, id: '__proto__' })).to.throw(/cannot be used/);
  });

  it('a forbidden id is neither remembered nor restored', () => {
    rememberProfile('trakt', '__proto__');
    expect(localStorage.getItem(rememberKey('trakt'))).to.equal(null);
    localStorage.setItem(rememberKey('trakt'), 'constructor');
    expect(rememberedProfile('trakt')).to.equal(undefined);
  });

  it('a dotted profile id saves inside that profile, not nested by its dot', () => {
    const field: FieldSchema = { key: 'trakt.client_id', label: 'Client ID', type: 'text', required: false };
    const state = hydrateField(field, { trakt: { instances: { 'a.b': { client_id: 'old' } } } }, 'a.b');
    expect(state.value).to.equal('old');
    const plan = buildSavePlan([{ ...state, value: 'new' }]);
    expect(plan.partial).to.deep.equal({ trakt: { instances: { 'a.b': { client_id: 'new' } } } });
  });
});
