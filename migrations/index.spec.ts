import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/common/project-root.js';
import { migrations } from './index.js';

describe('the migration list', () => {
  const files = readdirSync(join(PROJECT_ROOT, 'migrations'))
    .filter((f) => /^\d+-.+\.ts$/.test(f) && !f.endsWith('.spec.ts'))
    .sort();

  it('lists every migration file, oldest first', () => {
    const stamps = files.map((f) => f.split('-')[0]);
    expect(migrations.map((m) => /(\d+)$/.exec(m.name)?.[1])).toEqual(stamps);
  });

  it('gives every migration a unique name', () => {
    const names = migrations.map((m) => new m().name);
    expect(new Set(names).size).toBe(names.length);
  });
});
