import type { Permission } from '../../auth/permissions.js';

interface NavEntry {
  href: string;
  labelKey: string;
  /** Shown to whoever holds any of these; an empty list means everyone signed in. */
  anyOf: Permission[];
}

/**
 * The main navigation, by permission. A feature adds its entry here; the order is the order shown.
 */
export const NAVIGATION: NavEntry[] = [
  { href: '/', labelKey: 'nav.home', anyOf: [] },
  { href: '/municipalities', labelKey: 'nav.municipalities', anyOf: ['municipality.manage'] },
  { href: '/schools', labelKey: 'nav.schools', anyOf: ['school.manage'] },
  { href: '/users', labelKey: 'nav.users', anyOf: ['user.manage'] },
  { href: '/programmes', labelKey: 'nav.programmes', anyOf: ['programme.manage'] },
  { href: '/path', labelKey: 'nav.path', anyOf: ['learning.participate'] },
  { href: '/reviews', labelKey: 'nav.reviews', anyOf: ['mentoring.review'] },
  { href: '/cohorts', labelKey: 'nav.cohorts', anyOf: ['cohort.manage'] },
  { href: '/profile', labelKey: 'nav.profile', anyOf: ['profile.edit'] },
];

export function navigationFor(permissions: Set<Permission>, currentPath: string) {
  return NAVIGATION.filter((entry) => entry.anyOf.length === 0 || entry.anyOf.some((p) => permissions.has(p))).map((entry) => ({
    href: entry.href,
    labelKey: entry.labelKey,
    current: entry.href === '/' ? currentPath === '/' : currentPath === entry.href || currentPath.startsWith(`${entry.href}/`),
  }));
}
