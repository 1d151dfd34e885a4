import pg from 'pg';
import { createMunicipality, createUser, type TestUser } from '../support/factories.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * A city must always keep an active department admin: the outside review had two admins of one
 * city revoke each other at the same moment, and one revoke the last other, leaving a city that
 * nobody could manage. Every change that would do it is refused, under a lock on the city.
 */
describe('a city always keeps an active department admin', () => {
  let t: TestApp;
  let network: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp();
    network = await signIn(t, await createUser(t.db, { roles: ['network_admin'], preferredLanguage: 'en' }));
  });
  afterAll(() => t.close());

  async function cityWithAdmins(count: number): Promise<{ city: { id: string; nameEn: string }; admins: TestUser[] }> {
    const city = await createMunicipality(t.db);
    const admins: TestUser[] = [];
    for (let i = 0; i < count; i++) admins.push(await createUser(t.db, { municipalityId: city.id, roles: ['department_admin'], preferredLanguage: 'en' }));
    return { city, admins };
  }

  async function activeAdmins(cityId: string): Promise<string[]> {
    const rows = await t.db.query(
      `SELECT u.id FROM role_grant g JOIN app_user u ON u.id = g.user_id WHERE g.role = 'department_admin' AND g.municipality_id = $1 AND u.active`,
      [cityId],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  it('refuses to revoke the role of the city’s last active admin, saying why on the form', async () => {
    const { city, admins } = await cityWithAdmins(1);
    const res = await network.post(`/users/${admins[0].id}/edit`, { displayName: admins[0].displayName }).expect(409);
    expect(res.text).toContain(`${city.nameEn} would be left without an active department admin`);
    expect(await activeAdmins(city.id)).toEqual([admins[0].id]);
  });

  it('refuses to deactivate the city’s last active admin', async () => {
    const { city, admins } = await cityWithAdmins(1);
    const res = await network.post(`/users/${admins[0].id}/deactivate`).expect(409);
    expect(res.text).toContain(`${city.nameEn} would be left without an active department admin`);
    expect(await activeAdmins(city.id)).toEqual([admins[0].id]);
  });

  it('counts only active admins: a deactivated one does not keep the city managed', async () => {
    const { city, admins } = await cityWithAdmins(2);
    await network.post(`/users/${admins[1].id}/deactivate`).expect(303);
    await network.post(`/users/${admins[0].id}/edit`, { displayName: admins[0].displayName }).expect(409);
    // Once the other is active again, either change is fine.
    await network.post(`/users/${admins[1].id}/reactivate`).expect(303);
    await network.post(`/users/${admins[0].id}/edit`, { displayName: admins[0].displayName }).expect(303);
    expect(await activeAdmins(city.id)).toEqual([admins[1].id]);
  });

  it('lets one admin revoke another while a third remains', async () => {
    const { city, admins } = await cityWithAdmins(2);
    const first = await signIn(t, admins[0]);
    await first.post(`/users/${admins[1].id}/edit`, { displayName: admins[1].displayName }).expect(303);
    expect(await activeAdmins(city.id)).toEqual([admins[0].id]);
  });

  describe('two admins acting on each other at the same moment', () => {
    /** Holds the city's row lock while both requests start, so both are in flight before either decides. */
    async function atTheSameMoment(cityId: string, requests: (() => PromiseLike<{ status: number }>)[]): Promise<number[]> {
      const holder = new pg.Client({ connectionString: t.databaseUrl });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT id FROM municipality WHERE id = $1 FOR UPDATE', [cityId]);
        // Promise.resolve sends each request now (supertest sends when asked for its result).
        const pending = requests.map((request) => Promise.resolve(request()));
        // Both wait on the city (or, without the lock, have long finished) before it is let go.
        for (let i = 0; i < 100; i++) {
          const [{ n }] = (
            await holder.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)
          ).rows;
          if (n >= requests.length) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await holder.query('COMMIT');
        return (await Promise.all(pending)).map((res) => res.status).sort();
      } finally {
        await holder.end();
      }
    }

    it('lets exactly one of two mutual revocations through', async () => {
      const { city, admins } = await cityWithAdmins(2);
      const [a, b] = await Promise.all(admins.map((admin) => signIn(t, admin)));
      const statuses = await atTheSameMoment(city.id, [
        () => a.post(`/users/${admins[1].id}/edit`, { displayName: admins[1].displayName }),
        () => b.post(`/users/${admins[0].id}/edit`, { displayName: admins[0].displayName }),
      ]);
      expect(statuses).toEqual([303, 409]);
      expect(await activeAdmins(city.id)).toHaveLength(1);
    });

    it('lets exactly one of a revocation and a deactivation through', async () => {
      const { city, admins } = await cityWithAdmins(2);
      const [a, b] = await Promise.all(admins.map((admin) => signIn(t, admin)));
      const statuses = await atTheSameMoment(city.id, [
        () => a.post(`/users/${admins[1].id}/deactivate`),
        () => b.post(`/users/${admins[0].id}/edit`, { displayName: admins[0].displayName }),
      ]);
      expect(statuses).toEqual([303, 409]);
      expect(await activeAdmins(city.id)).toHaveLength(1);
    });

    it('lets exactly one through when nothing holds them back either', async () => {
      const { city, admins } = await cityWithAdmins(2);
      const [a, b] = await Promise.all(admins.map((admin) => signIn(t, admin)));
      const statuses = (
        await Promise.all([
          a.post(`/users/${admins[1].id}/edit`, { displayName: admins[1].displayName }),
          b.post(`/users/${admins[0].id}/edit`, { displayName: admins[0].displayName }),
        ])
      )
        .map((res) => res.status)
        .sort();
      expect(statuses).toEqual([303, 409]);
      expect(await activeAdmins(city.id)).toHaveLength(1);
    });
  });
});
