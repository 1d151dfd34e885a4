import type { NavigationEntry } from '../common/web/navigation.js';

export const AUDIT_NAVIGATION: NavigationEntry[] = [{ href: '/audit', labelKey: 'audit.nav', anyOf: ['audit.view'], order: 80 }];
