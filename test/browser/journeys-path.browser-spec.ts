import { toCsv } from '../../src/common/csv.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import {
  type BrowserTestApp,
  checkArrival,
  JOURNEY_VARIANTS,
  type JourneyVariant,
  pageLanguage,
  signInAs,
  signOut,
  startBrowserApp,
  tr,
} from '../support/browser.js';

/**
 * The two-year path, clicked through as people do: a teacher submits work for review, her mentor
 * returns it with a comment, she resubmits and the mentor approves; a department admin looks at
 * the cohort, exports its progress and starts a new cohort. Like the journeys in
 * journeys.browser-spec.ts, each runs on a desktop, on a 390-pixel phone (no page may scroll
 * sideways) and with JavaScript switched off.
 *
 * Each variant gets its own app and freshly seeded demo database: the teacher journey moves one
 * module from "not started" to "approved", which can happen only once per teacher and module.
 */

interface Variant extends JourneyVariant {
  /** The teacher attaches a file to her work (the desktop variant). */
  attachFile: boolean;
}

const VARIANTS: Variant[] = JOURNEY_VARIANTS.map((variant, index) => ({ ...variant, attachFile: index === 0 }));

const TEACHER = { email: 'teacher.batyam@demo.test', name: 'שרה אלמוג' };
const MENTOR = 'mentor.batyam@demo.test';
const DEPARTMENT = 'dept.batyam@demo.test';
const BAT_YAM_COHORT = 'בת ים – מחזור ב׳';
/** The network template's title as the department (which reads Hebrew) sees it. */
const TEMPLATE_TITLE = 'מאיץ המורים העירוני';
/**
 * Sarah (שרה) keeps up with everything due in the demo cohort, so the module that waits for her is the
 * next one completed by her mentor's approval: its prerequisite is approved, and its window opens
 * (in the demo, a few weeks from now) once the department moves it earlier.
 */
const PILOTS: Record<string, string> = { he: 'חונכות אישית לתלמידים: פיילוט', en: 'Personal mentoring of students: a pilot' };

/** The pilot's title as the page's reader sees it: the department and the mentor read Hebrew, the teacher English. */
async function pilot(page: Page): Promise<string> {
  return PILOTS[await pageLanguage(page)];
}

const CSV_HEADER = 'name,email,school,mentor,status,modules_approved,modules_required,sessions_attended,reflections,last_activity';

/**
 * Clicks a link or a form's button and waits for the page it leads to (a click does not wait for
 * the navigation it starts, and a form may come back to the same address), then checks it.
 */
async function go(page: Page, variant: Variant, target: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), target.click()]);
  await checkArrival(page, variant);
}

async function heading(page: Page): Promise<string> {
  return page.getByRole('heading', { level: 1 }).innerText();
}

async function statusMessages(page: Page): Promise<string[]> {
  return page.getByRole('status').allInnerTexts();
}

/** The module's status as its page shows it, beside the title. */
async function moduleStatus(page: Page): Promise<string> {
  return page.locator('main .module-meta .status-badge').first().innerText();
}

/** Clicks a link that downloads a file and returns what was downloaded. */
async function download(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { download: file, bytes: readFileSync(path) };
}

function isoDay(daysFromToday: number): string {
  return new Date(Date.now() + daysFromToday * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

describe.each(VARIANTS)('path journeys $name', (variant) => {
  let b: BrowserTestApp;
  let tempDir: string;

  beforeAll(async () => {
    b = await startBrowserApp();
    tempDir = mkdtempSync(join(tmpdir(), 'journey-path-'));
  });
  afterAll(async () => {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    await b?.close();
  });

  it('the department opens a module early; a teacher submits work, her mentor returns it with a comment, she resubmits and it is approved', async () => {
    const page = await b.newPage(variant.context);
    const mainNavigation = async () => page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });

    // The department moves the pilot's window so that it opened a week ago.
    await signInAs(page, DEPARTMENT);
    await checkArrival(page, variant);
    await go(page, variant, (await mainNavigation()).getByRole('link', { name: await tr(page, 'nav.cohorts'), exact: true }));
    await go(page, variant, page.getByRole('link', { name: BAT_YAM_COHORT, exact: true }));
    await go(
      page,
      variant,
      page
        .getByRole('navigation', { name: await tr(page, 'cohortReports.show.manage') })
        .getByRole('link', { name: await tr(page, 'cohorts.nav.windows'), exact: true }),
    );
    expect(await heading(page)).toBe(await tr(page, 'cohorts.windows.title'));
    await page.getByLabel(await tr(page, 'cohorts.windows.opensFor', { module: await pilot(page) }), { exact: true }).fill(isoDay(-7));
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'cohorts.windows.submit'), exact: true }));
    expect(await statusMessages(page)).toContain(await tr(page, 'cohorts.flash.windowsSaved'));
    expect(await page.getByLabel(await tr(page, 'cohorts.windows.opensFor', { module: await pilot(page) }), { exact: true }).inputValue()).toBe(isoDay(-7));
    await signOut(page);

    // The teacher finds the pilot on her path: open, waiting for her, completed by her mentor's approval.
    await signInAs(page, TEACHER.email);
    await checkArrival(page, variant);
    await go(page, variant, (await mainNavigation()).getByRole('link', { name: await tr(page, 'nav.path'), exact: true }));
    expect(await heading(page)).toBe(await tr(page, 'progress.path.title'));
    const teachersPilot = await pilot(page);
    const pilotCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: teachersPilot, exact: true }) });
    const card = await pilotCard.innerText();
    expect(card).toContain(await tr(page, 'progress.status.not_started'));
    expect(card).toContain(await tr(page, 'progress.method.approval'));
    expect(card).toContain(await tr(page, 'progress.next.notStarted.approval'));
    await go(page, variant, pilotCard.getByRole('link', { name: teachersPilot, exact: true }));
    expect(await heading(page)).toBe(teachersPilot);
    expect(await moduleStatus(page)).toBe(await tr(page, 'progress.status.not_started'));

    // Handing in the work starts the module: the form is there at once, with no separate Start.
    expect(await page.getByRole('button', { name: await tr(page, 'progress.module.start'), exact: true }).count()).toBe(0);

    // Submitting nothing is refused, with the error tied to the text field.
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'progress.module.submit'), exact: true }));
    const text = page.getByLabel(await tr(page, 'progress.module.text'), { exact: true });
    expect(await text.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#text-error').innerText()).toBe(await tr(page, 'progress.errors.emptySubmission'));

    const firstDraft = `Pilot plan (${variant.name}): ten weeks of fortnightly conversations with four students of my seventh grade.`;
    await text.fill(firstDraft);
    const pdf = Buffer.from(`%PDF-1.4\n% pilot plan, ${variant.name}\n%%EOF\n`, 'latin1');
    const fileName = 'pilot-plan.pdf';
    if (variant.attachFile) {
      writeFileSync(join(tempDir, fileName), pdf);
      await page.getByLabel(await tr(page, 'progress.module.file'), { exact: true }).setInputFiles(join(tempDir, fileName));
    }
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'progress.module.submit'), exact: true }));
    expect(await statusMessages(page)).toContain(await tr(page, 'progress.flash.submitted'));
    expect(await moduleStatus(page)).toBe(await tr(page, 'progress.status.submitted'));
    expect(await page.getByRole('region', { name: await tr(page, 'progress.module.yourSubmission'), exact: true }).innerText()).toContain(firstDraft);
    const teacherFileLink = page.getByRole('link', { name: await tr(page, 'progress.module.downloadFile', { name: fileName }), exact: true });
    expect(await teacherFileLink.count()).toBe(variant.attachFile ? 1 : 0);
    await signOut(page);

    // Her mentor finds the work in the review queue and returns it with a comment.
    await signInAs(page, MENTOR);
    await checkArrival(page, variant);
    await go(page, variant, (await mainNavigation()).getByRole('link', { name: await tr(page, 'nav.reviews'), exact: true }));
    expect(await heading(page)).toBe(await tr(page, 'reviews.queue.title'));
    const mentorsPilot = await pilot(page);
    const queueRow = () => page.getByRole('row').filter({ hasText: mentorsPilot }).filter({ hasText: TEACHER.name });
    expect(await queueRow().count()).toBe(1);
    if (variant.attachFile) expect(await queueRow().innerText()).toContain(await tr(page, 'reviews.queue.withFile'));
    await go(page, variant, queueRow().getByRole('link', { name: await tr(page, 'reviews.queue.open') }));
    expect(await heading(page)).toBe(await tr(page, 'reviews.show.title', { module: mentorsPilot, teacher: TEACHER.name }));
    expect(await page.getByRole('region', { name: await tr(page, 'reviews.show.submission') }).innerText()).toContain(firstDraft);
    if (variant.attachFile) {
      const link = page.getByRole('link', { name: await tr(page, 'progress.module.downloadFile', { name: fileName }), exact: true });
      const file = await download(page, () => link.click());
      expect(file.download.suggestedFilename()).toBe(fileName);
      expect(file.bytes.equals(pdf)).toBe(true);
    }

    // Returning without a comment is refused, with the error tied to the comment field.
    const comment = page.getByLabel(await tr(page, 'reviews.show.comment'), { exact: true });
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'reviews.show.return'), exact: true }));
    expect(await comment.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#comment-error').innerText()).not.toBe('');

    const mentorComment = `Please add how you will choose the four students, and what you will ask them (${variant.name}).`;
    await comment.fill(mentorComment);
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'reviews.show.return'), exact: true }));
    expect(await statusMessages(page)).toContain(await tr(page, 'reviews.flash.returned'));
    expect(await queueRow().count()).toBe(0);
    await signOut(page);

    // The teacher reads the comment on the module page and resubmits.
    await signInAs(page, TEACHER.email);
    await checkArrival(page, variant);
    await go(page, variant, (await mainNavigation()).getByRole('link', { name: await tr(page, 'nav.path'), exact: true }));
    expect(await pilotCard.innerText()).toContain(await tr(page, 'progress.status.returned'));
    await go(page, variant, pilotCard.getByRole('link', { name: teachersPilot, exact: true }));
    expect(await moduleStatus(page)).toBe(await tr(page, 'progress.status.returned'));
    expect(await page.getByRole('region', { name: await tr(page, 'progress.module.mentorComment') }).innerText()).toContain(mentorComment);
    expect(await page.getByRole('heading', { level: 2, name: await tr(page, 'progress.module.resubmitTitle'), exact: true }).count()).toBe(1);
    expect(await text.inputValue()).toBe(firstDraft);
    if (variant.attachFile) expect(await page.locator('main').innerText()).toContain(await tr(page, 'progress.module.keptFile', { name: fileName }));
    const secondDraft = `${firstDraft}\nI will choose the four students my colleagues and I know least, and ask each what they are proud of outside school.`;
    await text.fill(secondDraft);
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'progress.module.resubmit'), exact: true }));
    expect(await statusMessages(page)).toContain(await tr(page, 'progress.flash.submitted'));
    expect(await moduleStatus(page)).toBe(await tr(page, 'progress.status.submitted'));
    expect(await teacherFileLink.count()).toBe(variant.attachFile ? 1 : 0);
    await signOut(page);

    // The mentor approves the revised work.
    await signInAs(page, MENTOR);
    await checkArrival(page, variant);
    await go(page, variant, (await mainNavigation()).getByRole('link', { name: await tr(page, 'nav.reviews'), exact: true }));
    await go(page, variant, queueRow().getByRole('link', { name: await tr(page, 'reviews.queue.open') }));
    expect(await page.getByRole('region', { name: await tr(page, 'reviews.show.submission') }).innerText()).toContain('what they are proud of outside school');
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'reviews.show.approve'), exact: true }));
    expect(await statusMessages(page)).toContain(await tr(page, 'reviews.flash.approved'));
    await go(page, variant, (await mainNavigation()).getByRole('link', { name: await tr(page, 'nav.reviews'), exact: true }));
    expect(await queueRow().count()).toBe(0);
    await signOut(page);

    // The teacher sees the module approved, on her path and on its page, with its whole history.
    await signInAs(page, TEACHER.email);
    await checkArrival(page, variant);
    await go(page, variant, (await mainNavigation()).getByRole('link', { name: await tr(page, 'nav.path'), exact: true }));
    expect(await pilotCard.innerText()).toContain(await tr(page, 'progress.status.approved'));
    await go(page, variant, pilotCard.getByRole('link', { name: teachersPilot, exact: true }));
    expect(await moduleStatus(page)).toBe(await tr(page, 'progress.status.approved'));
    expect(await page.getByRole('button', { name: await tr(page, 'progress.module.resubmit') }).count()).toBe(0);
    const history = await page.getByRole('region', { name: await tr(page, 'progress.module.history') }).innerText();
    expect(history).toContain(mentorComment);
    expect(history.match(new RegExp(await tr(page, 'progress.status.submitted'), 'g'))?.length).toBe(4);
  });

  it('a department admin filters the cohort, downloads its CSV, starts a new cohort and enrols a teacher', async () => {
    const page = await b.newPage(variant.context);
    const cohortName = `Bat Yam accelerator — cohort 2 (${variant.name})`;

    await signInAs(page, DEPARTMENT);
    await checkArrival(page, variant);
    expect(await page.locator('html').getAttribute('lang')).toBe('he');
    const navigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });
    await go(page, variant, navigation.getByRole('link', { name: await tr(page, 'nav.cohorts'), exact: true }));
    expect(await heading(page)).toBe(await tr(page, 'cohortReports.list.title'));
    await go(page, variant, page.getByRole('link', { name: BAT_YAM_COHORT, exact: true }));
    expect(await heading(page)).toBe(BAT_YAM_COHORT);

    // The figures count the teachers in each status; the demo cohort has teachers in more than one.
    const figures = page.getByRole('region', { name: await tr(page, 'cohortReports.show.figures') });
    const figure = async (label: string) =>
      Number(
        (
          await figures
            .locator('div')
            .filter({ has: page.getByRole('term').getByText(label, { exact: true }) })
            .getByRole('definition')
            .innerText()
        ).replace(/\D/g, ''),
      );
    const members = await figure(await tr(page, 'cohortReports.figures.members'));
    let status: { value: string; label: string; count: number } | undefined;
    for (const value of ['behind', 'at_risk', 'on_track']) {
      const label = await tr(page, `cohortReports.status.${value}`);
      const count = await figure(label);
      if (count > 0 && count < members) {
        status = { value, label, count };
        break;
      }
    }
    if (!status) throw new Error(`the demo cohort's ${members} teachers are all in one status: nothing to filter`);

    // Filtered by that status, the teacher table holds exactly those teachers.
    const teachers = page.getByRole('region', { name: await tr(page, 'cohortReports.show.teachers') });
    const teacherRows = teachers.getByRole('table').locator('tbody tr');
    expect(await teacherRows.count()).toBe(members);
    await page.getByLabel(await tr(page, 'cohortReports.show.status'), { exact: true }).selectOption({ label: status.label });
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'cohortReports.show.filter'), exact: true }));
    expect(new URL(page.url()).searchParams.get('status')).toBe(status.value);
    expect(await teacherRows.count()).toBe(status.count);
    expect(await teacherRows.locator('.status-badge').allInnerTexts()).toEqual(Array(status.count).fill(status.label));

    // Sorting by last activity keeps the filter.
    await go(page, variant, teachers.getByRole('link', { name: await tr(page, 'cohortReports.sort.activity'), exact: true }));
    const sorted = new URL(page.url()).searchParams;
    expect([sorted.get('status'), sorted.get('sort')]).toEqual([status.value, 'activity']);
    expect(await teacherRows.count()).toBe(status.count);
    expect(await page.getByLabel(await tr(page, 'cohortReports.show.status'), { exact: true }).inputValue()).toBe(status.value);

    // The CSV holds every teacher of the cohort, whatever the filter, as many as the figures say.
    const csvLink = page.getByRole('link', { name: await tr(page, 'cohortReports.show.csv'), exact: true });
    const csv = await download(page, () => csvLink.click());
    // Named after the cohort and the city's day, with headers and statuses in the reader's language.
    const shownCohort = await heading(page);
    // (A file name keeps no bidi isolation marks: safe file names strip them.)
    const fileName = await tr(page, 'cohortReports.csv.fileName', {
      cohort: shownCohort,
      date: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jerusalem' }).format(new Date()),
    });
    expect(csv.download.suggestedFilename()).toBe(`${fileName.replace(/[\u2066-\u2069]/g, '')}.csv`);
    const body = csv.bytes.toString('utf8');
    expect(body.startsWith('\uFEFF')).toBe(true);
    const lines = body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    const headerCells = await Promise.all(
      CSV_HEADER.split(',').map((column) =>
        column === 'last_activity' ? tr(page, 'cohortReports.csv.last_activity', { timeZone: 'Asia/Jerusalem' }) : tr(page, `cohortReports.csv.${column}`),
      ),
    );
    // (The page isolates a filled-in value with bidi marks; a spreadsheet's header has none.)
    expect(lines[0]).toBe(
      toCsv(headerCells, [])
        .replace(/^\uFEFF/, '')
        .replace(/[\u2066-\u2069]/g, '')
        .trimEnd(),
    );
    expect(lines).toHaveLength(members + 1);
    expect(lines.some((line) => line.startsWith(`${TEACHER.name},${TEACHER.email},`))).toBe(true);

    // A new cohort from the city's copy of the network programme.
    await go(page, variant, page.getByRole('main').getByRole('link', { name: await tr(page, 'cohortReports.list.title'), exact: true }));
    // The cohorts page opens a new cohort's form with the programme chosen there (the city's copy).
    const picker = page.getByLabel(await tr(page, 'admin.newCohort.programme'), { exact: true });
    const copy = picker.locator('option').filter({ hasText: TEMPLATE_TITLE }).first();
    await picker.selectOption((await copy.getAttribute('value')) as string);
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'admin.newCohort.open'), exact: true }));
    expect(await heading(page)).toBe(await tr(page, 'cohorts.new.title'));

    // Without a name the form comes back, the error tied to the field and the start date kept.
    const startsOn = isoDay(14);
    await page.getByLabel(await tr(page, 'cohorts.fields.startsOn'), { exact: true }).fill(startsOn);
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'cohorts.new.submit'), exact: true }));
    const name = page.getByLabel(await tr(page, 'cohorts.fields.name'), { exact: true });
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`[id="${await name.getAttribute('aria-describedby')}"]`).innerText()).not.toBe('');
    expect(await page.getByLabel(await tr(page, 'cohorts.fields.startsOn'), { exact: true }).inputValue()).toBe(startsOn);

    await name.fill(cohortName);
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'cohorts.new.submit'), exact: true }));
    expect(await statusMessages(page)).toContain(await tr(page, 'cohorts.flash.created'));
    expect(await heading(page)).toBe(cohortName);
    expect(await page.locator('main').innerText()).toContain(await tr(page, 'cohortReports.show.noTeachers'));

    // Enrol a teacher through the member picker, found by the search.
    await go(
      page,
      variant,
      page
        .getByRole('navigation', { name: await tr(page, 'cohortReports.show.manage') })
        .getByRole('link', { name: await tr(page, 'cohorts.nav.members'), exact: true }),
    );
    expect(await page.locator('main').innerText()).toContain(await tr(page, 'cohorts.members.empty'));
    await go(page, variant, page.getByRole('link', { name: await tr(page, 'cohorts.members.addTeachers'), exact: true }));
    await page.getByLabel(await tr(page, 'cohorts.members.searchCity'), { exact: true }).fill('דוד');
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'cohorts.members.filter'), exact: true }));
    await page.getByLabel('דוד פרץ', { exact: true }).check();
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'cohorts.members.enrolAs.teacher'), exact: true }));
    expect(await statusMessages(page)).toContain(await tr(page, 'cohorts.flash.membersAdded'));
    expect(await heading(page)).toBe(await tr(page, 'cohorts.members.title'));
    const enrolled = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'דוד פרץ', exact: true }) });
    expect(await enrolled.innerText()).toContain(await tr(page, 'cohorts.roles.teacher'));

    // The new cohort's page now counts one teacher.
    await go(
      page,
      variant,
      page
        .getByRole('navigation', { name: await tr(page, 'cohorts.nav.label') })
        .getByRole('link', { name: await tr(page, 'cohorts.nav.overview'), exact: true }),
    );
    expect(await heading(page)).toBe(cohortName);
    expect(await teacherRows.count()).toBe(1);
    expect(await teacherRows.first().innerText()).toContain('דוד פרץ');

    // It starts in two weeks: its teacher has no status yet, and nobody is counted as on track.
    expect(await teacherRows.first().locator('.status-badge').innerText()).toBe(await tr(page, 'cohortReports.status.not_started'));
    expect(await figures.getByRole('term').allInnerTexts()).not.toContain(await tr(page, 'cohortReports.status.on_track'));

    // Home lists it among the upcoming cohorts, not the running ones.
    await go(page, variant, navigation.getByRole('link', { name: await tr(page, 'nav.home'), exact: true }));
    const cohortLink = (table: string) => page.getByRole('table', { name: table }).getByRole('link', { name: cohortName, exact: true });
    expect(await cohortLink(await tr(page, 'home.cohorts.upcomingTitle')).count()).toBe(1);
    expect(await cohortLink(await tr(page, 'home.cohorts.title')).count()).toBe(0);
    expect(
      await page
        .getByRole('table', { name: await tr(page, 'home.cohorts.title') })
        .getByRole('link', { name: BAT_YAM_COHORT, exact: true })
        .count(),
    ).toBe(1);
  });
});
