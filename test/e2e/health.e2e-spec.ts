import 'reflect-metadata';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/bootstrap.js';
import { PROJECT_ROOT } from '../../src/common/project-root.js';
import { loadConfig } from '../../src/config/app-config.js';
import { createPool } from '../../src/database/pool.js';
import { Sql } from '../../src/database/sql.js';
import { createUser } from '../support/factories.js';
import { signIn } from '../support/sign-in.js';
import { createTestDatabase, dropTestDatabase } from '../support/test-database.js';
import type { TestApp } from '../support/test-app.js';

/**
 * A TCP proxy between the app and PostgreSQL that can stop answering (freeze: connections stay
 * open, nothing comes back, as in a network partition) or go down (every connection is cut and
 * new ones are refused, as in a database restart).
 */
class DatabaseLink {
  private server: Server;
  private pairs = new Set<{ client: Socket; upstream: Socket }>();
  private held: Socket[] = [];
  private mode: 'up' | 'frozen' | 'down' = 'up';
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = createServer((client) => {
      client.on('error', () => undefined);
      if (this.mode === 'down') client.destroy();
      else if (this.mode === 'frozen') this.held.push(client);
      else this.connect(client);
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  private connect(client: Socket): void {
    const upstream = connect(this.targetPort, this.targetHost);
    const pair = { client, upstream };
    this.pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    upstream.on('error', end).on('close', end);
    client.on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  freeze(): void {
    this.mode = 'frozen';
    for (const { client, upstream } of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  cut(): void {
    this.mode = 'down';
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    for (const client of this.held.splice(0)) client.destroy();
  }

  restore(): void {
    const wasFrozen = this.mode === 'frozen';
    this.mode = 'up';
    if (wasFrozen) {
      for (const { client, upstream } of this.pairs) {
        client.pipe(upstream);
        upstream.pipe(client);
      }
    }
    for (const client of this.held.splice(0)) this.connect(client);
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The whole app, talking to its own fresh database through a DatabaseLink. */
async function appBehindLink(): Promise<TestApp & { link: DatabaseLink }> {
  const database = await createTestDatabase();
  const direct = new URL(database.url);
  const link = new DatabaseLink(direct.hostname, Number(direct.port));
  await link.start();
  const viaLink = new URL(database.url);
  viaLink.port = String(link.port);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'ta-test-data-')),
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-1234567890',
    DATABASE_URL: viaLink.toString(),
    DB_POOL_SIZE: '4',
  });
  const app: NestExpressApplication = await createApp(config, viaLink.toString(), pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  // Test setup writes straight to the database, not through the link.
  const setup = new Sql(createPool(database.url, { size: 2 }));
  return {
    app,
    http: app.getHttpServer(),
    db: setup,
    config,
    databaseUrl: database.url,
    link,
    async close() {
      link.restore();
      await app.close();
      await setup.pool.end();
      await link.close();
      await dropTestDatabase(database.name);
    },
  };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = Date.now();
  const result = await work();
  return [result, Date.now() - started];
}

describe('health and database outages', () => {
  let t: TestApp & { link: DatabaseLink };
  beforeAll(async () => (t = await appBehindLink()));
  afterAll(() => t.close());
  afterEach(() => t.link.restore());

  it('answers 200 {"status":"ok"} while the database answers, without signing in', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers 503 within 3 seconds while the database does not answer, and 200 once it does again', async () => {
    await request(t.http).get('/health').expect(200);
    t.link.freeze();
    const [res, ms] = await timed(() => request(t.http).get('/health'));
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.status).not.toBe('ok');
    expect(ms).toBeLessThan(3000);
    t.link.restore();
    await request(t.http).get('/health').expect(200, { status: 'ok' });
  });

  it('survives a database restart: 503 while it is down, then health and signed-in pages work again without a new app', async () => {
    const person = await createUser(t.db, { roles: ['teacher'], displayName: 'Rina Restart', preferredLanguage: 'en' });
    const signedIn = await signIn(t, person);
    await signedIn.get('/').expect(200);

    t.link.cut();
    const [health, ms] = await timed(() => request(t.http).get('/health'));
    expect(health.status).toBe(503);
    expect(ms).toBeLessThan(3000);
    const page = await signedIn.get('/');
    expect(page.status).toBe(503);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Temporarily unavailable');
    expect(page.headers['retry-after']).toBeDefined();
    expect(page.text).not.toMatch(/ECONN|Connection terminated|\w*Error:/);

    t.link.restore();
    await request(t.http).get('/health').expect(200, { status: 'ok' });
    const again = await signedIn.get('/').expect(200);
    expect(again.text).toContain('Rina Restart');
  });
});

/** The newest modification time of any file under these folders. */
function newestSource(dirs: string[]): number {
  let newest = 0;
  for (const dir of dirs) {
    for (const file of readdirSync(join(PROJECT_ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      if (file.endsWith('.ts')) newest = Math.max(newest, statSync(join(PROJECT_ROOT, dir, file)).mtimeMs);
    }
  }
  return newest;
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the app did not print ${pattern} within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code} before printing ${pattern}:\n${output}`));
    });
  });
}

describe('graceful shutdown of the built app', () => {
  const main = join(PROJECT_ROOT, 'dist', 'src', 'main.js');
  let database: { name: string; url: string };
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    // npm test does not build first: build when dist is missing or older than the sources.
    if (!existsSync(main) || statSync(main).mtimeMs < newestSource(['src', 'migrations'])) {
      const build = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
      });
      if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    }
    database = await createTestDatabase();
  }, 180000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await dropTestDatabase(database.name);
  });

  it('stops on SIGTERM with exit code 0 within 10 seconds, after closing the server and the pool', async () => {
    child = spawn(process.execPath, [main], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: '0',
        DATABASE_URL: database.url,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'ta-test-data-')),
        SESSION_SECRET: 'test-session-secret-that-is-long-enough-1234567890',
        RUN_SCHEDULER: 'true',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [, port] = await waitForOutput(child, /running at http:\/\/localhost:(\d+)\//, 15000);
    const url = `http://127.0.0.1:${port}`;
    await request(url).get('/health').expect(200, { status: 'ok' });
    const connected = await request(url).get('/login').expect(200);
    expect(connected.text).toContain('name="_csrf"');

    const exited = new Promise<{ code: number | null; ms: number }>((resolve) => {
      const started = Date.now();
      child?.once('exit', (code) => resolve({ code, ms: Date.now() - started }));
    });
    const logged = waitForOutput(child, /shutting down/, 10000);
    child.kill('SIGTERM');
    await logged;
    const { code, ms } = await exited;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10000);
    await expect(request(url).get('/health').timeout(2000)).rejects.toThrow(/ECONNREFUSED/);
  }, 30000);

  it('stops the embedded PostgreSQL too when it runs without DATABASE_URL', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ta-test-embedded-'));
    // When the tests run as root the server runs as the postgres user, who must be able to enter it.
    chmodSync(dataDir, 0o755);
    try {
      child = spawn(process.execPath, [main], {
        cwd: PROJECT_ROOT,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          PORT: '0',
          DATA_DIR: dataDir,
          LOAD_DEMO_DATA: 'false',
          RUN_SCHEDULER: 'false',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const [, port] = await waitForOutput(child, /running at http:\/\/localhost:(\d+)\//, 30000);
      await request(`http://127.0.0.1:${port}`).get('/health').expect(200, { status: 'ok' });
      const postgresPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
      expect(isRunning(postgresPid)).toBe(true);

      const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(isRunning(postgresPid)).toBe(false);
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60000);
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
