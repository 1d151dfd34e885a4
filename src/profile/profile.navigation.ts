import type { NavigationEntry } from '../common/web/navigation.js';

export const PROFILE_NAVIGATION: NavigationEntry[] = [{ href: '/profile', labelKey: 'nav.profile', anyOf: ['profile.edit'], order: 90 }];
