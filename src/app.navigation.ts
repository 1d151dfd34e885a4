import { AUDIT_NAVIGATION } from './audit/audit.navigation.js';
import { COHORTS_NAVIGATION } from './cohorts/cohorts.navigation.js';
import { DASHBOARDS_NAVIGATION } from './dashboards/dashboards.navigation.js';
import type { NavigationEntry } from './common/web/navigation.js';
import { HOME_NAVIGATION } from './home/home.navigation.js';
import { MENTORING_NAVIGATION } from './mentoring/mentoring.navigation.js';
import { MUNICIPALITIES_NAVIGATION } from './municipalities/municipalities.navigation.js';
import { PROFILE_NAVIGATION } from './profile/profile.navigation.js';
import { PROGRAMMES_NAVIGATION } from './programmes/programmes.navigation.js';
import { PROGRESS_NAVIGATION } from './progress/progress.navigation.js';
import { PORTFOLIO_NAVIGATION } from './portfolio/portfolio.navigation.js';
import { REMINDERS_NAVIGATION } from './reminders/reminders.navigation.js';
import { SCHOOLS_NAVIGATION } from './schools/schools.navigation.js';
import { USERS_NAVIGATION } from './users/users.navigation.js';

/** The main navigation: each feature declares its entries (with their permission and position); a new feature adds its list here. */
export const NAVIGATION: NavigationEntry[] = [
  ...HOME_NAVIGATION,
  ...MUNICIPALITIES_NAVIGATION,
  ...SCHOOLS_NAVIGATION,
  ...USERS_NAVIGATION,
  ...PROGRAMMES_NAVIGATION,
  ...PROGRESS_NAVIGATION,
  ...PORTFOLIO_NAVIGATION,
  ...COHORTS_NAVIGATION,
  ...DASHBOARDS_NAVIGATION,
  ...AUDIT_NAVIGATION,
  ...REMINDERS_NAVIGATION,
  ...PROFILE_NAVIGATION,
  ...MENTORING_NAVIGATION,
];
