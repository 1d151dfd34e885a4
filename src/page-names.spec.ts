import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NAVIGATION } from './app.navigation.js';
import { PROJECT_ROOT } from './common/project-root.js';

const VIEWS = join(PROJECT_ROOT, 'views');

/**
 * A page is named wherever a link leads to it as a place to go: the main navigation, a `<nav>`
 * (a cohort's tabs, its action bar), a breadcrumb, a link styled as a button. Each such link whose
 * text is one message is counted under the page it leads to. Ids in the address are any id (the
 * same page for every record); a query whose value is fixed (`?role=mentor`) chooses another page,
 * one whose value varies (`?cohort={{id}}`) does not.
 */
export function pageNames(views: Record<string, string>, navigation: { href: string; labelKey: string }[]): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  const add = (path: string, key: string, where: string) => {
    if (!names.has(path)) names.set(path, new Set());
    names.get(path)!.add(`${key} (${where})`);
  };
  for (const entry of navigation) add(entry.href, entry.labelKey, 'navigation');
  for (const [file, text] of Object.entries(views)) {
    const regions = [...text.matchAll(/<nav\b[\s\S]*?<\/nav>|<p class="breadcrumb"[\s\S]*?<\/p>/g)].map((m) => [m.index, m.index + m[0].length]);
    for (const link of text.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)) {
      const [, attributes, content] = link;
      const naming = /class="[^"]*\bbutton\b/.test(attributes) || regions.some(([start, end]) => link.index >= start && link.index < end);
      const href = /href="([^"]*)"/.exec(attributes)?.[1];
      const key = /^\s*\{\{t "([^"]+)"[^}]*\}\}\s*$/.exec(content.replace(/<span class="visually-hidden">[\s\S]*?<\/span>/g, ''))?.[1];
      if (!naming || !href || !key || href.startsWith('{{')) continue;
      const [path, query = ''] = href
        .replace(/\{\{#if[\s\S]*?\{\{\/if\}\}/g, '')
        .replace(/\{\{[^}]*\}\}/g, ':id')
        .split('#')[0]
        .split('?');
      const fixed = query.split('&').filter((pair) => pair && !pair.endsWith('=:id'));
      add(fixed.length ? `${path}?${fixed.join('&')}` : path, key, file);
    }
  }
  return names;
}

function allViews(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(VIEWS, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.hbs'))
      .map((entry) => join(entry.parentPath, entry.name))
      .map((file) => [relative(VIEWS, file), readFileSync(file, 'utf8')]),
  );
}

function twoNames(names: Map<string, Set<string>>): string[] {
  return [...names]
    .map(([path, found]) => ({ path, keys: new Set([...found].map((f) => f.split(' ')[0])), found }))
    .filter(({ keys }) => keys.size > 1)
    .map(({ path, found }) => `${path}: ${[...found].join(', ')}`);
}

describe('page names', () => {
  it('finds a page named by two keys: a tab and a button to the same page', () => {
    const views = {
      'cohorts/show.hbs': '<nav><a class="button" href="/cohorts/{{cohort.id}}/windows">{{t "cohortReports.show.windows"}}</a></nav>',
      'partials/cohort-nav.hbs': '<nav class="subnav"><ul><li><a href="/cohorts/{{cohort.id}}/windows">{{t "cohorts.nav.windows"}}</a></li></ul></nav>',
    };
    expect(twoNames(pageNames(views, []))).toEqual([
      '/cohorts/:id/windows: cohortReports.show.windows (cohorts/show.hbs), cohorts.nav.windows (partials/cohort-nav.hbs)',
    ]);
  });

  it('tells pages apart by a fixed query, not by an id in it', () => {
    const views = {
      'a.hbs': '<a class="button" href="/x/new?role=teacher">{{t "x.teachers"}}</a><a class="button" href="/x/new?role=mentor">{{t "x.mentors"}}</a>',
      'b.hbs': '<p class="breadcrumb"><a href="/path?cohort={{id}}">{{t "nav.path"}}</a></p>',
    };
    expect(twoNames(pageNames(views, [{ href: '/path', labelKey: 'progress.path.title' }]))).toEqual([
      '/path: progress.path.title (navigation), nav.path (b.hbs)',
    ]);
  });

  it('names each page of the app by one key, in the navigation, tabs, buttons and breadcrumbs alike', () => {
    expect(twoNames(pageNames(allViews(), NAVIGATION))).toEqual([]);
  });
});
