import type { Actor } from '../auth/actor.js';
import { prefixQuery } from './portfolio.repository.js';
import { canPortfolio, type PortfolioAction, readersStatement, type Visibility } from './portfolio.policy.js';
import { textDirection, withAutoDirection } from './auto-direction.js';

const actor = (id: string, roles: Actor['grants'][number]['role'][] = ['teacher']): Actor => ({
  id,
  email: `${id}@example.test`,
  displayName: id,
  preferredLanguage: 'en',
  municipalityId: 'city',
  municipalityTimeZone: 'Asia/Jerusalem',
  municipalityLocale: 'he',
  grants: roles.map((role) => ({ role, municipalityId: role === 'network_admin' ? null : 'city', cohortId: null })),
});

type Viewer = 'author' | 'mentor' | 'peer' | 'admin';
const VIEWERS: Record<Viewer, { actor: Actor; viewerIsMentor: boolean; viewerIsCohortMate: boolean }> = {
  author: { actor: actor('author'), viewerIsMentor: false, viewerIsCohortMate: false },
  mentor: { actor: actor('mentor', ['mentor']), viewerIsMentor: true, viewerIsCohortMate: true },
  peer: { actor: actor('peer'), viewerIsMentor: false, viewerIsCohortMate: true },
  // Being an admin of the city (or the network) is no relation to anyone's reflective work.
  admin: { actor: actor('admin', ['department_admin', 'network_admin']), viewerIsMentor: false, viewerIsCohortMate: false },
};

const allowed = (action: PortfolioAction, visibility: Visibility | undefined, published: boolean) =>
  (Object.keys(VIEWERS) as Viewer[]).filter((v) =>
    canPortfolio(VIEWERS[v].actor, action, { authorId: 'author', visibility, published, viewerIsMentor: VIEWERS[v].viewerIsMentor, viewerIsCohortMate: VIEWERS[v].viewerIsCohortMate }),
  );

describe('the portfolio policy, as a matrix of viewer × action', () => {
  it.each([
    ['readEntry', 'private', true, ['author']],
    ['readEntry', 'mentor', true, ['author', 'mentor']],
    ['readEntry', 'cohort', true, ['author', 'mentor', 'peer']],
    ['readEntry', 'cohort', false, ['author']],
    ['editEntry', 'cohort', true, ['author']],
    ['withdrawEntry', 'cohort', true, ['author']],
    ['readFeedback', 'private', true, []],
    ['readFeedback', 'mentor', true, ['author', 'mentor']],
    ['giveFeedback', 'cohort', true, ['author', 'mentor']],
    ['giveFeedback', 'mentor', false, []],
    ['readGoal', undefined, true, ['author', 'mentor']],
    ['commentGoal', undefined, true, ['author', 'mentor']],
    ['editGoal', undefined, true, ['author']],
  ] as [PortfolioAction, Visibility | undefined, boolean, Viewer[]][])('%s of a %s entry (published: %s) is for %j', (action, visibility, published, who) => {
    expect(allowed(action, visibility, published)).toEqual(who);
  });
});

describe('who can read it, in words', () => {
  const readers = { authorName: 'Noa', mentorIds: ['m'], mentorNames: ['Dana'], cohortSize: 24 };
  it('names the mentor and counts the cohort, for the author and for others', () => {
    expect(readersStatement('entry', { visibility: 'mentor', published: true, isAuthor: true }, readers)).toEqual({
      key: 'portfolio.readers.author.mentor',
      vars: { mentor: 'Dana', count: 24, author: 'Noa' },
    });
    expect(readersStatement('entry', { visibility: 'cohort', published: true, isAuthor: false }, readers).key).toBe('portfolio.readers.other.cohort');
    expect(readersStatement('entry', { visibility: 'cohort', published: false, isAuthor: true }, readers).key).toBe('portfolio.readers.author.draft');
    expect(readersStatement('entry', { visibility: 'mentor', published: true, isAuthor: true }, { ...readers, mentorNames: [] }).key).toBe(
      'portfolio.readers.author.mentorNone',
    );
    expect(readersStatement('goal', { isAuthor: true }, readers).key).toBe('portfolio.readers.author.mentor');
  });
});

describe('search and direction helpers', () => {
  it('turns typed words (any script) into a prefix query and drops everything else', () => {
    expect(prefixQuery('הקש  listen')).toBe('הקש:* & listen:*');
    expect(prefixQuery("') & !(:*")).toBeNull();
    expect(prefixQuery('استماع')).toBe('استماع:*');
  });

  it('gives each block its own direction and a section the direction of its first letter', () => {
    expect(withAutoDirection('<p>a</p><ul><li>b</li></ul><p class="x">c</p>')).toBe('<p dir="auto">a</p><ul><li dir="auto">b</li></ul><p class="x">c</p>');
    expect(textDirection('**שלום** world')).toBe('rtl');
    expect(textDirection('1. hello שלום')).toBe('ltr');
  });
});
