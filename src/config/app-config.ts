import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The one place that reads process.env. Every setting is validated once at boot so that a
 * mistyped variable stops the app with a clear message instead of failing later.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  /** A session unused this long ends: for people who administer nothing. */
  sessionIdleMinutes: number;
  /** The same for department and network admins, whose sessions reach a whole city's data. */
  sessionAdminIdleMinutes: number;
  /** Every session ends this long after sign-in, however busy. */
  sessionMaxAgeHours: number;
  publicUrl: string | undefined;
  trustProxy: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  dbPoolSize: number;
  loadDemoData: boolean;
  runScheduler: boolean;
}

export class ConfigError extends Error {}

function int(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function bool(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function url(name: string, raw: string | undefined, protocols: string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}`);
  }
  return raw;
}

/** A secret that survives restarts when none is configured, so sessions outlive a restart. */
function sessionSecretFrom(raw: string | undefined, dataDir: string): string {
  if (raw) {
    if (raw.length < 32) throw new ConfigError('SESSION_SECRET must be at least 32 characters');
    return raw;
  }
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${env.NODE_ENV}"`);
  }
  const dataDir = resolve(env.DATA_DIR || './.data');
  const databaseUrl = url('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']);
  return {
    nodeEnv,
    port: int('PORT', env.PORT, 3000, 0, 65535),
    databaseUrl,
    dataDir,
    sessionSecret: sessionSecretFrom(env.SESSION_SECRET, dataDir),
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 8 * 60, 10, 24 * 60),
    sessionAdminIdleMinutes: int('SESSION_ADMIN_IDLE_MINUTES', env.SESSION_ADMIN_IDLE_MINUTES, 30, 10, 24 * 60),
    sessionMaxAgeHours: int('SESSION_MAX_AGE_HOURS', env.SESSION_MAX_AGE_HOURS, 12, 1, 24 * 30),
    publicUrl: url('PUBLIC_URL', env.PUBLIC_URL, ['http:', 'https:']),
    trustProxy: bool('TRUST_PROXY', env.TRUST_PROXY, false),
    smtpUrl: url('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM || 'Teacher Accelerator <no-reply@teacher-accelerator.local>',
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    dbPoolSize: int('DB_POOL_SIZE', env.DB_POOL_SIZE, 10, 1, 200),
    loadDemoData: bool('LOAD_DEMO_DATA', env.LOAD_DEMO_DATA, databaseUrl === undefined),
    runScheduler: bool('RUN_SCHEDULER', env.RUN_SCHEDULER, nodeEnv !== 'test'),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
