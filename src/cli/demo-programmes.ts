import type { Sql } from '../database/sql.js';
import { CohortsRepository } from '../cohorts/cohorts.repository.js';
import type { Language } from '../common/i18n/language.js';
import { ProgrammesRepository } from '../programmes/programmes.repository.js';
import {
  BAT_YAM_FIRST_PROGRAMME,
  BAT_YAM_OPENING_BODY,
  type DemoModuleTexts,
  type DemoProgramme,
  type InLanguages,
  NETWORK_TEMPLATE,
} from './demo-curriculum.js';
import type { DemoIds } from './demo-data.js';

/** Cohort names are written once, in the city's language. */
export const RUNNING_COHORT_NAMES: Record<keyof DemoIds['cities'], string> = {
  batyam: 'בת ים – מחזור ב׳',
  hadera: 'חדרה – מחזור א׳',
};
export const BAT_YAM_FIRST_COHORT = 'בת ים – מחזור א׳';

/** One mentoring circle per mentor, named by the department in the language its teachers work in. */
const CIRCLE_NAMES: Record<keyof DemoIds['cities'], string[]> = {
  batyam: ['מעגל חונכות א׳', 'מעגל חונכות ב׳'],
  hadera: ['מעגל חונכות א׳', 'حلقة الإرشاد – مدرسة الأمل'],
};

/** The translations of a record's texts: every language but the original (Hebrew). */
function translations<T>(texts: InLanguages<T>): [Language, T][] {
  return (Object.entries(texts) as [Language, T][]).filter(([language]) => language !== 'he');
}

function moduleTexts(texts: DemoModuleTexts) {
  return {
    title: texts.title,
    summary: texts.summary,
    bodyMd: texts.bodyMd,
    learningObjectives: texts.learningObjectives ?? '',
    reflectionPrompt: texts.reflectionPrompt ?? '',
    submissionInstructions: texts.submissionInstructions ?? '',
  };
}

/**
 * A programme written in Hebrew, with its translations, phases, modules and prerequisites, in a
 * city (or, with null, a network template). Found by its Hebrew title, so a second run adds nothing.
 */
async function seedProgramme(
  m: Sql,
  programmes: ProgrammesRepository,
  source: DemoProgramme,
  municipalityId: string | null,
  authorId: string,
): Promise<string> {
  const [existing] = await m.query('SELECT id FROM programme WHERE municipality_id IS NOT DISTINCT FROM $1::uuid AND title = $2', [
    municipalityId,
    source.texts.he.title,
  ]);
  if (existing) return existing.id;
  const programmeId = await programmes.insertProgramme(municipalityId, { originalLanguage: 'he', ...source.texts.he, ...source.rules }, authorId);
  for (const [language, texts] of translations(source.texts)) await programmes.saveTranslation('programme', programmeId, language, { ...texts }, authorId);
  const idsByKey = new Map<string, string>();
  for (const phase of source.phases) {
    const phaseId = await programmes.insertPhase(programmeId, { originalLanguage: 'he', ...phase.texts.he });
    for (const [language, texts] of translations(phase.texts)) await programmes.saveTranslation('phase', phaseId, language, { ...texts }, authorId);
    for (const mod of phase.modules) {
      const id = await programmes.insertModule(programmeId, phaseId, {
        originalLanguage: 'he',
        ...moduleTexts(mod.texts.he),
        estimatedHours: mod.hours,
        kind: mod.kind,
        completionMethod: mod.method,
        required: mod.required ?? true,
        opensOffsetDays: mod.opens,
        dueOffsetDays: mod.due,
      });
      for (const [language, texts] of translations(mod.texts)) await programmes.saveTranslation('module', id, language, moduleTexts(texts), authorId);
      idsByKey.set(mod.key, id);
      if (mod.needs?.length)
        await programmes.replacePrerequisites(
          id,
          mod.needs.map((key) => idsByKey.get(key) as string),
        );
    }
  }
  return programmeId;
}

/** The city's copy of the template, with every language; made once. */
async function seedCopy(
  m: Sql,
  programmes: ProgrammesRepository,
  templateId: string,
  municipalityId: string,
  authorId: string,
): Promise<{ id: string; isNew: boolean }> {
  const [copy] = await m.query('SELECT id FROM programme WHERE municipality_id = $1 AND origin_programme_id = $2', [municipalityId, templateId]);
  if (copy) return { id: copy.id, isNew: false };
  const id = await programmes.copyProgramme(templateId, municipalityId, authorId);
  await programmes.copyStructure(templateId, id);
  return { id, isNew: true };
}

/** Bat Yam's adaptation of its copy: the opening workshop's Hebrew text names the city's hall, so its translations fall behind. */
async function adaptBatYamCopy(m: Sql, programmes: ProgrammesRepository, copyId: string): Promise<void> {
  const [opening] = await m.query(
    `SELECT cm.id FROM curriculum_module cm JOIN programme_phase ph ON ph.id = cm.phase_id WHERE cm.programme_id = $1 ORDER BY ph.position, cm.position LIMIT 1`,
    [copyId],
  );
  const module = opening && (await programmes.findModule(copyId, opening.id, null));
  if (!module) return;
  await programmes.updateModule(module.id, module.phaseId, { ...module, bodyMd: BAT_YAM_OPENING_BODY });
}

interface CohortPlan {
  municipalityId: string;
  programmeId: string;
  name: string;
  /** SQL for the start day; the cohort runs two years. */
  startsOn: string;
  createdBy: string;
}

/** The cohort of the programme with that name in the city, with a window per module; made once. */
async function seedCohort(m: Sql, cohorts: CohortsRepository, plan: CohortPlan): Promise<string> {
  const [cohort] = await m.query('SELECT id FROM cohort WHERE municipality_id = $1 AND programme_id = $2 AND name = $3', [
    plan.municipalityId,
    plan.programmeId,
    plan.name,
  ]);
  if (cohort) return cohort.id;
  const [dates] = await m.query(
    `SELECT to_char(d, 'YYYY-MM-DD') AS "startsOn", to_char(d + interval '2 years', 'YYYY-MM-DD') AS "endsOn" FROM (SELECT (${plan.startsOn})::date AS d) s`,
  );
  const cohortId = await cohorts.insertCohort({
    municipalityId: plan.municipalityId,
    programmeId: plan.programmeId,
    name: plan.name,
    ...dates,
    createdBy: plan.createdBy,
  });
  await cohorts.insertWindowsFromOffsets(cohortId);
  return cohortId;
}

/** Enrols mentors and teachers, and puts each teacher in their mentor's circle. */
async function seedMembers(
  m: Sql,
  cohorts: CohortsRepository,
  cohortId: string,
  city: DemoIds['cities'][keyof DemoIds['cities']],
  circleNames: string[],
  teachers: { id: string; mentor: number }[],
): Promise<void> {
  const cohortRef = { id: cohortId, municipalityId: city.municipalityId };
  const mentorIds = [...new Set(teachers.map((t) => city.mentorIds[t.mentor]))];
  await cohorts.enrol(
    cohortRef,
    [...mentorIds.map((userId) => ({ userId, role: 'mentor' as const })), ...teachers.map((t) => ({ userId: t.id, role: 'teacher' as const }))],
    city.deptAdminId,
  );
  const groupOf = new Map<string, string>();
  for (const mentorId of mentorIds) {
    const [group] = await m.query('SELECT id FROM mentor_group WHERE cohort_id = $1 AND mentor_id = $2 ORDER BY created_at LIMIT 1', [cohortId, mentorId]);
    groupOf.set(mentorId, group?.id ?? (await cohorts.insertGroup(cohortId, mentorId, circleNames[city.mentorIds.indexOf(mentorId)])));
  }
  const assigned: string[] = [];
  for (const teacher of teachers) {
    const groupId = groupOf.get(city.mentorIds[teacher.mentor]);
    const [member] = await m.query(`SELECT id, mentor_group_id AS "groupId" FROM cohort_member WHERE cohort_id = $1 AND user_id = $2 AND role = 'teacher'`, [
      cohortId,
      teacher.id,
    ]);
    if (!member || member.groupId || !groupId) continue;
    await cohorts.assignGroup(member.id, groupId, true);
    await cohorts.recordEvent(member.id, 'group_changed', city.deptAdminId, null);
    assigned.push(member.id);
  }
  // In the demo's story the circles were formed the day the cohort started, so their mentors read all the work handed in since.
  await m.query(
    `UPDATE cohort_member cmb SET mentor_since = c.starts_on::timestamp AT TIME ZONE mu.time_zone
       FROM cohort c JOIN municipality mu ON mu.id = c.municipality_id
      WHERE c.id = cmb.cohort_id AND cmb.id = ANY($1::uuid[])`,
    [assigned],
  );
}

/**
 * The network template "מאיץ המורים העירוני" (four stages, fourteen modules, written in Hebrew
 * with English and Arabic translations), its copies in Bat Yam (adapted) and Hadera, and in each
 * city a cohort that started about eleven months ago, with every demo teacher and mentor enrolled
 * in mentoring circles. Bat Yam also has its earlier programme and the cohort that ran it and
 * ended a year ago. Idempotent: everything is found by its natural key (titles, names, origin)
 * before anything is inserted.
 */
export async function seedDemoProgrammes(m: Sql, ids: DemoIds): Promise<void> {
  const programmes = new ProgrammesRepository(m);
  const cohorts = new CohortsRepository(m);
  const [networkAdmin] = await m.query(`SELECT id FROM app_user WHERE email = 'network@demo.test'`);
  const templateId = await seedProgramme(m, programmes, NETWORK_TEMPLATE, null, networkAdmin.id);

  for (const key of Object.keys(ids.cities) as (keyof DemoIds['cities'])[]) {
    const city = ids.cities[key];
    const copy = await seedCopy(m, programmes, templateId, city.municipalityId, city.deptAdminId);
    if (copy.isNew && key === 'batyam') await adaptBatYamCopy(m, programmes, copy.id);
    // Started about eleven months before today: late in the first year, with the third stage's first modules open now.
    const cohortId = await seedCohort(m, cohorts, {
      municipalityId: city.municipalityId,
      programmeId: copy.id,
      name: RUNNING_COHORT_NAMES[key],
      startsOn: `date_trunc('week', current_date - interval '11 months')`,
      createdBy: city.deptAdminId,
    });
    const teachers = city.teacherIds.map((id, index) => ({ id, mentor: city.teacherMentors[index] }));
    await seedMembers(m, cohorts, cohortId, city, CIRCLE_NAMES[key], teachers);
  }

  // Bat Yam's first cohort ran the city's own programme and ended about a year ago; the second
  // demo teacher and three colleagues took part, in the first mentor's circle.
  const batYam = ids.cities.batyam;
  const firstProgrammeId = await seedProgramme(m, programmes, BAT_YAM_FIRST_PROGRAMME, batYam.municipalityId, batYam.deptAdminId);
  const firstCohortId = await seedCohort(m, cohorts, {
    municipalityId: batYam.municipalityId,
    programmeId: firstProgrammeId,
    name: BAT_YAM_FIRST_COHORT,
    startsOn: `date_trunc('week', current_date - interval '3 years 2 months')`,
    createdBy: batYam.deptAdminId,
  });
  const firstTeachers = [batYam.teacherIds[1], ...batYam.graduateIds].map((id) => ({ id, mentor: 0 }));
  await seedMembers(m, cohorts, firstCohortId, batYam, CIRCLE_NAMES.batyam, firstTeachers);
}
