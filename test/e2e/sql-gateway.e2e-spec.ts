import { registeredStatements } from '../../src/database/sql.js';
import { buildCohort, type CohortWorld, setProgress } from '../support/progress-factories.js';
import { countQueries } from '../support/query-counter.js';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('the SQL gateway', () => {
  let t: TestApp;
  let w: CohortWorld;

  // One connection, so the connection that served the pages is the one whose prepared statements we read.
  beforeAll(async () => {
    t = await createTestApp({ DB_POOL_SIZE: '1' });
    w = await buildCohort(t.db, {
      teacherCount: 2,
      modules: [
        { method: 'approval', opens: -20, due: 10 },
        { method: 'self', opens: -10, due: -2 },
      ],
    });
    await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[0].id, 'returned', 3);
  });
  afterAll(() => t.close());

  it('sends every statement of the teacher home as a named statement, none as unnamed text', async () => {
    const teacher = await signIn(t, w.teachers[0]);
    const { events } = await countQueries(t.db, () => teacher.get('/').expect(200));
    expect(events.length).toBeGreaterThan(0);
    expect(events.filter((e) => e.name === null).map((e) => e.text)).toEqual([]);
    expect(events.map((e) => e.name)).toEqual(expect.arrayContaining(['session.find', 'users.findActiveActor', 'completion.teacherStandings', 'home.dueNext']));
  });

  it('prepares the teacher home statements once on a connection and re-uses their generic plan', async () => {
    const teacher = await signIn(t, w.teachers[0]);
    for (let i = 0; i < 4; i++) await teacher.get('/').expect(200);
    const connection = await t.db.dedicatedConnection();
    try {
      const prepared = await connection.query<{ name: string; genericPlans: number; customPlans: number }>(
        `SELECT name, generic_plans::int AS "genericPlans", custom_plans::int AS "customPlans" FROM pg_prepared_statements WHERE name = ANY($1)`,
        [['completion.teacherStandings', 'home.dueNext', 'users.findActiveActor']],
      );
      expect(prepared.map((p) => p.name).sort()).toEqual(['completion.teacherStandings', 'home.dueNext', 'users.findActiveActor']);
      for (const statement of prepared) {
        expect(statement.customPlans).toBe(0);
        expect(statement.genericPlans).toBeGreaterThanOrEqual(4);
      }
    } finally {
      connection.release();
    }
  });

  it('has every declared statement parse and plan against the migrated schema, its parameters typed', async () => {
    const connection = await t.db.dedicatedConnection();
    const failures: string[] = [];
    try {
      for (const [name, text] of registeredStatements()) {
        try {
          await connection.query(`PREPARE gateway_check AS ${text}`);
          await connection.query('DEALLOCATE gateway_check');
        } catch (error) {
          failures.push(`${name}: ${(error as Error).message}`);
        }
      }
    } finally {
      connection.release();
    }
    expect(registeredStatements().size).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });
});
