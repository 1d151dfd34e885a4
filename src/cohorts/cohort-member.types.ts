export const MEMBER_ROLES = ['teacher', 'mentor'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const MEMBER_STATUSES = ['active', 'withdrawn'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_EVENT_ACTIONS = ['enrolled', 'withdrawn', 'readmitted', 'group_changed'] as const;
export type MemberEventAction = (typeof MEMBER_EVENT_ACTIONS)[number];
