import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_event')
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @CreateDateColumn({ type: 'timestamptz' }) occurredAt: Date;
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column('uuid', { nullable: true }) municipalityId: string | null;
  @Column('text') action: string;
  @Column('text', { nullable: true }) subjectType: string | null;
  @Column('text', { nullable: true }) subjectId: string | null;
  @Column('text', { nullable: true }) ip: string | null;
  @Column('jsonb', { default: {} }) details: Record<string, unknown>;
}
