/**
 * The route × role matrix: every route the app serves, and what each kind of person gets from it.
 * `test/e2e/route-matrix.e2e-spec.ts` reads the routes from the running app's router, fails on a
 * route missing here (printing ready-to-paste rows with what it observed) and on a row whose route
 * no longer exists, then requests every route as every role and checks the answer against the row.
 *
 * Adding a route: add its row to ROUTE_MATRIX (the failing test prints one, filled with what each
 * role got: check every cell against the feature's policy before pasting). If its path has a
 * parameter the test cannot fill yet, say which record it names in ID_KINDS (and build that record
 * in the spec's world); if its POST needs a body to pass validation, add it to FORMS.
 */

/** The columns of the table, in order. */
export const MATRIX_ROLES = ['anonymous', 'teacher', 'mentor', 'departmentAdmin', 'networkAdmin'] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/**
 * What a request gets:
 * - `ok`: 2xx, or a redirect anywhere but the sign-in page (the thing was shown or done);
 * - `login`: a redirect to `/login` (signed out, or a sign-in step not started);
 * - `invalid`: 400 or 422 (allowed to ask, but the minimal body the test sends is refused);
 * - `unauthorized`: 401 (a sign-in that failed);
 * - `forbidden`: 403; `notFound`: 404; `conflict`: 409 (not in the record's present state); `gone`: 410.
 * A 5xx is never an outcome: it always fails.
 */
export const OUTCOMES = ['ok', 'login', 'invalid', 'unauthorized', 'forbidden', 'notFound', 'conflict', 'gone'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One row: the outcome for each of MATRIX_ROLES, in order. */
export type MatrixRow = readonly [Outcome, Outcome, Outcome, Outcome, Outcome];

export function outcomeOf(status: number, location: string | undefined): Outcome | `status ${number}` {
  if (status >= 300 && status < 400) return location && /^\/login(?:[?#]|$)/.test(location) ? 'login' : 'ok';
  if (status >= 200 && status < 300) return 'ok';
  const byStatus: Record<number, Outcome> = { 400: 'invalid', 422: 'invalid', 401: 'unauthorized', 403: 'forbidden', 404: 'notFound', 409: 'conflict', 410: 'gone' };
  return byStatus[status] ?? `status ${status}`;
}

/**
 * The ids of one world (a city with a cohort: see the spec), which fill a route's parameters.
 * `notification` is the signed-in person's own; the others are records the role reaches.
 */
export interface MatrixIds {
  city: string;
  school: string;
  /** A person of the city whom admins manage (a teacher who is not signed in during the test). */
  user: string;
  programme: string;
  phase: string;
  /** A module of the programme, with translations. */
  module: string;
  /** A module the signed-in teacher has not started, for the path's actions. */
  pathModule: string;
  /** A workshop (a module completed by attendance), for a new event of it. */
  workshop: string;
  /** An event of the workshop in the cohort, for its pages and its attendance register. */
  workshopEvent: string;
  cohort: string;
  /** The cohort membership of the signed-in teacher. */
  member: string;
  /** The signed-in teacher's submitted work (text and file) on `module`. */
  progress: string;
  notification: string;
  /** A language the programme, phase and module have a translation in. */
  language: string;
  /** The signed-in teacher's goal, portfolio entry (shared with their mentor) and its file. */
  goal: string;
  portfolioEntry: string;
  portfolioFile: string;
  /** A mentoring session of the mentor with the teacher, and an action item of it the teacher owns. */
  session: string;
  actionItem: string;
  /** The signed-in teacher's own id (for forms naming them), not a path parameter. */
  teacher: string;
}

/** A day `offset` days from today on the Israeli calendar, as the forms take it. */
export function cityDay(offset: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jerusalem' }).format(new Date(Date.now() + offset * 86_400_000));
}

/**
 * Which record a path parameter names: `<segment before it>:<param>` first, then `<first path
 * segment>:<param>`, then `:<param>`.
 * Parameters that are not record ids (a language, a reset token) are filled but not swapped for
 * another city's or another teacher's.
 */
export const ID_KINDS: Record<string, keyof MatrixIds | { notAnId: string }> = {
  'users:id': 'user',
  'schools:id': 'school',
  'municipalities:id': 'city',
  'cities:id': 'city',
  'programmes:id': 'programme',
  'cohorts:id': 'cohort',
  'notifications:id': 'notification',
  'progress:id': 'progress',
  'path:moduleId': 'pathModule',
  'workshops:eventId': 'workshopEvent',
  ':moduleId': 'module',
  ':phaseId': 'phase',
  ':memberId': 'member',
  ':progressId': 'progress',
  ':language': 'language',
  ':token': { notAnId: 'not-a-reset-token-0000000000000000' },
  'goals:id': 'goal',
  'portfolio:id': 'portfolioEntry',
  'files:fileId': 'portfolioFile',
  ':version': { notAnId: '1' },
  'sessions:id': 'session',
  'action-items:id': 'actionItem',
  'action-items:itemId': 'actionItem',
  'calendar:file': { notAnId: 'not-a-feed-token.ics' },
  // A holiday no city has: admins get 404, the others are stopped before (the reminders' own test
  // checks a real holiday of another city is a 404 to its admins).
  'reminders:id': { notAnId: '00000000-0000-4000-8000-000000000000' },
};

export interface FilledPath {
  path: string;
  /** The kinds of record the path names (empty: no record id in it). */
  kinds: (keyof MatrixIds)[];
}

/** The route's path with every parameter filled from `ids`; throws, naming what to add, for an unknown parameter. */
export function fillPath(pattern: string, ids: MatrixIds): FilledPath {
  const segment = pattern.split('/')[1] ?? '';
  const kinds: (keyof MatrixIds)[] = [];
  const path = pattern.replace(/([^/]*)\/:(\w+)/g, (_, before: string, param: string) => {
    const kind = ID_KINDS[`${before}:${param}`] ?? ID_KINDS[`${segment}:${param}`] ?? ID_KINDS[`:${param}`];
    if (!kind) throw new Error(`route-matrix.ts: no record for :${param} of ${pattern}; add it to ID_KINDS (and the record to the spec's world)`);
    if (typeof kind === 'object') return `${before}/${kind.notAnId}`;
    if (kind !== 'language') kinds.push(kind);
    return `${before}/${encodeURIComponent(ids[kind])}`;
  });
  return { path, kinds };
}

/**
 * The minimal body a POST is sent with (besides `_csrf`), by route; `{}` when absent. Enough to
 * pass validation where that is cheap (so the policy, not the validation, answers), and harmless:
 * nothing here signs anyone out or removes what later requests need.
 */
export const FORMS: Record<string, (ids: MatrixIds) => Record<string, string | string[]>> = {
  'POST /profile/reminders': () => ({ 'channels[module.opens]': 'email' }),
  'POST /reminders/preferences/:token': () => ({ 'channels[module.opens]': 'email' }),
  'POST /reminders/holidays': (ids) => ({ municipality: ids.city, day: '2027-12-25', name: `Matrix holiday ${Math.random().toString(36).slice(2, 8)}`, community: 'all' }),
  'POST /reminders/announcements': (ids) => ({ municipality: ids.city, audience: 'mentor', title: 'Matrix announcement', message: 'Matrix announcement' }),
  'POST /language': () => ({ lang: 'en', returnTo: '/' }),
  'POST /schools': (ids) => ({ name: `Matrix school ${Math.random().toString(36).slice(2, 8)}`, municipality: ids.city }),
  'POST /schools/:id': () => ({ name: `Matrix school renamed ${Math.random().toString(36).slice(2, 8)}` }),
  'POST /users/:id/edit': () => ({ displayName: 'Matrix renamed' }),
  'POST /programmes/:id/phases/:phaseId/move': () => ({ direction: 'down' }),
  'POST /programmes/:id/modules/:moduleId/move': () => ({ direction: 'down' }),
  // `user` is a teacher of another mentor's group: the mentor must not take their attendance.
  'POST /cohorts/:id/workshops/:eventId/attendance': (ids) => ({ teacherIds: [ids.user] }),
  'POST /cohorts/:id/workshops': (ids) => ({ moduleId: ids.workshop, day: cityDay(30), start: '17:00', end: '19:00', place: 'Matrix hall' }),
  'POST /cohorts/:id/workshops/:eventId': () => ({ day: cityDay(31), start: '17:30', end: '19:30', place: 'Matrix hall 2', capacity: '30' }),
  'POST /path/modules/:moduleId/submit': () => ({ text: 'Matrix work handed in' }),
  'POST /mentoring/sessions/:id/action-items': (ids) => ({ ownerId: ids.teacher, title: 'Matrix item', dueOn: cityDay(5) }),
  'POST /mentoring/sessions/:id/cancel': () => ({ reason: 'Matrix' }),
  'POST /mentoring/sessions/:id/reschedule': () => ({ day: cityDay(22), start: '12:00', end: '13:00', place: 'Room 5' }),
  'POST /cohorts/:id/groups/assignments': (ids) => ({ memberId: ids.member }),
  'POST /cohorts/:id/groups/teachers': (ids) => ({ [`groups[${ids.member}]`]: '' }),
  // The owner is another mentor's teacher: the mentor's request passes validation and is refused by the service.
  'POST /mentoring/sessions/:id/action-items/:itemId': () => ({ done: 'yes' }),
};

/**
 * Routes by which a city's admins reach any teacher's record of their city (the mentoring
 * session's time and place, which they may move or cancel): asked with another teacher's record,
 * they answer, but never with what the teacher or mentor wrote. Every other route naming a
 * teacher's record refuses the city's admins another teacher's (403 or 404) as it refuses
 * teachers and mentors.
 */
export const ADMINS_REACH_EVERY_TEACHER = new Set([
  'GET /mentoring/sessions/:id',
  'GET /mentoring/sessions/:id/cancel',
  'POST /mentoring/sessions/:id/cancel',
  'GET /mentoring/sessions/:id/reschedule',
  'POST /mentoring/sessions/:id/reschedule',
]);

/**
 * The order a role's own POSTs are sent in (one at a time): router order, except that what takes a
 * record away (deactivate, withdraw, delete, disable) comes after the rest, what brings it back
 * (reactivate, readmit) after that, and what ends the test's session (sign-out) last.
 */
export function postOrder(route: string): number {
  if (route === 'POST /logout') return 3;
  if (/\/(reactivate|readmit)$/.test(route)) return 2;
  if (/\/(deactivate|withdraw|delete|disable|cancel)$/.test(route)) return 1;
  return 0;
}

// prettier-ignore
export const ROUTE_MATRIX: Record<string, MatrixRow> = {
  //                                                                          anonymous      teacher        mentor         dept admin     network admin
  'GET /health':                                                            ['ok',          'ok',          'ok',          'ok',          'ok'],
  'GET /audit':                                                             ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /audit.csv':                                                         ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /login':                                                             ['ok',          'ok',          'ok',          'ok',          'ok'],
  'POST /login':                                                            ['invalid',     'invalid',     'invalid',     'invalid',     'invalid'],
  'POST /logout':                                                           ['login',       'login',       'login',       'login',       'login'],
  'POST /language':                                                         ['ok',          'ok',          'ok',          'ok',          'ok'],
  'GET /login/two-factor':                                                  ['login',       'login',       'login',       'login',       'login'],
  'POST /login/two-factor':                                                 ['invalid',     'invalid',     'invalid',     'invalid',     'invalid'],
  'GET /login/recovery-code':                                               ['login',       'login',       'login',       'login',       'login'],
  'POST /login/recovery-code':                                              ['invalid',     'invalid',     'invalid',     'invalid',     'invalid'],
  'GET /profile/two-factor':                                                ['login',       'ok',          'ok',          'ok',          'ok'],
  'POST /profile/two-factor/setup':                                         ['login',       'ok',          'ok',          'ok',          'ok'],
  'GET /profile/two-factor/setup':                                          ['login',       'ok',          'ok',          'ok',          'ok'],
  'POST /profile/two-factor/setup/confirm':                                 ['login',       'invalid',     'invalid',     'invalid',     'invalid'],
  'GET /profile/two-factor/recovery-codes':                                 ['login',       'ok',          'ok',          'ok',          'ok'],
  'POST /profile/two-factor/recovery-codes':                                ['login',       'invalid',     'invalid',     'invalid',     'invalid'],
  'GET /profile/two-factor/disable':                                        ['login',       'ok',          'ok',          'ok',          'ok'],
  'POST /profile/two-factor/disable':                                       ['login',       'invalid',     'invalid',     'invalid',     'invalid'],
  'GET /users/:id/two-factor/reset':                                        ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /users/:id/two-factor/reset':                                       ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /municipalities':                                                    ['login',       'forbidden',   'forbidden',   'forbidden',   'ok'],
  'GET /municipalities/new':                                                ['login',       'forbidden',   'forbidden',   'forbidden',   'ok'],
  'POST /municipalities':                                                   ['login',       'forbidden',   'forbidden',   'forbidden',   'invalid'],
  'POST /municipalities/network':                                           ['login',       'forbidden',   'forbidden',   'forbidden',   'ok'],
  'GET /municipalities/:id':                                                ['login',       'forbidden',   'forbidden',   'forbidden',   'ok'],
  'GET /municipalities/:id/edit':                                           ['login',       'forbidden',   'forbidden',   'forbidden',   'ok'],
  'POST /municipalities/:id':                                               ['login',       'forbidden',   'forbidden',   'forbidden',   'invalid'],
  'GET /schools':                                                           ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /schools/new':                                                       ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /schools':                                                          ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /schools/:id':                                                       ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /schools/:id/edit':                                                  ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /schools/:id':                                                      ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /schools/:id/deactivate':                                            ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /schools/:id/deactivate':                                           ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /schools/:id/reactivate':                                           ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /users':                                                             ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /users/new':                                                         ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /users':                                                            ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /users/import':                                                      ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /users/import':                                                     ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /users/import/summary':                                              ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /users/:id':                                                         ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /users/:id/edit':                                                    ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /users/:id/edit':                                                   ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /users/:id/deactivate':                                              ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /users/:id/deactivate':                                             ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /users/:id/invite':                                                 ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /users/:id/reactivate':                                             ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /programmes':                                                        ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /programmes/new':                                                    ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /programmes':                                                       ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /programmes/:id':                                                    ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /programmes/:id/edit':                                               ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /programmes/:id':                                                   ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'POST /programmes/:id/copy':                                              ['login',       'forbidden',   'forbidden',   'forbidden',   'forbidden'],
  'GET /programmes/:id/phases/new':                                         ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /programmes/:id/phases':                                            ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /programmes/:id/phases/:phaseId/edit':                               ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /programmes/:id/phases/:phaseId':                                   ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /programmes/:id/phases/:phaseId/delete':                             ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /programmes/:id/phases/:phaseId/delete':                            ['login',       'forbidden',   'forbidden',   'conflict',    'conflict'],
  'POST /programmes/:id/phases/:phaseId/move':                              ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /programmes/:id/modules/new':                                        ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /programmes/:id/modules':                                           ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /programmes/:id/modules/:moduleId':                                  ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /programmes/:id/modules/:moduleId/edit':                             ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /programmes/:id/modules/:moduleId':                                 ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /programmes/:id/modules/:moduleId/delete':                           ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /programmes/:id/modules/:moduleId/delete':                          ['login',       'forbidden',   'forbidden',   'conflict',    'conflict'],
  'POST /programmes/:id/modules/:moduleId/move':                            ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /programmes/:id/translations/:language':                             ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /programmes/:id/translations/:language':                            ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /programmes/:id/translations/:language/delete':                      ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /programmes/:id/translations/:language/delete':                     ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /programmes/:id/phases/:phaseId/translations/:language':             ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /programmes/:id/phases/:phaseId/translations/:language':            ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /programmes/:id/phases/:phaseId/translations/:language/delete':      ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /programmes/:id/phases/:phaseId/translations/:language/delete':     ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /programmes/:id/modules/:moduleId/translations/:language':           ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /programmes/:id/modules/:moduleId/translations/:language':          ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /programmes/:id/modules/:moduleId/translations/:language/delete':    ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /programmes/:id/modules/:moduleId/translations/:language/delete':   ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /programmes/:id/cohorts/new':                                        ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /programmes/:id/cohorts':                                           ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /cohorts':                                                           ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /cohorts/new':                                                       ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /cohorts/:id':                                                       ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /cohorts/:id/progress.csv':                                          ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /cohorts/:id/figures':                                               ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /cohorts/:id/figures.csv':                                           ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /cohorts/:id/edit':                                                  ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /cohorts/:id/edit':                                                 ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /cohorts/:id/windows':                                               ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /cohorts/:id/windows':                                              ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /cohorts/:id/members':                                               ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /cohorts/:id/members/new':                                           ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /cohorts/:id/members':                                              ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /cohorts/:id/members/:memberId':                                     ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /cohorts/:id/members/:memberId/withdraw':                            ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /cohorts/:id/members/:memberId/withdraw':                           ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /cohorts/:id/members/:memberId/readmit':                            ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /cohorts/:id/groups':                                                ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /cohorts/:id/groups':                                               ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'POST /cohorts/:id/groups/assignments':                                   ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /cohorts/:id/groups/teachers':                                      ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /cohorts/:id/roster':                                                ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /cohorts/:id/roster':                                               ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /cohorts/:id/workshops':                                             ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /cohorts/:id/workshops/new':                                         ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /cohorts/:id/workshops':                                            ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /cohorts/:id/workshops/:eventId/edit':                               ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /cohorts/:id/workshops/:eventId':                                   ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /cohorts/:id/workshops/:eventId/cancel':                             ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  // The department admin's 'conflict': they took the event's register before (attendance is recorded at it, so it is kept); the network admin's city's is empty.
  'POST /cohorts/:id/workshops/:eventId/cancel':                            ['login',       'forbidden',   'forbidden',   'conflict',    'ok'],
  'GET /cohorts/:id/workshops/:eventId/attendance':                         ['login',       'forbidden',   'ok',          'ok',          'notFound'],
  'POST /cohorts/:id/workshops/:eventId/attendance':                        ['login',       'forbidden',   'notFound',    'ok',          'notFound'],
  'GET /notifications':                                                     ['login',       'ok',          'ok',          'ok',          'ok'],
  'POST /notifications/:id/open':                                           ['login',       'ok',          'ok',          'ok',          'ok'],
  'POST /notifications/:id/read':                                           ['login',       'ok',          'ok',          'ok',          'ok'],
  'POST /notifications/read-all':                                           ['login',       'ok',          'ok',          'ok',          'ok'],
  'GET /profile':                                                           ['login',       'ok',          'ok',          'ok',          'ok'],
  'POST /profile':                                                          ['login',       'invalid',     'invalid',     'invalid',     'invalid'],
  'POST /profile/password':                                                 ['login',       'invalid',     'invalid',     'invalid',     'invalid'],
  'GET /profile/sessions/end-others':                                       ['login',       'ok',          'ok',          'ok',          'ok'],
  'POST /profile/sessions/end-others':                                      ['login',       'ok',          'ok',          'ok',          'ok'],
  'GET /password-reset':                                                    ['ok',          'ok',          'ok',          'ok',          'ok'],
  'POST /password-reset':                                                   ['invalid',     'invalid',     'invalid',     'invalid',     'invalid'],
  'GET /password-reset/sent':                                               ['ok',          'ok',          'ok',          'ok',          'ok'],
  'GET /password-reset/:token':                                             ['gone',        'gone',        'gone',        'gone',        'gone'],
  'POST /password-reset/:token':                                            ['gone',        'gone',        'gone',        'gone',        'gone'],
  'GET /path':                                                              ['login',       'ok',          'forbidden',   'forbidden',   'forbidden'],
  'GET /path/certificate':                                                  ['login',       'forbidden',   'forbidden',   'forbidden',   'forbidden'],
  'GET /path/modules/:moduleId':                                            ['login',       'ok',          'forbidden',   'forbidden',   'forbidden'],
  'POST /path/modules/:moduleId/start':                                     ['login',       'ok',          'forbidden',   'forbidden',   'forbidden'],
  'POST /path/modules/:moduleId/done':                                      ['login',       'conflict',    'forbidden',   'forbidden',   'forbidden'],
  'POST /path/modules/:moduleId/submit':                                    ['login',       'ok',          'forbidden',   'forbidden',   'forbidden'],
  'POST /path/modules/:moduleId/withdraw':                                  ['login',       'ok',          'forbidden',   'forbidden',   'forbidden'],
  'GET /reviews':                                                           ['login',       'forbidden',   'ok',          'ok',          'ok'],
  'GET /reviews/:progressId':                                               ['login',       'forbidden',   'ok',          'notFound',    'notFound'],
  'POST /reviews/:progressId/approve':                                      ['login',       'forbidden',   'ok',          'notFound',    'notFound'],
  'POST /reviews/:progressId/return':                                       ['login',       'forbidden',   'invalid',     'notFound',    'notFound'],
  'POST /reviews/:progressId/undo':                                         ['login',       'forbidden',   'ok',          'notFound',    'notFound'],
  'GET /progress/:id/file':                                                 ['login',       'ok',          'ok',          'notFound',    'notFound'],
  'GET /progress/:id/file/preview':                                         ['login',       'ok',          'ok',          'notFound',    'notFound'],
  'GET /':                                                                  ['login',       'ok',          'ok',          'ok',          'ok'],
  'GET /goals':                                                             ['login',       'ok',          'forbidden',   'forbidden',   'forbidden'],
  'GET /goals/mentees':                                                     ['login',       'forbidden',   'ok',          'forbidden',   'forbidden'],
  'GET /goals/new':                                                         ['login',       'ok',          'forbidden',   'forbidden',   'forbidden'],
  'POST /goals':                                                            ['login',       'invalid',     'forbidden',   'forbidden',   'forbidden'],
  'GET /goals/:id':                                                         ['login',       'ok',          'ok',          'notFound',    'notFound'],
  'GET /goals/:id/edit':                                                    ['login',       'ok',          'forbidden',   'forbidden',   'forbidden'],
  'POST /goals/:id/edit':                                                   ['login',       'invalid',     'forbidden',   'forbidden',   'forbidden'],
  'POST /goals/:id/check-ins':                                              ['login',       'invalid',     'forbidden',   'forbidden',   'forbidden'],
  'POST /goals/:id/status':                                                 ['login',       'invalid',     'forbidden',   'forbidden',   'forbidden'],
  'POST /goals/:id/comments':                                               ['login',       'invalid',     'invalid',     'notFound',    'notFound'],
  'GET /portfolio':                                                         ['login',       'ok',          'forbidden',   'forbidden',   'forbidden'],
  'GET /portfolio/new':                                                     ['login',       'ok',          'forbidden',   'forbidden',   'forbidden'],
  'POST /portfolio':                                                        ['login',       'invalid',     'forbidden',   'forbidden',   'forbidden'],
  'GET /portfolio/shared':                                                  ['login',       'ok',          'ok',          'ok',          'ok'],
  'GET /portfolio/showcase':                                                ['login',       'ok',          'ok',          'ok',          'ok'],
  'GET /portfolio/export.zip':                                              ['login',       'ok',          'forbidden',   'forbidden',   'forbidden'],
  'GET /portfolio/files/:fileId':                                           ['login',       'ok',          'ok',          'notFound',    'notFound'],
  'GET /portfolio/:id':                                                     ['login',       'ok',          'ok',          'notFound',    'notFound'],
  'GET /portfolio/:id/edit':                                                ['login',       'ok',          'forbidden',   'forbidden',   'forbidden'],
  'POST /portfolio/:id/edit':                                               ['login',       'invalid',     'forbidden',   'forbidden',   'forbidden'],
  'GET /portfolio/:id/versions/:version':                                   ['login',       'notFound',    'notFound',    'notFound',    'notFound'],
  'POST /portfolio/:id/feedback':                                           ['login',       'invalid',     'invalid',     'notFound',    'notFound'],
  'POST /portfolio/:id/withdraw':                                           ['login',       'ok',          'forbidden',   'forbidden',   'forbidden'],
  'GET /network':                                                           ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /network/cities/:id':                                                ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /network/cities/:id/figures.csv':                                    ['login',       'forbidden',   'forbidden',   'invalid',     'invalid'],
  'GET /network/cities.csv':                                                ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /mentoring':                                                         ['login',       'ok',          'ok',          'ok',          'ok'],
  // A department admin schedules for a mentor of their city (the mentor picker); a network admin does not: planning is the city's.
  'GET /mentoring/sessions/new':                                            ['login',       'notFound',    'ok',          'ok',          'notFound'],
  'POST /mentoring/sessions':                                               ['login',       'notFound',    'invalid',     'invalid',     'notFound'],
  'GET /mentoring/sessions/:id':                                            ['login',       'ok',          'ok',          'ok',          'ok'],
  'POST /mentoring/sessions/:id/notes':                                     ['login',       'notFound',    'ok',          'notFound',    'notFound'],
  'POST /mentoring/sessions/:id/private-note':                              ['login',       'notFound',    'ok',          'notFound',    'notFound'],
  'POST /mentoring/sessions/:id/attendance':                                ['login',       'notFound',    'ok',          'notFound',    'notFound'],
  'POST /mentoring/sessions/:id/action-items':                              ['login',       'notFound',    'ok',          'notFound',    'notFound'],
  'POST /mentoring/sessions/:id/action-items/:itemId':                      ['login',       'ok',          'notFound',    'notFound',    'notFound'],
  'GET /mentoring/sessions/:id/cancel':                                     ['login',       'notFound',          'ok',          'ok',          'ok'],
  // The department admin's 'notFound' below: the mentor has cancelled the session before their turn (the network admin's city shows what an admin may do).
  // A teacher cancels only a session they booked from a slot, not one the mentor scheduled: 404.
  'POST /mentoring/sessions/:id/cancel':                                    ['login',       'notFound',    'ok',          'notFound',    'ok'],
  'GET /mentoring/sessions/:id/reschedule':                                 ['login',       'notFound',    'ok',          'ok',          'ok'],
  'POST /mentoring/sessions/:id/reschedule':                                ['login',       'notFound',    'ok',          'notFound',    'ok'],
  'GET /mentoring/calendar':                                                ['login',       'ok',          'ok',          'ok',          'ok'],
  'GET /mentoring/slots':                                                   ['login',       'ok',          'ok',          'ok',          'ok'],
  'POST /mentoring/slots':                                                  ['login',       'invalid',     'invalid',     'invalid',     'invalid'],
  'POST /mentoring/bookings':                                               ['login',       'invalid',     'invalid',     'invalid',     'invalid'],
  'POST /mentoring/calendar-feed':                                          ['login',       'ok',          'ok',          'ok',          'ok'],
  'GET /cohorts/:id/mentoring':                                             ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /calendar/:file':                                                    ['notFound',    'notFound',    'notFound',    'notFound',    'notFound'],
  'GET /profile/reminders':                                                 ['login',       'ok',          'ok',          'ok',          'ok'],
  'POST /profile/reminders':                                                ['login',       'ok',          'ok',          'ok',          'ok'],
  'GET /reminders/preferences/:token':                                      ['notFound',    'notFound',    'notFound',    'notFound',    'notFound'],
  'POST /reminders/preferences/:token':                                     ['notFound',    'notFound',    'notFound',    'notFound',    'notFound'],
  'GET /reminders/log':                                                     ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /reminders/holidays':                                                ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /reminders/holidays':                                               ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'GET /reminders/holidays/:id/delete':                                     ['login',       'forbidden',   'forbidden',   'notFound',    'notFound'],
  'POST /reminders/holidays/:id/delete':                                    ['login',       'forbidden',   'forbidden',   'notFound',    'notFound'],
  'GET /reminders/announcements/new':                                       ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
  'POST /reminders/announcements':                                          ['login',       'forbidden',   'forbidden',   'ok',          'ok'],
};

/** A row as it is written in ROUTE_MATRIX, for the failure message. */
export function formatRow(route: string, outcomes: readonly string[]): string {
  const key = `'${route}':`.padEnd(74);
  return `  ${key}[${outcomes.map((o) => `'${o}',`.padEnd(14)).join(' ').replace(/,\s*$/, '')}],`;
}
