import type { NavigationEntry } from '../common/web/navigation.js';

export const COHORTS_NAVIGATION: NavigationEntry[] = [{ href: '/cohorts', labelKey: 'nav.cohorts', anyOf: ['cohort.manage'], order: 70 }];
