import type { Actor, ActorGrant } from '../auth/actor.js';
import { attendanceReach, canProgress, type ProgressPolicyAction, progressRelation } from './progress.policy.js';

const CITY = 'city-a';
const OTHER = 'city-b';

function actor(id: string, ...grants: ActorGrant[]): Actor {
  return {
    id,
    email: `${id}@x.test`,
    displayName: id,
    preferredLanguage: null,
    municipalityId: CITY,
    municipalityTimeZone: null,
    municipalityLocale: null,
    grants,
  };
}

const personas: Record<string, Actor> = {
  teacher: actor('teacher', { role: 'teacher', municipalityId: CITY, cohortId: 'c1' }),
  otherTeacher: actor('other-teacher', { role: 'teacher', municipalityId: CITY, cohortId: 'c1' }),
  mentorOfRecord: actor('mentor', { role: 'mentor', municipalityId: CITY, cohortId: 'c1' }),
  otherMentor: actor('other-mentor', { role: 'mentor', municipalityId: CITY, cohortId: 'c1' }),
  departmentAdmin: actor('admin', { role: 'department_admin', municipalityId: CITY, cohortId: null }),
  otherCityAdmin: actor('far-admin', { role: 'department_admin', municipalityId: OTHER, cohortId: null }),
  networkAdmin: actor('network', { role: 'network_admin', municipalityId: null, cohortId: null }),
};

/** The teacher's progress on a module of a cohort in CITY, in the mentor's group. */
const record = { teacherId: 'teacher', mentorId: 'mentor', municipalityId: CITY, submittedSinceMentor: true };

const ACTIONS: ProgressPolicyAction[] = [
  'start',
  'markDone',
  'submit',
  'resubmit',
  'withdraw',
  'approve',
  'return',
  'undoApproval',
  'openSubmission',
  'downloadFile',
  'recordAttendance',
];

/** Who may do what to the record: every persona × every action, nothing left implicit. */
const MATRIX: Record<string, ProgressPolicyAction[]> = {
  teacher: ['start', 'markDone', 'submit', 'resubmit', 'withdraw', 'downloadFile'],
  otherTeacher: [],
  mentorOfRecord: ['approve', 'return', 'undoApproval', 'openSubmission', 'downloadFile', 'recordAttendance'],
  otherMentor: [],
  departmentAdmin: ['recordAttendance'],
  otherCityAdmin: [],
  networkAdmin: [],
};

describe('progress policy', () => {
  it.each(Object.keys(MATRIX).flatMap((persona) => ACTIONS.map((action) => [persona, action, MATRIX[persona].includes(action)] as const)))(
    '%s may %s: %s',
    (persona, action, expected) => {
      expect(canProgress(personas[persona], action, record)).toBe(expected);
    },
  );

  it('ends a mentor’s reach when they are no longer the mentor of record (withdrawn, or no group)', () => {
    const withoutMentor = { ...record, mentorId: null };
    for (const action of ['approve', 'return', 'undoApproval', 'openSubmission', 'downloadFile', 'recordAttendance'] as const) {
      expect(canProgress(personas.mentorOfRecord, action, withoutMentor)).toBe(false);
    }
    expect(canProgress(personas.departmentAdmin, 'recordAttendance', withoutMentor)).toBe(true);
  });

  it('keeps work handed in before the mentor became the teacher’s mentor from them, until it is handed in again', () => {
    const earlier = { ...record, submittedSinceMentor: false };
    for (const action of ['approve', 'return', 'openSubmission', 'downloadFile'] as const) {
      expect(canProgress(personas.mentorOfRecord, action, earlier)).toBe(false);
    }
    expect(canProgress(personas.mentorOfRecord, 'recordAttendance', earlier)).toBe(true);
    expect(canProgress(personas.teacher, 'downloadFile', earlier)).toBe(true);
    expect(canProgress(personas.teacher, 'resubmit', earlier)).toBe(true);
  });

  it('never lets anyone review or record their own progress, whatever else they are', () => {
    const mentorAndAdmin = actor(
      'teacher',
      { role: 'teacher', municipalityId: CITY, cohortId: 'c1' },
      { role: 'mentor', municipalityId: CITY, cohortId: 'c1' },
      { role: 'department_admin', municipalityId: CITY, cohortId: null },
    );
    const ownGroup = { ...record, mentorId: 'teacher' };
    for (const action of ['approve', 'return', 'openSubmission', 'recordAttendance'] as const) {
      expect(canProgress(mentorAndAdmin, action, ownGroup)).toBe(false);
    }
    expect(progressRelation(mentorAndAdmin, 'approve', ownGroup)).toBe('owner');
  });

  it.each([
    ['teacher', 'start', 'owner'],
    ['teacher', 'approve', 'owner'],
    ['mentorOfRecord', 'approve', 'reviewer'],
    ['mentorOfRecord', 'recordAttendance', 'reviewer'],
    ['mentorOfRecord', 'start', 'other'],
    ['departmentAdmin', 'recordAttendance', 'reviewer'],
    ['departmentAdmin', 'approve', 'other'],
    ['otherMentor', 'return', 'other'],
    ['networkAdmin', 'recordAttendance', 'other'],
  ] as const)('tells the state machine that %s, to %s, is the %s', (persona, action, relation) => {
    expect(progressRelation(personas[persona], action, record)).toBe(relation);
  });

  it.each([
    ['departmentAdmin', false, 'cohort'],
    ['departmentAdmin', true, 'cohort'],
    ['mentorOfRecord', true, 'ownGroups'],
    ['mentorOfRecord', false, null],
    ['otherCityAdmin', false, null],
    ['networkAdmin', false, null],
    ['teacher', false, null],
  ] as const)('gives %s (leading a group of the cohort: %s) the register of: %s', (persona, actorLeadsGroup, reach) => {
    expect(attendanceReach(personas[persona], { municipalityId: CITY, actorLeadsGroup })).toBe(reach);
  });
});
