/**
 * The contract mock's msw handlers, in the order msw tries them: the fault gate runs first for
 * every /api request (latency, injected failures; it falls through when nothing applies), then
 * the /api routes (handlers/api-routes.ts), a catch-all answering unknown /api routes with a 404
 * envelope, the control routes (handlers/control-routes.ts) and the pages (handlers/page-routes.ts).
 */
import { http, type RequestHandler } from 'msw';
import type { MockBackendImpl } from './backend.js';
import { gate } from './backend/fault-gate.js';
import { apiHandlers } from './handlers/api-routes.js';
import { controlHandlers } from './handlers/control-routes.js';
import { pageHandlers } from './handlers/page-routes.js';
import { fail } from './util.js';

export function buildHandlers(backend: MockBackendImpl): RequestHandler[] {
  return [
    http.all('*/api/*', ({ request }) => gate(backend, request)),
    ...apiHandlers(backend),
    http.all('*/api/*', ({ request }) =>
      fail(404, 'not_found', `The mock has no route ${request.method} ${new URL(request.url).pathname}.`),
    ),
    ...controlHandlers(backend),
    ...pageHandlers(backend),
  ];
}
