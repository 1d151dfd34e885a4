import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.js';
import type { PageRequest } from '../common/pagination.js';
import type { CompletionMethod, ModuleKind } from './curriculum-module.types.js';
import type { PrerequisiteEdge } from './prerequisite-cycle.js';
import type { ProgrammeScope } from './programmes.policy.js';

/** A municipality's name in its three forms, as selected alongside a record. */
export interface CityNames {
  municipalityNameEn: string | null;
  municipalityNameHe: string | null;
  municipalityNameAr: string | null;
}

export interface ProgrammeRecord extends CityNames {
  id: string;
  municipalityId: string | null;
  originProgrammeId: string | null;
  originTitle: string | null;
  title: string;
  description: string;
  minSessionsAttended: number;
  minReflections: number;
  minWorkshopAttendancePct: number;
  cohortCount: number;
}

export interface ProgrammeListRow extends CityNames {
  id: string;
  municipalityId: string | null;
  title: string;
  phaseCount: number;
  moduleCount: number;
  originTitle: string | null;
}

export interface ProgrammeFields {
  title: string;
  description: string;
  minSessionsAttended: number;
  minReflections: number;
  minWorkshopAttendancePct: number;
}

export interface PhaseRecord {
  id: string;
  programmeId: string;
  position: number;
  title: string;
  description: string;
  moduleCount: number;
}

export interface PhaseFields {
  title: string;
  description: string;
}

export interface ModuleFields {
  title: string;
  summary: string;
  bodyMd: string;
  learningObjectives: string;
  estimatedHours: string;
  kind: ModuleKind;
  completionMethod: CompletionMethod;
  reflectionPrompt: string;
  required: boolean;
  opensOffsetDays: number;
  dueOffsetDays: number;
}

export interface ModuleRecord extends ModuleFields {
  id: string;
  programmeId: string;
  phaseId: string;
  phaseTitle: string;
  position: number;
  originModuleId: string | null;
  prerequisiteIds: string[];
}

export interface ModuleOutlineRow {
  id: string;
  phaseId: string;
  position: number;
  title: string;
  summary: string;
  kind: ModuleKind;
  completionMethod: CompletionMethod;
  required: boolean;
  estimatedHours: string;
  opensOffsetDays: number;
  dueOffsetDays: number;
  prerequisiteTitles: string[];
}

const PROGRAMME_COLUMNS = `p.id, p.municipality_id AS "municipalityId", m.name_en AS "municipalityNameEn", m.name_he AS "municipalityNameHe", m.name_ar AS "municipalityNameAr",
  p.origin_programme_id AS "originProgrammeId", o.title AS "originTitle", p.title, p.description,
  p.min_sessions_attended AS "minSessionsAttended", p.min_reflections AS "minReflections", p.min_workshop_attendance_pct AS "minWorkshopAttendancePct"`;

const MODULE_COLUMNS = `cm.id, cm.programme_id AS "programmeId", cm.phase_id AS "phaseId", ph.title AS "phaseTitle", cm.position, cm.origin_module_id AS "originModuleId",
  cm.title, cm.summary, cm.body_md AS "bodyMd", cm.learning_objectives AS "learningObjectives", cm.estimated_hours::text AS "estimatedHours",
  cm.kind, cm.completion_method AS "completionMethod", cm.reflection_prompt AS "reflectionPrompt", cm.required,
  cm.opens_offset_days AS "opensOffsetDays", cm.due_offset_days AS "dueOffsetDays",
  coalesce((SELECT array_agg(mp.prerequisite_id::text) FROM module_prerequisite mp WHERE mp.module_id = cm.id), '{}') AS "prerequisiteIds"`;

/** A municipality's name in the reader's language (Arabic and Hebrew forms exist for every city). */
export function cityName(row: Partial<CityNames>, language: string): string | null {
  if (!row.municipalityNameEn) return null;
  if (language === 'he') return row.municipalityNameHe ?? row.municipalityNameEn;
  if (language === 'ar') return row.municipalityNameAr ?? row.municipalityNameEn;
  return row.municipalityNameEn;
}

/** Every query about programmes, phases and modules; reads are scoped to what the person may see. */
/** A module's editable fields in the column order both insert and update use. */
function moduleFieldValues(f: ModuleFields): unknown[] {
  return [
    f.title,
    f.summary,
    f.bodyMd,
    f.learningObjectives,
    f.estimatedHours,
    f.kind,
    f.completionMethod,
    f.reflectionPrompt,
    f.required,
    f.opensOffsetDays,
    f.dueOffsetDays,
  ];
}

@Injectable()
export class ProgrammesRepository {
  constructor(private readonly sql: Sql) {}

  transaction<T>(work: (m: Sql) => Promise<T>): Promise<T> {
    return this.sql.transaction(work);
  }

  /** Templates are visible to anyone with a city (read-only); a city's programmes to its admins. */
  private readonly scopeSql = '($1::boolean OR p.municipality_id IS NULL OR p.municipality_id = ANY($2::uuid[]))';

  async findForScope(scope: ProgrammeScope, page: PageRequest): Promise<{ rows: ProgrammeListRow[]; total: number }> {
    const rows = await this.sql.query(
      `SELECT p.id, p.municipality_id AS "municipalityId", m.name_en AS "municipalityNameEn", m.name_he AS "municipalityNameHe", m.name_ar AS "municipalityNameAr",
              p.title, o.title AS "originTitle",
              (SELECT count(*)::int FROM programme_phase ph WHERE ph.programme_id = p.id) AS "phaseCount",
              (SELECT count(*)::int FROM curriculum_module cm WHERE cm.programme_id = p.id) AS "moduleCount",
              count(*) OVER ()::int AS total
         FROM programme p
         LEFT JOIN municipality m ON m.id = p.municipality_id
         LEFT JOIN programme o ON o.id = p.origin_programme_id
        WHERE NOT p.archived AND ${this.scopeSql}
        ORDER BY p.municipality_id IS NOT NULL, m.name_en, p.title, p.id
        LIMIT $3 OFFSET $4`,
      [scope.all, scope.municipalityIds, page.size, page.offset],
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }

  /** The programme if this person may see it; undefined (a 404) otherwise. */
  async findForActorScope(scope: ProgrammeScope, id: string): Promise<ProgrammeRecord | undefined> {
    const rows = await this.sql.query(
      `SELECT ${PROGRAMME_COLUMNS}, (SELECT count(*)::int FROM cohort c WHERE c.programme_id = p.id) AS "cohortCount"
         FROM programme p
         LEFT JOIN municipality m ON m.id = p.municipality_id
         LEFT JOIN programme o ON o.id = p.origin_programme_id
        WHERE p.id = $3 AND ${this.scopeSql}`,
      [scope.all, scope.municipalityIds, id],
    );
    return rows[0];
  }

  /** Row lock on the programme, so structural edits (reorder, copy) do not interleave. */
  async lockProgramme(m: Sql, id: string): Promise<void> {
    await m.query('SELECT 1 FROM programme WHERE id = $1 FOR UPDATE', [id]);
  }

  async insertProgramme(
    m: Sql,
    municipalityId: string | null,
    fields: ProgrammeFields,
    createdBy: string,
    originProgrammeId: string | null = null,
  ): Promise<string> {
    const rows = await m.query(
      `INSERT INTO programme (municipality_id, origin_programme_id, title, description, min_sessions_attended, min_reflections, min_workshop_attendance_pct, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        municipalityId,
        originProgrammeId,
        fields.title,
        fields.description,
        fields.minSessionsAttended,
        fields.minReflections,
        fields.minWorkshopAttendancePct,
        createdBy,
      ],
    );
    return rows[0].id;
  }

  async updateProgramme(id: string, fields: ProgrammeFields): Promise<void> {
    await this.sql.query(
      `UPDATE programme SET title = $2, description = $3, min_sessions_attended = $4, min_reflections = $5, min_workshop_attendance_pct = $6, updated_at = now() WHERE id = $1`,
      [id, fields.title, fields.description, fields.minSessionsAttended, fields.minReflections, fields.minWorkshopAttendancePct],
    );
  }

  async findPhases(programmeId: string): Promise<PhaseRecord[]> {
    return this.sql.query(
      `SELECT ph.id, ph.programme_id AS "programmeId", ph.position, ph.title, ph.description,
              (SELECT count(*)::int FROM curriculum_module cm WHERE cm.phase_id = ph.id) AS "moduleCount"
         FROM programme_phase ph WHERE ph.programme_id = $1 ORDER BY ph.position, ph.id`,
      [programmeId],
    );
  }

  async findPhase(programmeId: string, phaseId: string): Promise<PhaseRecord | undefined> {
    const rows = await this.sql.query(
      `SELECT ph.id, ph.programme_id AS "programmeId", ph.position, ph.title, ph.description,
              (SELECT count(*)::int FROM curriculum_module cm WHERE cm.phase_id = ph.id) AS "moduleCount"
         FROM programme_phase ph WHERE ph.programme_id = $1 AND ph.id = $2`,
      [programmeId, phaseId],
    );
    return rows[0];
  }

  async insertPhase(m: Sql, programmeId: string, fields: PhaseFields): Promise<string> {
    const rows = await m.query(
      `INSERT INTO programme_phase (programme_id, position, title, description)
       VALUES ($1, (SELECT coalesce(max(position) + 1, 0) FROM programme_phase WHERE programme_id = $1), $2, $3) RETURNING id`,
      [programmeId, fields.title, fields.description],
    );
    return rows[0].id;
  }

  async updatePhase(phaseId: string, fields: PhaseFields): Promise<void> {
    await this.sql.query('UPDATE programme_phase SET title = $2, description = $3 WHERE id = $1', [phaseId, fields.title, fields.description]);
  }

  async deletePhase(m: Sql, phaseId: string): Promise<void> {
    await m.query('DELETE FROM programme_phase WHERE id = $1', [phaseId]);
  }

  /**
   * Swaps a phase with its neighbour before or after it. Both rows change position in one
   * statement; the unique (programme_id, position) constraint is deferred to the commit.
   */
  async swapPhaseWithNeighbour(m: Sql, programmeId: string, phaseId: string, direction: 'up' | 'down'): Promise<boolean> {
    const swapped = await m.execute(
      `WITH me AS (SELECT id, position FROM programme_phase WHERE id = $2 AND programme_id = $1),
            other AS (
              SELECT ph.id, ph.position FROM programme_phase ph, me
               WHERE ph.programme_id = $1 AND ph.id <> me.id
                 AND (CASE WHEN $3 = 'up' THEN ph.position < me.position ELSE ph.position > me.position END)
               ORDER BY CASE WHEN $3 = 'up' THEN -ph.position ELSE ph.position END
               LIMIT 1)
       UPDATE programme_phase ph SET position = CASE WHEN ph.id = me.id THEN other.position ELSE me.position END
         FROM me, other WHERE ph.id IN (me.id, other.id) RETURNING ph.id`,
      [programmeId, phaseId, direction],
    );
    return swapped > 0;
  }

  /** Same as for phases, within the module's phase. */
  async swapModuleWithNeighbour(m: Sql, moduleId: string, direction: 'up' | 'down'): Promise<boolean> {
    const swapped = await m.execute(
      `WITH me AS (SELECT id, phase_id, position FROM curriculum_module WHERE id = $1),
            other AS (
              SELECT cm.id, cm.position FROM curriculum_module cm, me
               WHERE cm.phase_id = me.phase_id AND cm.id <> me.id
                 AND (CASE WHEN $2 = 'up' THEN cm.position < me.position ELSE cm.position > me.position END)
               ORDER BY CASE WHEN $2 = 'up' THEN -cm.position ELSE cm.position END
               LIMIT 1)
       UPDATE curriculum_module cm SET position = CASE WHEN cm.id = me.id THEN other.position ELSE me.position END, updated_at = now()
         FROM me, other WHERE cm.id IN (me.id, other.id) RETURNING cm.id`,
      [moduleId, direction],
    );
    return swapped > 0;
  }

  async findModuleOutline(programmeId: string): Promise<ModuleOutlineRow[]> {
    return this.sql.query(
      `SELECT cm.id, cm.phase_id AS "phaseId", cm.position, cm.title, cm.summary, cm.kind, cm.completion_method AS "completionMethod", cm.required,
              cm.estimated_hours::text AS "estimatedHours", cm.opens_offset_days AS "opensOffsetDays", cm.due_offset_days AS "dueOffsetDays",
              coalesce((SELECT array_agg(pre.title ORDER BY pre.title) FROM module_prerequisite mp JOIN curriculum_module pre ON pre.id = mp.prerequisite_id
                         WHERE mp.module_id = cm.id), '{}') AS "prerequisiteTitles"
         FROM curriculum_module cm JOIN programme_phase ph ON ph.id = cm.phase_id
        WHERE cm.programme_id = $1
        ORDER BY ph.position, cm.position, cm.id`,
      [programmeId],
    );
  }

  async findModule(programmeId: string, moduleId: string): Promise<ModuleRecord | undefined> {
    const rows = await this.sql.query(
      `SELECT ${MODULE_COLUMNS} FROM curriculum_module cm JOIN programme_phase ph ON ph.id = cm.phase_id WHERE cm.programme_id = $1 AND cm.id = $2`,
      [programmeId, moduleId],
    );
    return rows[0];
  }

  /** Titles of the given modules, for naming a prerequisite loop. */
  async findModuleTitles(programmeId: string): Promise<Map<string, string>> {
    const rows: { id: string; title: string }[] = await this.sql.query('SELECT id, title FROM curriculum_module WHERE programme_id = $1', [programmeId]);
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  async findPrerequisiteEdges(m: Sql, programmeId: string): Promise<PrerequisiteEdge[]> {
    return m.query(
      `SELECT mp.module_id AS "moduleId", mp.prerequisite_id AS "prerequisiteId"
         FROM module_prerequisite mp JOIN curriculum_module cm ON cm.id = mp.module_id WHERE cm.programme_id = $1`,
      [programmeId],
    );
  }

  /** How many of these ids are modules of the programme (other than the module itself). */
  async countModulesOfProgramme(programmeId: string, ids: string[], exceptId: string | null): Promise<number> {
    const rows = await this.sql.query(
      'SELECT count(*)::int AS count FROM curriculum_module WHERE programme_id = $1 AND id = ANY($2::uuid[]) AND id IS DISTINCT FROM $3',
      [programmeId, ids, exceptId],
    );
    return rows[0].count;
  }

  async insertModule(m: Sql, programmeId: string, phaseId: string, fields: ModuleFields, originModuleId: string | null = null): Promise<string> {
    const rows = await m.query(
      `INSERT INTO curriculum_module (programme_id, phase_id, position, origin_module_id, title, summary, body_md, learning_objectives, estimated_hours,
                                      kind, completion_method, reflection_prompt, required, opens_offset_days, due_offset_days)
       VALUES ($1, $2, (SELECT coalesce(max(position) + 1, 0) FROM curriculum_module WHERE phase_id = $2), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       RETURNING id`,
      [programmeId, phaseId, originModuleId, ...moduleFieldValues(fields)],
    );
    return rows[0].id;
  }

  async updateModule(m: Sql, moduleId: string, fields: ModuleFields): Promise<void> {
    await m.query(
      `UPDATE curriculum_module SET title = $2, summary = $3, body_md = $4, learning_objectives = $5, estimated_hours = $6, kind = $7,
              completion_method = $8, reflection_prompt = $9, required = $10, opens_offset_days = $11, due_offset_days = $12, updated_at = now()
        WHERE id = $1`,
      [moduleId, ...moduleFieldValues(fields)],
    );
  }

  /** Moves a module to the end of another phase of the same programme. */
  async moveModuleToPhase(m: Sql, moduleId: string, phaseId: string): Promise<void> {
    await m.query(
      `UPDATE curriculum_module SET phase_id = $2, position = (SELECT coalesce(max(position) + 1, 0) FROM curriculum_module WHERE phase_id = $2), updated_at = now()
        WHERE id = $1 AND phase_id <> $2`,
      [moduleId, phaseId],
    );
  }

  async replacePrerequisites(m: Sql, moduleId: string, prerequisiteIds: string[]): Promise<void> {
    await m.query('DELETE FROM module_prerequisite WHERE module_id = $1', [moduleId]);
    if (prerequisiteIds.length) {
      await m.query('INSERT INTO module_prerequisite (module_id, prerequisite_id) SELECT $1, unnest($2::uuid[])', [moduleId, prerequisiteIds]);
    }
  }

  async deleteModule(m: Sql, moduleId: string): Promise<void> {
    await m.query('DELETE FROM curriculum_module WHERE id = $1', [moduleId]);
  }

  /**
   * Locks the module row, so a teacher cannot start it meanwhile (a new progress row refers to it and
   * waits), and says whether any progress refers to it now. Call inside the deleting transaction.
   */
  async lockModuleAndCheckProgress(m: Sql, moduleId: string): Promise<boolean> {
    await m.query('SELECT 1 FROM curriculum_module WHERE id = $1 FOR UPDATE', [moduleId]);
    const rows = await m.query('SELECT EXISTS (SELECT 1 FROM module_progress WHERE module_id = $1) AS used', [moduleId]);
    return rows[0].used;
  }

  /** Whether any teacher has progress recorded on the module (deleting it would erase that). */
  async moduleHasProgress(moduleId: string): Promise<boolean> {
    const rows = await this.sql.query('SELECT EXISTS (SELECT 1 FROM module_progress WHERE module_id = $1) AS used', [moduleId]);
    return rows[0].used;
  }

  /** A new module gets a window in every cohort already running the programme, from its offsets. */
  async insertWindowsForNewModule(m: Sql, programmeId: string, moduleId: string): Promise<void> {
    await m.query(
      `INSERT INTO module_window (cohort_id, module_id, opens_on, due_on)
       SELECT c.id, cm.id, c.starts_on + cm.opens_offset_days, c.starts_on + cm.due_offset_days
         FROM cohort c JOIN curriculum_module cm ON cm.id = $2
        WHERE c.programme_id = $1
       ON CONFLICT DO NOTHING`,
      [programmeId, moduleId],
    );
  }

  /**
   * Copies a template's phases, modules and prerequisites into a new programme of a city, in the
   * caller's transaction, each copied module remembering its origin: two statements per phase.
   */
  async copyStructure(m: Sql, fromProgrammeId: string, toProgrammeId: string): Promise<void> {
    const phases: { id: string }[] = await m.query('SELECT id FROM programme_phase WHERE programme_id = $1 ORDER BY position', [fromProgrammeId]);
    for (const phase of phases) {
      const [{ id: newPhaseId }] = await m.query(
        `INSERT INTO programme_phase (programme_id, position, title, description)
         SELECT $2, position, title, description FROM programme_phase WHERE id = $1 RETURNING id`,
        [phase.id, toProgrammeId],
      );
      await m.query(
        `INSERT INTO curriculum_module (programme_id, phase_id, position, origin_module_id, title, summary, body_md, learning_objectives, estimated_hours,
                                        kind, completion_method, reflection_prompt, required, opens_offset_days, due_offset_days)
         SELECT $2, $3, cm.position, cm.id, cm.title, cm.summary, cm.body_md, cm.learning_objectives, cm.estimated_hours,
                cm.kind, cm.completion_method, cm.reflection_prompt, cm.required, cm.opens_offset_days, cm.due_offset_days
           FROM curriculum_module cm WHERE cm.phase_id = $1`,
        [phase.id, toProgrammeId, newPhaseId],
      );
    }
    await m.query(
      `INSERT INTO module_prerequisite (module_id, prerequisite_id)
       SELECT nm.id, np.id
         FROM module_prerequisite mp
         JOIN curriculum_module nm ON nm.origin_module_id = mp.module_id AND nm.programme_id = $1
         JOIN curriculum_module np ON np.origin_module_id = mp.prerequisite_id AND np.programme_id = $1`,
      [toProgrammeId],
    );
  }

  async findMunicipalityOptions(municipalityIds: string[] | 'all'): Promise<{ id: string; nameEn: string; nameHe: string; nameAr: string }[]> {
    return this.sql.query(
      `SELECT id, name_en AS "nameEn", name_he AS "nameHe", name_ar AS "nameAr" FROM municipality
        WHERE active AND ($1::boolean OR id = ANY($2::uuid[])) ORDER BY name_en`,
      [municipalityIds === 'all', municipalityIds === 'all' ? [] : municipalityIds],
    );
  }
}
