import { seedDemoData } from '../../src/cli/demo-data.js';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { createMunicipality, createUser, type TestUser } from '../support/factories.js';
import { createCohortRow, enrol, setWindow } from '../support/progress-factories.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Programme content in the reader's language: an author writes a module in Hebrew and translates
 * it into English; teachers reading in Hebrew, English and Arabic each see the right text, marked
 * with the language it is written in and that language's direction.
 */
const HEBREW = {
  phase: 'היכרות',
  title: 'סדנת פתיחה: העיר כבית ספר אחד גדול',
  summary: 'יום משותף במרכז החינוך העירוני.',
  bodyMd: '## מה קורה ביום הזה\n\nמפגש ראשון עם מעגל החונכות.',
  submissionInstructions: 'תמונה אחת מהכיתה שלך.',
};
const ENGLISH = {
  phase: 'Getting to know each other',
  title: 'Opening workshop: the city as one big school',
  summary: 'A day together at the municipal education centre.',
  bodyMd: '## What happens on the day\n\nA first meeting with your mentoring circle.',
  submissionInstructions: 'One photo from your classroom.',
};

const MODULE_FIELDS = {
  learningObjectives: '',
  reflectionPrompt: '',
  estimatedHours: '4',
  kind: 'workshop',
  completionMethod: 'self',
  required: 'true',
  opensOffsetDays: '0',
  dueOffsetDays: '14',
};

/** The attributes of the first element of that tag whose text is exactly `text`, or undefined. */
function elementAttributes(html: string, tag: string, text: string): string | undefined {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<${tag}((?:\\s[^>]*)?)>${escaped}</${tag}>`).exec(html)?.[1]?.trim();
}

describe('programme content in the reader’s language', () => {
  let t: TestApp;
  let city: { id: string };
  let author: SignedInAgent;
  let programmeId: string;
  let phaseId: string;
  let moduleId: string;
  let cohortId: string;
  const readers: Record<'he' | 'ar' | 'en', SignedInAgent> = {} as never;

  async function moduleTranslation(language: string) {
    return (
      await t.db.query('SELECT title, source_version FROM curriculum_module_translation WHERE module_id = $1 AND language = $2', [moduleId, language])
    )[0];
  }

  beforeAll(async () => {
    t = await createTestApp();
    city = await createMunicipality(t.db, { nameEn: 'Bat Yam Languages' });
    author = await signIn(t, await createUser(t.db, { municipalityId: city.id, roles: ['department_admin'], preferredLanguage: 'en' }));

    // The author writes the programme, its phase and a module in Hebrew...
    const created = await author
      .post('/programmes', {
        originalLanguage: 'he',
        title: 'מאיץ המורים של בת ים',
        description: '',
        minSessionsAttended: '0',
        minReflections: '0',
        minWorkshopAttendancePct: '0',
      })
      .expect(303);
    programmeId = created.headers.location.split('/').pop() as string;
    await author.post(`/programmes/${programmeId}/phases`, { originalLanguage: 'he', title: HEBREW.phase, description: '' }).expect(303);
    phaseId = (await t.db.query('SELECT id FROM programme_phase WHERE programme_id = $1', [programmeId]))[0].id;
    const added = await author
      .post(`/programmes/${programmeId}/modules`, {
        ...MODULE_FIELDS,
        originalLanguage: 'he',
        phaseId,
        title: HEBREW.title,
        summary: HEBREW.summary,
        bodyMd: HEBREW.bodyMd,
        submissionInstructions: HEBREW.submissionInstructions,
      })
      .expect(303);
    moduleId = /#module-(.+)$/.exec(added.headers.location)![1];

    // ... and translates the phase and the module into English.
    await author.post(`/programmes/${programmeId}/phases/${phaseId}/translations/en`, { title: ENGLISH.phase, description: '' }).expect(303);
    await author
      .post(`/programmes/${programmeId}/modules/${moduleId}/translations/en`, {
        title: ENGLISH.title,
        summary: ENGLISH.summary,
        bodyMd: ENGLISH.bodyMd,
        learningObjectives: '',
        reflectionPrompt: '',
        submissionInstructions: ENGLISH.submissionInstructions,
      })
      .expect(303);

    // A cohort runs it, with a teacher reading in each language.
    const cohort = await createCohortRow(t.db, city.id, programmeId, -30, 600);
    cohortId = cohort.id;
    await setWindow(t.db, cohort.id, moduleId, -10, 20);
    for (const language of ['he', 'ar', 'en'] as const) {
      const teacher: TestUser = await createUser(t.db, { municipalityId: city.id, preferredLanguage: language });
      await enrol(t.db, cohort.id, city.id, teacher.id, 'teacher');
      readers[language] = await signIn(t, teacher);
    }
  });
  afterAll(() => t.close());

  it('shows a Hebrew reader the original, marked Hebrew and right to left', async () => {
    const page = await readers.he.get(`/path/modules/${moduleId}`).expect(200);
    expect(page.text).toContain('<html lang="he" dir="rtl">');
    expect(elementAttributes(page.text, 'h1', HEBREW.title)).toBe('lang="he" dir="rtl"');
    expect(page.text).toContain(HEBREW.submissionInstructions);
    expect(page.text).not.toContain(ENGLISH.title);
  });

  it('shows an English reader the translation, marked English and left to right', async () => {
    const page = await readers.en.get(`/path/modules/${moduleId}`).expect(200);
    expect(elementAttributes(page.text, 'h1', ENGLISH.title)).toBe('lang="en" dir="ltr"');
    expect(page.text).toMatch(/<section lang="en" dir="ltr" class="module-body markdown-body"[^>]*>\s*<h2[^>]*>What happens on the day<\/h2>/);
    expect(page.text).toContain(ENGLISH.submissionInstructions);
    expect(page.text).not.toContain(HEBREW.title);
    const path = await readers.en.get('/path').expect(200);
    expect(path.text).toContain(`<h2 id="phase-${phaseId}" lang="en" dir="ltr">${ENGLISH.phase}</h2>`);
  });

  it('shows an Arabic reader, with no Arabic translation, the Hebrew original marked as Hebrew inside the Arabic page', async () => {
    const page = await readers.ar.get(`/path/modules/${moduleId}`).expect(200);
    expect(page.text).toContain('<html lang="ar" dir="rtl">');
    expect(elementAttributes(page.text, 'h1', HEBREW.title)).toBe('lang="he" dir="rtl"');
    const path = await readers.ar.get('/path').expect(200);
    expect(path.text).toContain(`<h2 id="phase-${phaseId}" lang="he" dir="rtl">${HEBREW.phase}</h2>`);
  });

  it('names the module in the reader’s language wherever it is listed: home, the cohort page and its windows', async () => {
    const englishHome = await readers.en.get('/').expect(200);
    expect(englishHome.text).toContain(`lang="en" dir="ltr">${ENGLISH.title}</a>`);
    const hebrewHome = await readers.he.get('/').expect(200);
    expect(hebrewHome.text).toContain(`lang="he" dir="rtl">${HEBREW.title}</a>`);
    const cohortPage = await author.get(`/cohorts/${cohortId}`).expect(200);
    expect(cohortPage.text).toContain(`<bdi lang="en" dir="ltr">${ENGLISH.title}</bdi>`);
    expect(cohortPage.text).toContain(`<bdi lang="en" dir="ltr">${ENGLISH.phase}</bdi>`);
    const windows = await author.get(`/cohorts/${cohortId}/windows`).expect(200);
    expect(windows.text).toContain(`<bdi lang="en" dir="ltr">${ENGLISH.title}</bdi>`);
    // The programme's own title has no English translation: English readers see it as written, marked Hebrew.
    expect(windows.text).toContain('lang="he" dir="rtl">מאיץ המורים של בת ים</a>');
  });

  it('shows the editor each language’s status, and marks the translation out of date when the original changes', async () => {
    const before = await author.get(`/programmes/${programmeId}/modules/${moduleId}`).expect(200);
    expect(languageStatus(before.text, 'Hebrew')).toBe('Original');
    expect(languageStatus(before.text, 'English')).toBe('Up to date');
    expect(languageStatus(before.text, 'Arabic')).toBe('No translation');

    await author
      .post(`/programmes/${programmeId}/modules/${moduleId}`, {
        ...MODULE_FIELDS,
        originalLanguage: 'he',
        phaseId,
        title: HEBREW.title,
        summary: 'יום משותף בהיכל התרבות של העיר.',
        bodyMd: HEBREW.bodyMd,
        submissionInstructions: HEBREW.submissionInstructions,
      })
      .expect(303);
    const after = await author.get(`/programmes/${programmeId}/modules/${moduleId}`).expect(200);
    expect(languageStatus(after.text, 'English')).toBe('Out of date');
    const outline = await author.get(`/programmes/${programmeId}`).expect(200);
    expect(outline.text).toMatch(/<span class="status-badge language-outOfDate">Out of date<\/span> English/);
    // Until it is updated, English readers still read the translation they had.
    expect((await readers.en.get(`/path/modules/${moduleId}`).expect(200)).text).toContain(ENGLISH.summary);

    // Saving the translation again, with the change, brings it up to date.
    const form = await author.get(`/programmes/${programmeId}/modules/${moduleId}/translations/en`).expect(200);
    expect(form.text).toContain('The original has changed since this translation was saved.');
    expect(form.text).toContain('יום משותף בהיכל התרבות של העיר.');
    await author
      .post(`/programmes/${programmeId}/modules/${moduleId}/translations/en`, {
        title: ENGLISH.title,
        summary: 'A day together at the city’s culture hall.',
        bodyMd: ENGLISH.bodyMd,
        submissionInstructions: ENGLISH.submissionInstructions,
      })
      .expect(303);
    expect(languageStatus((await author.get(`/programmes/${programmeId}/modules/${moduleId}`)).text, 'English')).toBe('Up to date');
    expect((await readers.en.get(`/path/modules/${moduleId}`).expect(200)).text).toContain('A day together at the city’s culture hall.');
  });

  it('does not count a save that changes no text as a change to the original', async () => {
    const { source_version: before } = await moduleTranslation('en');
    const [{ text_version: version }] = await t.db.query('SELECT text_version FROM curriculum_module WHERE id = $1', [moduleId]);
    await author
      .post(`/programmes/${programmeId}/modules/${moduleId}`, {
        ...MODULE_FIELDS,
        estimatedHours: '5',
        originalLanguage: 'he',
        phaseId,
        title: HEBREW.title,
        summary: 'יום משותף בהיכל התרבות של העיר.',
        bodyMd: HEBREW.bodyMd,
        submissionInstructions: HEBREW.submissionInstructions,
      })
      .expect(303);
    expect((await t.db.query('SELECT text_version FROM curriculum_module WHERE id = $1', [moduleId]))[0].text_version).toBe(version);
    expect((await moduleTranslation('en')).source_version).toBe(before);
  });

  it('refuses a translation that leaves out a text the original has, keeping what was typed and naming the field', async () => {
    const res = await author
      .post(`/programmes/${programmeId}/modules/${moduleId}/translations/ar`, {
        title: 'ورشة الافتتاح',
        summary: 'يوم مشترك.',
        bodyMd: '',
        submissionInstructions: '',
      })
      .expect(400);
    expect(res.text).toMatch(/id="bodyMd"[^>]*aria-invalid="true"/);
    expect(res.text).toMatch(/id="submissionInstructions"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('value="ورشة الافتتاح"');
    expect(res.text).toMatch(/<textarea id="summary" name="summary" lang="ar" dir="rtl"[^>]*>يوم مشترك.<\/textarea>/);
    expect(await moduleTranslation('ar')).toBeUndefined();
  });

  it('has no translation page for the original’s own language, nor for a language it does not know', async () => {
    await author.get(`/programmes/${programmeId}/modules/${moduleId}/translations/he`).expect(404);
    await author.get(`/programmes/${programmeId}/modules/${moduleId}/translations/fr`).expect(404);
    await author.post(`/programmes/${programmeId}/modules/${moduleId}/translations/he`, { title: 'x' }).expect(404);
  });

  it('refuses to make the original a language that a translation is in', async () => {
    const res = await author.post(`/programmes/${programmeId}/phases/${phaseId}`, { originalLanguage: 'en', title: HEBREW.phase, description: '' }).expect(400);
    expect(res.text).toMatch(/id="originalLanguage"[^>]*aria-invalid="true"/);
    expect((await t.db.query('SELECT original_language FROM programme_phase WHERE id = $1', [phaseId]))[0].original_language).toBe('he');
  });

  it('keeps translations to those who may edit the programme', async () => {
    const otherCity = await createMunicipality(t.db);
    const stranger = await signIn(t, await createUser(t.db, { municipalityId: otherCity.id, roles: ['department_admin'] }));
    await stranger.get(`/programmes/${programmeId}/modules/${moduleId}/translations/en`).expect(404);
    await stranger.post(`/programmes/${programmeId}/modules/${moduleId}/translations/en`, { title: 'Hijacked' }).expect(404);
    await stranger.post(`/programmes/${programmeId}/modules/${moduleId}/translations/en/delete`).expect(404);
    await readers.en.get(`/programmes/${programmeId}/modules/${moduleId}/translations/en`).expect(403);
    expect((await moduleTranslation('en')).title).toBe(ENGLISH.title);
  });

  it('removes a translation after a confirmation page, records it, and readers of that language then see the original', async () => {
    await author.post(`/programmes/${programmeId}/phases/${phaseId}/translations/ar`, { title: 'التعارف', description: '' }).expect(303);
    const path = `/programmes/${programmeId}/phases/${phaseId}/translations/ar/delete`;
    const confirm = await author.get(path).expect(200);
    expect(confirm.text).toContain('Remove the Arabic translation of');
    expect(confirm.text).toContain(`action="${path}"`);
    await author.post(path).expect(303);
    expect(await t.db.query('SELECT 1 FROM programme_phase_translation WHERE phase_id = $1 AND language = $2', [phaseId, 'ar'])).toHaveLength(0);
    const [audit] = await t.db.query(`SELECT details FROM audit_event WHERE action = 'programme.translation_removed' AND subject_id = $1`, [programmeId]);
    expect(audit.details).toEqual({ kind: 'phase', recordId: phaseId, language: 'ar' });
    await author.get(path).expect(404);
    expect((await readers.ar.get('/path').expect(200)).text).toContain(`lang="he" dir="rtl">${HEBREW.phase}</h2>`);
  });

  it('copies a network template into a city with every language its texts have', async () => {
    const network = await signIn(t, await createUser(t.db, { roles: ['network_admin'], preferredLanguage: 'en' }));
    const created = await network
      .post('/programmes', {
        originalLanguage: 'he',
        title: 'תבנית רשתית',
        minSessionsAttended: '0',
        minReflections: '0',
        minWorkshopAttendancePct: '0',
        municipalityId: '',
      })
      .expect(303);
    const templateId = created.headers.location.split('/').pop() as string;
    await network.post(`/programmes/${templateId}/translations/en`, { title: 'Network template', description: '' }).expect(303);
    await network.post(`/programmes/${templateId}/phases`, { originalLanguage: 'he', title: HEBREW.phase, description: '' }).expect(303);
    const [templatePhase] = await t.db.query('SELECT id FROM programme_phase WHERE programme_id = $1', [templateId]);
    await network.post(`/programmes/${templateId}/phases/${templatePhase.id}/translations/en`, { title: ENGLISH.phase, description: '' }).expect(303);
    const added = await network
      .post(`/programmes/${templateId}/modules`, {
        ...MODULE_FIELDS,
        originalLanguage: 'he',
        phaseId: templatePhase.id,
        title: HEBREW.title,
        summary: '',
        bodyMd: '',
        submissionInstructions: '',
      })
      .expect(303);
    const templateModule = /#module-(.+)$/.exec(added.headers.location)![1];
    await network.post(`/programmes/${templateId}/modules/${templateModule}/translations/en`, { title: ENGLISH.title }).expect(303);
    await network.post(`/programmes/${templateId}/modules/${templateModule}/translations/ar`, { title: 'ورشة الافتتاح' }).expect(303);

    const copied = await author.post(`/programmes/${templateId}/copy`, { municipalityId: city.id }).expect(303);
    const copyId = copied.headers.location.split('/').pop() as string;
    const [copyModule] = await t.db.query('SELECT id, original_language FROM curriculum_module WHERE programme_id = $1', [copyId]);
    expect(copyModule.original_language).toBe('he');
    const translations = await t.db.query('SELECT language, title FROM curriculum_module_translation WHERE module_id = $1 ORDER BY language', [copyModule.id]);
    expect(translations).toEqual([
      { language: 'ar', title: 'ورشة الافتتاح' },
      { language: 'en', title: ENGLISH.title },
    ]);
    // The copy reads in English for an English reader, and its languages are as up to date as the template's.
    const page = await author.get(`/programmes/${copyId}`).expect(200);
    expect(elementAttributes(page.text, 'h1', 'Network template')).toBe('lang="en" dir="ltr"');
    expect(page.text).toContain(`<span lang="en" dir="ltr">${ENGLISH.phase}</span>`);
    const modulePage = await author.get(`/programmes/${copyId}/modules/${copyModule.id}`).expect(200);
    expect(languageStatus(modulePage.text, 'English')).toBe('Up to date');
    expect(languageStatus(modulePage.text, 'Arabic')).toBe('Up to date');
  });

  it('shows each demo reader the programme in their language: Hebrew for a Hebrew teacher, Arabic for a teacher of the Arab community school', async () => {
    await seedDemoData(t.db);
    const arabic = await signIn(t, { email: 'sanaa.masalha@hadera.demo.test', password: DEMO_PASSWORD });
    const arabicPath = await arabic.get('/path').expect(200);
    expect(arabicPath.text).toContain('<html lang="ar" dir="rtl">');
    expect(arabicPath.text).toContain('lang="ar" dir="rtl">التعارف</h2>');
    expect(arabicPath.text).toContain('>ورشة الافتتاح: المدينة مدرسة واحدة كبيرة</a>');

    await t.db.query(`UPDATE app_user SET preferred_language = 'he' WHERE email = 'teacher.hadera@demo.test'`);
    const hebrew = await signIn(t, { email: 'teacher.hadera@demo.test', password: DEMO_PASSWORD });
    const hebrewPath = await hebrew.get('/path').expect(200);
    expect(hebrewPath.text).toContain('lang="he" dir="rtl">היכרות</h2>');
  });
});

/** The status the language list gives a language (its name as the page's language writes it). */
function languageStatus(html: string, languageName: string): string | undefined {
  return new RegExp(`<span class="language-name">${languageName}</span>\\s*<span class="status-badge language-\\w+">([^<]+)</span>`).exec(html)?.[1];
}
