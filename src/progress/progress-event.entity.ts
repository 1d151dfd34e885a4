import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only history of a progress row: every transition with who, when and any comment. */
@Entity('progress_event')
export class ProgressEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column('uuid') progressId: string;
  @Column('text', { nullable: true }) fromStatus: string | null;
  @Column('text') toStatus: string;
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column('text', { nullable: true }) comment: string | null;
  @Column('timestamptz') occurredAt: Date;
}
