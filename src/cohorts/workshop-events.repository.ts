import { Injectable } from '@nestjs/common';
import type { Language } from '../common/i18n/language.js';
import { Sql, sqlStatement } from '../database/sql.js';
import { dayAsNoonUtc } from '../database/sql-dates.js';
import { cityTodaySql } from '../progress/cohort-stage.js';
import { localizedText } from '../programmes/localized-text.js';

export type WorkshopEventStatus = 'scheduled' | 'cancelled';

/** One event of a workshop module in a cohort, as its pages show it. */
export interface WorkshopEventRow {
  id: string;
  moduleId: string;
  /** The day, as noon UTC (formatDate "date" shows the calendar day). */
  day: string;
  /** Null when unknown (an event made from attendance recorded before events existed); a string when read inside JSON. */
  startsAt: Date | string | null;
  endsAt: Date | string | null;
  place: string | null;
  capacity: number | null;
  status: WorkshopEventStatus;
  cancelReason: string | null;
  sequence: number;
  attended: number;
  /** Its day is before today in the cohort's city. */
  isPast: boolean;
}

/** A workshop module of the cohort's programme and its events in the cohort, soonest first. */
export interface WorkshopModuleRow {
  moduleId: string;
  title: string;
  textLanguage: Language;
  dueOn: string | null;
  events: WorkshopEventRow[];
}

/** An event with what its forms need: the module's title and the day and times on the city's clock. */
export interface WorkshopEventDetail extends WorkshopEventRow {
  municipalityId: string;
  moduleTitle: string;
  moduleTitleLanguage: Language;
  localDay: string;
  localStart: string | null;
  localEnd: string | null;
}

export interface WorkshopEventFields {
  day: string;
  start: string;
  end: string;
  place: string;
  capacity: number | null;
}

const EVENT_COLUMNS = `e.id, e.module_id AS "moduleId", ${dayAsNoonUtc('e.day')} AS day, e.starts_at AS "startsAt", e.ends_at AS "endsAt",
  e.place, e.capacity, e.status, e.cancel_reason AS "cancelReason", e.sequence,
  (SELECT count(*)::int FROM workshop_attendance a WHERE a.event_id = e.id) AS attended,
  e.day < ${cityTodaySql('mu')} AS "isPast"`;

const listTitle = localizedText('module', 'cm', '$2');
/** The cohort's workshop modules (completed by attendance), each with its events, soonest first. */
const COHORT_WORKSHOPS = sqlStatement(
  'workshops.cohortWorkshops',
  `SELECT cm.id AS "moduleId", ${listTitle.text('title')} AS title, ${listTitle.language} AS "textLanguage", ${dayAsNoonUtc('w.due_on')} AS "dueOn",
          coalesce((SELECT json_agg(ev ORDER BY ev.day, ev."startsAt" NULLS FIRST, ev.id)
                      FROM (SELECT ${EVENT_COLUMNS} FROM workshop_event e WHERE e.cohort_id = c.id AND e.module_id = cm.id) ev), '[]') AS events
     FROM cohort c
     JOIN municipality mu ON mu.id = c.municipality_id
     JOIN curriculum_module cm ON cm.programme_id = c.programme_id AND cm.completion_method = 'attendance'
     JOIN programme_phase ph ON ph.id = cm.phase_id
     ${listTitle.join}
     LEFT JOIN module_window w ON w.cohort_id = c.id AND w.module_id = cm.id
    WHERE c.id = $1
    ORDER BY ph.position, cm.position`,
);

const detailTitle = localizedText('module', 'cm', '$3');
const EVENT_IN_COHORT = sqlStatement(
  'workshops.eventInCohort',
  `SELECT ${EVENT_COLUMNS}, c.municipality_id AS "municipalityId", ${detailTitle.text('title')} AS "moduleTitle", ${detailTitle.language} AS "moduleTitleLanguage",
          to_char(e.day, 'YYYY-MM-DD') AS "localDay",
          to_char(e.starts_at AT TIME ZONE mu.time_zone, 'HH24:MI') AS "localStart", to_char(e.ends_at AT TIME ZONE mu.time_zone, 'HH24:MI') AS "localEnd"
     FROM workshop_event e
     JOIN cohort c ON c.id = e.cohort_id
     JOIN municipality mu ON mu.id = c.municipality_id
     JOIN curriculum_module cm ON cm.id = e.module_id
     ${detailTitle.join}
    WHERE e.id = $1 AND e.cohort_id = $2`,
);

/**
 * A new event: its day and times on the city's clock become instants there (correct across
 * daylight-saving changes). Only for a workshop module (completed by attendance) of the cohort's
 * programme; no row otherwise.
 */
const INSERT_EVENT = sqlStatement(
  'workshops.insertEvent',
  `INSERT INTO workshop_event (municipality_id, cohort_id, module_id, day, starts_at, ends_at, place, capacity, created_by)
   SELECT c.municipality_id, c.id, cm.id, $3::date, ($3::date + $4::time) AT TIME ZONE mu.time_zone, ($3::date + $5::time) AT TIME ZONE mu.time_zone,
          $6, $7::int, $8
     FROM cohort c
     JOIN municipality mu ON mu.id = c.municipality_id
     JOIN curriculum_module cm ON cm.programme_id = c.programme_id AND cm.id = $2 AND cm.completion_method = 'attendance'
    WHERE c.id = $1
   RETURNING id`,
);

/** A change of a scheduled event: SEQUENCE rises, so calendar apps take the new time. */
const UPDATE_EVENT = sqlStatement(
  'workshops.updateEvent',
  `UPDATE workshop_event e
      SET day = $2::date, starts_at = ($2::date + $3::time) AT TIME ZONE mu.time_zone, ends_at = ($2::date + $4::time) AT TIME ZONE mu.time_zone,
          place = $5, capacity = $6::int, sequence = e.sequence + 1, updated_at = now()
     FROM municipality mu
    WHERE e.id = $1 AND e.status = 'scheduled' AND mu.id = e.municipality_id`,
);

/** Cancelled only while nobody's attendance is recorded at it (a register keeps what happened). */
const CANCEL_EVENT = sqlStatement(
  'workshops.cancelEvent',
  `UPDATE workshop_event e SET status = 'cancelled', cancel_reason = $2, sequence = e.sequence + 1, updated_at = now()
    WHERE e.id = $1 AND e.status = 'scheduled' AND NOT EXISTS (SELECT 1 FROM workshop_attendance a WHERE a.event_id = e.id)`,
);

/** Who is told when a date of the cohort's workshop moves or is cancelled: its active teachers. */
const ACTIVE_TEACHERS = sqlStatement(
  'workshops.activeTeachers',
  `SELECT user_id AS "userId" FROM cohort_member WHERE cohort_id = $1 AND role = 'teacher' AND status = 'active'`,
);

/** The event's row, locked for a change (so a register being taken and a cancellation run one after the other). */
const LOCK_EVENT = sqlStatement('workshops.lockEvent', `SELECT id, status FROM workshop_event WHERE id = $1 FOR UPDATE`);

@Injectable()
export class WorkshopEventsRepository {
  constructor(private readonly sql: Sql) {}

  /** The cohort's workshop modules with their events; titles in `language`. */
  cohortWorkshops(cohortId: string, language: Language | null): Promise<WorkshopModuleRow[]> {
    return this.sql.query<WorkshopModuleRow>(COHORT_WORKSHOPS, [cohortId, language]);
  }

  /** An event of this cohort (another cohort's is not found). */
  findEvent(cohortId: string, eventId: string, language: Language | null): Promise<WorkshopEventDetail | undefined> {
    return this.sql.one<WorkshopEventDetail>(EVENT_IN_COHORT, [eventId, cohortId, language]);
  }

  /** The new event's id, or null when the module is not a workshop of the cohort's programme. */
  async insertEvent(cohortId: string, moduleId: string, fields: WorkshopEventFields, createdBy: string): Promise<string | null> {
    const row = await this.sql.one<{ id: string }>(INSERT_EVENT, [
      cohortId,
      moduleId,
      fields.day,
      fields.start,
      fields.end,
      fields.place,
      fields.capacity,
      createdBy,
    ]);
    return row?.id ?? null;
  }

  async lockEvent(eventId: string): Promise<{ id: string; status: WorkshopEventStatus } | undefined> {
    return this.sql.one(LOCK_EVENT, [eventId]);
  }

  updateEvent(eventId: string, fields: WorkshopEventFields): Promise<number> {
    return this.sql.execute(UPDATE_EVENT, [eventId, fields.day, fields.start, fields.end, fields.place, fields.capacity]);
  }

  async activeTeachers(cohortId: string): Promise<string[]> {
    return (await this.sql.query<{ userId: string }>(ACTIVE_TEACHERS, [cohortId])).map((r) => r.userId);
  }

  cancelEvent(eventId: string, reason: string | null): Promise<number> {
    return this.sql.execute(CANCEL_EVENT, [eventId, reason]);
  }
}
