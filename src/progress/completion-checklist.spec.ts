import { completionChecklist } from './completion-checklist.js';

const figures = {
  requiredApproved: 12,
  modulesRequired: 14,
  sessionsAttended: 0,
  sessionsRecorded: false,
  minSessions: 8,
  reflections: 0,
  reflectionsRecorded: false,
  minReflections: 6,
  attendancePct: 80,
  minAttendancePct: 75,
  unmetRules: ['required_modules', 'mentoring_sessions', 'reflections'] as const,
};

describe('the completion checklist', () => {
  it('lists every rule the programme sets with the teacher’s figures, and which are unmet', () => {
    expect(completionChecklist({ ...figures, unmetRules: [...figures.unmetRules] })).toEqual([
      { rule: 'required_modules', met: false, messageKey: 'progress.completion.rules.required_modules', vars: { done: 12, needed: 14 }, noteKey: null },
      {
        rule: 'mentoring_sessions',
        met: false,
        messageKey: 'progress.completion.rules.mentoring_sessions',
        vars: { done: 0, needed: 8 },
        noteKey: 'progress.completion.notRecorded.mentoring_sessions',
      },
      {
        rule: 'reflections',
        met: false,
        messageKey: 'progress.completion.rules.reflections',
        vars: { done: 0, needed: 6 },
        noteKey: 'progress.completion.notRecorded.reflections',
      },
      { rule: 'workshop_attendance', met: true, messageKey: 'progress.completion.rules.workshop_attendance', vars: { done: 80, needed: 75 }, noteKey: null },
    ]);
  });

  it('leaves out a minimum of 0, and says "not recorded" only while the figure is not recorded', () => {
    const items = completionChecklist({
      ...figures,
      minReflections: 0,
      minAttendancePct: 0,
      sessionsRecorded: true,
      sessionsAttended: 3,
      unmetRules: ['mentoring_sessions'],
    });
    expect(items.map((i) => i.rule)).toEqual(['required_modules', 'mentoring_sessions']);
    expect(items[0].met).toBe(true);
    expect(items[1]).toMatchObject({ met: false, vars: { done: 3, needed: 8 }, noteKey: null });
  });

  it('says so when no workshop has been due yet', () => {
    const [, , , attendance] = completionChecklist({ ...figures, attendancePct: null, unmetRules: [] });
    expect(attendance).toMatchObject({ met: true, messageKey: 'progress.completion.rules.workshop_attendance_none', vars: { needed: 75 } });
  });
});
