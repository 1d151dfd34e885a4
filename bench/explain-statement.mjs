// EXPLAIN (ANALYZE, BUFFERS) of one of the app's named statements on a large database (see README,
// "Dashboards at scale"): `npm run build`, then
//   DATABASE_URL=postgres://…/<db> node bench/explain-statement.mjs completion.cityBreakdown '["<city id>"]'
// The statement is looked up by the name it is prepared under (src/database/sql.ts); the optional
// third argument is a SET run first (say 'SET jit = off').
import pg from 'pg';
await import('../dist/src/app.module.js');
const { registeredStatements } = await import('../dist/src/database/sql.js');
const text = registeredStatements().get(process.argv[2]);
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
if (process.argv[4]) await client.query(process.argv[4]);
const res = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, JSON.parse(process.argv[3] ?? '[]'));
console.log(res.rows.map((r) => r['QUERY PLAN']).join('\n'));
await client.end();
