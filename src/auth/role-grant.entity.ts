import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ROLES = ['network_admin', 'department_admin', 'mentor', 'teacher'] as const;
export type Role = (typeof ROLES)[number];

/**
 * One role held by one person in one scope: a network admin has no scope, a department admin
 * is scoped to a municipality, mentors and teachers to a cohort (and so to its municipality).
 */
@Entity('role_grant')
export class RoleGrant {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @Column('text') role: Role;
  @Column('uuid', { nullable: true }) municipalityId: string | null;
  @Column('uuid', { nullable: true }) cohortId: string | null;
  @Column('uuid', { nullable: true }) grantedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
