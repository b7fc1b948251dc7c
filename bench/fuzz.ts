// Fuzzes every action of app/routes.ts with fast-check form bodies (bench/fuzz-core.ts), as the
// demo facilitator and as the demo admin, and checks that none answers 5xx, throws, logs an error,
// or changes the database when it rejects the request (4xx).
//
//   npx tsx bench/fuzz.ts [--runs 1500] [--seed 20261204] [--only routes/sign-in.tsx,…] [--json out.json]
//
// --runs is per route and role. Each route runs in its own process (two at a time) on its own copy
// of a demo database in a temporary folder (DATABASE_PATH is set before any app module loads, as
// tests/setup/setup.ts does), so what one route's fuzzing does (archiving, deleting, closing
// sessions) never changes another's starting point.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { isMain, REPO_ROOT } from './lib.ts'
import type { RouteStats } from './fuzz-core.ts'

export type FuzzReport = { runs: number; seed: number; seconds: number; routes: RouteStats[]; errors: string[] }

const ROLES = { facilitator: 'facilitadora@katapulta.pe', admin: 'admin@katapulta.pe' } as const
const WORKERS = 2
const WORKER_TIMEOUT_MS = 8 * 60_000

/** Route files (relative to app/) of app/routes.ts whose module exports an action. */
async function actionRoutes(): Promise<{ path: string; file: string }[]> {
  const { flattenRoutes } = await import('./fuzz-core.ts')
  const { default: routes } = await import('../app/routes.ts')
  return flattenRoutes(routes as never).filter((r) => /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(fs.readFileSync(path.join(REPO_ROOT, 'app', r.file), 'utf8')))
}

// ---------------------------------------------------------------- worker: one route, both roles

async function worker(file: string, database: string, runs: number, seed: number, out: string, raw: boolean) {
  process.env.APP_ENV = 'test'
  process.env.DATABASE_PATH = database
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'katapulta-fuzz-files-'))
  const { Fingerprint, discoverPools, flattenRoutes, fuzzRoute } = await import('./fuzz-core.ts')
  const { staffSessions } = await import('./fuzz-session.ts')
  const { db } = await import('../app/.server/db.ts')
  const { signIn } = await import('../app/.server/auth.ts')
  const { DEMO_PASSWORD } = await import('../app/.server/passwords.ts')
  const domain = await import('../app/lib/domain.ts')
  const { default: routes } = await import('../app/routes.ts')
  const route = flattenRoutes(routes as never).find((r) => r.file === file)
  if (!route) throw new Error(`${file} is not in app/routes.ts`)
  const module = (await import(`../app/${file}`)) as { action?: (args: never) => unknown }
  if (!module.action) throw new Error(`${file} has no action`)

  const sqlite = db.$client
  const params = demoParams(sqlite)
  const ids = demoIds(sqlite)
  const pools = discoverPools(REPO_ROOT, file, domain)
  const sessions = await staffSessions(sqlite, signIn, Object.fromEntries(Object.entries(ROLES).map(([role, email]) => [role, { email, password: DEMO_PASSWORD }])))
  const fingerprint = new Fingerprint(sqlite)
  const results: RouteStats[] = []
  for (const [k, role] of Object.keys(ROLES).entries()) {
    const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
    const routeParams = Object.fromEntries(names.map((n) => [n, paramFor(route.path, n, params)]))
    const stats = await fuzzRoute({ route, action: module.action, params: routeParams, pools, ids }, role, () => sessions.cookie(role), fingerprint, { numRuns: runs, seed: seed + k, raw })
    results.push(stats)
  }
  const integrity = sqlite.prepare('pragma integrity_check').pluck().get()
  fs.writeFileSync(out, JSON.stringify({ results, integrity, repairs: sessions.repairs }))
  fs.rmSync(process.env.DATA_DIR, { recursive: true, force: true })
}

type DemoParams = { code: string; prototypeId: string; number: string; sessionId: string; insightId: string; artifactId: string }

/** Real ids of the demo data for the URL params: an active intervention with a prototype and versions, an open session. */
function demoParams(sqlite: import('better-sqlite3').Database): DemoParams {
  const version = sqlite
    .prepare(
      `select i.id interventionId, i.code, p.id prototypeId, max(v.number) number from interventions i
       join prototypes p on p.intervention_id = i.id join prototype_versions v on v.prototype_id = p.id
       where i.status = 'active' group by p.id order by i.id, p.id limit 1`,
    )
    .get() as { interventionId: number; code: string; prototypeId: number; number: number }
  const session = sqlite.prepare("select id from sessions order by status = 'planned' desc, status = 'running' desc, id limit 1").pluck().get() as number
  const insight = (sqlite.prepare('select id from insights where intervention_id = ? order by id limit 1').pluck().get(version.interventionId) as number | undefined) ?? 1
  const artifact = (sqlite.prepare('select id from artifacts order by id limit 1').pluck().get() as number | undefined) ?? 1
  return { code: version.code, prototypeId: String(version.prototypeId), number: String(version.number), sessionId: String(session), insightId: String(insight), artifactId: String(artifact) }
}

function paramFor(pattern: string, name: string, p: DemoParams): string {
  if (name === 'code') return p.code
  if (name === 'prototypeId') return p.prototypeId
  if (name === 'number') return p.number
  if (name === 'artifactId') return p.artifactId
  if (name === 'id') return pattern.includes('hallazgos') ? p.insightId : p.sessionId
  return '1'
}

/** A pool of ids that exist in the demo data (users, participants, versions, questions, …). */
function demoIds(sqlite: import('better-sqlite3').Database): string[] {
  const ids = new Set<string>(['1', '2', '3', '4', '5'])
  const tables = ['users', 'participants', 'prototype_versions', 'questions', 'insights', 'clusters', 'board_cards', 'observations', 'artifacts', 'instrument_versions', 'sessions', 'interventions', 'tablet_devices']
  for (const t of tables) {
    try {
      for (const id of sqlite.prepare(`select id from "${t}" order by id desc limit 4`).pluck().all() as number[]) ids.add(String(id))
    } catch {
      // a table the schema no longer has
    }
  }
  return [...ids]
}

// ---------------------------------------------------------------- parent: every route

export async function runFuzz(options: { runs: number; seed: number; only?: string[]; raw?: boolean }): Promise<FuzzReport> {
  process.chdir(REPO_ROOT)
  const started = performance.now()
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'katapulta-fuzz-'))
  const template = path.join(scratch, 'template.db')
  // The demo data, loaded the way `npm start` does it, in a process of its own.
  await runChild(['--import', 'tsx', '--input-type=module', '-e', `const { loadDemoData } = await import(${JSON.stringify(path.join(REPO_ROOT, 'db', 'seed.ts'))}); await loadDemoData(${JSON.stringify(template)})`], { ...process.env, APP_ENV: 'test' }, 120_000)
  const targets = (await actionRoutes()).filter((r) => !options.only || options.only.includes(r.file))
  const routes: RouteStats[] = []
  const errors: string[] = []
  const queue = [...targets]
  const work = async () => {
    for (let t = queue.shift(); t; t = queue.shift()) {
      const slug = t.file.replace(/[^\w]+/g, '-')
      const database = path.join(scratch, `${slug}.db`)
      fs.copyFileSync(template, database)
      const out = path.join(scratch, `${slug}.json`)
      const t0 = performance.now()
      try {
        await runChild(['--import', 'tsx', path.join(REPO_ROOT, 'bench', 'fuzz.ts'), '--worker', t.file, '--db', database, '--runs', String(options.runs), '--seed', String(options.seed), '--out', out, ...(options.raw === false ? ['--no-raw'] : [])], process.env, WORKER_TIMEOUT_MS)
        const result = JSON.parse(fs.readFileSync(out, 'utf8')) as { results: RouteStats[]; integrity: string; repairs: Record<string, number> }
        routes.push(...result.results)
        if (result.integrity !== 'ok') errors.push(`${t.file}: integrity_check ${result.integrity}`)
        const line = result.results.map((r) => `${r.role} ${Object.entries(r.statuses).map(([k, n]) => `${k} ${n}`).join(' ')}${r.failure ? ` ✗ ${r.failure.kind}` : ''}`).join('; ')
        console.log(`${t.path.padEnd(62)} ${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s  ${line}`)
      } catch (error) {
        errors.push(`${t.file}: ${(error as Error).message}`)
        console.log(`${t.path.padEnd(62)} worker failed: ${(error as Error).message.slice(0, 300)}`)
      }
    }
  }
  await Promise.all(Array.from({ length: WORKERS }, work))
  fs.rmSync(scratch, { recursive: true, force: true })
  routes.sort((a, b) => a.route.localeCompare(b.route) || a.role.localeCompare(b.role))
  return { runs: options.runs, seed: options.seed, seconds: (performance.now() - started) / 1000, routes, errors }
}

function runChild(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-20_000)))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve()
      else {
        const lines = stderr.trim().split('\n')
        const first = lines.find((l) => /error/i.test(l)) ?? ''
        reject(new Error(`exit ${code ?? signal}${signal === 'SIGKILL' ? ` (time limit ${timeoutMs / 1000} s)` : ''}: ${[first, ...lines.slice(-4)].join(' | ')}`))
      }
    })
  })
}

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '1500' },
      seed: { type: 'string', default: '20261204' },
      only: { type: 'string' },
      json: { type: 'string' },
      worker: { type: 'string' },
      db: { type: 'string' },
      out: { type: 'string' },
      'no-raw': { type: 'boolean', default: false },
    },
  })
  const runs = Number(values.runs)
  const seed = Number(values.seed)
  if (values.worker) return worker(values.worker, values.db!, runs, seed, values.out!, !values['no-raw'])
  const report = await runFuzz({ runs, seed, only: values.only?.split(','), raw: !values['no-raw'] })
  const total = report.routes.reduce((a, r) => a + r.runs, 0)
  const failures = report.routes.filter((r) => r.failure)
  console.log(`\n${total} requests to ${new Set(report.routes.map((r) => r.file)).size} actions in ${report.seconds.toFixed(0)} s; ${failures.length} failing route/role pairs`)
  for (const r of failures) console.log(`✗ ${r.route} as ${r.role}: ${r.failure!.kind} — ${r.failure!.detail}\n    minimal counterexample: ${r.failure!.counterexample}`)
  for (const e of report.errors) console.log(`✗ ${e}`)
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(report, null, 2))
  if (failures.length > 0 || report.errors.length > 0) process.exit(1)
}

if (isMain(import.meta.url)) {
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
