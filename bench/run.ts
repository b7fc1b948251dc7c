// `npm run bench`: generates (or, with --reuse, reuses) the 10k, 100k and 1M databases, times the
// dashboards on each (bench/dashboards.ts, one process per database: the app opens its database
// once per process), prints one summary table; then tablet answers over HTTP against the built app
// and a bare server (bench/load.ts), a SIGKILL in the middle of that load (bench/fault.ts), the
// JavaScript weight of the tablet and dashboard pages (bench/weight.ts) and fuzzed form bodies for
// every action (bench/fuzz.ts); and writes bench/RESULTS.md with all of it.
//
//   npx tsx bench/run.ts [--reuse] [--sizes 10000,100000,1000000] [--runs 20] [--warmup 2]
//                        [--parts dashboards,load,fault,weight,fuzz] [--fuzz-runs 1500]
//                        [--load-duration 20] [--load-connections 200]
//
// Every step is a child process with a time limit, so a run is bounded whatever happens.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { defaultBenchFile, REPO_ROOT, sizeLabel, type GenerateSummary } from './generate.ts'
import { SLOW_P95_MS, type DashboardReport, type ResultRow } from './dashboards.ts'
import type { FaultReport } from './fault.ts'
import type { FuzzReport } from './fuzz.ts'
import type { LoadReport } from './load.ts'
import { faultSection, fuzzSection, loadSection, weightSection } from './report.ts'
import type { WeightReport } from './weight.ts'

const STEP_TIMEOUT_MS = 8 * 60_000

const { values } = parseArgs({
  options: {
    reuse: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '10000,100000,1000000' },
    runs: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '2' },
    out: { type: 'string', default: path.join(REPO_ROOT, 'bench', 'RESULTS.md') },
    parts: { type: 'string', default: 'dashboards,load,fault,weight,fuzz' },
    'fuzz-runs': { type: 'string', default: '1500' },
    'load-duration': { type: 'string', default: '20' },
    'load-connections': { type: 'string', default: '200' },
  },
})
const PARTS = ['dashboards', 'load', 'fault', 'weight', 'fuzz'] as const
const parts = new Set(values.parts.split(',').map((p) => p.trim()))
for (const p of parts) if (!(PARTS as readonly string[]).includes(p)) throw new Error(`--parts: some of ${PARTS.join(', ')}, got ${p}`)
const sizes = values.sizes.split(',').map((s) => Number(s.trim()))
if (sizes.some((n) => !Number.isInteger(n) || n < 1000)) throw new Error(`--sizes: integers of at least 1000, got ${values.sizes}`)
process.chdir(REPO_ROOT)

const started = new Date()
const loadBefore = os.loadavg()
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'katapulta-bench-'))

/** Runs `node --import tsx <script> …args` from the repo root; its output goes straight to ours. */
function step(label: string, script: string, args: string[], timeoutMs = STEP_TIMEOUT_MS): { ok: boolean; seconds: number } {
  const t0 = performance.now()
  console.log(`\n── ${label}`)
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, stdio: 'inherit', timeout: timeoutMs, env: process.env })
  const seconds = (performance.now() - t0) / 1000
  if (result.error || result.status !== 0) {
    console.error(`✗ ${label} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}) after ${seconds.toFixed(1)} s`)
    return { ok: false, seconds }
  }
  return { ok: true, seconds }
}

type SizeResult = { responses: number; label: string; generation: GenerateSummary | null; report: DashboardReport | null; dashboardSeconds: number }
const results: SizeResult[] = []
let failed = false
for (const responses of parts.has('dashboards') ? sizes : []) {
  const label = sizeLabel(responses)
  const file = defaultBenchFile(responses)
  const generationJson = path.join(scratch, `generate-${label}.json`)
  const reportJson = path.join(scratch, `dashboards-${label}.json`)
  const generation = step(`generate ${label}`, 'bench/generate.ts', ['--responses', String(responses), '--out', file, '--json', generationJson, ...(values.reuse ? ['--reuse'] : [])])
  let summary: GenerateSummary | null = null
  let report: DashboardReport | null = null
  let dashboardSeconds = 0
  if (generation.ok) {
    summary = JSON.parse(fs.readFileSync(generationJson, 'utf8')) as GenerateSummary
    const dashboards = step(`dashboards ${label}`, 'bench/dashboards.ts', ['--db', file, '--runs', values.runs, '--warmup', values.warmup, '--json', reportJson])
    dashboardSeconds = dashboards.seconds
    if (dashboards.ok) report = JSON.parse(fs.readFileSync(reportJson, 'utf8')) as DashboardReport
    else failed = true
  } else failed = true
  results.push({ responses, label, generation: summary, report, dashboardSeconds })
}

// ---------------------------------------------------------------- the HTTP, crash, weight and fuzz parts

/** Runs a part's script with --json and reads what it wrote (null if it failed). */
function part<T>(name: string, script: string, args: string[], timeoutMs = STEP_TIMEOUT_MS): T | null {
  const json = path.join(scratch, `${name}.json`)
  const result = step(name, script, [...args, '--json', json], timeoutMs)
  if (!result.ok) failed = true
  return fs.existsSync(json) ? (JSON.parse(fs.readFileSync(json, 'utf8')) as T) : null
}
const load = parts.has('load') ? part<LoadReport>('load', 'bench/load.ts', ['--duration', values['load-duration'], '--connections', values['load-connections']]) : null
const fault = parts.has('fault') ? part<FaultReport>('fault', 'bench/fault.ts', []) : null
const weight = parts.has('weight') ? part<WeightReport>('weight', 'bench/weight.ts', parts.has('load') ? ['--reuse-build'] : []) : null
const fuzz = parts.has('fuzz') ? part<FuzzReport>('fuzz', 'bench/fuzz.ts', ['--runs', values['fuzz-runs']], 20 * 60_000) : null
fs.rmSync(scratch, { recursive: true, force: true })
const loadAfter = os.loadavg()

// ---------------------------------------------------------------- tables

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))
const ratio = (r: ResultRow) => (r.ratio === null ? '' : `${r.ratio.toFixed(2)}×`)

function table(headers: string[], rows: string[][], align: ('l' | 'r')[]): string[] {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ]
}

function resultTable(detail: boolean): string[] {
  const rows: string[][] = []
  for (const r of results) {
    for (const row of r.report?.rows ?? []) {
      if (row.detail !== detail) continue
      const flag = row.p95 > SLOW_P95_MS ? ' ⚠' : ''
      rows.push([r.label, row.query.replace(/\|/g, '\\|').trim(), ms(row.median), `${ms(row.p95)}${flag}`, ratio(row), (row.note ?? '').replace(/\|/g, '\\|')])
    }
  }
  return table(['size', 'query', 'median ms', 'p95 ms', 'ratio', 'note'], rows, ['l', 'l', 'r', 'r', 'r', 'l'])
}

function consoleTable(): string {
  const lines = [['size', 'query', 'median ms', 'p95 ms', 'app/raw']]
  for (const r of results) for (const row of r.report?.rows ?? []) if (!row.detail) lines.push([r.label, row.query, ms(row.median), ms(row.p95), ratio(row)])
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)))
  return lines.map((l, k) => l.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ') + (k === 0 ? `\n${widths.map((w) => '─'.repeat(w)).join('  ')}` : '')).join('\n')
}

if (parts.has('dashboards')) {
  console.log(`\n══ summary (ms; ${values.runs} runs after ${values.warmup} warm-up runs; ratio = app time / raw SQL time for the same figures)\n`)
  console.log(consoleTable())
}
if (load) console.log(`\n══ tablet answers: app ${load.app.rps.toFixed(0)} req/s (p99 ${load.app.p99} ms), bare ${load.bare.rps.toFixed(0)} req/s; app/bare ${(load.ratio * 100).toFixed(0)} %`)
if (fault) console.log(`══ SIGKILL mid-load: ${fault.acked} acknowledged, ${fault.check.missing} missing, ${fault.check.doubled} twice, integrity ${fault.check.integrity}: ${fault.ok ? 'ok' : 'FAILED'}`)
if (weight) console.log(`══ first-load JavaScript (gzip): ${weight.pages.map((p) => `${p.page} ${(p.firstLoadGzip / 1024).toFixed(1)} KB`).join(', ')}`)
if (fuzz) console.log(`══ fuzz: ${fuzz.routes.reduce((a, r) => a + r.runs, 0)} requests, ${fuzz.routes.filter((r) => r.failure).length} failing route/role pairs`)

// ---------------------------------------------------------------- RESULTS.md

const sqliteVersion = (new Database(':memory:').prepare('select sqlite_version() as v').get() as { v: string }).v
const cpus = os.cpus()
const md: string[] = []
md.push('# Benchmark results', '')
md.push('Written by `npm run bench` (`bench/run.ts`); regenerate rather than edit.', '')
md.push(
  `Parts in this run: ${[...parts].join(', ')} — the dashboards' queries (bench/dashboards.ts), tablet answers over HTTP (bench/load.ts), ` +
    'a SIGKILL under load (bench/fault.ts), page weight (bench/weight.ts) and fuzzed actions (bench/fuzz.ts). Every server runs on 127.0.0.1 only.',
  '',
)
md.push(`- date: ${started.toISOString()}`)
md.push(`- machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.platform()} ${os.release()}`)
md.push(`- Node ${process.version}, SQLite ${sqliteVersion} (better-sqlite3)`)
md.push(`- load average (1 min) at start ${loadBefore[0]!.toFixed(2)}, at end ${loadAfter[0]!.toFixed(2)}: anything above ~0.5 means other work shared the 2 cores and the figures are noisier`)
md.push(`- each query: ${values.runs} timed runs after ${values.warmup} warm-up runs, median and p95 (nearest rank) in ms; ⚠ marks p95 > ${SLOW_P95_MS} ms`)
md.push('')
if (parts.has('dashboards')) {
  md.push('## Data', '')
  md.push(
    ...table(
      ['size', 'responses', 'participants', 'sessions', 'versions', 'file MiB', 'generated in s', 'dashboards run s'],
      results.map((r) => {
        const c = r.generation?.counts ?? {}
        const n = (k: string) => (c[k] ?? 0).toLocaleString('en')
        return [
          r.label,
          n('responses'),
          n('participants'),
          n('sessions'),
          n('prototype_versions'),
          r.generation ? (r.generation.bytes / 2 ** 20).toFixed(0) : '–',
          r.generation ? `${r.generation.seconds.toFixed(1)}${r.generation.reused ? ' (reused)' : ''}` : 'failed',
          r.report ? r.dashboardSeconds.toFixed(0) : 'failed',
        ]
      }),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  )
  md.push('')
  md.push(
    'Deterministic (fixed seed): 40 interventions, 2–3 prototypes each, 1–4 versions each; one usability guide per intervention ' +
      '(4 profile questions, 3 tasks each followed by an SEQ, 10 SUS items in positive wording, CSAT, NPS, a comment); sessions of 20–30 people ' +
      'testing one version or two consecutive ones; 2 % leave early, 0.3 % were forgotten (participant_id NULL). Files in data/bench/ (git-ignored).',
    '',
  )
  md.push('## What is measured', '')
  md.push('- **a. intervention**: the dashboard of the busiest intervention, all of its versions: participants, task completion (successes/attempts), SUS per person (complete questionnaires only), mean SEQ per task, CSAT share of 4–5, NPS promoters/detractors, per version.')
  md.push('- **b. compare 4**: the same figures for 4 versions of 4 interventions spread over the portfolio.')
  md.push(
    '- **c. portfolio**: the whole portfolio page: interventions by stage and by channel, held sessions and people per month, who was heard (older adults, low digital skill), ' +
      "the channels' monthly series, and participants, task completion and SUS of every tested version (the best version per prototype).",
  )
  md.push(
    '- **raw SQL**: hand-written statements on better-sqlite3, prepared once, reading the answers themselves. **app**: the app\'s own functions on the same connection — ' +
      '`metricsByVersion` (`app/.server/metrics.ts`, the version pages and the compare page) for a and b, `getPortfolio` (`app/.server/portfolio.ts`) for c — checked to give the same figures (Checks). ' +
      'The app reads per-person figures (participants, completion, SUS) from `version_participant_totals`, running totals that triggers on `responses` keep on every write (migration 0006), ' +
      'and SEQ, CSAT and NPS from the answers over the covering index. **ratio** = app median / the median of the raw SQL that computes the same figures. ' +
      '**the app\'s SQL on raw statements**: the exact statements the app sent, replayed without the ORM, to split SQL cost from ORM/JS cost.',
  )
  md.push('')
  for (const r of results) {
    if (!r.report) continue
    md.push(
      `- ${r.label}: (a) ${r.report.intervention.code}, ${r.report.intervention.versions} versions, ${r.report.intervention.responses.toLocaleString('en')} responses; ` +
        `(b) versions ${r.report.compare.map((c) => `${c.versionId} (${c.intervention}, ${c.responses.toLocaleString('en')} responses)`).join(', ')}`,
    )
  }
  md.push('')
  md.push('## Results', '')
  md.push(...resultTable(false))
  md.push('')
  md.push('## Checks', '')
  for (const r of results) for (const line of [...(r.report?.checks ?? []), ...(r.report?.warnings ?? []).map((w) => `WARNING ${w}`)]) md.push(`- ${r.label} ${line}`)
  md.push('')
  const withExperiments = results.filter((r) => (r.report?.experiments.length ?? 0) > 0)
  md.push(`## Queries over ${SLOW_P95_MS} ms p95`, '')
  if (withExperiments.length === 0) md.push('None.', '')
  for (const r of withExperiments) {
    for (const e of r.report!.experiments) {
      md.push(`### ${r.label}: ${e.query} (p95 ${ms(e.p95)} ms)`, '')
      md.push(`Plan: \`${e.plan.join(' | ')}\``, '')
      md.push(
        ...table(
          ['alternative (indexes created in a rolled-back transaction)', 'median ms', 'p95 ms', 'same rows', 'index build ms', 'plan'],
          e.variants.map((v) => [v.label, ms(v.median), ms(v.p95), v.sameResult ? 'yes' : 'no', v.ddl ? v.buildMs.toFixed(0) : '', `\`${v.plan.join(' \\| ')}\``]),
          ['l', 'r', 'r', 'l', 'r', 'l'],
        ),
      )
      md.push('')
    }
  }
  const plans = results.find((r) => r.report?.appStatements.length)?.report?.appStatements ?? []
  if (plans.length > 0) {
    md.push("## Plans of the app's statements (a)", '')
    for (const p of plans) md.push(`- ${p.query}: \`${p.plan.join(' | ')}\``)
    md.push('')
  }
  md.push('## Every statement', '')
  md.push(...resultTable(true))
  md.push('')
}
if (load) md.push(...loadSection(load))
if (fault) md.push(...faultSection(fault))
if (weight) md.push(...weightSection(weight))
if (fuzz) md.push(...fuzzSection(fuzz))
fs.writeFileSync(values.out, md.join('\n'))
console.log(`\nwrote ${path.relative(REPO_ROOT, values.out)}; total ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s`)
if (failed) process.exit(1)
