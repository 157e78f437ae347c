/**
 * Hostile backend, both flavours: a 307 or a 308 to another origin answers the save
 * (POST /api/config) and the credential and API-key connects (Jellyfin, Tautulli), reached
 * through real clicks with typed values. A browser would re-send the body, with the typed secret,
 * to that origin. Nothing reaches it (msw sees no request there), the card or flow shows the
 * redirect error, and every typed value stays.
 */
import { http } from 'msw';
import { sendKeys } from '@web/test-runner-commands';
import { expect } from '../helpers.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import type { CwProviderField } from '../../src/elements/provider-field/provider-field.component.js';
import { deepQueryAll, deepText } from '../elements/card-support.js';
import { EVIL_ORIGIN, FLAVOURS, cardsOf, checkInvariants, mountHostile, runFor, useHostile, type Hostile } from './support.js';

/** Every editable text, URL or password field of a card gets a typed value (real key presses). */
async function typeEverything(h: Hostile, card: CwProviderCard, tag: string): Promise<Map<string, string>> {
  const typed = new Map<string, string>();
  for (const field of card.shadowRoot!.querySelectorAll<CwProviderField>('cw-provider-field')) {
    const schema = field.state?.field;
    const input = field.shadowRoot!.querySelector<HTMLInputElement>('input');
    if (!schema || !input || input.readOnly || input.disabled || !['text', 'url', 'password'].includes(schema.type)) continue;
    const value = schema.type === 'url' ? `http://${tag}.lan:8096` : `${tag}-${schema.key.split('.').pop()}`;
    input.focus();
    input.select();
    await sendKeys({ type: value });
    typed.set(schema.key, value);
  }
  await runFor(h, 100, 100);
  await card.updateComplete;
  return typed;
}

/** What each field shows now, for the keys that were typed. */
const shown = (card: CwProviderCard, keys: Iterable<string>) =>
  new Map(
    [...keys].map((key) => {
      const field = [...card.shadowRoot!.querySelectorAll<CwProviderField>('cw-provider-field')].find((f) => f.state?.field.key === key);
      return [key, field?.shadowRoot!.querySelector('input')?.value ?? '(gone)'];
    }),
  );

/** The routes a hostile answer redirects, per flavour: the save, and each provider's connect route. */
const CONNECTS = { contract: { jellyfin: '/api/jellyfin/connect', tautulli: '/api/tautulli/connect' }, crosswatch: { jellyfin: '/api/jellyfin/login', tautulli: '/api/tautulli/save' } } as const;

describe('hostile backend: a 307 or 308 to another origin on the save and the connects', () => {
  const serve = useHostile();

  for (const flavour of FLAVOURS) {
    it(`${flavour}: no 307/308 to another origin carries the typed save, password or API key there; each says it was a redirect and keeps what was typed`, async function () {
      this.timeout(40_000);
      const h = serve(flavour);
      let status = 307;
      const redirected: string[] = [];
      const redirect = (path: string) =>
        http.post(`*${path}`, ({ request }) => {
          redirected.push(`${status} POST ${new URL(request.url).pathname.replace(/^.*?\/api\//, "/api/")}`);
          return new Response(null, { status, headers: { location: `${EVIL_ORIGIN}/steal${path}` } });
        });
      h.use(redirect('/api/config'), ...Object.values(CONNECTS[flavour]).map(redirect));
      const el = await mountHostile(h);
      const card = (id: string) => cardsOf(el).find((c) => c.provider?.id === id)!;

      for (const code of [307, 308]) {
        status = code;
        // The save: POST /api/config.
        const trakt = card('trakt');
        const typed = await typeEverything(h, trakt, `save${code}`);
        expect(typed.size, 'Trakt has fields to type into').to.be.greaterThan(0);
        trakt.shadowRoot!.querySelector<HTMLButtonElement>('[part~="save"]')!.click();
        await runFor(h, 1000);
        expect(deepText(trakt), `${code} on the save: the card says it was a redirect`).to.contain('redirect');
        expect(deepText(trakt), `${code} on the save: no success is claimed`).to.not.contain('Settings saved');
        expect(shown(trakt, typed.keys()), `${code} on the save: typed values kept`).to.deep.equal(typed);
        expect(trakt.dirty, `${code} on the save: still unsaved`).to.equal(true);

        // The connects: a password sign-in and an API key.
        for (const id of ['jellyfin', 'tautulli'] as const) {
          const target = card(id);
          target.scrollIntoView();
          const values = await typeEverything(h, target, `${id}${code}`);
          const connect = deepQueryAll(target, 'cw-credentials-flow')
            .map((f) => f.shadowRoot!.querySelector<HTMLButtonElement>('[part~="start-button"]'))
            .find(Boolean);
          expect(connect, `${id} has a Connect button`).to.exist;
          connect!.click();
          await runFor(h, 1000);
          const flow = deepQueryAll(target, 'cw-credentials-flow')[0]!;
          expect(deepText(flow), `${code} on the ${id} connect: the flow says it was a redirect`).to.contain('redirect');
          expect(shown(target, values.keys()), `${code} on the ${id} connect: typed values kept`).to.deep.equal(values);
        }
      }
      expect(redirected.sort(), 'every route answered its redirect').to.deep.equal(
        [307, 308].flatMap((c) => ['/api/config', ...Object.values(CONNECTS[flavour])].map((p) => `${c} POST ${p}`)).sort(),
      );
      expect(h.evil.map((e) => `${e.method} ${e.url}`), 'requests that reached the other origin').to.deep.equal([]);
      checkInvariants(h, el);
    });
  }
});
