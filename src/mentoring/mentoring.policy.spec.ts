import type { Actor } from '../auth/actor.js';
import { canScheduleFor, canSession, type SessionAction, type SessionFacts } from './mentoring.policy.js';

const actor = (id: string, grants: Actor['grants'] = []): Actor => ({
  id,
  email: `${id}@x.test`,
  displayName: id,
  preferredLanguage: 'en',
  municipalityId: 'city',
  municipalityTimeZone: 'Asia/Jerusalem',
  municipalityLocale: 'he',
  grants,
});

const mentor = actor('mentor', [{ role: 'mentor', municipalityId: 'city', cohortId: 'c' }]);
const teacher = actor('teacher', [{ role: 'teacher', municipalityId: 'city', cohortId: 'c' }]);
const other = actor('other', [{ role: 'teacher', municipalityId: 'city', cohortId: 'c' }]);
const admin = actor('admin', [{ role: 'department_admin', municipalityId: 'city', cohortId: null }]);
const elsewhere = actor('elsewhere', [{ role: 'department_admin', municipalityId: 'other-city', cohortId: null }]);
const network = actor('network', [{ role: 'network_admin', municipalityId: null, cohortId: null }]);

const now = new Date('2026-12-02T10:00:00Z');
const facts = (f: Partial<SessionFacts> = {}, who: Actor = teacher): SessionFacts => ({
  municipalityId: 'city',
  mentorId: 'mentor',
  isParticipant: who.id === 'teacher',
  status: 'scheduled',
  slotId: 'slot',
  startsAt: new Date('2026-12-03T10:00:00Z'),
  cancelCutoffHours: 12,
  ...f,
});

describe('mentoring session policy (role × action)', () => {
  const table: [Actor, SessionAction[]][] = [
    [mentor, ['view', 'readSharedNotes', 'readPrivateNotes', 'writePrivateNotes', 'run', 'reschedule', 'cancel']],
    [teacher, ['view', 'readSharedNotes', 'cancelBooking']],
    [other, []],
    [admin, ['view', 'reschedule', 'cancel']],
    [elsewhere, []],
    [network, ['view', 'reschedule', 'cancel']],
  ];
  const actions: SessionAction[] = ['view', 'readSharedNotes', 'readPrivateNotes', 'writePrivateNotes', 'run', 'reschedule', 'cancel', 'cancelBooking'];
  for (const [who, allowed] of table) {
    it(`lets ${who.id} do exactly ${allowed.join(', ') || 'nothing'}`, () => {
      for (const action of actions) expect([action, canSession(who, action, facts({}, who), now)]).toEqual([action, allowed.includes(action)]);
    });
  }

  it('lets a participant cancel a booking only up to the cut-off', () => {
    expect(canSession(teacher, 'cancelBooking', facts({ startsAt: new Date('2026-12-02T22:00:00Z') }), now)).toBe(true);
    expect(canSession(teacher, 'cancelBooking', facts({ startsAt: new Date('2026-12-02T21:59:00Z') }), now)).toBe(false);
  });

  it('never shows private notes to the city admin or a participant', () => {
    expect(canSession(admin, 'readPrivateNotes', facts({}, admin), now)).toBe(false);
    expect(canSession(teacher, 'readPrivateNotes', facts(), now)).toBe(false);
  });

  it('never lets an admin read the agenda, shared notes, action items or private notes, whoever scheduled the session', () => {
    for (const who of [admin, network]) {
      for (const action of ['readSharedNotes', 'readPrivateNotes', 'writePrivateNotes', 'run'] as SessionAction[]) {
        expect([who.id, action, canSession(who, action, facts({}, who), now)]).toEqual([who.id, action, false]);
      }
    }
  });
});

describe('scheduling a session for a mentor (role × mentor)', () => {
  const otherMentor = actor('other-mentor', [{ role: 'mentor', municipalityId: 'city', cohortId: 'c' }]);
  const forMentor = { mentorId: 'mentor', municipalityId: 'city' };
  const table: [Actor, boolean][] = [
    [mentor, true],
    [otherMentor, false],
    [teacher, false],
    [admin, true],
    [elsewhere, false],
    [network, false],
  ];
  for (const [who, allowed] of table) {
    it(`${allowed ? 'lets' : 'refuses'} ${who.id} schedule for the city's mentor`, () => {
      expect(canScheduleFor(who, forMentor)).toBe(allowed);
    });
  }

  it("refuses a department admin a mentor's session with participants of another city", () => {
    expect(canScheduleFor(admin, { mentorId: 'mentor', municipalityId: 'other-city' })).toBe(false);
  });
});
