import type { NavigationEntry } from '../common/web/navigation.js';

export const SCHOOLS_NAVIGATION: NavigationEntry[] = [{ href: '/schools', labelKey: 'nav.schools', anyOf: ['school.manage'], order: 20 }];
