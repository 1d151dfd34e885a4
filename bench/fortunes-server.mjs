#!/usr/bin/env node
// The bare baseline: TechEmpower's "Fortunes" page with nothing but node:http, pg and handlebars, on
// the same PostgreSQL as the app. Its throughput is the ceiling the app's pages are compared with.
// Usage: DATABASE_URL=postgres://… PORT=3999 node bench/fortunes-server.mjs
import http from 'node:http';
import Handlebars from 'handlebars';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
const page = Handlebars.compile(
  '<!doctype html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>' +
    '{{#each fortunes}}<tr><td>{{id}}</td><td>{{message}}</td></tr>{{/each}}</table></body></html>',
);

/** Creates and fills the fortune table the first time (TechEmpower's twelve rows). */
export async function prepareFortunes(client) {
  await client.query('CREATE TABLE IF NOT EXISTS bench_fortune (id int PRIMARY KEY, message text NOT NULL)');
  const messages = [
    'fortune: No such file or directory',
    "A computer scientist is someone who fixes things that aren't broken.",
    'After enough decimal places, nobody gives a damn.',
    'A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1',
    'A computer program does what you tell it to do, not what you want it to do.',
    'Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen',
    'Any program that runs right is obsolete.',
    'A list is only as strong as its weakest link. — Donald Knuth',
    'Feature: A bug with seniority.',
    'Computers make very fast, very accurate mistakes.',
    '<script>alert("This should not be displayed in a browser alert box.");</script>',
    'フレームワークのベンチマーク',
  ];
  for (const [i, message] of messages.entries()) {
    await client.query('INSERT INTO bench_fortune (id, message) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [i + 1, message]);
  }
}

const server = http.createServer(async (req, res) => {
  try {
    const { rows } = await pool.query({ name: 'fortunes', text: 'SELECT id, message FROM bench_fortune' });
    rows.push({ id: 0, message: 'Additional fortune added at request time.' });
    rows.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page({ fortunes: rows }));
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});

if (import.meta.url === `file://${process.argv[1]}`) {
  const client = await pool.connect();
  await prepareFortunes(client);
  client.release();
  server.listen(Number(process.env.PORT ?? 3999), '127.0.0.1', () => console.log(`fortunes on ${server.address().port}`));
}
