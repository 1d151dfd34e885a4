import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config.js';
import { MailService } from './mail.service.js';

const dataDirs: string[] = [];
afterAll(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function serviceWritingFiles(): { mail: MailService; dir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'ta-mail-spec-'));
  dataDirs.push(dataDir);
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SESSION_SECRET: 'x'.repeat(40), MAIL_FROM: 'Accelerator <hello@city.test>' });
  return { mail: new MailService(config), dir: join(dataDir, 'mail') };
}

describe('MailService without SMTP_URL', () => {
  it('writes each message as an .eml file, readable by its owner only, from the configured address', async () => {
    const { mail, dir } = serviceWritingFiles();
    const sent = await mail.send({
      to: 'teacher@city.test',
      subject: 'Session tomorrow',
      text: 'See you at 10:00.',
      attachments: [{ filename: 'session.ics', content: 'BEGIN:VCALENDAR\nEND:VCALENDAR\n', contentType: 'text/calendar' }],
    });
    expect(sent.file).toBeDefined();
    expect(readdirSync(dir)).toEqual([sent.file!.slice(dir.length + 1)]);
    expect(sent.file).toMatch(/\/\d{4}-\d\d-\d\dT[\d-]+Z-[0-9a-f]{12}\.eml$/);
    expect(statSync(sent.file!).mode & 0o777).toBe(0o600);
    const eml = readFileSync(sent.file!, 'utf8');
    expect(eml).toMatch(/^From: Accelerator <hello@city\.test>$/m);
    expect(eml).toMatch(/^To: teacher@city\.test$/m);
    expect(eml).toMatch(/^Subject: Session tomorrow$/m);
    expect(eml).toContain('See you at 10:00.');
    expect(eml).toContain('filename=session.ics');
    await mail.onModuleDestroy();
  });

  it('gives two messages sent at once two files', async () => {
    const { mail, dir } = serviceWritingFiles();
    await Promise.all([1, 2].map((n) => mail.send({ to: 'a@city.test', subject: `n${n}`, text: 'x' })));
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('finishes background sends before shutting down', async () => {
    const { mail, dir } = serviceWritingFiles();
    mail.sendInBackground({ to: 'a@city.test', subject: 'later', text: 'x' }, 'test');
    await mail.onModuleDestroy();
    expect(readdirSync(dir)).toHaveLength(1);
  });
});
