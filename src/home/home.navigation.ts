import type { NavigationEntry } from '../common/web/navigation.js';

export const HOME_NAVIGATION: NavigationEntry[] = [{ href: '/', labelKey: 'nav.home', anyOf: [], order: 0 }];
