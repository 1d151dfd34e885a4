import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A curriculum: a city's own when municipalityId is set, a network template when it is null. */
@Entity('programme')
export class Programme {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { nullable: true }) municipalityId: string | null;
  @Column('uuid', { nullable: true }) originProgrammeId: string | null;
  @Column('text') title: string;
  @Column('text', { default: '' }) description: string;
  @Column('integer', { default: 0 }) minSessionsAttended: number;
  @Column('integer', { default: 0 }) minReflections: number;
  @Column('integer', { default: 0 }) minWorkshopAttendancePct: number;
  @Column('boolean', { default: false }) archived: boolean;
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** An ordered stage of a programme; (programmeId, position) is unique, checked at commit. */
@Entity('programme_phase')
export class ProgrammePhase {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') programmeId: string;
  @Column('integer') position: number;
  @Column('text') title: string;
  @Column('text', { default: '' }) description: string;
}
