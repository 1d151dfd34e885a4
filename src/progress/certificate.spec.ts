import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCertificate } from './certificate.service.js';

/** Set CERTIFICATE_OUT=<dir> to keep the rendered files, e.g. to look at them with pdftoppm. */
const keep = (name: string, pdf: Buffer) => {
  if (process.env.CERTIFICATE_OUT) writeFileSync(join(process.env.CERTIFICATE_OUT, name), pdf);
};

describe('certificate PDF', () => {
  const base = {
    programmeTitle: 'Personal education accelerator',
    cityName: 'Bat Yam',
    cohortName: 'Cohort 2025',
    date: new Date('2026-06-30T09:00:00Z'),
    timeZone: 'Asia/Jerusalem',
  };

  it('renders an English certificate with a Hebrew name, embedding the fonts it uses', async () => {
    const pdf = await renderCertificate({ ...base, language: 'en', teacherName: 'שרה כהן' });
    keep('certificate-en.pdf', pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text).toMatch(/NotoSansHebrew/);
  });

  it('renders Hebrew and Arabic certificates', async () => {
    const he = await renderCertificate({
      ...base,
      language: 'he',
      teacherName: 'שרה כהן',
      programmeTitle: 'תוכנית החינוך האישי',
      cityName: 'בת ים',
      cohortName: 'מחזור 2025',
    });
    keep('certificate-he.pdf', he);
    const ar = await renderCertificate({
      ...base,
      language: 'ar',
      teacherName: 'سارة خوري',
      programmeTitle: 'برنامج التربية الشخصية',
      cityName: 'بات يام',
      cohortName: 'الفوج 2025',
    });
    keep('certificate-ar.pdf', ar);
    expect(he.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(ar.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(ar.toString('latin1')).toMatch(/NotoSansArabic/);
  });
});
