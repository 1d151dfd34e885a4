import type { NavigationEntry } from '../common/web/navigation.js';

export const DASHBOARDS_NAVIGATION: NavigationEntry[] = [{ href: '/network', labelKey: 'nav.network', anyOf: ['report.view'], order: 75 }];
