import type { Sql } from '../database/sql.js';
import { CohortsRepository } from '../cohorts/cohorts.repository.js';
import type { CompletionMethod, ModuleKind } from '../programmes/curriculum-module.types.js';
import { type ModuleFields, ProgrammesRepository } from '../programmes/programmes.repository.js';
import type { DemoIds } from './demo-data.js';

interface DemoModule extends Omit<ModuleFields, 'kind' | 'completionMethod' | 'required'> {
  kind: ModuleKind;
  completionMethod: CompletionMethod;
  required?: boolean;
  /** Titles of modules (earlier in the list) this one needs. */
  needs?: string[];
}

interface DemoPhase {
  title: string;
  description: string;
  modules: DemoModule[];
}

const TEMPLATE_TITLE = 'Municipal Teacher Accelerator';

const TEMPLATE_DESCRIPTION =
  'The network’s two-year accelerator for a city’s teachers: personal education in practice. Teachers find their own uniqueness (Me), learn to see each student’s (You) and build shared work in the school and the city (Us), with mentors, learning expeditions and a reflective portfolio.';

function module(
  title: string,
  kind: ModuleKind,
  completionMethod: CompletionMethod,
  opens: number,
  due: number,
  hours: string,
  summary: string,
  body: string,
  extra: Partial<DemoModule> = {},
): DemoModule {
  return {
    title,
    summary,
    bodyMd: body,
    learningObjectives: extra.learningObjectives ?? '',
    estimatedHours: hours,
    kind,
    completionMethod,
    reflectionPrompt: extra.reflectionPrompt ?? '',
    opensOffsetDays: opens,
    dueOffsetDays: due,
    required: extra.required ?? true,
    needs: extra.needs,
  };
}

/** The four stages of SPEC §3 over about two years; offsets are days from the cohort's start. */
const PHASES: DemoPhase[] = [
  {
    title: 'Getting to know each other',
    description: 'The cohort forms: teachers, mentors and the city’s education department meet and agree how they will learn together.',
    modules: [
      module(
        'Opening workshop: the city as one big school',
        'workshop',
        'attendance',
        0,
        14,
        '4',
        'A day together at the municipal education centre: why the city runs an accelerator and what two years will look like.',
        '## What happens on the day\n\n- Welcome from the head of the education department\n- The story of the city’s programme for personal education\n- Meeting your mentoring circle\n\n## Bring with you\n\nA photo or object from your classroom that says something about how you teach.',
        { learningObjectives: 'Know the accelerator’s path and people.\nName one hope and one worry for the two years.' },
      ),
      module(
        'Me: finding my own uniqueness',
        'online',
        'self',
        7,
        45,
        '3',
        'A guided self-portrait: your strengths, your story as an educator and what you want to grow.',
        '## Me, You, Us\n\nPersonal education starts with the educator. Before we can see each student’s uniqueness, we look at our own.\n\n1. Write the story of a moment when you were at your best as a teacher.\n2. Ask two colleagues what they see as your strength.\n3. Compare: what surprised you?',
        {
          reflectionPrompt: 'What did you learn about yourself that you did not expect?',
          learningObjectives: 'Describe your own strengths as an educator in your own words.',
        },
      ),
      module(
        'You: seeing each student',
        'practicum',
        'approval',
        30,
        90,
        '6',
        'Choose three students you know least and spend a month getting to know them as people.',
        '## The practice\n\nFor four weeks, hold a short personal conversation every week with each of three students you feel you know least.\n\n## What to submit\n\nA one-page portrait of one student (no full name): what you discovered about their interests and strengths, and one change you made in class because of it.',
        { reflectionPrompt: 'What changed in how you see this student — and how they see you?', needs: ['Me: finding my own uniqueness'] },
      ),
      module(
        'Mentoring circles: agreements for learning together',
        'workshop',
        'attendance',
        45,
        75,
        '3',
        'The first meeting of your mentoring circle: how we give feedback, keep confidence and support each other.',
        '## Agreements\n\nThe circle writes its own agreements. Many circles start from these:\n\n- What is said in the circle stays in the circle\n- We describe before we judge\n- Everyone brings one question from their classroom each month',
      ),
    ],
  },
  {
    title: 'Shared learning expeditions',
    description: 'Learning from others: visits to schools and places in the city and in another city of the network.',
    modules: [
      module(
        'Learning expedition: a school in our city',
        'expedition',
        'attendance',
        100,
        150,
        '5',
        'A morning in a school of the city that works with personal education, with time to talk with its teachers and students.',
        '## Before the visit\n\nChoose one question you want answered, e.g. “How do they make time for personal conversations?”\n\n## During the visit\n\nObserve one lesson, meet the staff team, and talk with two students.',
      ),
      module(
        'Learning expedition to another city of the network',
        'expedition',
        'approval',
        140,
        210,
        '8',
        'A learning tour to a partner city: how another municipality turned its schools and community into one learning space.',
        '## Your expedition journal\n\nKeep notes on three ideas you could bring back to your school. Submit the journal with one idea worked out as a small plan.',
        {
          reflectionPrompt: 'Which idea from the other city would fit your school, and what would have to change for it to work?',
          needs: ['Learning expedition: a school in our city'],
        },
      ),
      module(
        'The city as a classroom: learning outside school',
        'practicum',
        'approval',
        160,
        260,
        '6',
        'Plan and run one lesson that takes place in the city — a museum, a park, the port, a local business — with a partner from the community.',
        '## Steps\n\n1. Find a partner in the community.\n2. Plan the lesson with them.\n3. Run it and collect the students’ reflections.\n\nSubmit the plan, photos (without students’ faces) and what the students said.',
      ),
      module(
        'Us: the art of collaboration',
        'workshop',
        'attendance',
        200,
        240,
        '4',
        'A workshop on shared creative work: co-teaching, staff-room projects and working with parents.',
        '## Three forms of “Us”\n\n- Two teachers, one class\n- A staff team around one grade\n- School, families and the community',
      ),
    ],
  },
  {
    title: 'Designing the city’s model',
    description: 'Cohort teams design how personal education will look in their schools and in the city.',
    modules: [
      module(
        'Design studio: our school’s model of personal education',
        'workshop',
        'attendance',
        330,
        380,
        '6',
        'Teams from each school draft their model: time for personal conversations, mentoring of students, and how progress is seen.',
        '## Studio outputs\n\nEach school team leaves with a one-page draft of its model and the questions it still has.',
      ),
      module(
        'Personal mentoring of students: a pilot',
        'practicum',
        'approval',
        360,
        470,
        '10',
        'Run a ten-week pilot of personal mentoring with a small group of students, using the school’s draft model.',
        '## What to submit\n\n- The pilot plan\n- A short log of the sessions\n- What you would keep and what you would change\n\n> Protect students’ privacy: no full names, no identifying details.',
        { reflectionPrompt: 'What did the pilot teach you about the time and trust personal mentoring needs?', needs: ['You: seeing each student'] },
      ),
      module(
        'Reading: personal education in research and practice',
        'online',
        'self',
        340,
        420,
        '3',
        'A short reader on personal education, with questions for the mentoring circle.',
        '## Reader\n\n- Why every child needs at least one adult who knows them\n- Personal learning plans: examples from Israeli schools\n- What the research says about student–teacher relationships',
        { required: false },
      ),
    ],
  },
  {
    title: 'Implementing connected education',
    description: 'Teachers lead the change in their schools and share what they learn across the city and the network.',
    modules: [
      module(
        'Leading change in my school',
        'practicum',
        'approval',
        540,
        650,
        '10',
        'Lead one change from your school’s model with colleagues and document what happened.',
        '## Submit\n\nA case study of two to three pages: the change, who took part, what worked, what did not, and what comes next.',
        { reflectionPrompt: 'How did leading colleagues differ from teaching students?', needs: ['Personal mentoring of students: a pilot'] },
      ),
      module(
        'Portfolio presentation to the cohort',
        'workshop',
        'attendance',
        640,
        700,
        '4',
        'Each teacher presents the journey of the two years from their portfolio to the cohort, mentors and the department.',
        '## Preparing\n\nChoose three portfolio entries that show how your practice changed, and one question you are still carrying.',
      ),
      module(
        'Closing conference of the city',
        'workshop',
        'attendance',
        690,
        720,
        '5',
        'The city’s closing conference: graduates share their work with principals, parents and the network.',
        'The conference closes the accelerator and opens the next cohort’s path: graduates become mentors and partners.',
      ),
    ],
  },
];

const CITY_COHORT_NAMES: Record<keyof DemoIds['cities'], string> = {
  batyam: 'Bat Yam accelerator — cohort 1',
  hadera: 'Hadera accelerator — cohort 1',
};

async function seedTemplate(m: Sql, programmes: ProgrammesRepository, networkAdminId: string | null): Promise<string> {
  const existing = await m.query('SELECT id FROM programme WHERE municipality_id IS NULL AND title = $1', [TEMPLATE_TITLE]);
  if (existing[0]) return existing[0].id;
  const templateId = await programmes.insertProgramme(
    null,
    { title: TEMPLATE_TITLE, description: TEMPLATE_DESCRIPTION, minSessionsAttended: 8, minReflections: 6, minWorkshopAttendancePct: 75 },
    networkAdminId as string,
  );
  const idsByTitle = new Map<string, string>();
  for (const phase of PHASES) {
    const phaseId = await programmes.insertPhase(templateId, { title: phase.title, description: phase.description });
    for (const mod of phase.modules) {
      const { needs, ...fields } = mod;
      const id = await programmes.insertModule(templateId, phaseId, { ...fields, required: fields.required ?? true });
      idsByTitle.set(mod.title, id);
      if (needs?.length)
        await programmes.replacePrerequisites(
          id,
          needs.map((title) => idsByTitle.get(title) as string),
        );
    }
  }
  return templateId;
}

/**
 * The network template "Municipal Teacher Accelerator" (four stages, fourteen modules), its copies
 * in Bat Yam and Hadera, and in each city a cohort that started about eleven months ago with every
 * demo teacher and mentor enrolled and mentor groups. Idempotent: everything is found by its
 * natural key (titles, names, origin) before anything is inserted.
 */
export async function seedDemoProgrammes(m: Sql, ids: DemoIds): Promise<void> {
  const programmes = new ProgrammesRepository(m);
  const cohorts = new CohortsRepository(m);
  const [networkAdmin] = await m.query(`SELECT id FROM app_user WHERE email = 'network@demo.test'`);
  const templateId = await seedTemplate(m, programmes, networkAdmin?.id ?? null);

  for (const key of Object.keys(ids.cities) as (keyof DemoIds['cities'])[]) {
    const city = ids.cities[key];
    let [copy] = await m.query('SELECT id FROM programme WHERE municipality_id = $1 AND origin_programme_id = $2', [city.municipalityId, templateId]);
    if (!copy) {
      const [template] = await m.query(
        `SELECT title, description, min_sessions_attended AS "minSessionsAttended", min_reflections AS "minReflections", min_workshop_attendance_pct AS "minWorkshopAttendancePct"
           FROM programme WHERE id = $1`,
        [templateId],
      );
      const copyId = await programmes.insertProgramme(city.municipalityId, template, city.deptAdminId, templateId);
      await programmes.copyStructure(templateId, copyId);
      copy = { id: copyId };
    }

    let [cohort] = await m.query('SELECT id FROM cohort WHERE municipality_id = $1 AND programme_id = $2 ORDER BY created_at LIMIT 1', [
      city.municipalityId,
      copy.id,
    ]);
    if (!cohort) {
      // Started about eleven months before today: late in the first year, with the third stage's first modules open now.
      const [dates] = await m.query(
        `SELECT to_char(d, 'YYYY-MM-DD') AS "startsOn", to_char(d + interval '2 years', 'YYYY-MM-DD') AS "endsOn"
           FROM (SELECT (date_trunc('week', current_date - interval '11 months'))::date AS d) s`,
      );
      const cohortId = await cohorts.insertCohort({
        municipalityId: city.municipalityId,
        programmeId: copy.id,
        name: CITY_COHORT_NAMES[key],
        ...dates,
        createdBy: city.deptAdminId,
      });
      await cohorts.insertWindowsFromOffsets(cohortId);
      cohort = { id: cohortId };
    }
    const cohortRef = { id: cohort.id as string, municipalityId: city.municipalityId };
    await cohorts.enrol(
      cohortRef,
      [...city.mentorIds.map((userId) => ({ userId, role: 'mentor' as const })), ...city.teacherIds.map((userId) => ({ userId, role: 'teacher' as const }))],
      city.deptAdminId,
    );

    // One mentoring circle per mentor; the first mentor's circle holds the first demo teacher.
    const groupIds: string[] = [];
    for (const [index, mentorId] of city.mentorIds.entries()) {
      const [mentor] = await m.query('SELECT display_name AS name FROM app_user WHERE id = $1', [mentorId]);
      const name = `Mentoring circle ${index + 1} (${mentor.name})`;
      const [group] = await m.query('SELECT id FROM mentor_group WHERE cohort_id = $1 AND mentor_id = $2 ORDER BY created_at LIMIT 1', [cohort.id, mentorId]);
      groupIds.push(group?.id ?? (await cohorts.insertGroup(cohort.id, mentorId, name)));
    }
    const assigned: string[] = [];
    for (const [index, teacherId] of city.teacherIds.entries()) {
      const groupId = groupIds[index % groupIds.length];
      const [member] = await m.query(`SELECT id, mentor_group_id AS "groupId" FROM cohort_member WHERE cohort_id = $1 AND user_id = $2 AND role = 'teacher'`, [
        cohort.id,
        teacherId,
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
}
