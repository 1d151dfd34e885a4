import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const MEMBER_ROLES = ['teacher', 'mentor'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const MEMBER_STATUSES = ['active', 'withdrawn'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_EVENT_ACTIONS = ['enrolled', 'withdrawn', 'readmitted', 'group_changed'] as const;
export type MemberEventAction = (typeof MEMBER_EVENT_ACTIONS)[number];

/** A mentor and the teachers of a cohort they accompany. */
@Entity('mentor_group')
export class MentorGroup {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') cohortId: string;
  @Column('uuid') mentorId: string;
  @Column('text') name: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A person taking part in a cohort as teacher or mentor; never deleted, withdrawn instead. */
@Entity('cohort_member')
export class CohortMember {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') cohortId: string;
  @Column('uuid') userId: string;
  @Column('text') role: MemberRole;
  @Column('text', { default: 'active' }) status: MemberStatus;
  @Column('uuid', { nullable: true }) mentorGroupId: string | null;
  @Column('timestamptz', { default: () => 'now()' }) joinedAt: Date;
  @Column('timestamptz', { nullable: true }) withdrawnAt: Date | null;
}

/** The history of a membership (append-only). */
@Entity('cohort_member_event')
export class CohortMemberEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column('uuid') cohortMemberId: string;
  @Column('text') action: MemberEventAction;
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column('text', { nullable: true }) note: string | null;
  @Column('timestamptz', { default: () => 'now()' }) occurredAt: Date;
}
