import type { NavigationEntry } from '../common/web/navigation.js';

export const REMINDERS_NAVIGATION: NavigationEntry[] = [{ href: '/reminders/log', labelKey: 'reminders.log.title', anyOf: ['audit.view'], order: 85 }];
