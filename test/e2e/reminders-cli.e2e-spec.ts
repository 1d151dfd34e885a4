import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/common/project-root.js';
import { localTime, zonedInstant } from '../../src/reminders/quiet-time.js';
import { buildCohort } from '../support/progress-factories.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const CLI = join(PROJECT_ROOT, 'dist', 'src', 'cli', 'reminders-run.js');

function newestSource(dirs: string[]): number {
  let newest = 0;
  for (const dir of dirs) {
    for (const file of readdirSync(join(PROJECT_ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      if (file.endsWith('.ts')) newest = Math.max(newest, statSync(join(PROJECT_ROOT, dir, file)).mtimeMs);
    }
  }
  return newest;
}

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: PROJECT_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run reminders:run -- --at <time>', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let env: Record<string, string>;

  beforeAll(async () => {
    // npm test does not build first: build when dist is missing or older than the sources.
    if (!existsSync(CLI) || statSync(CLI).mtimeMs < newestSource(['src', 'migrations'])) {
      const build = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
      });
      if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    }
    sink = new SmtpSink();
    const smtpUrl = await sink.start();
    t = await createTestApp({ SMTP_URL: smtpUrl });
    env = { DATABASE_URL: t.databaseUrl, SMTP_URL: smtpUrl, DATA_DIR: t.config.dataDir, SESSION_SECRET: t.config.sessionSecret, NODE_ENV: 'production', LOG_LEVEL: 'error' };
  }, 180000);
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('runs one pass as if the clock read --at; two started at once send each reminder exactly once', async () => {
    const today = localTime(new Date(), 'Asia/Jerusalem');
    // The next working day (Sunday to Thursday), 10:00 city time, that is not one of a month's
    // first days (when the department admin's monthly summary falls due too).
    let offset = 0;
    const dayOfMonth = (n: number) => localTime(zonedInstant(today.year, today.month, today.day, 12 * 60, 'Asia/Jerusalem', n), 'Asia/Jerusalem').day;
    while (![0, 1, 2, 3].includes((today.weekday + offset) % 7) || dayOfMonth(offset) <= 3) offset++;
    const w = await buildCohort(t.db, { teacherCount: 6, modules: [{ title: 'Run from the command line', opens: offset, due: offset + 30 }] });
    const at = zonedInstant(today.year, today.month, today.day, 10 * 60, 'Asia/Jerusalem', offset).toISOString();

    const [a, b] = await Promise.all([run(['--at', at], env), run(['--at', at], env)]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    const results = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
    expect(results[0].at).toBe(at);
    expect(results[0].sent + results[1].sent).toBe(6);
    expect(results[0].enqueued + results[1].enqueued).toBe(6);
    for (const teacher of w.teachers) expect(sink.to(teacher.email)).toHaveLength(1);

    const again = await run(['--at', at], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ enqueued: 0, sent: 0 });
    expect(sink.received).toHaveLength(6);
  }, 60000);

  it('refuses a malformed --at and a missing DATABASE_URL with exit code 2', async () => {
    const bad = await run(['--at', 'tomorrow'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--at needs an ISO-8601 time');
    const noDatabase = await run(['--at', new Date().toISOString()], { ...env, DATABASE_URL: '' });
    expect(noDatabase.code).toBe(2);
    expect(noDatabase.stderr).toContain('DATABASE_URL is required');
  }, 30000);
});
