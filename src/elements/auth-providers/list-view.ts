import { declaresRoutes } from '../../api-client/manifest.js';
import type { InvalidManifest, ProviderList, ProviderManifest } from '../../api-client/types.js';
import { groupOf } from '../../providers/describe.js';
import type { BackendShape } from '../../state/status-hub.js';
import type { Strings } from '../../strings/en.js';

/** Where manifests without a group go when others have one. */
const FALLBACK_GROUP = 'others';

/** Manifests that declare routes come from a backend speaking our contract; CrossWatch's never do. */
export const speaksContract = (list: ProviderList): boolean => list.manifests.some(declaresRoutes);
export const shapeOf = (list: ProviderList): BackendShape => (speaksContract(list) ? 'contract' : 'crosswatch');

export type Item = { kind: 'card'; manifest: ProviderManifest; group?: string } | { kind: 'invalid'; invalid: InvalidManifest };

/** Items in display order: under their group when the list is grouped (`title` set), else one run. */
export type Section = { title?: string; items: Item[] };

/** The list as displayed, computed once per loaded list, filter and strings (not once per chunk). */
export type ListView = { list: ProviderList; providers?: string[]; t: Strings; sections: Section[]; count: number; speaksContract: boolean };

const groupSlug = (group: string) =>
  group
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** `"trakt, plex"` ⇄ `['trakt', 'plex']`. */
export const commaList = {
  fromAttribute: (value: string | null): string[] | undefined =>
    value === null
      ? undefined
      : value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
  toAttribute: (value: string[] | undefined): string | null => (value ? value.join(',') : null),
};

/** Manifest order, invalid entries at their place, filtered by `providers` (names or ids, any case). */
export function itemsOf(list: ProviderList, providers: string[] | undefined): Item[] {
  const wanted = providers?.length ? new Set(providers.map((p) => p.toLowerCase())) : undefined;
  const matches = (name: string | undefined, id?: string) =>
    !wanted || (name !== undefined && wanted.has(name.toLowerCase())) || (id !== undefined && wanted.has(id.toLowerCase()));
  const invalidAt = new Map(list.invalid.map((i) => [i.index, i]));
  const items: Item[] = [];
  const valid = [...list.manifests];
  const total = list.manifests.length + list.invalid.length;
  for (let index = 0; index < total; index++) {
    const invalid = invalidAt.get(index);
    if (invalid) {
      if (matches(invalid.name)) items.push({ kind: 'invalid', invalid });
      continue;
    }
    const manifest = valid.shift();
    if (!manifest) break;
    if (!matches(manifest.name, manifest.id)) continue;
    const group = groupOf(manifest);
    items.push(group ? { kind: 'card', manifest, group } : { kind: 'card', manifest });
  }
  // Invalid entries whose index is out of range (should not happen) still get shown.
  for (const invalid of list.invalid) if (invalid.index >= total && matches(invalid.name)) items.push({ kind: 'invalid', invalid });
  return items;
}

/** The sections to display for `list`. */
export function viewOf(list: ProviderList, providers: string[] | undefined, t: Strings): ListView {
  const items = itemsOf(list, providers);
  const sections: Section[] = [];
  if (items.some((i) => i.kind === 'card' && i.group)) {
    // Group by a slug so "Media servers" (manifest) and "media-servers" (preset) meet, and known
    // groups get a translated heading.
    const groups = new Map<string, Section>();
    const table = t as Record<string, string>;
    for (const item of items) {
      const raw = (item.kind === 'card' && item.group) || FALLBACK_GROUP;
      const slug = groupSlug(raw) || FALLBACK_GROUP;
      let group = groups.get(slug);
      if (!group) groups.set(slug, (group = { title: table[`list.group.${slug}`] ?? raw, items: [] }));
      group.items.push(item);
    }
    sections.push(...groups.values());
  } else if (items.length) {
    sections.push({ items });
  }
  return { list, providers, t, sections, count: items.length, speaksContract: speaksContract(list) };
}

/**
 * The first `limit` items in display order, by section: a group appears with its first item.
 * `offset`: how many items come before the section's first one.
 */
export function firstItems(sections: Section[], limit: number): (Section & { index: number; offset: number })[] {
  let left = limit;
  let offset = 0;
  return sections.flatMap((section, index) => {
    const items = left > 0 ? section.items.slice(0, left) : [];
    left -= items.length;
    const shown = items.length ? [{ ...section, items, index, offset }] : [];
    offset += items.length;
    return shown;
  });
}
