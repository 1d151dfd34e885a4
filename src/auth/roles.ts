export const ROLES = ['network_admin', 'department_admin', 'mentor', 'teacher'] as const;
export type Role = (typeof ROLES)[number];
