import { expect } from '../helpers.js';
import { http, HttpResponse } from 'msw';
import crosswatchProviders from '../fixtures/crosswatch/auth-providers.json' with { type: 'json' };
import { createApiClient } from '../../src/api-client/client.js';
import { isCssColor, isSafeRoute, mapFieldType, mapFlow, parseProviderList } from '../../src/api-client/manifest.js';
import { handlerFetch } from './handler-fetch.js';

const base = {
  name: 'TRAKT',
  label: 'Trakt',
  flow: 'device_code',
  fields: [{ key: 'trakt.client_id', label: 'Client ID', type: 'text', required: true }],
  actions: { start: true, finish: true, refresh: true, disconnect: true },
};

/** The single invalid entry's error for a manifest built from `base` + `patch`. */
function invalidOf(patch: Record<string, unknown>, before: unknown[] = []) {
  const { manifests, invalid } = parseProviderList([...before, { ...base, ...patch }]);
  expect(invalid, 'expected one invalid manifest').to.have.length(1);
  expect(manifests).to.have.length(before.length);
  return invalid[0];
}

describe('manifests: CrossWatch fixture (18 real manifests)', () => {
  it('all 18 validate and map their legacy flows', async () => {
    const net = handlerFetch(http.get('*/api/auth/providers', () => HttpResponse.json(crosswatchProviders)));
    const { manifests, invalid } = await createApiClient({ fetch: net.fetch }).listProviders();
    expect(invalid).to.deep.equal([]);
    expect(manifests).to.have.length(18);
    const flows = Object.fromEntries(manifests.map((m) => [m.name, [m.flow, m.rawFlow]]));
    expect(flows).to.deep.equal({
      ANILIST: ['oauth', 'oauth2'],
      BINGEBASE: ['device_code', 'device_code'],
      CROSSWATCH: ['local', 'local'],
      EMBY: ['credentials', 'token'],
      FLOPPY: ['credentials', 'api_key'],
      JELLYFIN: ['credentials', 'token'],
      KODI: ['credentials', 'credentials'],
      MDBLIST: ['device_code', 'device_code'],
      NUVIO: ['device_code', 'tv_login'],
      PLEX: ['device_code', 'device_pin'],
      PUBLICMETADB: ['credentials', 'api_keys'],
      PUNCHPLAY: ['device_code', 'device_code'],
      SCROB: ['credentials', 'api_key'],
      SIMKL: ['oauth', 'oauth'],
      STREMIO: ['credentials', 'credentials'],
      TAUTULLI: ['credentials', 'api_keys'],
      TMDB: ['credentials', 'api_keys'],
      TRAKT: ['device_code', 'device_pin'],
    });
  });

  it('keeps dotted keys, bool defaults, readonly fields; fills missing actions with false; drops null verify_url', () => {
    const { manifests } = parseProviderList(crosswatchProviders);
    const byName = new Map(manifests.map((m) => [m.name, m]));
    const tautulli = byName.get('TAUTULLI')!;
    expect(tautulli.id).to.equal('tautulli');
    expect(tautulli.fields.map((f) => f.key)).to.include('tautulli.history.user_id');
    const floppySsl = byName.get('FLOPPY')!.fields.find((f) => f.key === 'floppy.verify_ssl')!;
    expect(floppySsl).to.deep.equal({ key: 'floppy.verify_ssl', label: 'Verify SSL', type: 'bool', required: false, default: false });
    const session = byName.get('TMDB')!.fields.find((f) => f.key === 'tmdb_sync.session_id')!;
    expect(session.readonly).to.equal(true);
    // BINGEBASE omits "refresh" in actions
    expect(byName.get('BINGEBASE')!.actions).to.deep.equal({ start: true, finish: true, refresh: false, disconnect: true });
    expect(byName.get('ANILIST')!.verifyUrl).to.equal(undefined);
    expect(byName.get('PLEX')!.verifyUrl).to.equal('https://plex.tv/pin');
    expect(byName.get('PLEX')!.fields).to.deep.equal([]);
    expect(byName.get('TRAKT')!.notes).to.contain('Client ID/Secret are required');
  });
});

describe('manifests: validation messages name the member', () => {
  it('fields[i].key not a string', () => {
    const bad = { ...base, fields: [base.fields[0], { key: 42, label: 'x', type: 'text', required: false }] };
    const { index, name, error } = invalidOf(bad, [{ ...base, name: 'PLEX' }, { ...base, name: 'SIMKL' }, { ...base, name: 'X' }]);
    expect(index).to.equal(3);
    expect(name).to.equal('TRAKT');
    expect(error.code).to.equal('invalid_manifest');
    expect(error.message).to.equal('Manifest #3 ("TRAKT"): fields[1].key must be a dotted config path such as "trakt.client_id", not a number');
    expect(error.field).to.equal('[3].fields[1].key');
  });

  it('missing or empty name', () => {
    const { error, name } = invalidOf({ name: '' });
    expect(name).to.equal(undefined);
    expect(error.message).to.equal('Manifest #0: name must not be empty');
    expect(error.field).to.equal('[0].name');
    expect(invalidOf({ name: undefined }).error.message).to.equal('Manifest #0: name must be a string, not nothing');
  });

  it('an entry that is not an object', () => {
    const { invalid } = parseProviderList([base, 'TRAKT']);
    expect(invalid[0].error.message).to.equal('Manifest #1: must be an object, not a string');
    expect(invalid[0].error.field).to.equal('[1]');
  });

  it('label: missing → name; wrong type → invalid', () => {
    const { manifests } = parseProviderList([{ ...base, label: undefined }]);
    expect(manifests[0].label).to.equal('TRAKT');
    expect(invalidOf({ label: 5 }).error.message).to.equal('Manifest #0 ("TRAKT"): label must be a string, not a number');
  });

  it('flow must be a string', () => {
    expect(invalidOf({ flow: null }).error.message).to.equal('Manifest #0 ("TRAKT"): flow must be a string, not null');
  });

  it('fields must be an array of objects', () => {
    expect(invalidOf({ fields: {} }).error.message).to.equal('Manifest #0 ("TRAKT"): fields must be an array, not an object');
    expect(invalidOf({ fields: [null] }).error.field).to.equal('[0].fields[0]');
  });

  it('field members: required must be boolean, label string, key a dotted path without __proto__', () => {
    const f = base.fields[0];
    expect(invalidOf({ fields: [{ ...f, required: 'yes' }] }).error.message).to.equal(
      'Manifest #0 ("TRAKT"): fields[0].required must be true or false, not "yes"',
    );
    expect(invalidOf({ fields: [{ ...f, label: ['x'] }] }).error.field).to.equal('[0].fields[0].label');
    const spaced = invalidOf({ fields: [{ ...f, key: 'trakt client' }] }).error;
    expect([spaced.field, spaced.message]).to.deep.equal([
      '[0].fields[0].key',
      'Manifest #0 ("TRAKT"): fields[0].key must be a dotted config path such as "trakt.client_id", not "trakt client"',
    ]);
    expect(invalidOf({ fields: [{ ...f, key: '__proto__.polluted' }] }).error.field).to.equal('[0].fields[0].key');
    expect(invalidOf({ fields: [f, { ...f }] }).error.message).to.contain('fields[1].key repeats "trakt.client_id"');
  });

  it('field defaults: required false, label = key, unknown type → text, aliases mapped', () => {
    const { manifests } = parseProviderList([
      {
        ...base,
        fields: [
          { key: 'x.a' },
          { key: 'x.b', label: 'B', type: 'email' },
          { key: 'x.c', label: 'C', type: 'checkbox' },
          { key: 'x.d', label: 'D', type: 'select', options: [{ value: 1, label: 'One' }, { value: 'two' }] },
        ],
      },
    ]);
    expect(manifests[0].fields).to.deep.equal([
      { key: 'x.a', label: 'x.a', type: 'text', required: false },
      { key: 'x.b', label: 'B', type: 'text', required: false },
      { key: 'x.c', label: 'C', type: 'bool', required: false },
      {
        key: 'x.d',
        label: 'D',
        type: 'select',
        required: false,
        options: [
          { value: '1', label: 'One' },
          { value: 'two', label: 'two' },
        ],
      },
    ]);
  });

  it('actions: missing → all false; non-boolean → invalid', () => {
    const { manifests } = parseProviderList([{ ...base, actions: undefined }]);
    expect(manifests[0].actions).to.deep.equal({ start: false, finish: false, refresh: false, disconnect: false });
    expect(invalidOf({ actions: { start: 1 } }).error.message).to.equal(
      'Manifest #0 ("TRAKT"): actions.start must be true or false, not a number',
    );
  });

  it('routes: paths and http(s) URLs only; protocol-relative and javascript: are invalid', () => {
    const { manifests } = parseProviderList([
      { ...base, routes: { start: '/api/trakt/pin/new', status: 'https://cw.example/api/trakt/status', bogus: 'x' } },
    ]);
    expect(manifests[0].routes).to.deep.equal({ start: '/api/trakt/pin/new', status: 'https://cw.example/api/trakt/status' });
    expect(invalidOf({ routes: { poll: '//evil.example/poll' } }).error.field).to.equal('[0].routes.poll');
    expect(invalidOf({ routes: { poll: 'javascript:alert(1)' } }).error.message).to.equal(
      'Manifest #0 ("TRAKT"): routes.poll must be a path starting with "/" or an http(s) URL, not "javascript:alert(1)"',
    );
    expect(invalidOf({ routes: 'x' }).error.field).to.equal('[0].routes');
  });

  it('links that are not http(s) are dropped; bad brand colour dropped', () => {
    const { manifests, invalid } = parseProviderList([
      {
        ...base,
        verify_url: 'javascript:alert(1)',
        help_url: 'data:text/html,hi',
        redirect_url: 'https://dash.example/callback',
        brand: { color: 'red;background:url(x)', logo: 'javascript:x' },
      },
    ]);
    expect(invalid).to.deep.equal([]);
    const [m] = manifests;
    expect(m.verifyUrl).to.equal(undefined);
    expect(m.helpUrl).to.equal(undefined);
    expect(m.redirectUrl).to.equal('https://dash.example/callback');
    expect(m.brand).to.equal(undefined);
  });

  it('duplicate names: the second one is invalid', () => {
    const { manifests, invalid } = parseProviderList([base, { ...base, name: 'trakt' }]);
    expect(manifests).to.have.length(1);
    expect(invalid[0].error.message).to.equal('Manifest #1 ("trakt"): name repeats the name of manifest #0');
  });

  it('one bad entry does not hide the others', () => {
    const { manifests, invalid } = parseProviderList([{ ...base, name: 'A' }, { name: 'B' }, { ...base, name: 'C' }]);
    expect(manifests.map((m) => m.name)).to.deep.equal(['A', 'C']);
    expect(invalid.map((i) => i.index)).to.deep.equal([1]);
  });
});

describe('manifests: helpers', () => {
  it('mapFlow covers canonical, legacy and unknown names', () => {
    const cases: Record<string, string | null> = {
      device_code: 'device_code',
      device_pin: 'device_code',
      tv_login: 'device_code',
      oauth: 'oauth',
      oauth2: 'oauth',
      credentials: 'credentials',
      token: 'credentials',
      api_key: 'credentials',
      api_keys: 'credentials',
      local: 'local',
      OAUTH2: 'oauth',
      magic_link: null,
    };
    for (const [raw, flow] of Object.entries(cases)) expect(mapFlow(raw), raw).to.equal(flow);
  });

  it('unknown flow → null, rawFlow kept, not an error', () => {
    const { manifests, invalid } = parseProviderList([{ ...base, flow: 'magic_link' }]);
    expect(invalid).to.deep.equal([]);
    expect([manifests[0].flow, manifests[0].rawFlow]).to.deep.equal([null, 'magic_link']);
  });

  it('mapFieldType', () => {
    expect(['password', 'secret', 'integer', 'weird'].map(mapFieldType)).to.deep.equal(['password', 'password', 'number', 'text']);
  });

  it('isSafeRoute and isCssColor', () => {
    expect(['/api/x', 'https://a.example/x', 'http://a.example'].every(isSafeRoute)).to.equal(true);
    expect(['//a.example/x', '/\\a.example', 'api/x', 'ftp://a.example', '', 5].some(isSafeRoute)).to.equal(false);
    expect(['#ed1c24', '#fff', 'rgb(1, 2, 3)', 'oklch(70% 0.1 200)', 'rebeccapurple'].every(isCssColor)).to.equal(true);
    expect(['red;x:y', 'url(x)', 'rgb(1,2,3) }', 'var(--x)', ''].some(isCssColor)).to.equal(false);
  });
});
