import { permissionsFor } from './permissions.js';

describe('permissionsFor', () => {
  it('gives a teacher learning but no administration', () => {
    const granted = permissionsFor(['teacher']);
    expect(granted.has('learning.participate')).toBe(true);
    expect(granted.has('user.manage')).toBe(false);
    expect(granted.has('mentoring.review')).toBe(false);
  });

  it('lets only network admins manage municipalities', () => {
    expect(permissionsFor(['network_admin']).has('municipality.manage')).toBe(true);
    expect(permissionsFor(['department_admin']).has('municipality.manage')).toBe(false);
  });

  it('shows the audit log to department and network admins only', () => {
    expect(permissionsFor(['network_admin']).has('audit.view')).toBe(true);
    expect(permissionsFor(['department_admin']).has('audit.view')).toBe(true);
    expect(permissionsFor(['mentor', 'teacher']).has('audit.view')).toBe(false);
  });

  it('adds up the permissions of several roles', () => {
    const granted = permissionsFor(['mentor', 'teacher']);
    expect(granted.has('mentoring.review')).toBe(true);
    expect(granted.has('learning.participate')).toBe(true);
  });

  it('gives nothing to someone without a role', () => {
    expect(permissionsFor([]).size).toBe(0);
  });
});
