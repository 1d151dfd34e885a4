import type { NavigationEntry } from '../common/web/navigation.js';

export const MENTORING_NAVIGATION: NavigationEntry[] = [{ href: '/mentoring', labelKey: 'nav.mentoring', anyOf: ['learning.participate', 'mentoring.review'], order: 55 }];
