import type { NavigationEntry } from '../common/web/navigation.js';

export const PROGRAMMES_NAVIGATION: NavigationEntry[] = [{ href: '/programmes', labelKey: 'nav.programmes', anyOf: ['programme.manage'], order: 40 }];
