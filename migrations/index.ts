import { Foundation1764150000000 } from './1764150000000-foundation.js';
import { ProgrammesCohortsProgress1764150100000 } from './1764150100000-programmes-cohorts-progress.js';
import { Groundwork1796221240425 } from './1796221240425-groundwork.js';
import { Notifications1796224538741 } from './1796224538741-notifications.js';
import { ContentLanguages1796224703746 } from './1796224703746-content-languages.js';
import { NormalisedEmails1796224970760 } from './1796224970760-normalised-emails.js';
import { MentorSince1796225125096 } from './1796225125096-mentor-since.js';
import { SignInLimits1796225294467 } from './1796225294467-sign-in-limits.js';
import { SessionListing1796225556495 } from './1796225556495-session-listing.js';
import { TwoFactor1796226039470 } from './1796226039470-two-factor.js';
import { AuditLogIndexes1796227667507 } from './1796227667507-audit-log-indexes.js';
import { Mentoring1796234000000 } from './1796234000000-mentoring.js';
import { GoalsAndPortfolio1796235000000 } from './1796235000000-goals-and-portfolio.js';
import { ActionItemGoalLink1796237000000 } from './1796237000000-action-item-goal-link.js';
import { Reminders1796236000000 } from './1796236000000-reminders.js';
import { WorkshopEvents1796239000000 } from './1796239000000-workshop-events.js';
import { CohortWeekSnapshot1796240000000 } from './1796240000000-cohort-week-snapshot.js';
import { CityFigures1796241000000 } from './1796241000000-city-figures.js';
import { ProgrammeContactInterval1796242000000 } from './1796242000000-programme-contact-interval.js';

/**
 * Every migration, oldest first. A new migration is added at the end; a landed one is never edited.
 * (An explicit list rather than a glob, so the same list serves the app, the CLI and jest's ESM loader.)
 */
export const migrations = [
  Foundation1764150000000,
  ProgrammesCohortsProgress1764150100000,
  Groundwork1796221240425,
  Notifications1796224538741,
  ContentLanguages1796224703746,
  NormalisedEmails1796224970760,
  MentorSince1796225125096,
  SignInLimits1796225294467,
  SessionListing1796225556495,
  TwoFactor1796226039470,
  AuditLogIndexes1796227667507,
  Mentoring1796234000000,
  GoalsAndPortfolio1796235000000,
  Reminders1796236000000,
  ActionItemGoalLink1796237000000,
  WorkshopEvents1796239000000,
  CohortWeekSnapshot1796240000000,
  CityFigures1796241000000,
  ProgrammeContactInterval1796242000000,
];
