import { expect } from '../helpers.js';
import { MASK } from '../../src/api-client/config-paths.js';
import type { FieldSchema } from '../../src/api-client/types.js';
import {
  blockingProblems,
  buildSavePlan,
  fieldProblem,
  hydrateField,
  hydrateFields,
  isDirty,
  isEmpty,
  rehydrate,
  settleAfterSave,
  updateField,
  valuesForConnect,
} from '../../src/state/field-state.js';
import { createConfigStore } from '../../src/state/create-config-store.js';
import type { AuthApi } from '../../src/api-client/api.js';

const id: FieldSchema = { key: 'trakt.client_id', label: 'Client ID', type: 'text', required: true };
const secret: FieldSchema = { key: 'trakt.client_secret', label: 'Client Secret', type: 'password', required: true };
const url: FieldSchema = { key: 'jf.server', label: 'Server', type: 'url', required: true };
const bool: FieldSchema = { key: 'tautulli.verify_ssl', label: 'Verify SSL', type: 'bool', required: false, default: true };
const num: FieldSchema = { key: 'tautulli.history.days', label: 'Days', type: 'number', required: false, default: 30 };
const ro: FieldSchema = { key: 'jf.server_version', label: 'Version', type: 'readonly', required: false };

describe('field state', () => {
  it('hydrates plain values, masks as "saved" and empty as missing', () => {
    const config = { trakt: { client_id: 'abc', client_secret: MASK } };
    const [a, b] = hydrateFields([id, secret], config);
    expect(a!.value).to.equal('abc');
    expect(a!.saved).to.equal(false);
    expect(b!.saved).to.equal(true);
    expect(b!.value, 'the mask never becomes a value').to.equal('');
    expect(isEmpty(b!)).to.equal(false);
    const empty = hydrateField(secret, { trakt: { client_secret: '' } });
    expect(empty.saved).to.equal(false);
    expect(isEmpty(empty)).to.equal(true);
  });

  it('reads the legacy auth.<key> place and dotted keys', () => {
    const config = { auth: { trakt: { client_id: 'old' } }, tautulli: { history: { days: 7 } } };
    const a = hydrateField(id, config);
    expect(a.value).to.equal('old');
    expect(a.sourcePath).to.equal('auth.trakt.client_id');
    expect(hydrateField(num, config).value).to.equal('7');
  });

  it('reads and writes inside a profile', () => {
    const config = { trakt: { client_id: 'main', instances: { 'TRAKT-P01': { client_id: 'kids' } } } };
    const s = hydrateField(id, config, 'TRAKT-P01');
    expect(s.value).to.equal('kids');
    const plan = buildSavePlan([{ ...s, value: 'kids2' }]);
    expect(plan.partial).to.deep.equal({ trakt: { instances: { 'TRAKT-P01': { client_id: 'kids2' } } } });
  });

  it('uses defaults and coerces bool and number', () => {
    const [b, n] = hydrateFields([bool, num], { tautulli: { verify_ssl: 'false' } });
    expect(b!.value).to.equal(false);
    expect(n!.value).to.equal('30');
    const plan = buildSavePlan([
      { ...b!, value: true },
      { ...n!, value: '90' },
    ]);
    expect(plan.partial).to.deep.equal({ tautulli: { verify_ssl: true, history: { days: 90 } } });
  });

  it('plans only changed keys and never a mask or an untouched secret', () => {
    const config = { trakt: { client_id: 'abc', client_secret: MASK } };
    let states = hydrateFields([id, secret], config);
    expect(buildSavePlan(states)).to.deep.equal({ partial: {}, unset: [], keys: [] });
    states = updateField(states, 'trakt.client_id', { value: 'xyz' });
    expect(buildSavePlan(states)).to.deep.equal({ partial: { trakt: { client_id: 'xyz' } }, unset: [], keys: ['trakt.client_id'] });
    // Replace opened but nothing typed: no change.
    states = updateField(states, 'trakt.client_secret', { replacing: true, value: '' });
    expect(isDirty(states[1]!)).to.equal(false);
    // A pasted mask is never sent.
    states = updateField(states, 'trakt.client_secret', { value: MASK });
    expect(JSON.stringify(buildSavePlan(states).partial)).not.to.contain('\u2022');
    states = updateField(states, 'trakt.client_secret', { value: 's3cret' });
    expect(buildSavePlan(states).partial).to.deep.equal({ trakt: { client_id: 'xyz', client_secret: 's3cret' } });
  });

  it('turns Clear and emptied fields into unset paths', () => {
    const config = { trakt: { client_id: 'abc', client_secret: MASK }, auth: { jf: { server: 'http://old' } } };
    let states = hydrateFields([id, secret, url], config);
    states = updateField(states, 'trakt.client_secret', { clearing: true });
    states = updateField(states, 'trakt.client_id', { value: '' });
    states = updateField(states, 'jf.server', { value: '' });
    const plan = buildSavePlan(states);
    expect(plan.partial).to.deep.equal({});
    expect(plan.unset).to.deep.equal(['trakt.client_id', 'trakt.client_secret', 'auth.jf.server']);
    expect(plan.keys).to.deep.equal(['trakt.client_id', 'trakt.client_secret', 'jf.server']);
  });

  it('validates required, url and number, blocking only changed fields', () => {
    let states = hydrateFields([id, url, num], {});
    expect(fieldProblem(states[0]!), 'untouched: the hint covers it').to.equal(undefined);
    states = updateField(states, 'trakt.client_id', { touched: true });
    expect(fieldProblem(states[0]!)).to.equal('required');
    states = updateField(states, 'jf.server', { value: 'jellyfin.local' });
    expect(fieldProblem(states[1]!)).to.equal('url');
    states = updateField(states, 'jf.server', { value: 'javascript:alert(1)' });
    expect(fieldProblem(states[1]!)).to.equal('url');
    states = updateField(states, 'jf.server', { value: 'http://jellyfin.local:8096' });
    expect(fieldProblem(states[1]!)).to.equal(undefined);
    states = updateField(states, 'tautulli.history.days', { value: 'ten' });
    expect(fieldProblem(states[2]!)).to.equal('number');
    expect(blockingProblems(states).map((s) => s.field.key)).to.deep.equal(['tautulli.history.days']);
  });

  it('readonly fields are never dirty or sent', () => {
    const [s] = hydrateFields([ro], { jf: { server_version: '10.9' } });
    expect(isDirty({ ...s!, value: 'x' })).to.equal(false);
    expect(buildSavePlan([{ ...s!, value: 'x' }]).keys).to.deep.equal([]);
  });

  it('gives a connect flow typed secrets only', () => {
    const config = { trakt: { client_id: 'abc', client_secret: MASK } };
    let states = hydrateFields([id, secret], config);
    expect(valuesForConnect(states)).to.deep.equal({ 'trakt.client_id': 'abc' });
    states = updateField(states, 'trakt.client_secret', { replacing: true, value: 'typed' });
    expect(valuesForConnect(states)).to.deep.equal({ 'trakt.client_id': 'abc', 'trakt.client_secret': 'typed' });
  });

  it('rehydrates new config but keeps edits in progress; settles after a save', () => {
    let states = hydrateFields([id, secret], { trakt: { client_id: 'a', client_secret: '' } });
    states = updateField(states, 'trakt.client_secret', { value: 'typing' });
    const newer = { trakt: { client_id: 'b', client_secret: '' } };
    states = rehydrate(states, [id, secret], newer);
    expect(states[0]!.value, 'clean field follows the server').to.equal('b');
    expect(states[1]!.value, 'edit kept').to.equal('typing');
    const sent = states;
    const afterSave = { trakt: { client_id: 'b', client_secret: MASK } };
    states = settleAfterSave(states, sent, afterSave);
    expect(states[1]!.saved).to.equal(true);
    expect(states[1]!.value).to.equal('');
    expect(states.some(isDirty)).to.equal(false);
  });
});

describe('createConfigStore', () => {
  const fakeApi = (overrides: Partial<AuthApi>): AuthApi => overrides as AuthApi;

  it('loads, notifies, and re-reads after a save', async () => {
    let config: Record<string, unknown> = { a: { x: '1' } };
    const calls: string[] = [];
    const store = createConfigStore(
      fakeApi({
        getConfig: async () => {
          calls.push('get');
          return structuredClone(config);
        },
        saveConfig: async (partial) => {
          calls.push(`save ${JSON.stringify(partial)}`);
          config = { a: { ...(config.a as object), ...(partial.a as object) } };
        },
      }),
    );
    const seen: unknown[] = [];
    const stop = store.subscribe((c) => seen.push(c));
    await store.reload();
    await store.save({ a: { y: '2' } });
    stop();
    expect(calls).to.deep.equal(['get', 'save {"a":{"y":"2"}}', 'get']);
    expect(store.config).to.deep.equal({ a: { x: '1', y: '2' } });
    expect(seen).to.have.length(2);
  });

  it('keeps a successful write when the re-read fails, masking secrets locally', async () => {
    let reads = 0;
    const store = createConfigStore(
      fakeApi({
        getConfig: async () => {
          reads++;
          if (reads > 1) throw new Error('offline');
          return { t: { client_id: 'a' } };
        },
        saveConfig: async () => undefined,
        unsetConfig: async () => undefined,
      }),
    );
    await store.reload();
    await store.save({ t: { client_id: 'b', client_secret: 'plain' } });
    expect(store.config).to.deep.equal({ t: { client_id: 'b', client_secret: MASK } });
    await store.unset(['t.client_secret']);
    expect(store.config).to.deep.equal({ t: { client_id: 'b' } });
  });

  it('when the re-read fails, masks every value the caller marks as secret, whatever its key is called', async () => {
    let reads = 0;
    const store = createConfigStore(
      fakeApi({
        getConfig: async () => {
          if (++reads > 1) throw new Error('offline');
          return { plex: { server: 'http://old' } };
        },
        saveConfig: async () => undefined,
      }),
    );
    await store.reload();
    await store.save(
      { plex: { server: 'http://new', passphrase: 'hunter2', instances: { 'PLEX-P01': { login_code: 'typed' } } } },
      { secretPaths: ['plex.passphrase', 'plex.instances.PLEX-P01.login_code'] },
    );
    expect(store.config).to.deep.equal({
      plex: { server: 'http://new', passphrase: MASK, instances: { 'PLEX-P01': { login_code: MASK } } },
    });
    expect(JSON.stringify(store.config)).not.to.contain('hunter2');
    expect(JSON.stringify(store.config)).not.to.contain('typed');
  });

  it('ignores an older answer that arrives after a newer one', async () => {
    const resolvers: Array<(c: Record<string, unknown>) => void> = [];
    const store = createConfigStore(fakeApi({ getConfig: () => new Promise((r) => resolvers.push(r)) }));
    const first = store.reload();
    const second = store.reload();
    resolvers[1]!({ v: 'new' });
    await second;
    resolvers[0]!({ v: 'old' });
    await first;
    expect(store.config).to.deep.equal({ v: 'new' });
  });
});
