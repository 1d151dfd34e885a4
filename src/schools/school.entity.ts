import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('school')
export class School {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') municipalityId: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) symbol: string | null;
  @Column('boolean', { default: true }) active: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
