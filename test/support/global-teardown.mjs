import pg from 'pg';

export default async function globalTeardown() {
  if (globalThis.__embeddedTestDatabase) {
    await globalThis.__embeddedTestDatabase.stop();
    return;
  }
  // On a shared server, remove this run's template and any database a crashed test left behind.
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_SERVER_URL });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`ta_test_${process.env.TEST_RUN_ID}_%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
  } finally {
    await client.end();
  }
}
