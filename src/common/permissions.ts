/**
 * What a person may do, by name. Routes and navigation ask for a permission, never a role; which
 * role grants which permission is auth's table (src/auth/permissions.ts), and which records is each
 * feature's policy.
 */
export const PERMISSIONS = [
  'network.manage',
  'municipality.manage',
  'school.manage',
  'user.manage',
  'programme.manage',
  'cohort.manage',
  'report.view',
  'audit.view',
  'mentoring.review',
  'learning.participate',
  'profile.edit',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
