import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { translate } from '../common/i18n/i18n.js';
import { PROJECT_ROOT } from '../common/project-root.js';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from './audit-actions.js';

/** Every `action: '…'` and `subjectType: '…'` written in the source, besides the tests. */
function recordedInSource(property: string): Set<string> {
  const found = new Set<string>();
  const pattern = new RegExp(`${property}: (?:[^,}]*\\? )?'([a-z_.]+)'(?: : '([a-z_.]+)')?`, 'g');
  const files = readdirSync(join(PROJECT_ROOT, 'src'), { recursive: true, withFileTypes: true }).filter(
    (entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'),
  );
  for (const file of files) {
    for (const match of readFileSync(join(file.parentPath, file.name), 'utf8').matchAll(pattern)) {
      found.add(match[1]);
      if (match[2]) found.add(match[2]);
    }
  }
  return found;
}

describe('the audit log catalogue', () => {
  it('lists every action the code records', () => {
    const missing = [...recordedInSource('action')]
      .filter((action) => action.includes('.') || action === 'sign_out')
      .filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a));
    expect(missing).toEqual([]);
  });

  it('lists every kind of record the code audits', () => {
    const missing = [...recordedInSource('subjectType')].filter((type) => !(AUDIT_SUBJECT_TYPES as readonly string[]).includes(type));
    expect(missing).toEqual([]);
  });

  it.each(['en', 'he', 'ar'] as const)('names every action and kind of record in %s', (language) => {
    const unnamed = [...AUDIT_ACTIONS.map((a) => `audit.actions.${a}`), ...AUDIT_SUBJECT_TYPES.map((s) => `audit.subjects.${s}`)].filter(
      (key) => translate(language, key) === key || (language !== 'en' && translate(language, key) === translate('en', key)),
    );
    expect(unnamed).toEqual([]);
  });
});
