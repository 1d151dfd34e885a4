import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const LANGUAGES = ['he', 'ar', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Stored lower-cased; a unique index on it makes e-mail unique case-insensitively. */
  @Column('text') email: string;
  @Column('text') displayName: string;
  @Column('text', { nullable: true }) preferredLanguage: Language | null;
  @Column('uuid', { nullable: true }) municipalityId: string | null;
  @Column('uuid', { nullable: true }) schoolId: string | null;
  @Column('text', { nullable: true, select: false }) passwordHash: string | null;
  @Column('boolean', { default: true }) active: boolean;
  @Column('timestamptz', { nullable: true }) lastSignInAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
