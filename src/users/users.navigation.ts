import type { NavigationEntry } from '../common/web/navigation.js';

export const USERS_NAVIGATION: NavigationEntry[] = [{ href: '/users', labelKey: 'nav.users', anyOf: ['user.manage'], order: 30 }];
