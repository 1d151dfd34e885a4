import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ProgressStatus } from './progress-state.js';

/** One teacher × one module in a cohort; created on the first transition (absent = not started). */
@Entity('module_progress')
export class ModuleProgress {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') cohortId: string;
  @Column('uuid') moduleId: string;
  @Column('uuid') teacherId: string;
  @Column('text', { default: 'not_started' }) status: ProgressStatus;
  @Column('text', { nullable: true }) submissionText: string | null;
  @Column('text', { nullable: true }) submissionFileName: string | null;
  @Column('text', { nullable: true }) submissionFileType: string | null;
  @Column('integer', { nullable: true }) submissionFileSize: number | null;
  @Column('text', { nullable: true }) submissionFileKey: string | null;
  @Column('text', { nullable: true }) mentorComment: string | null;
  @Column('timestamptz', { nullable: true }) startedAt: Date | null;
  @Column('timestamptz', { nullable: true }) submittedAt: Date | null;
  @Column('timestamptz', { nullable: true }) reviewedAt: Date | null;
  @Column('uuid', { nullable: true }) reviewedBy: string | null;
  @Column('timestamptz', { nullable: true }) completedAt: Date | null;
  @Column('timestamptz') updatedAt: Date;
}
