import type { Permission } from '../common/permissions.js';
import type { Role } from './roles.js';

/**
 * Which permissions each role grants, as one pure table. Routes ask for a permission, never a role;
 * the record-level answer ("this school? this teacher?") is the resource's policy's job.
 */
const TABLE: Record<Role, Permission[]> = {
  network_admin: [
    'network.manage',
    'municipality.manage',
    'school.manage',
    'user.manage',
    'programme.manage',
    'cohort.manage',
    'report.view',
    'audit.view',
    'profile.edit',
  ],
  department_admin: ['school.manage', 'user.manage', 'programme.manage', 'cohort.manage', 'report.view', 'audit.view', 'profile.edit'],
  mentor: ['mentoring.review', 'profile.edit'],
  teacher: ['learning.participate', 'profile.edit'],
};

export function permissionsFor(roles: Iterable<Role>): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) for (const permission of TABLE[role]) granted.add(permission);
  return granted;
}
