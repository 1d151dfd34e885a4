import type { NavigationEntry } from '../common/web/navigation.js';

export const PORTFOLIO_NAVIGATION: NavigationEntry[] = [
  { href: '/portfolio', labelKey: 'nav.portfolio', anyOf: ['learning.participate'], order: 52 },
  { href: '/goals', labelKey: 'nav.goals', anyOf: ['learning.participate'], order: 54 },
  { href: '/portfolio/shared', labelKey: 'nav.sharedReflections', anyOf: ['learning.participate', 'mentoring.review'], order: 62 },
  { href: '/goals/mentees', labelKey: 'nav.menteeGoals', anyOf: ['mentoring.review'], order: 64 },
];
