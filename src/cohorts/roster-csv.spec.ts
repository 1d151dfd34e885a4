import { parseRoster } from './roster-csv.js';

const csv = (text: string) => Buffer.from(text, 'utf8');

describe('parseRoster', () => {
  it('reads rows with the header in any order, numbering rows as a spreadsheet does', () => {
    const parsed = parseRoster(csv('name,email,school\nNoa Levi,NOA@Example.test,Rambam\n"Cohen, Dana",dana@example.test, HaYam \n'));
    expect(parsed).toEqual({
      ok: true,
      lines: [
        { row: 2, email: 'noa@example.test', name: 'Noa Levi', school: 'Rambam', role: 'teacher' },
        { row: 3, email: 'dana@example.test', name: 'Cohen, Dana', school: 'HaYam', role: 'teacher' },
      ],
    });
  });

  it('takes the optional role column, defaulting a blank one to teacher', () => {
    const parsed = parseRoster(csv('\uFEFFemail,name,school,role\na@x.test,A,S,Mentor\nb@x.test,B,S,\n'));
    expect(parsed.ok && parsed.lines.map((l) => l.role)).toEqual(['mentor', 'teacher']);
  });

  it('keeps Hebrew text intact', () => {
    const parsed = parseRoster(csv('email,name,school\nt@x.test,שרה כהן,בית ספר הים\n'));
    expect(parsed.ok && parsed.lines[0]).toMatchObject({ name: 'שרה כהן', school: 'בית ספר הים' });
  });

  it.each([
    ['a missing column', 'email,name\na@x.test,A\n', 'cohorts.roster.errors.header'],
    ['an unknown column', 'email,name,school,salary\na@x.test,A,S,1\n', 'cohorts.roster.errors.header'],
    ['a repeated column', 'email,name,school,email\n', 'cohorts.roster.errors.header'],
    ['no rows', 'email,name,school\n', 'cohorts.roster.errors.noRows'],
    ['an empty file', '', 'cohorts.roster.errors.empty'],
    ['an unterminated quote', 'email,name,school\n"a@x.test,A,S\n', 'cohorts.roster.errors.malformed'],
  ])('refuses %s', (_what, text, key) => {
    expect(parseRoster(csv(text))).toEqual({ ok: false, fileErrorKey: key });
  });

  it('refuses a file that is not UTF-8 text', () => {
    expect(parseRoster(Buffer.from([0xff, 0xfe, 0x00, 0x41]))).toEqual({ ok: false, fileErrorKey: 'cohorts.roster.errors.encoding' });
    expect(parseRoster(csv('email,name,school\na\u0000,b,c\n'))).toEqual({ ok: false, fileErrorKey: 'cohorts.roster.errors.notText' });
  });
});
