#!/usr/bin/env node
// `npm run migration:generate -- <name>`: makes migrations/<timestamp>-<name>.ts with an empty up/down
// and appends it to migrations/index.ts. Our schema is hand-written SQL (foreign keys, partial and
// expression indexes, checks) that the entities do not describe, so a diff against the entities would
// propose dropping all of it; a migration is written, reviewed and never edited after it lands.
import { readFileSync, writeFileSync } from 'node:fs';

const raw = process.argv[2];
if (!raw || !/^[a-z][a-z0-9-]*$/i.test(raw)) {
  console.error('Usage: npm run migration:generate -- <name>   (letters, digits and dashes, e.g. add-goals)');
  process.exit(2);
}
const name = raw.toLowerCase();
const timestamp = Date.now();
const className = name.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('') + timestamp;
const file = `migrations/${timestamp}-${name}.ts`;
writeFileSync(
  file,
  `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(q: QueryRunner): Promise<void> {
    await q.query(\`\`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(\`\`);
  }
}
`,
);
const indexFile = 'migrations/index.ts';
let index = readFileSync(indexFile, 'utf8');
const lastImport = index.lastIndexOf('\nimport ');
const importEnd = index.indexOf('\n', lastImport + 1);
index = index.slice(0, importEnd + 1) + `import { ${className} } from './${timestamp}-${name}.js';\n` + index.slice(importEnd + 1);
index = index.replace(/export const migrations = \[([\s\S]*?)\];/, (_, list) => `export const migrations = [${list.trimEnd().replace(/,$/, '')}, ${className}];`);
writeFileSync(indexFile, index);
console.log(`Created ${file} and listed it in ${indexFile}. Write its SQL, then: npm run migration:run`);
