import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const MODULE_KINDS = ['workshop', 'online', 'practicum', 'expedition'] as const;
export type ModuleKind = (typeof MODULE_KINDS)[number];
export const COMPLETION_METHODS = ['self', 'approval', 'attendance'] as const;
export type CompletionMethod = (typeof COMPLETION_METHODS)[number];

/** One unit of the curriculum, ordered within its phase; (phaseId, position) unique at commit. */
@Entity('curriculum_module')
export class CurriculumModule {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') programmeId: string;
  @Column('uuid') phaseId: string;
  @Column('integer') position: number;
  @Column('uuid', { nullable: true }) originModuleId: string | null;
  @Column('text') title: string;
  @Column('text', { default: '' }) summary: string;
  @Column('text', { default: '' }) bodyMd: string;
  @Column('text', { default: '' }) learningObjectives: string;
  /** numeric(5,1): pg hands it over as a string, so it stays one. */
  @Column('numeric', { precision: 5, scale: 1, default: 1 }) estimatedHours: string;
  @Column('text') kind: ModuleKind;
  @Column('text') completionMethod: CompletionMethod;
  @Column('text', { default: '' }) reflectionPrompt: string;
  @Column('boolean', { default: true }) required: boolean;
  @Column('integer', { default: 0 }) opensOffsetDays: number;
  @Column('integer', { default: 30 }) dueOffsetDays: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** moduleId needs prerequisiteId done first. */
@Entity('module_prerequisite')
export class ModulePrerequisite {
  @PrimaryColumn('uuid') moduleId: string;
  @PrimaryColumn('uuid') prerequisiteId: string;
}
