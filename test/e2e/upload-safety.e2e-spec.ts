import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createUser } from '../support/factories.js';
import { buildCohort, type CohortWorld } from '../support/progress-factories.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** Characters that change how a name reads without being seen: bidi controls and isolates, zero-width ones, a BOM, C1 controls. */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u0080-\u009f]/;

/** The smaller findings of the outside review about uploads, each reproduced first. */
describe('uploads', () => {
  let t: TestApp;
  let w: CohortWorld;
  let teacher: SignedInAgent;
  let admin: SignedInAgent;
  let moduleId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildCohort(t.db, { teacherCount: 2, modules: [{ title: 'Invoices', method: 'approval' }] });
    moduleId = w.modules[0].id;
    teacher = await signIn(t, w.teachers[0]);
    admin = await signIn(t, w.admin);
    await teacher.post(`/path/modules/${moduleId}/start?cohort=${w.cohort.id}`).expect(303);
  });
  afterAll(() => t.close());

  const uploadedFiles = () => {
    try {
      return readdirSync(join(t.config.dataDir, 'uploads'));
    } catch {
      return [];
    }
  };

  describe('file names', () => {
    it('strips bidi controls and other invisible characters from a submitted file’s name, as stored, shown and sent', async () => {
      await teacher.agent
        .post(`/path/modules/${moduleId}/submit?cohort=${w.cohort.id}`)
        .field('_csrf', teacher.csrf)
        .field('text', 'My invoice')
        .attach('file', PDF, { filename: 'invoice\u202Efdp.exe\u200B\u2066.pdf', contentType: 'application/pdf' })
        .expect(303);
      const [row] = await t.db.query('SELECT id, submission_file_name AS name FROM module_progress WHERE teacher_id = $1 AND module_id = $2', [
        w.teachers[0].id,
        moduleId,
      ]);
      expect(row.name).toBe('invoicefdp.exe.pdf');
      const page = await teacher.get(`/path/modules/${moduleId}?cohort=${w.cohort.id}`).expect(200);
      expect(page.text).toContain('Download invoicefdp.exe.pdf');
      const mentor = await signIn(t, w.mentor);
      const review = await mentor.get(`/reviews/${row.id}`).expect(200);
      expect(review.text).toContain('Download invoicefdp.exe.pdf');
      const file = await mentor.get(`/progress/${row.id}/file`).expect(200);
      expect(file.headers['content-disposition']).toMatch(/^attachment; filename="?invoicefdp\.exe\.pdf"?$/);
    });

    it('cleans a name stored before, wherever it is shown or sent', async () => {
      const [row] = await t.db.query(`UPDATE module_progress SET submission_file_name = $3 WHERE teacher_id = $1 AND module_id = $2 RETURNING id`, [
        w.teachers[0].id,
        moduleId,
        'רשימה\u202Egpj.exe\u061C\u2067.pdf',
      ]);
      const page = await teacher.get(`/path/modules/${moduleId}?cohort=${w.cohort.id}`).expect(200);
      expect(page.text).toContain('Download רשימהgpj.exe.pdf');
      expect(page.text).not.toMatch(INVISIBLE);
      const file = await teacher.get(`/progress/${row.id}/file`).expect(200);
      const disposition = String(file.headers['content-disposition']);
      expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('רשימהgpj.exe.pdf');
      expect(disposition).not.toMatch(/%E2%80%AE|%E2%81%A7|%D8%9C/i);
    });
  });

  describe('a forged upload (no CSRF token, or a wrong one) is refused before its file is looked at', () => {
    it('roster import: 403, even for a file the filter would refuse', async () => {
      for (const csrf of [null, 'forged']) {
        const req = admin.agent.post(`/cohorts/${w.cohort.id}/roster`);
        if (csrf) req.field('_csrf', csrf);
        await req.attach('file', Buffer.from('MZ\x90\x00'), { filename: 'evil.exe', contentType: 'application/octet-stream' }).expect(403);
      }
    });

    it('people import: 403, even for a file the filter would refuse', async () => {
      for (const csrf of [null, 'forged']) {
        const req = admin.agent.post('/users/import');
        if (csrf) req.field('_csrf', csrf);
        await req.attach('file', Buffer.from('GIF89a'), { filename: 'photo.gif', contentType: 'image/gif' }).expect(403);
      }
    });

    it('a submission: 403, even for a file over the size limit, and nothing is stored', async () => {
      const before = uploadedFiles();
      const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
      const other = await signIn(t, w.teachers[1]);
      await other.post(`/path/modules/${moduleId}/start?cohort=${w.cohort.id}`).expect(303);
      for (const csrf of [null, 'forged']) {
        const req = other.agent.post(`/path/modules/${moduleId}/submit?cohort=${w.cohort.id}`);
        if (csrf) req.field('_csrf', csrf);
        await req.field('text', 'forged').attach('file', big, { filename: 'big.pdf', contentType: 'application/pdf' }).expect(403);
      }
      // A token sent after the file comes too late: the file is never read.
      await other.agent
        .post(`/path/modules/${moduleId}/submit?cohort=${w.cohort.id}`)
        .attach('file', PDF, { filename: 'late.pdf', contentType: 'application/pdf' })
        .field('_csrf', other.csrf)
        .expect(403);
      expect(uploadedFiles()).toEqual(before);
      const [row] = await t.db.query('SELECT status FROM module_progress WHERE teacher_id = $1 AND module_id = $2', [w.teachers[1].id, moduleId]);
      expect(row.status).toBe('in_progress');
    });
  });

  describe('people import', () => {
    it('says its row limit on the page, and refuses a file over it, importing nothing', async () => {
      const form = await admin.get('/users/import').expect(200);
      expect(form.text).toContain('at most 2 MB and 5,000 people');
      const rows = Array.from({ length: 5001 }, (_, i) => `p${i}@bulk.example.test,Person ${i},`);
      const res = await admin.agent
        .post('/users/import')
        .field('_csrf', admin.csrf)
        .attach('file', Buffer.from(['email,name,school', ...rows].join('\n')), { filename: 'people.csv', contentType: 'text/csv' })
        .expect(422);
      expect(res.text).toContain('The file has more than 5,000 people.');
      expect(await t.db.query(`SELECT 1 FROM app_user WHERE email LIKE '%@bulk.example.test'`)).toHaveLength(0);

      const atTheLimit = Array.from({ length: 5000 }, (_, i) => `p${i}@bulk.example.test,Person ${i},`);
      await admin.agent
        .post('/users/import')
        .field('_csrf', admin.csrf)
        .attach('file', Buffer.from(['email,name,school', ...atTheLimit].join('\n')), { filename: 'people.csv', contentType: 'text/csv' })
        .expect(303);
      expect(await t.db.query(`SELECT 1 FROM app_user WHERE email LIKE '%@bulk.example.test'`)).toHaveLength(5000);
    });
  });

  it('(control) a network admin’s import still works with the token first', async () => {
    const network = await signIn(t, await createUser(t.db, { roles: ['network_admin'], preferredLanguage: 'en' }));
    await network.agent
      .post('/users/import')
      .field('_csrf', network.csrf)
      .field('municipality', w.city.id)
      .attach('file', Buffer.from('email,name,school\nnet.import@example.test,Net Import,\n'), { filename: 'p.csv', contentType: 'text/csv' })
      .expect(303);
  });
});
