/** The demo's request log: what it records (method, path, status, time) and what it never does (bodies). */
import { expect, fixture, html } from '../helpers.js';
import { createMockBackend, installMockFetch } from '../support/mock.js';
import { installRequestLog, RequestLogView, type LogEntry } from '../../demo/request-log.js';

describe('demo request log', () => {
  const backend = createMockBackend();
  let restoreMock: () => void;
  beforeEach(() => {
    backend.reset();
    restoreMock = installMockFetch(backend);
  });
  afterEach(() => restoreMock());

  it('records method, path, status and duration, never the body', async () => {
    const entries: LogEntry[] = [];
    const log = installRequestLog((entry) => entries.push(entry));
    try {
      await fetch('/api/config', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ trakt: { client_secret: 'super-secret-value' } }),
      });
      await fetch('/api/nope').catch(() => undefined);
    } finally {
      log.restore();
    }
    const settled = entries.filter((e) => e.status !== 'pending');
    expect(settled.map((e) => [e.method, e.path, e.status])).to.deep.equal([
      ['POST', '/api/config', 200],
      ['GET', '/api/nope', 404],
    ]);
    expect(settled.every((e) => typeof e.ms === 'number' && e.ms >= 0)).to.equal(true);
    expect(entries.filter((e) => e.status === 'pending')).to.have.length(2);
    expect(JSON.stringify(entries)).not.to.contain('super-secret-value');
  });

  it('marks aborted and failed requests, and hands out an unlogged fetch', async () => {
    const entries: LogEntry[] = [];
    const log = installRequestLog((entry) => entries.push(entry));
    try {
      const abort = new AbortController();
      backend.faults.add({ fault: 'latency', ms: 500, route: 'providers' });
      const pending = fetch('/api/auth/providers', { signal: abort.signal }).catch((e: unknown) => e);
      abort.abort();
      await pending;
      backend.faults.clear();
      backend.faults.add({ fault: 'network', route: 'status' });
      await fetch('/api/plex/status').catch(() => undefined);
      await log.unlogged('/api/config');
    } finally {
      log.restore();
    }
    const settled = entries.filter((e) => e.status !== 'pending').map((e) => [e.path, e.status]);
    expect(settled).to.deep.equal([
      ['/api/auth/providers', 'aborted'],
      ['/api/plex/status', 'failed'],
    ]);
  });

  it('renders entries as text, newest first, and clears', async () => {
    const list = await fixture<HTMLOListElement>(html`<ol></ol>`);
    const counter = document.createElement('span');
    const view = new RequestLogView(list, counter);
    const at = new Date();
    view.add({ id: 1, kind: 'request', at, method: 'GET', path: '/api/<b>x</b>', status: 'pending' });
    view.add({ id: 1, kind: 'request', at, method: 'GET', path: '/api/<b>x</b>', status: 500, ms: 12 });
    view.add({ id: 2, kind: 'event', at, method: 'event', path: 'cw-connected plex', status: 'info' });
    expect(list.children).to.have.length(2);
    expect(list.firstElementChild?.textContent).to.contain('cw-connected plex');
    const first = list.lastElementChild!;
    expect(first.querySelector('b')).to.equal(null);
    expect(first.textContent).to.contain('/api/<b>x</b>');
    expect(first.querySelector('.log-status')?.getAttribute('data-kind')).to.equal('error');
    expect(counter.textContent).to.equal('2');
    view.clear();
    expect(list.children).to.have.length(0);
    expect(counter.textContent).to.equal('0');
  });
});
