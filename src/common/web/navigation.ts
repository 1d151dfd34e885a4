import type { Permission } from '../permissions.js';

/** One entry of the main navigation, declared by the feature that owns the page. */
export interface NavigationEntry {
  href: string;
  labelKey: string;
  /** Shown to whoever holds any of these; an empty list means everyone signed in. */
  anyOf: readonly Permission[];
  /** Position in the bar, smallest first. */
  order: number;
}

/** The entries a person with these permissions sees, in order, the current page marked. */
export function navigationFor(entries: readonly NavigationEntry[], permissions: ReadonlySet<Permission>, currentPath: string) {
  return [...entries]
    .sort((a, b) => a.order - b.order)
    .filter((entry) => entry.anyOf.length === 0 || entry.anyOf.some((p) => permissions.has(p)))
    .map((entry) => ({
      href: entry.href,
      labelKey: entry.labelKey,
      current: entry.href === '/' ? currentPath === '/' : currentPath === entry.href || currentPath.startsWith(`${entry.href}/`),
    }));
}
