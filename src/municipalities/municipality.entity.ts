import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A weekly quiet window in local time, e.g. Friday 14:00 to Saturday 20:00. Days: 0 = Sunday. */
export interface WeeklyQuietWindow {
  fromDay: number;
  fromTime: string;
  toDay: number;
  toTime: string;
}

export interface QuietHours {
  nightFrom: string;
  nightTo: string;
  weekly: WeeklyQuietWindow[];
}

export const DEFAULT_QUIET_HOURS: QuietHours = {
  nightFrom: '21:00',
  nightTo: '07:00',
  weekly: [{ fromDay: 5, fromTime: '14:00', toDay: 6, toTime: '20:00' }],
};

@Entity('network')
export class Network {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('municipality')
export class Municipality {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { nullable: true }) networkId: string | null;
  @Column('text') nameHe: string;
  @Column('text') nameAr: string;
  @Column('text') nameEn: string;
  @Column('text', { default: 'Asia/Jerusalem' }) timeZone: string;
  @Column('text', { default: 'he' }) locale: string;
  @Column('jsonb') quietHours: QuietHours;
  @Column('boolean', { default: true }) active: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
