import type { Actor, ActorGrant } from '../auth/actor.js';
import { canWorkshopEvent, type WorkshopEventAction } from './workshop-events.policy.js';

const CITY = 'city-a';
const OTHER = 'city-b';

function actor(...grants: ActorGrant[]): Actor {
  return {
    id: `u-${grants.map((g) => g.role).join('-')}`,
    email: 'u@x.test',
    displayName: 'U',
    preferredLanguage: null,
    municipalityId: CITY,
    municipalityTimeZone: null,
    municipalityLocale: null,
    grants,
  };
}

const personas: Record<string, Actor> = {
  networkAdmin: actor({ role: 'network_admin', municipalityId: null, cohortId: null }),
  departmentAdmin: actor({ role: 'department_admin', municipalityId: CITY, cohortId: null }),
  otherCityAdmin: actor({ role: 'department_admin', municipalityId: OTHER, cohortId: null }),
  mentor: actor({ role: 'mentor', municipalityId: CITY, cohortId: 'c1' }),
  teacher: actor({ role: 'teacher', municipalityId: CITY, cohortId: 'c1' }),
};

describe('workshop events policy', () => {
  const scheduled = { municipalityId: CITY, status: 'scheduled' as const, attended: 0 };
  // persona → [create, edit, cancel] on a scheduled event of CITY with no attendance.
  it.each([
    ['networkAdmin', [true, true, true]],
    ['departmentAdmin', [true, true, true]],
    ['otherCityAdmin', [false, false, false]],
    ['mentor', [false, false, false]],
    ['teacher', [false, false, false]],
  ] as const)('%s may create, edit, cancel: %j', (persona, expected) => {
    const actions: WorkshopEventAction[] = ['create', 'edit', 'cancel'];
    expect(actions.map((action) => canWorkshopEvent(personas[persona], action, scheduled))).toEqual(expected);
  });

  it('changes nothing of a cancelled event, and keeps an event whose attendance is recorded', () => {
    const admin = personas.departmentAdmin;
    expect(canWorkshopEvent(admin, 'edit', { ...scheduled, status: 'cancelled' })).toBe(false);
    expect(canWorkshopEvent(admin, 'cancel', { ...scheduled, status: 'cancelled' })).toBe(false);
    expect(canWorkshopEvent(admin, 'cancel', { ...scheduled, attended: 3 })).toBe(false);
    expect(canWorkshopEvent(admin, 'edit', { ...scheduled, attended: 3 })).toBe(true);
  });
});
