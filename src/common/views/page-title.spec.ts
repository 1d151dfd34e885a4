import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';

const VIEWS = join(PROJECT_ROOT, 'views');

function pageViews(): string[] {
  return readdirSync(VIEWS, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.hbs'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !/\/(partials|layouts)\//.test(file));
}

describe('page titles', () => {
  // A view may hold its h1 in alternative branches ({{#if editing}}…{{else}}…), each through pageTitle.
  it('come from the h1 of every page view, through pageTitle', () => {
    const problems: string[] = [];
    for (const file of pageViews()) {
      const headings = readFileSync(file, 'utf8').match(/<h1[\s>][\s\S]*?<\/h1>/g) ?? [];
      const name = relative(VIEWS, file);
      if (headings.length === 0) problems.push(`${name}: no h1`);
      for (const heading of headings) if (!heading.includes('{{pageTitle ')) problems.push(`${name}: ${heading} does not use pageTitle`);
    }
    expect(problems).toEqual([]);
  });
});
