import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One run of a programme in a municipality. Dates are calendar days, kept as 'YYYY-MM-DD'. */
@Entity('cohort')
export class Cohort {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') municipalityId: string;
  @Column('uuid') programmeId: string;
  @Column('text') name: string;
  @Column('date') startsOn: string;
  @Column('date') endsOn: string;
  @Column('boolean', { default: false }) archived: boolean;
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** When a module is open to a cohort and when it is due. */
@Entity('module_window')
export class ModuleWindow {
  @PrimaryColumn('uuid') cohortId: string;
  @PrimaryColumn('uuid') moduleId: string;
  @Column('date') opensOn: string;
  @Column('date') dueOn: string;
}
