import { PACE_MIN_DAYS, project } from './early-warning.js';

describe('early warning, each rule at its boundary', () => {
  it('projects nothing before 60 days, and flags nobody with nothing left', () => {
    expect(PACE_MIN_DAYS).toBe(60);
    expect(project({ requiredApproved: 0, modulesRequired: 10, daysSoFar: 59, daysLeft: 600 }).rule).toBeNull();
    expect(project({ requiredApproved: 0, modulesRequired: 10, daysSoFar: 60, daysLeft: 600 }).rule).toBe('no_pace');
    expect(project({ requiredApproved: 10, modulesRequired: 10, daysSoFar: 400, daysLeft: 1 }).rule).toBeNull();
  });

  it('flags a teacher whose pace ends one day after the cohort, and not one whose pace ends on its last day', () => {
    // 2 of 10 in 100 days: 8 left take 400 days.
    expect(project({ requiredApproved: 2, modulesRequired: 10, daysSoFar: 100, daysLeft: 400 })).toEqual({ rule: null, daysToFinish: 400, pacePer30: 0.6 });
    expect(project({ requiredApproved: 2, modulesRequired: 10, daysSoFar: 100, daysLeft: 399 })).toEqual({
      rule: 'projected_late',
      daysToFinish: 400,
      pacePer30: 0.6,
    });
  });

  it('rounds days to finish up: 1 of 4 in 61 days leaves 183 days', () => {
    expect(project({ requiredApproved: 1, modulesRequired: 4, daysSoFar: 61, daysLeft: 182 }).daysToFinish).toBe(183);
    expect(project({ requiredApproved: 1, modulesRequired: 4, daysSoFar: 61, daysLeft: 182 }).rule).toBe('projected_late');
    expect(project({ requiredApproved: 1, modulesRequired: 4, daysSoFar: 61, daysLeft: 183 }).rule).toBeNull();
  });
});
