import type { NavigationEntry } from '../common/web/navigation.js';

export const MUNICIPALITIES_NAVIGATION: NavigationEntry[] = [
  { href: '/municipalities', labelKey: 'nav.municipalities', anyOf: ['municipality.manage'], order: 10 },
];
