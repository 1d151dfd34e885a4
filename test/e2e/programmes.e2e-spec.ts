import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { seedDemoData } from '../../src/cli/demo-data.js';
import { CompletionStatusRepository } from '../../src/progress/completion-status.repository.js';
import { createMunicipality, createUser, type TestUser } from '../support/factories.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const MODULE_DEFAULTS = {
  originalLanguage: 'en',
  summary: '',
  bodyMd: '',
  learningObjectives: '',
  estimatedHours: '2',
  kind: 'workshop',
  completionMethod: 'self',
  reflectionPrompt: '',
  required: 'true',
  opensOffsetDays: '0',
  dueOffsetDays: '30',
};

describe('programmes', () => {
  let t: TestApp;
  let city: { id: string };
  let otherCity: { id: string };
  let admin: SignedInAgent;
  let otherAdmin: SignedInAgent;
  let network: SignedInAgent;
  let teacher: SignedInAgent;

  async function createProgramme(agent: SignedInAgent, title: string, extra: Record<string, string> = {}): Promise<string> {
    const res = await agent
      .post('/programmes', {
        originalLanguage: 'en',
        title,
        description: 'About it',
        minSessionsAttended: '6',
        minReflections: '4',
        minWorkshopAttendancePct: '80',
        ...extra,
      })
      .expect(303);
    return res.headers.location.split('/').pop() as string;
  }

  async function addPhase(agent: SignedInAgent, programmeId: string, title: string): Promise<string> {
    await agent.post(`/programmes/${programmeId}/phases`, { originalLanguage: 'en', title, description: '' }).expect(303);
    const rows = await t.db.query('SELECT id FROM programme_phase WHERE programme_id = $1 AND title = $2', [programmeId, title]);
    return rows[0].id;
  }

  async function addModule(
    agent: SignedInAgent,
    programmeId: string,
    phaseId: string,
    title: string,
    extra: Record<string, string | string[]> = {},
  ): Promise<string> {
    const res = await agent.post(`/programmes/${programmeId}/modules`, { ...MODULE_DEFAULTS, phaseId, title, ...extra }).expect(303);
    return /#module-(.+)$/.exec(res.headers.location)![1];
  }

  beforeAll(async () => {
    t = await createTestApp();
    city = await createMunicipality(t.db, { nameEn: 'Bat Yam Test', locale: 'en' });
    otherCity = await createMunicipality(t.db, { nameEn: 'Hadera Test', locale: 'en' });
    const people: Record<string, TestUser> = {
      admin: await createUser(t.db, { municipalityId: city.id, roles: ['department_admin'] }),
      otherAdmin: await createUser(t.db, { municipalityId: otherCity.id, roles: ['department_admin'] }),
      network: await createUser(t.db, { roles: ['network_admin'] }),
      teacher: await createUser(t.db, { municipalityId: city.id, roles: ['teacher'] }),
    };
    admin = await signIn(t, people.admin);
    otherAdmin = await signIn(t, people.otherAdmin);
    network = await signIn(t, people.network);
    teacher = await signIn(t, people.teacher);
  });
  afterAll(() => t.close());

  it('lets a department admin create a programme in their city and shows it in the list', async () => {
    const id = await createProgramme(admin, 'Personal education, Bat Yam');
    const rows = await t.db.query('SELECT municipality_id, min_sessions_attended, min_reflections, min_workshop_attendance_pct FROM programme WHERE id = $1', [
      id,
    ]);
    expect(rows[0]).toEqual({ municipality_id: city.id, min_sessions_attended: 6, min_reflections: 4, min_workshop_attendance_pct: 80 });
    const list = await admin.get('/programmes').expect(200);
    expect(list.text).toContain('Personal education, Bat Yam');
    await admin.get(`/programmes/${id}`).expect(200);
  });

  it('renders every programme page for its admin, with one h1', async () => {
    const id = await createProgramme(admin, 'Every page');
    const phase = await addPhase(admin, id, 'A phase');
    const moduleId = await addModule(admin, id, phase, 'A module');
    for (const path of [
      '/programmes',
      '/programmes/new',
      `/programmes/${id}`,
      `/programmes/${id}/edit`,
      `/programmes/${id}/phases/new`,
      `/programmes/${id}/phases/${phase}/edit`,
      `/programmes/${id}/phases/${phase}/delete`,
      `/programmes/${id}/modules/new`,
      `/programmes/${id}/modules/new?phaseId=${phase}`,
      `/programmes/${id}/modules/${moduleId}`,
      `/programmes/${id}/modules/${moduleId}/edit`,
      `/programmes/${id}/modules/${moduleId}/delete`,
      `/programmes/${id}/cohorts/new`,
    ]) {
      const page = await admin.get(path);
      expect([path, page.status]).toEqual([path, 200]);
      expect(page.text.match(/<h1[ >]/g)).toHaveLength(1);
      // The page's own model leaves the layout's language switch alone: three languages in the
      // header, and the same three in its phone menu.
      expect([path, page.text.match(/<button type="submit" name="lang" value="(he|ar|en)" lang="\1"[^>]*>(עברית|العربية|English)<\/button>/g)?.length]).toEqual(
        [path, 6],
      );
    }
  });

  it('re-renders an invalid programme form with 400, the values kept and the error tied to its field', async () => {
    const res = await admin
      .post('/programmes', { title: '   ', description: 'Kept text', minSessionsAttended: 'abc', minReflections: '1', minWorkshopAttendancePct: '101' })
      .expect(400);
    expect(res.text).toContain('Kept text');
    expect(res.text).toMatch(/id="title"[^>]*aria-invalid="true"/);
    expect(res.text).toMatch(/id="minWorkshopAttendancePct"[^>]*aria-describedby="minWorkshopAttendancePct-error"/);
    expect(res.text).toContain('id="minSessionsAttended-error"');
  });

  it('edits a programme', async () => {
    const id = await createProgramme(admin, 'Draft');
    await admin
      .post(`/programmes/${id}`, {
        originalLanguage: 'en',
        title: 'Renamed',
        description: 'New',
        minSessionsAttended: '1',
        minReflections: '2',
        minWorkshopAttendancePct: '3',
      })
      .expect(303);
    const page = await admin.get(`/programmes/${id}`).expect(200);
    expect(page.text).toContain('Renamed');
    // A programme starts with a 30-day contact interval; left out of a post, it stays.
    expect(page.text).toContain('<dt>Contact interval (days)</dt><dd>30</dd>');
  });

  it('sets the programme’s contact interval, from 7 to 180 days, and keeps it when a copy is made', async () => {
    const id = await createProgramme(admin, 'Close contact', { contactIntervalDays: '14' });
    expect((await admin.get(`/programmes/${id}`).expect(200)).text).toContain('<dt>Contact interval (days)</dt><dd>14</dd>');
    const form = await admin.get(`/programmes/${id}/edit`).expect(200);
    expect(form.text).toMatch(/id="contactIntervalDays"[^>]*value="14"/);
    const fields = {
      originalLanguage: 'en',
      title: 'Close contact',
      description: '',
      minSessionsAttended: '0',
      minReflections: '0',
      minWorkshopAttendancePct: '0',
    };
    const tooShort = await admin.post(`/programmes/${id}`, { ...fields, description: 'Typed before the error', contactIntervalDays: '6' }).expect(400);
    expect(tooShort.text).toMatch(/id="contactIntervalDays"[^>]*aria-invalid="true"/);
    expect(tooShort.text).toContain('id="contactIntervalDays-error"');
    expect(tooShort.text).toContain('Typed before the error');
    await admin.post(`/programmes/${id}`, { ...fields, contactIntervalDays: '181' }).expect(400);
    await admin.post(`/programmes/${id}`, { ...fields, contactIntervalDays: '21' }).expect(303);
    const [row] = await t.db.query<{ days: number }>('SELECT contact_interval_days AS days FROM programme WHERE id = $1', [id]);
    expect(row.days).toBe(21);
  });

  it('orders phases and modules and reorders them with move up / move down', async () => {
    const id = await createProgramme(admin, 'Ordered');
    const first = await addPhase(admin, id, 'Getting to know each other');
    const second = await addPhase(admin, id, 'Shared learning expeditions');
    const a = await addModule(admin, id, first, 'Module Alpha');
    const b = await addModule(admin, id, first, 'Module Beta');
    let page = await admin.get(`/programmes/${id}`).expect(200);
    expect(page.text.indexOf('Getting to know each other')).toBeLessThan(page.text.indexOf('Shared learning expeditions'));
    expect(page.text.indexOf('Module Alpha')).toBeLessThan(page.text.indexOf('Module Beta'));

    await admin.post(`/programmes/${id}/phases/${second}/move`, { direction: 'up' }).expect(303);
    await admin.post(`/programmes/${id}/modules/${b}/move`, { direction: 'up' }).expect(303);
    page = await admin.get(`/programmes/${id}`).expect(200);
    expect(page.text.indexOf('Shared learning expeditions')).toBeLessThan(page.text.indexOf('Getting to know each other'));
    expect(page.text.indexOf('Module Beta')).toBeLessThan(page.text.indexOf('Module Alpha'));

    // Moving the first one up again changes nothing and is not an error.
    await admin.post(`/programmes/${id}/phases/${second}/move`, { direction: 'up' }).expect(303);
    const positions = await t.db.query('SELECT title, position FROM programme_phase WHERE programme_id = $1 ORDER BY position', [id]);
    expect(positions.map((p: { title: string }) => p.title)).toEqual(['Shared learning expeditions', 'Getting to know each other']);
    await admin.post(`/programmes/${id}/phases/${second}/move`, { direction: 'sideways' }).expect(400);

    // Moving a module to another phase.
    await admin.post(`/programmes/${id}/modules/${a}`, { ...MODULE_DEFAULTS, phaseId: second, title: 'Module Alpha' }).expect(303);
    const moved = await t.db.query('SELECT phase_id FROM curriculum_module WHERE id = $1', [a]);
    expect(moved[0].phase_id).toBe(second);
  });

  it('saves every field of a module and renders its Markdown body sanitised', async () => {
    const id = await createProgramme(admin, 'Markdown');
    const phase = await addPhase(admin, id, 'Phase');
    const moduleId = await addModule(admin, id, phase, 'Me, You, Us', {
      summary: 'The three parts',
      bodyMd: '## Welcome\n\nSome **bold** words.\n\n<script>alert("x")</script>\n\n[link](javascript:alert(1))',
      learningObjectives: 'See each student',
      estimatedHours: '3.5',
      kind: 'expedition',
      completionMethod: 'approval',
      reflectionPrompt: 'What did you notice?',
      required: [] as unknown as string,
      opensOffsetDays: '10',
      dueOffsetDays: '40',
    });
    const row = (
      await t.db.query(
        'SELECT estimated_hours::text AS h, kind, completion_method, required, opens_offset_days, due_offset_days, reflection_prompt FROM curriculum_module WHERE id = $1',
        [moduleId],
      )
    )[0];
    expect(row).toEqual({
      h: '3.5',
      kind: 'expedition',
      completion_method: 'approval',
      required: false,
      opens_offset_days: 10,
      due_offset_days: 40,
      reflection_prompt: 'What did you notice?',
    });
    const page = await admin.get(`/programmes/${id}/modules/${moduleId}`).expect(200);
    expect(page.text).toContain('<strong>bold</strong>');
    expect(page.text).toContain('<h2>Welcome</h2>');
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('javascript:');
  });

  it('refuses a module due before it opens, keeping the values', async () => {
    const id = await createProgramme(admin, 'Dates');
    const phase = await addPhase(admin, id, 'Phase');
    const res = await admin
      .post(`/programmes/${id}/modules`, { ...MODULE_DEFAULTS, phaseId: phase, title: 'Kept title', opensOffsetDays: '50', dueOffsetDays: '10' })
      .expect(400);
    expect(res.text).toContain('Kept title');
    expect(res.text).toContain('id="dueOffsetDays-error"');
  });

  it('refuses prerequisites that would make a loop, naming it', async () => {
    const id = await createProgramme(admin, 'Loops');
    const phase = await addPhase(admin, id, 'Phase');
    const a = await addModule(admin, id, phase, 'Listening circles');
    const b = await addModule(admin, id, phase, 'Mentoring circles', { prerequisiteIds: [a] });
    const c = await addModule(admin, id, phase, 'Practicum', { prerequisiteIds: [b] });

    const direct = await admin
      .post(`/programmes/${id}/modules/${a}`, { ...MODULE_DEFAULTS, phaseId: phase, title: 'Listening circles', prerequisiteIds: [b] })
      .expect(400);
    // Each title is isolated, so a title in another script keeps its direction beside the arrows.
    const loop = (...titles: string[]) => titles.map((title) => `\u2068${title}\u2069`).join(' → ');
    expect(direct.text).toContain(loop('Listening circles', 'Mentoring circles', 'Listening circles'));
    // Prerequisites are checkboxes (issue 10 §5), refilled with what was ticked and marked invalid.
    expect(direct.text).toMatch(/<fieldset id="prerequisiteIds"/);
    expect(direct.text).toMatch(new RegExp(`type="checkbox" id="prerequisite-${b}" name="prerequisiteIds" value="${b}" checked aria-invalid="true"`));
    expect(direct.text).not.toContain('<select id="prerequisiteIds"');

    const longer = await admin
      .post(`/programmes/${id}/modules/${a}`, { ...MODULE_DEFAULTS, phaseId: phase, title: 'Listening circles', prerequisiteIds: [c] })
      .expect(400);
    expect(longer.text).toContain(loop('Listening circles', 'Practicum', 'Mentoring circles', 'Listening circles'));
    const edges = await t.db.query('SELECT count(*)::int AS n FROM module_prerequisite WHERE module_id = $1', [a]);
    expect(edges[0].n).toBe(0);

    // A module of another programme is not a choice.
    const elsewhere = await createProgramme(admin, 'Elsewhere');
    const otherPhase = await addPhase(admin, elsewhere, 'Phase');
    const foreign = await addModule(admin, elsewhere, otherPhase, 'Foreign');
    await admin.post(`/programmes/${id}/modules/${c}`, { ...MODULE_DEFAULTS, phaseId: phase, title: 'Practicum', prerequisiteIds: [foreign] }).expect(400);
  });

  it('deletes a phase after a confirmation page', async () => {
    const id = await createProgramme(admin, 'Deleting');
    const phase = await addPhase(admin, id, 'Doomed phase');
    await addModule(admin, id, phase, 'Doomed module');
    const confirm = await admin.get(`/programmes/${id}/phases/${phase}/delete`).expect(200);
    expect(confirm.text).toContain('Doomed phase');
    expect(confirm.text).toContain(`action="/programmes/${id}/phases/${phase}/delete"`);
    await admin.post(`/programmes/${id}/phases/${phase}/delete`).expect(303);
    expect((await t.db.query('SELECT count(*)::int AS n FROM curriculum_module WHERE programme_id = $1', [id]))[0].n).toBe(0);
  });

  it('refuses to delete a phase with modules once a cohort runs the programme, and explains', async () => {
    const id = await createProgramme(admin, 'In use');
    const phase = await addPhase(admin, id, 'Used phase');
    await addModule(admin, id, phase, 'Used module');
    await t.db.query(`INSERT INTO cohort (municipality_id, programme_id, name, starts_on, ends_on) VALUES ($1, $2, 'Running', '2026-01-01', '2028-01-01')`, [
      city.id,
      id,
    ]);
    const confirm = await admin.get(`/programmes/${id}/phases/${phase}/delete`).expect(200);
    expect(confirm.text).toContain('a cohort already runs this programme');
    await admin.post(`/programmes/${id}/phases/${phase}/delete`).expect(409);
    expect((await t.db.query('SELECT count(*)::int AS n FROM programme_phase WHERE id = $1', [phase]))[0].n).toBe(1);
  });

  it('deletes a module after a confirmation page, but not once teachers have progress on it', async () => {
    const id = await createProgramme(admin, 'Module deletion');
    const phase = await addPhase(admin, id, 'Phase');
    const spare = await addModule(admin, id, phase, 'Spare module');
    const started = await addModule(admin, id, phase, 'Started module');
    const confirm = await admin.get(`/programmes/${id}/modules/${spare}/delete`).expect(200);
    expect(confirm.text).toContain(`action="/programmes/${id}/modules/${spare}/delete"`);
    await admin.post(`/programmes/${id}/modules/${spare}/delete`).expect(303);
    expect(await t.db.query('SELECT 1 FROM curriculum_module WHERE id = $1', [spare])).toHaveLength(0);

    const [cohort] = await t.db.query(
      `INSERT INTO cohort (municipality_id, programme_id, name, starts_on, ends_on) VALUES ($1, $2, 'Running', '2026-01-01', '2028-01-01') RETURNING id`,
      [city.id, id],
    );
    const learner = await createUser(t.db, { municipalityId: city.id });
    await t.db.query(`INSERT INTO module_progress (cohort_id, module_id, teacher_id, status) VALUES ($1, $2, $3, 'in_progress')`, [
      cohort.id,
      started,
      learner.id,
    ]);
    const blocked = await admin.get(`/programmes/${id}/modules/${started}/delete`).expect(200);
    expect(blocked.text).toContain('teachers have already started it');
    await admin.post(`/programmes/${id}/modules/${started}/delete`).expect(409);
    expect(await t.db.query('SELECT 1 FROM curriculum_module WHERE id = $1', [started])).toHaveLength(1);
  });

  it('gives a module added to a running programme a window in its cohorts, from the offsets', async () => {
    const id = await createProgramme(admin, 'Growing');
    const phase = await addPhase(admin, id, 'Phase');
    const [cohort] = await t.db.query(
      `INSERT INTO cohort (municipality_id, programme_id, name, starts_on, ends_on) VALUES ($1, $2, 'Running', '2026-09-01', '2028-09-01') RETURNING id`,
      [city.id, id],
    );
    const moduleId = await addModule(admin, id, phase, 'Late addition', { opensOffsetDays: '10', dueOffsetDays: '20' });
    const windows = await t.db.query(
      `SELECT to_char(opens_on, 'YYYY-MM-DD') AS o, to_char(due_on, 'YYYY-MM-DD') AS d FROM module_window WHERE cohort_id = $1 AND module_id = $2`,
      [cohort.id, moduleId],
    );
    expect(windows).toEqual([{ o: '2026-09-11', d: '2026-09-21' }]);
  });

  it('lets a network admin create a programme for a city', async () => {
    const res = await network
      .post('/programmes', {
        originalLanguage: 'en',
        title: 'For Hadera',
        minSessionsAttended: '0',
        minReflections: '0',
        minWorkshopAttendancePct: '0',
        municipalityId: otherCity.id,
      })
      .expect(303);
    const id = res.headers.location.split('/').pop();
    expect((await t.db.query('SELECT municipality_id FROM programme WHERE id = $1', [id]))[0].municipality_id).toBe(otherCity.id);
    await otherAdmin.get(`/programmes/${id}/edit`).expect(200);
    await admin.get(`/programmes/${id}`).expect(404);
  });

  it('records each change to a programme in the audit log', async () => {
    const id = await createProgramme(admin, 'Audited');
    await admin
      .post(`/programmes/${id}`, {
        originalLanguage: 'en',
        title: 'Audited again',
        description: '',
        minSessionsAttended: '0',
        minReflections: '0',
        minWorkshopAttendancePct: '0',
      })
      .expect(303);
    const phase = await addPhase(admin, id, 'Audited phase');
    const moduleId = await addModule(admin, id, phase, 'Audited module');
    await admin.post(`/programmes/${id}/modules/${moduleId}/delete`).expect(303);
    await admin.post(`/programmes/${id}/phases/${phase}/delete`).expect(303);
    const audit = await t.db.query(`SELECT action, municipality_id AS city FROM audit_event WHERE subject_id = $1 ORDER BY id`, [id]);
    expect(audit).toEqual([
      { action: 'programme.created', city: city.id },
      { action: 'programme.updated', city: city.id },
      { action: 'programme.module_deleted', city: city.id },
      { action: 'programme.phase_deleted', city: city.id },
    ]);
  });

  it("names a programme's city in the reader's language", async () => {
    const reader = await signIn(t, await createUser(t.db, { roles: ['network_admin'], preferredLanguage: 'he' }));
    const id = await createProgramme(admin, 'Named in Hebrew');
    expect((await reader.get('/programmes').expect(200)).text).toContain('עיר Bat Yam Test');
    expect((await reader.get(`/programmes/${id}`).expect(200)).text).toContain('עיר Bat Yam Test');
    expect((await reader.get('/programmes/new').expect(200)).text).toContain('עיר Hadera Test');
  });

  describe('network templates', () => {
    let templateId: string;
    let templateModules: string[];

    beforeAll(async () => {
      templateId = await createProgramme(network, 'Municipal Teacher Accelerator (template)', { municipalityId: '' });
      const phase = await addPhase(network, templateId, 'Getting to know each other');
      const a = await addModule(network, templateId, phase, 'Me: my own uniqueness');
      const b = await addModule(network, templateId, phase, 'You: seeing each student', { prerequisiteIds: [a] });
      templateModules = [a, b];
    });

    it('is a template (no city) and read-only to a department admin', async () => {
      expect((await t.db.query('SELECT municipality_id FROM programme WHERE id = $1', [templateId]))[0].municipality_id).toBeNull();
      const page = await admin.get(`/programmes/${templateId}`).expect(200);
      expect(page.text).toContain('Copy this template');
      expect(page.text).not.toContain(`/programmes/${templateId}/edit`);
      await admin.get(`/programmes/${templateId}/edit`).expect(403);
      await admin.post(`/programmes/${templateId}/phases`, { originalLanguage: 'en', title: 'Sneaky' }).expect(403);
    });

    it('refuses a department admin creating a template', async () => {
      await admin
        .post('/programmes', {
          originalLanguage: 'en',
          title: 'Not mine to make',
          minSessionsAttended: '0',
          minReflections: '0',
          minWorkshopAttendancePct: '0',
          municipalityId: otherCity.id,
        })
        .expect(400);
    });

    it('copies into the city with phases, modules and prerequisites, recording the origin, and the copy is independent', async () => {
      const res = await admin.post(`/programmes/${templateId}/copy`).expect(303);
      const copyId = res.headers.location.split('/').pop() as string;
      const copy = (await t.db.query('SELECT municipality_id, origin_programme_id, title FROM programme WHERE id = $1', [copyId]))[0];
      expect(copy).toEqual({ municipality_id: city.id, origin_programme_id: templateId, title: 'Municipal Teacher Accelerator (template)' });
      const modules = await t.db.query('SELECT id, title, origin_module_id FROM curriculum_module WHERE programme_id = $1 ORDER BY position', [copyId]);
      expect(modules.map((m: { origin_module_id: string }) => m.origin_module_id)).toEqual(templateModules);
      const edges = await t.db.query('SELECT module_id, prerequisite_id FROM module_prerequisite WHERE module_id = ANY($1::uuid[])', [
        modules.map((m: { id: string }) => m.id),
      ]);
      expect(edges).toEqual([{ module_id: modules[1].id, prerequisite_id: modules[0].id }]);

      const page = await admin.get(`/programmes/${copyId}`).expect(200);
      expect(page.text).toContain('Copied from the template');
      expect(page.text).toContain(`href="/programmes/${templateId}"`);

      await admin
        .post(`/programmes/${copyId}/modules/${modules[0].id}`, {
          ...MODULE_DEFAULTS,
          phaseId: (await t.db.query('SELECT phase_id FROM curriculum_module WHERE id = $1', [modules[0].id]))[0].phase_id,
          title: 'Me, the Bat Yam way',
        })
        .expect(303);
      expect((await t.db.query('SELECT title FROM curriculum_module WHERE id = $1', [templateModules[0]]))[0].title).toBe('Me: my own uniqueness');
    });

    it('copies every phase in order, each module into the copy of its phase, and prerequisites across phases', async () => {
      const source = await createProgramme(network, 'Two-phase template', { municipalityId: '' });
      const first = await addPhase(network, source, 'First stage');
      const second = await addPhase(network, source, 'Second stage');
      const early = await addModule(network, source, first, 'Early module');
      const late = await addModule(network, source, second, 'Late module', { prerequisiteIds: [early] });
      await addModule(network, source, second, 'Last module', { prerequisiteIds: [early, late] });

      const res = await admin.post(`/programmes/${source}/copy`).expect(303);
      const copyId = res.headers.location.split('/').pop() as string;
      const copied = await t.db.query(
        `SELECT ph.title AS phase, ph.position AS "phasePosition", cm.title, cm.position,
                (SELECT array_agg(pre.title ORDER BY pre.title) FROM module_prerequisite mp JOIN curriculum_module pre ON pre.id = mp.prerequisite_id
                  WHERE mp.module_id = cm.id AND pre.programme_id = cm.programme_id) AS needs
           FROM curriculum_module cm JOIN programme_phase ph ON ph.id = cm.phase_id
          WHERE cm.programme_id = $1 AND ph.programme_id = $1
          ORDER BY ph.position, cm.position`,
        [copyId],
      );
      expect(copied).toEqual([
        { phase: 'First stage', phasePosition: 0, title: 'Early module', position: 0, needs: null },
        { phase: 'Second stage', phasePosition: 1, title: 'Late module', position: 0, needs: ['Early module'] },
        { phase: 'Second stage', phasePosition: 1, title: 'Last module', position: 1, needs: ['Early module', 'Late module'] },
      ]);
    });

    it('lets a network admin copy into a city of their choosing', async () => {
      const res = await network.post(`/programmes/${templateId}/copy`, { municipalityId: otherCity.id }).expect(303);
      const copyId = res.headers.location.split('/').pop() as string;
      expect((await t.db.query('SELECT municipality_id FROM programme WHERE id = $1', [copyId]))[0].municipality_id).toBe(otherCity.id);
    });

    it('refuses a department admin copying into another city', async () => {
      await admin.post(`/programmes/${templateId}/copy`, { municipalityId: otherCity.id }).expect(404);
    });
  });

  describe('refusals', () => {
    let id: string;
    let phase: string;
    let moduleId: string;

    beforeAll(async () => {
      id = await createProgramme(admin, 'Bat Yam only');
      phase = await addPhase(admin, id, 'Private phase');
      moduleId = await addModule(admin, id, phase, 'Private module');
    });

    it("answers another city's admin with 404 on the pages and the POSTs", async () => {
      for (const path of [`/programmes/${id}`, `/programmes/${id}/edit`, `/programmes/${id}/modules/${moduleId}`, `/programmes/${id}/phases/${phase}/delete`]) {
        await otherAdmin.get(path).expect(404);
      }
      await otherAdmin
        .post(`/programmes/${id}`, { originalLanguage: 'en', title: 'Hijack', minSessionsAttended: '0', minReflections: '0', minWorkshopAttendancePct: '0' })
        .expect(404);
      await otherAdmin.post(`/programmes/${id}/phases/${phase}/delete`).expect(404);
      await otherAdmin.post(`/programmes/${id}/modules/${moduleId}/move`, { direction: 'up' }).expect(404);
      const list = await otherAdmin.get('/programmes').expect(200);
      expect(list.text).not.toContain('Bat Yam only');
    });

    it('answers a teacher with 403', async () => {
      await teacher.get('/programmes').expect(403);
      await teacher.get(`/programmes/${id}`).expect(403);
      await teacher
        .post('/programmes', { originalLanguage: 'en', title: 'x', minSessionsAttended: '0', minReflections: '0', minWorkshopAttendancePct: '0' })
        .expect(403);
    });

    it('answers a malformed id with 404', async () => {
      await admin.get('/programmes/not-a-uuid').expect(404);
      await admin.get(`/programmes/${id}/modules/nope`).expect(404);
    });
  });

  describe('demo data', () => {
    it('seeds the network template, its copies in Bat Yam and Hadera and a running cohort in each, and a second run adds nothing', async () => {
      await seedDemoData(t.db);
      const count = async () =>
        (
          await t.db.query(`SELECT (SELECT count(*)::int FROM programme) AS programmes, (SELECT count(*)::int FROM curriculum_module) AS modules,
                                   (SELECT count(*)::int FROM cohort) AS cohorts, (SELECT count(*)::int FROM cohort_member) AS members,
                                   (SELECT count(*)::int FROM mentor_group) AS groups, (SELECT count(*)::int FROM module_window) AS windows,
                                   (SELECT count(*)::int FROM curriculum_module_translation) AS translations`)
        )[0];
      const first = await count();
      await seedDemoData(t.db);
      expect(await count()).toEqual(first);

      const [template] = await t.db.query(`SELECT id, original_language, (SELECT count(*)::int FROM curriculum_module WHERE programme_id = p.id) AS modules,
                                                 (SELECT count(*)::int FROM programme_phase WHERE programme_id = p.id) AS phases
                                            FROM programme p WHERE municipality_id IS NULL AND title = 'מאיץ המורים העירוני'`);
      expect(template).toMatchObject({ original_language: 'he', phases: 4 });
      expect(template.modules).toBeGreaterThanOrEqual(12);
      const copies = await t.db.query(
        `SELECT m.name_en FROM programme p JOIN municipality m ON m.id = p.municipality_id WHERE p.origin_programme_id = $1 ORDER BY 1`,
        [template.id],
      );
      expect(copies.map((c: { name_en: string }) => c.name_en)).toEqual(['Bat Yam', 'Hadera']);

      // Every module of the template and of its copies is translated into English and Arabic.
      const languages = await t.db.query(
        `SELECT p.municipality_id IS NULL AS template, t.language, count(*)::int AS n
           FROM curriculum_module_translation t JOIN curriculum_module cm ON cm.id = t.module_id JOIN programme p ON p.id = cm.programme_id
          WHERE p.id = $1 OR p.origin_programme_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
        [template.id],
      );
      expect(languages).toEqual([
        { template: false, language: 'ar', n: template.modules * 2 },
        { template: false, language: 'en', n: template.modules * 2 },
        { template: true, language: 'ar', n: template.modules },
        { template: true, language: 'en', n: template.modules },
      ]);

      const [cohort] = await t.db.query(
        `SELECT c.id, current_date - c.starts_on AS days FROM cohort c JOIN municipality m ON m.id = c.municipality_id
          WHERE m.name_en = 'Bat Yam' ORDER BY c.starts_on DESC LIMIT 1`,
      );
      // Late in the first year, with work open now: the demo teacher's home has something due next.
      expect(cohort.days).toBeGreaterThan(320);
      expect(cohort.days).toBeLessThan(350);
      const [open] = await t.db.query(
        `SELECT count(*)::int AS n FROM module_window WHERE cohort_id = $1 AND opens_on <= current_date AND due_on >= current_date`,
        [cohort.id],
      );
      expect(open.n).toBeGreaterThan(0);
      const [mentoring] = await t.db.query(
        `SELECT count(*)::int AS n FROM cohort_member cm JOIN mentor_group g ON g.id = cm.mentor_group_id
           JOIN app_user t ON t.id = cm.user_id JOIN app_user mt ON mt.id = g.mentor_id
          WHERE cm.cohort_id = $1 AND t.email = 'teacher.batyam@demo.test' AND mt.email = 'mentor.batyam@demo.test'`,
        [cohort.id],
      );
      expect(mentoring.n).toBe(1);
      const [grant] = await t.db.query(
        `SELECT count(*)::int AS n FROM role_grant g JOIN app_user u ON u.id = g.user_id WHERE u.email = 'teacher2.batyam@demo.test' AND g.cohort_id = $1 AND g.role = 'teacher'`,
        [cohort.id],
      );
      expect(grant.n).toBe(1);
    });

    it('gives the second Bat Yam teacher a finished cohort whose programme they completed, so their certificate can be seen', async () => {
      await seedDemoData(t.db);
      const [ended] = await t.db.query(
        `SELECT c.id, c.ends_on < current_date AS ended, p.min_sessions_attended AS sessions, p.min_reflections AS reflections
           FROM cohort c JOIN programme p ON p.id = c.programme_id JOIN cohort_member mem ON mem.cohort_id = c.id
           JOIN app_user u ON u.id = mem.user_id
          WHERE u.email = 'teacher2.batyam@demo.test' AND mem.role = 'teacher' ORDER BY c.starts_on LIMIT 1`,
      );
      expect(ended).toMatchObject({ ended: true, sessions: 0, reflections: 0 });
      const [person] = await t.db.query(`SELECT id FROM app_user WHERE email = 'teacher2.batyam@demo.test'`);
      const status = await t.app.get(CompletionStatusRepository).findTeacherStatus(ended.id, person.id);
      expect(status).toMatchObject({ status: 'completed', reasons: [] });
      expect(status!.requiredApproved).toBe(status!.modulesRequired);

      const teacher2 = await signIn(t, { email: 'teacher2.batyam@demo.test', password: DEMO_PASSWORD });
      const certificate = await teacher2.get(`/path/certificate?cohort=${ended.id}`).expect(200);
      expect(certificate.headers['content-type']).toBe('application/pdf');
    });
  });
});
