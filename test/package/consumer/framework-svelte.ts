// Svelte 5: the cw-* tags are in SvelteHTMLElements (what svelte-check checks markup against).
import type {} from 'cw-auth-elements/svelte';
import type { SvelteHTMLElements } from 'svelte/elements';

export type Props<Tag extends keyof SvelteHTMLElements> = SvelteHTMLElements[Tag];

// Svelte's directive form of an event listener is typed too.
export const directive: Props<'cw-auth-providers'> = { 'on:cw-connected': (e) => void e.detail.account };
