// Times the dashboards' pages on a large database (see README, "Benchmark"): `npm run build`, then
// DATABASE_URL=postgres://…/<db> node bench/dashboards-scale.mjs — the database must hold data at
// scale (bench/scale-data.sql makes 200,000 teachers). Prints the median of 5 runs of each page's
// figures as the service builds them (no HTTP), and PostgreSQL's plans of the slowest statements
// are in its log when auto_explain is on.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../dist/src/config/app-config.js';
import { createLogger } from '../dist/src/common/logger.js';
import { AppModule } from '../dist/src/app.module.js';
import { DashboardsService } from '../dist/src/dashboards/dashboards.service.js';
import { HomeService } from '../dist/src/home/home.service.js';
import { Sql } from '../dist/src/database/sql.js';
import { SnapshotsScheduler } from '../dist/src/dashboards/snapshots.scheduler.js';

const config = { ...loadConfig(), runScheduler: false };
const logger = createLogger({ ...config, logLevel: 'warn' });
const app = await NestFactory.createApplicationContext(AppModule.register({ config, databaseUrl: config.databaseUrl, logger }), { logger: ['error', 'warn'] });
const sql = app.get(Sql);
const dashboards = app.get(DashboardsService);
const [city] = await sql.query(`SELECT c.municipality_id AS id FROM cohort c GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
const [cohort] = await sql.query(`SELECT c.id, count(*)::int AS n FROM cohort c JOIN cohort_member m ON m.cohort_id = c.id AND m.role = 'teacher' GROUP BY c.id ORDER BY 2 DESC LIMIT 1`);
const [mentor] = await sql.query(`SELECT g.mentor_id AS id FROM mentor_group g WHERE g.cohort_id = $1 LIMIT 1`, [cohort.id]);
const [teacher] = await sql.query(`SELECT m.user_id AS id FROM cohort_member m WHERE m.cohort_id = $1 AND m.role = 'teacher' LIMIT 1`, [cohort.id]);
const actor = (id, grants) => ({ id, email: 'x@scale.test', displayName: 'X', preferredLanguage: 'en', municipalityId: city.id, municipalityTimeZone: 'Asia/Jerusalem', grants });
const network = actor(teacher.id, [{ role: 'network_admin', municipalityId: null, cohortId: null }]);
const home = app.get(HomeService);
await app.get(SnapshotsScheduler).countCityFigures();
const cases = {
  'network view (/network)': () => dashboards.networkPage(network, 'en'),
  'city figures (/network/cities/:id)': () => dashboards.cityPage(network, city.id, { page: 1, size: 25, offset: 0 }, 'en'),
  [`cohort figures (/cohorts/:id/figures, ${cohort.n} teachers)`]: () => dashboards.cohortPage(network, cohort.id, 'en'),
  'mentor home (/)': () => home.dashboard(actor(mentor.id, [{ role: 'mentor', municipalityId: city.id, cohortId: cohort.id }]), 'en'),
  'teacher home (/)': () => home.dashboard(actor(teacher.id, [{ role: 'teacher', municipalityId: city.id, cohortId: cohort.id }]), 'en'),
};
const [{ teachers }] = await sql.query(`SELECT count(*)::int AS teachers FROM cohort_member WHERE role = 'teacher'`);
console.log(`${teachers} teachers; median of 5 runs after one warm-up:`);
for (const [name, run] of Object.entries(cases)) {
  try {
    await run();
    const times = [];
    for (let i = 0; i < 5; i++) {
      const started = process.hrtime.bigint();
      await run();
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    console.log(`  ${name}: ${times[2].toFixed(0)} ms`);
  } catch (error) {
    console.log(`  ${name}: FAILED (${error.message})`);
  }
}
const jobs = app.get(SnapshotsScheduler);
for (const [name, run] of [
  ['weekly snapshots of every running cohort (hourly job)', () => jobs.takeSnapshots(new Date())],
  ["every city's figures for the network view (15-minute job)", () => jobs.countCityFigures()],
]) {
  const started = process.hrtime.bigint();
  try {
    await run();
    console.log(`  ${name}: ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms`);
  } catch (error) {
    console.log(`  ${name}: FAILED (${error.message})`);
  }
}
await app.close();
