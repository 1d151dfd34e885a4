import type { NavigationEntry } from '../common/web/navigation.js';

export const PROGRESS_NAVIGATION: NavigationEntry[] = [
  { href: '/path', labelKey: 'nav.path', anyOf: ['learning.participate'], order: 50 },
  { href: '/reviews', labelKey: 'nav.reviews', anyOf: ['mentoring.review'], order: 60 },
];
