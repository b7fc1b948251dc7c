// Times the dashboards' queries on a generated benchmark database (bench/generate.ts):
//   (a) one intervention's dashboard: per-version participants, task completion, SUS, SEQ per
//       task, CSAT share of 4–5, NPS promoters/detractors — raw SQL, better-sqlite3 statements;
//   (b) the same for a comparison of 4 versions from 4 different interventions;
//   (c) the portfolio: interventions by stage and channel, sessions and people per month, who was
//       heard, the channels' series, and participants, completion and SUS of every tested version.
// Beside each, the app's own function (metricsByVersion for a and b, getPortfolio for c) on the same
// connection, checked to give the same figures, and app/raw. 20 timed runs after 2 warm-up runs.
// The raw SQL reads the answers themselves; the app reads per-person figures from the totals the
// triggers keep (version_participant_totals), so app/raw below 1 is that table's gain.
//
//   npx tsx bench/dashboards.ts --db data/bench/bench-1m.db [--runs 20] [--warmup 2] [--json out.json]
//
// One database per process: the app's connection (app/.server/db.ts) opens DATABASE_PATH once.
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Statement } from 'better-sqlite3'
import { adjustedWald, tQuantile } from '../app/lib/scoring.ts'
import { REPO_ROOT } from './generate.ts'

export const SLOW_P95_MS = 150

export type Timing = { median: number; p95: number; runs: number }
export type ResultRow = { query: string; median: number; p95: number; ratio: number | null; detail: boolean; note?: string }
export type Experiment = {
  query: string
  p95: number
  plan: string[]
  variants: { label: string; ddl: string | null; sql: string; median: number; p95: number; plan: string[]; sameResult: boolean; buildMs: number }[]
}
export type DashboardReport = {
  file: string
  responses: number
  runs: number
  warmup: number
  intervention: { id: number; code: string; versions: number; responses: number }
  compare: { versionId: number; intervention: string; responses: number }[]
  rows: ResultRow[]
  checks: string[]
  warnings: string[]
  appStatements: { query: string; sql: string; plan: string[] }[]
  experiments: Experiment[]
}

// ---------------------------------------------------------------- timing

function summarize(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
  const mid = sorted.length / 2
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { median, p95: at(0.95), runs: sorted.length }
}

function measure(fn: () => unknown, runs: number, warmup: number): Timing {
  for (let i = 0; i < warmup; i++) fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  return summarize(times)
}

async function measureAsync(fn: () => Promise<unknown>, runs: number, warmup: number): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  return summarize(times)
}

// ---------------------------------------------------------------- the raw SQL

const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ')

/** The per-version dashboard statements for a list of `n` version ids. */
function versionSql(n: number) {
  const ids = inList(n)
  return {
    participants: `select version_id as versionId, count(distinct participant_id) as n
      from responses where version_id in (${ids}) and participant_id is not null group by version_id`,
    // Same rule as the app: a success is value_text = 'completed'.
    completion: `select version_id as versionId, sum(value_text = 'completed') as successes, count(*) as attempts
      from responses where version_id in (${ids}) and kind = 'task_outcome' group by version_id`,
    // One score per person and version, only complete questionnaires; scored per item wording.
    sus: `with sus_questions as materialized (
        select id, (json_extract(config, '$.wording') = 'positive' or json_extract(config, '$.item') % 2 = 1) as positive
        from questions where kind = 'sus'
      ),
      scores as (
        select r.version_id, sum(case when q.positive then r.value_number - 1 else 5 - r.value_number end) * 2.5 as score
        from responses r join sus_questions q on q.id = r.question_id
        where r.version_id in (${ids}) and r.kind = 'sus'
        group by r.version_id, coalesce(r.participant_id, -r.id)
        having count(*) = 10
      )
      select version_id as versionId, count(*) as n, avg(score) as mean, sum(score * score) as sumSquares
      from scores group by version_id`,
    seq: `select r.version_id as versionId, q.task_question_id as taskQuestionId, count(*) as n, avg(r.value_number) as mean
      from responses r join questions q on q.id = r.question_id
      where r.version_id in (${ids}) and r.kind = 'seq'
      group by r.version_id, q.task_question_id`,
    csat: `select version_id as versionId, sum(value_number >= 4) as satisfied, count(*) as n
      from responses where version_id in (${ids}) and kind = 'csat' group by version_id`,
    nps: `select version_id as versionId, sum(value_number >= 9) as promoters, sum(value_number <= 6) as detractors, count(*) as n
      from responses where version_id in (${ids}) and kind = 'nps' group by version_id`,
  }
}
type VersionQuery = keyof ReturnType<typeof versionSql>

// The portfolio's figures apart from the versions' (those are versionSql's participants, completion
// and sus over every tested version).
const PORTFOLIO_SQL = {
  stages: `select stage, count(*) as n from interventions where status = 'active' group by stage`,
  channels: `select c.channel, count(*) as n from intervention_channels c join interventions i on i.id = c.intervention_id
    where i.status = 'active' group by c.channel`,
  months: `select substr(s.date, 1, 7) as month, count(distinct s.id) as sessions, count(p.id) as participants
    from sessions s left join participants p on p.session_id = s.id where s.status <> 'planned' group by month order by month`,
  inclusion: `select count(*) as n, sum(age_band in ('60-69', '70+')) as older, sum(digital_skill = 'low') as lowSkill from participants`,
  channelSeries: `select metric, month, value from channel_metrics order by month`,
  tested: `select v.id as versionId from prototype_versions v where exists (select 1 from responses r where r.version_id = v.id) order by v.id`,
}
type PortfolioQuery = keyof typeof PORTFOLIO_SQL

/**
 * Alternatives tried (each inside a transaction that is rolled back) when a query is slow at this
 * size: a candidate index with the same SQL. `key` is the raw query's name.
 */
function alternatives(key: string, sql: string): { label: string; ddl: string | null; sql: string }[] {
  switch (key) {
    case 'participants':
      return [{ label: 'covering index (version_id, participant_id)', ddl: 'create index bench_responses_version_participant on responses (version_id, participant_id)', sql }]
    case 'sus':
    case 'seq':
      return [
        {
          label: 'covering index (version_id, kind, question_id, participant_id, value_number)',
          ddl: 'create index bench_responses_version_kind_question on responses (version_id, kind, question_id, participant_id, value_number)',
          sql,
        },
      ]
    default:
      return []
  }
}

// ---------------------------------------------------------------- the app's own SQL

type Captured = { sql: string; params: unknown[] }

/**
 * Runs `fn` and returns the statements it executed on `sqlite`, with their parameters, by
 * wrapping prepare() for the duration. Lets the bench time the app's SQL without the ORM.
 */
async function captureStatements(sqlite: import('better-sqlite3').Database, fn: () => Promise<unknown>): Promise<Captured[]> {
  const captured: Captured[] = []
  const original = sqlite.prepare
  const patched = function (this: typeof sqlite, source: string) {
    const st = original.call(this, source) as unknown as Record<string, (...args: unknown[]) => unknown>
    for (const method of ['all', 'get', 'run', 'iterate']) {
      const call = st[method]!
      st[method] = function (this: unknown, ...args: unknown[]) {
        captured.push({ sql: source, params: args })
        return call.apply(this, args)
      }
    }
    return st
  }
  ;(sqlite as unknown as { prepare: unknown }).prepare = patched
  try {
    await fn()
  } finally {
    ;(sqlite as unknown as { prepare: unknown }).prepare = original
  }
  return captured
}

/** A captured statement's name: the figure it computes, or "other". */
function appQueryName(sql: string): string {
  if (sql.includes('task_attempts')) return 'completion'
  if (sql.includes('sus_items')) return 'sus'
  const kind = /kind\s*=\s*'([a-z_]+)'/.exec(sql)?.[1]
  if (kind) return kind
  return sql.includes('version_participant_totals') ? 'participants' : 'other'
}

// ---------------------------------------------------------------- the run

type Row = Record<string, number | string | null>
type Headline = {
  versionId: number
  participants: number
  completion: { successes: number; attempts: number; rate: number; low: number; high: number } | null
  sus: { mean: number; low: number; high: number; n: number } | null
}

/** What the bench reads from the app's metricsByVersion() rows: loosely typed, the module may evolve. */
type AppRow = {
  versionId: number
  participants: number
  completion: { successes: number; attempts: number } | null
  sus: { mean: number; low: number; high: number; n: number } | null
  seq?: { taskQuestionId: number; mean: number; n: number }[]
  csat?: { value: number; n: number } | null
  nps?: { promoters: number; detractors: number; n: number } | null
}

export async function runDashboards(options: { file: string; runs?: number; warmup?: number; experiments?: boolean; log?: (line: string) => void }): Promise<DashboardReport> {
  const runs = options.runs ?? 20
  const warmup = options.warmup ?? 2
  const log = options.log ?? ((line: string) => console.log(line))
  const file = path.resolve(options.file)
  if (!fs.existsSync(file)) throw new Error(`no benchmark database at ${file}: run bench/generate.ts first`)

  // The app's connection: DATABASE_PATH must be set before its module is first imported.
  process.env.DATABASE_PATH = file
  const { db } = await import('../app/.server/db.ts')
  const metrics = await import('../app/.server/metrics.ts')
  // The function the version pages and the compare page use for their figures.
  const metricsByVersion = metrics.metricsByVersion as unknown as (ids: number[]) => Promise<AppRow[]>
  const { getPortfolio } = await import('../app/.server/portfolio.ts')
  // Raw statements run on the very same connection (same pragmas, same page cache).
  const sqlite = db.$client

  const all = (sql: string, params: unknown[] = []) => sqlite.prepare(sql).all(...params) as Row[]
  const planOf = (sql: string, params: unknown[]) =>
    (sqlite.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail)
  const responses = Number(all('select count(*) as n from responses')[0]!.n)

  // ---- which versions the dashboards look at (not timed)
  const versionRows = all(`select v.id as versionId, p.intervention_id as interventionId, i.code as code,
      (select count(*) from responses r where r.version_id = v.id) as responses
    from prototype_versions v join prototypes p on p.id = v.prototype_id join interventions i on i.id = p.intervention_id
    order by v.id`)
  const byIntervention = new Map<number, Row[]>()
  for (const r of versionRows) byIntervention.set(Number(r.interventionId), [...(byIntervention.get(Number(r.interventionId)) ?? []), r])
  const totals = [...byIntervention.entries()].map(([id, rows]) => ({ id, code: String(rows[0]!.code), rows, responses: rows.reduce((a, r) => a + Number(r.responses), 0) }))
  // (a) the busiest intervention: the dashboard with the most data, all of its versions.
  const busiest = [...totals].sort((a, b) => b.responses - a.responses || a.id - b.id)[0]!
  const dashboardIds = busiest.rows.map((r) => Number(r.versionId))
  // (b) 4 interventions spread over the portfolio (by id), the most-answered version of each.
  const withData = totals.filter((t) => t.responses > 0).sort((a, b) => a.id - b.id)
  if (withData.length < 4) throw new Error('fewer than 4 interventions have responses: generate a larger database')
  const compareRows = [0, 1, 2, 3].map((k) => {
    const t = withData[Math.floor((k * withData.length) / 4)]!
    const top = [...t.rows].sort((a, b) => Number(b.responses) - Number(a.responses) || Number(a.versionId) - Number(b.versionId))[0]!
    return { versionId: Number(top.versionId), intervention: t.code, responses: Number(top.responses) }
  })
  const compareIds = compareRows.map((r) => r.versionId)
  log(
    `${path.relative(REPO_ROOT, file)}: ${responses.toLocaleString('en')} responses; (a) ${busiest.code}, ${dashboardIds.length} versions, ` +
      `${busiest.responses.toLocaleString('en')} responses; (b) versions ${compareRows.map((r) => `${r.versionId} (${r.intervention}, ${r.responses.toLocaleString('en')})`).join(', ')}`,
  )

  // ---- prepared statements
  const prepareFor = (ids: number[]) => {
    const sql = versionSql(ids.length)
    return Object.fromEntries(Object.entries(sql).map(([k, s]) => [k, sqlite.prepare(s)])) as Record<VersionQuery, Statement>
  }
  const portfolio = Object.fromEntries(Object.entries(PORTFOLIO_SQL).map(([k, s]) => [k, sqlite.prepare(s)])) as Record<PortfolioQuery, Statement>

  const rawHeadline = (st: Record<VersionQuery, Statement>, ids: number[]): Headline[] => {
    const participants = st.participants.all(...ids) as { versionId: number; n: number }[]
    const completion = st.completion.all(...ids) as { versionId: number; successes: number; attempts: number }[]
    const sus = st.sus.all(...ids) as { versionId: number; n: number; mean: number; sumSquares: number }[]
    const people = new Map(participants.map((r) => [r.versionId, r.n]))
    const tasks = new Map(completion.map((r) => [r.versionId, r]))
    const scores = new Map(sus.map((r) => [r.versionId, r]))
    return ids.map((versionId) => {
      const c = tasks.get(versionId)
      const s = scores.get(versionId)
      let susInterval: Headline['sus'] = null
      if (s && s.n > 0) {
        if (s.n === 1) susInterval = { mean: s.mean, low: -Infinity, high: Infinity, n: 1 }
        else {
          const variance = Math.max(0, (s.sumSquares - s.n * s.mean * s.mean) / (s.n - 1))
          const margin = (tQuantile(0.975, s.n - 1) * Math.sqrt(variance)) / Math.sqrt(s.n)
          susInterval = { mean: s.mean, low: s.mean - margin, high: s.mean + margin, n: s.n }
        }
      }
      return {
        versionId,
        participants: people.get(versionId) ?? 0,
        completion: c && c.attempts > 0 ? { successes: c.successes, attempts: c.attempts, ...adjustedWald(c.successes, c.attempts) } : null,
        sus: susInterval,
      }
    })
  }
  // (c) the versions the portfolio compares: every version with answers (fixed during the run).
  const testedIds = (portfolio.tested.all() as { versionId: number }[]).map((r) => r.versionId)
  const testedStatements = prepareFor(testedIds)
  const rawPortfolio = () => {
    const figures = Object.fromEntries((Object.keys(PORTFOLIO_SQL) as PortfolioQuery[]).map((k) => [k, portfolio[k].all()])) as Record<PortfolioQuery, Row[]>
    return { ...figures, versions: rawHeadline(testedStatements, testedIds) }
  }
  const rawDashboard = (st: Record<VersionQuery, Statement>, ids: number[]) => ({
    headline: rawHeadline(st, ids),
    seq: st.seq.all(...ids) as { versionId: number; taskQuestionId: number; n: number; mean: number }[],
    csat: st.csat.all(...ids) as { versionId: number; satisfied: number; n: number }[],
    nps: st.nps.all(...ids) as { versionId: number; promoters: number; detractors: number; n: number }[],
  })

  // ---- correctness before speed: the figures are plausible (fatal), raw and app agree (reported)
  const checks: string[] = []
  const warnings: string[] = []
  const problems: string[] = []
  const near = (a: number | undefined, b: number | undefined, tolerance: number) =>
    a === b || (a !== undefined && b !== undefined && Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b)))
  for (const [label, ids] of [['a', dashboardIds], ['b', compareIds], ['c', testedIds]] as const) {
    const st = prepareFor(ids)
    const raw = rawDashboard(st, ids)
    const app = await metricsByVersion(ids)
    const before = warnings.length
    for (const r of raw.headline) {
      const a = app.find((x) => x.versionId === r.versionId)
      const differences: string[] = []
      if (!a) differences.push('missing from the app')
      else {
        if (a.participants !== r.participants) differences.push(`participants ${a.participants} vs ${r.participants}`)
        if ((a.completion?.successes ?? null) !== (r.completion?.successes ?? null) || (a.completion?.attempts ?? null) !== (r.completion?.attempts ?? null))
          differences.push(`completion ${a.completion?.successes}/${a.completion?.attempts} vs ${r.completion?.successes}/${r.completion?.attempts}`)
        if ((a.sus?.n ?? null) !== (r.sus?.n ?? null) || !near(a.sus?.mean, r.sus?.mean, 1e-9) || !near(a.sus?.low, r.sus?.low, 1e-6) || !near(a.sus?.high, r.sus?.high, 1e-6))
          differences.push(`SUS ${JSON.stringify(a.sus)} vs ${JSON.stringify(r.sus)}`)
        // The app's dashboard figures, when its rows carry them.
        const c = raw.csat.find((x) => x.versionId === r.versionId)
        if (a.csat !== undefined && (a.csat?.n ?? 0) !== (c?.n ?? 0)) differences.push(`CSAT n ${a.csat?.n} vs ${c?.n}`)
        if (a.csat && c && !near(a.csat.value, (c.satisfied / c.n) * 100, 1e-9)) differences.push(`CSAT ${a.csat.value} vs ${(c.satisfied / c.n) * 100}`)
        const n = raw.nps.find((x) => x.versionId === r.versionId)
        if (a.nps !== undefined && ((a.nps?.promoters ?? 0) !== (n?.promoters ?? 0) || (a.nps?.detractors ?? 0) !== (n?.detractors ?? 0) || (a.nps?.n ?? 0) !== (n?.n ?? 0)))
          differences.push(`NPS ${JSON.stringify(a.nps)} vs ${JSON.stringify(n)}`)
        if (a.seq !== undefined) {
          for (const q of raw.seq.filter((x) => x.versionId === r.versionId)) {
            const m = a.seq.find((x) => x.taskQuestionId === q.taskQuestionId)
            if (!m || m.n !== q.n || !near(m.mean, q.mean, 1e-9)) differences.push(`SEQ task ${q.taskQuestionId} ${JSON.stringify(m)} vs n ${q.n} mean ${q.mean}`)
          }
        }
      }
      if (differences.length > 0) warnings.push(`(${label}) version ${r.versionId}: app vs raw differ: ${differences.join('; ')}`)
      if (r.completion && !(r.completion.rate >= 0 && r.completion.rate <= 1)) problems.push(`(${label}) completion rate out of 0–1: ${r.completion.rate}`)
      if (r.sus && !(r.sus.mean >= 0 && r.sus.mean <= 100)) problems.push(`(${label}) SUS out of 0–100: ${r.sus.mean}`)
    }
    for (const q of raw.seq) if (!(q.mean >= 1 && q.mean <= 7)) problems.push(`(${label}) SEQ mean out of 1–7: ${q.mean}`)
    for (const c of raw.csat) if (!(c.satisfied >= 0 && c.satisfied <= c.n)) problems.push(`(${label}) CSAT share out of 0–1`)
    for (const n of raw.nps) if (!(n.promoters + n.detractors <= n.n)) problems.push(`(${label}) NPS counts inconsistent`)

    const scored = raw.headline.filter((h) => h.completion && h.sus)
    const range = (xs: number[], d = 2) => (xs.length === 0 ? '–' : `${Math.min(...xs).toFixed(d)} to ${Math.max(...xs).toFixed(d)}`)
    checks.push(
      `(${label}) ${ids.length} versions; app = raw: ${warnings.length === before ? 'yes' : 'NO'}; participants ${range(raw.headline.map((h) => h.participants), 0)}; ` +
        `completion rate ${range(scored.map((h) => h.completion!.rate))}; SUS ${range(scored.map((h) => h.sus!.mean), 1)}; ` +
        `SEQ ${range(raw.seq.map((q) => q.mean))}; CSAT share 4–5 ${range(raw.csat.map((c) => c.satisfied / c.n))}; ` +
        `NPS ${range(raw.nps.map((n) => ((n.promoters - n.detractors) / n.n) * 100), 0)}`,
    )
  }
  // (c) the rest of the portfolio page: the app's figures against the raw statements'.
  {
    const app = await getPortfolio(null)
    const raw = rawPortfolio()
    const before = warnings.length
    const same = (what: string, a: unknown, b: unknown) => {
      if (JSON.stringify(a) !== JSON.stringify(b)) warnings.push(`(c) ${what}: app ${JSON.stringify(a).slice(0, 200)} vs raw ${JSON.stringify(b).slice(0, 200)}`)
    }
    const byKey = (rows: Row[], key: string) => [...rows].sort((x, y) => String(x[key]).localeCompare(String(y[key])))
    same('interventions by stage', byKey(app.byStage, 'stage'), byKey(raw.stages, 'stage'))
    same('interventions by channel', byKey(app.byChannel, 'channel'), byKey(raw.channels, 'channel'))
    same('sessions and people per month', app.perMonth, raw.months)
    same('people heard', [app.inclusion.n, app.inclusion.older, app.inclusion.lowSkill], [raw.inclusion[0]!.n, raw.inclusion[0]!.older, raw.inclusion[0]!.lowSkill])
    same('channel series months', app.channelByMonth.length, new Set(raw.channelSeries.map((r) => r.month)).size)
    const rawPeople = raw.versions.reduce((a, v) => a + v.participants, 0)
    same('participants over all prototypes', app.prototypes.reduce((a, p) => a + p.participants, 0), rawPeople)
    const sessions = raw.months.reduce((a, r) => a + Number(r.sessions), 0)
    checks.push(
      `(c) app = raw: ${warnings.length === before ? 'yes' : 'NO'}; ${testedIds.length} tested versions of ${app.prototypes.length} prototypes, ` +
        `${rawPeople.toLocaleString('en')} people over them; ${raw.months.length} months with ${sessions.toLocaleString('en')} held sessions`,
    )
  }
  for (const line of checks) log(`  check ${line}`)
  for (const line of warnings) log(`  WARNING ${line}`)
  if (problems.length > 0) throw new Error(`benchmark figures are wrong:\n${problems.join('\n')}`)

  // ---- timings
  const rows: ResultRow[] = []
  const slow: { key: string; label: string; p95: number; sql: string; params: unknown[] }[] = []
  const appStatementsReport: DashboardReport['appStatements'] = []
  const record = (query: string, t: Timing, options: { ratio?: number; detail?: boolean; note?: string } = {}) => {
    rows.push({ query, median: t.median, p95: t.p95, ratio: options.ratio ?? null, detail: options.detail ?? false, note: options.note })
    log(
      `  ${query.padEnd(46)} median ${t.median.toFixed(2).padStart(8)} ms   p95 ${t.p95.toFixed(2).padStart(8)} ms` +
        `${options.ratio === undefined ? '' : `   app/raw ${options.ratio.toFixed(2)}×`}${options.note ? `   (${options.note})` : ''}`,
    )
  }

  for (const [label, name, ids] of [
    ['a', 'intervention', dashboardIds],
    ['b', 'compare 4', compareIds],
  ] as const) {
    const st = prepareFor(ids)
    const dashboard = measure(() => rawDashboard(st, ids), runs, warmup)
    record(`${label}. ${name}: raw SQL, all 6 aggregates`, dashboard)
    const headline = measure(() => rawHeadline(st, ids), runs, warmup)
    record(`${label}. ${name}: raw SQL, headline 3`, headline, { detail: true })
    // What the app sends, with its parameters: compare like with like (all 6 aggregates, or the 3 headline ones).
    const captured = await captureStatements(sqlite, () => metricsByVersion(ids))
    const appRunsAll = new Set(captured.map((c) => appQueryName(c.sql))).size >= 6
    const comparator = appRunsAll ? dashboard : headline
    const comparatorNote = `vs raw ${appRunsAll ? 'all 6' : 'headline 3'}`
    const app = await measureAsync(() => metricsByVersion(ids), runs, warmup)
    record(`${label}. ${name}: app metricsByVersion()`, app, { ratio: app.median / comparator.median, note: `${captured.length} statements, ${comparatorNote}` })
    const appStatements = captured.map((c) => ({ ...c, name: appQueryName(c.sql), st: sqlite.prepare(c.sql) }))
    const appSql = measure(() => appStatements.map((c) => c.st.all(...c.params)), runs, warmup)
    record(`${label}. ${name}: the app's SQL on raw statements`, appSql, { ratio: appSql.median / comparator.median, note: comparatorNote })
    for (const c of appStatements) {
      const t = measure(() => c.st.all(...c.params), runs, warmup)
      record(`${label}.   app SQL: ${c.name}`, t, { detail: true })
      if (label === 'a') appStatementsReport.push({ query: c.name, sql: c.sql.replace(/\s+/g, ' ').trim(), plan: planOf(c.sql, c.params) })
      if (t.p95 > SLOW_P95_MS) slow.push({ key: `app:${c.name}`, label: `${label}. app SQL ${c.name}`, p95: t.p95, sql: c.sql, params: c.params })
    }
    for (const key of Object.keys(st) as VersionQuery[]) {
      const t = measure(() => st[key].all(...ids), runs, warmup)
      record(`${label}.   raw SQL: ${key}`, t, { detail: true })
      if (t.p95 > SLOW_P95_MS) slow.push({ key, label: `${label}. raw ${key}`, p95: t.p95, sql: versionSql(ids.length)[key], params: ids })
    }
  }

  const rawPortfolioTime = measure(rawPortfolio, runs, warmup)
  record('c. portfolio: raw SQL, all figures', rawPortfolioTime, { note: `${testedIds.length} tested versions` })
  const appPortfolioTime = await measureAsync(() => getPortfolio(null), runs, warmup)
  const captured = await captureStatements(sqlite, () => getPortfolio(null))
  record('c. portfolio: app getPortfolio(null)', appPortfolioTime, { ratio: appPortfolioTime.median / rawPortfolioTime.median, note: `${captured.length} statements` })
  for (const key of ['participants', 'completion', 'sus'] as const) {
    const t = measure(() => testedStatements[key].all(...testedIds), runs, warmup)
    record(`c.   raw SQL: ${key} of every tested version`, t, { detail: true })
    if (t.p95 > SLOW_P95_MS) slow.push({ key, label: `c. raw ${key} of every tested version`, p95: t.p95, sql: versionSql(testedIds.length)[key], params: testedIds })
  }
  for (const key of Object.keys(PORTFOLIO_SQL) as PortfolioQuery[]) record(`c.   raw SQL: ${key}`, measure(() => portfolio[key].all(), runs, warmup), { detail: true })
  // The app's statements one by one, to see which of them costs the time.
  captured.forEach((c, i) => {
    const name = appQueryName(c.sql)
    const st = sqlite.prepare(c.sql)
    const label = name === 'other' ? `#${i + 1} ${c.sql.replace(/\s+/g, ' ').trim().slice(0, 48)}` : `metrics ${name}`
    record(`c.   getPortfolio SQL: ${label}`, measure(() => st.all(...c.params), runs, warmup), { detail: true })
  })

  // ---- slow queries: the plan, and what an index (rolled back afterwards) or a rewrite would give
  const experiments: Experiment[] = []
  if (options.experiments !== false) {
    for (const s of slow) {
      const plan = planOf(s.sql, s.params)
      log(`  slow: ${s.label} p95 ${s.p95.toFixed(1)} ms; plan: ${plan.join(' | ')}`)
      const expected = JSON.stringify(sqlite.prepare(s.sql).all(...s.params))
      const variants: Experiment['variants'] = []
      for (const alt of alternatives(s.key, s.sql)) {
        sqlite.exec('begin')
        try {
          const t0 = performance.now()
          if (alt.ddl) {
            sqlite.exec(alt.ddl)
            sqlite.exec(`analyze ${alt.ddl.split(' ')[2]}`)
          }
          const buildMs = performance.now() - t0
          const st = sqlite.prepare(alt.sql)
          const t1 = performance.now()
          const sameResult = JSON.stringify(st.all(...s.params)) === expected
          const once = performance.now() - t1
          const t = measure(() => st.all(...s.params), once > 200 ? 5 : runs, once > 200 ? 1 : warmup)
          const altPlan = planOf(alt.sql, s.params)
          variants.push({ label: alt.label, ddl: alt.ddl, sql: alt.sql, median: t.median, p95: t.p95, plan: altPlan, sameResult, buildMs })
          log(
            `    ${alt.label}: median ${t.median.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms${alt.ddl ? `, built in ${buildMs.toFixed(0)} ms` : ''}, ` +
              `same result: ${sameResult ? 'yes' : 'no'}; plan: ${altPlan.join(' | ')}`,
          )
        } finally {
          sqlite.exec('rollback') // the benchmark database keeps the app's schema
        }
      }
      experiments.push({ query: s.label, p95: s.p95, plan, variants })
    }
  }

  return {
    file,
    responses,
    runs,
    warmup,
    intervention: { id: busiest.id, code: busiest.code, versions: dashboardIds.length, responses: busiest.responses },
    compare: compareRows,
    rows,
    checks,
    warnings,
    appStatements: appStatementsReport,
    experiments,
  }
}

// ---------------------------------------------------------------- command line

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(REPO_ROOT, 'bench', 'dashboards.ts')) {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      runs: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '2' },
      json: { type: 'string' },
      'no-experiments': { type: 'boolean', default: false },
    },
  })
  if (!values.db) {
    console.error('usage: npx tsx bench/dashboards.ts --db data/bench/bench-100k.db [--runs 20] [--warmup 2] [--json out.json]')
    process.exit(2)
  }
  const file = path.resolve(values.db)
  process.chdir(REPO_ROOT) // openDatabase finds db/migrations from the working directory
  const report = await runDashboards({ file, runs: Number(values.runs), warmup: Number(values.warmup), experiments: !values['no-experiments'] })
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(report, null, 2))
  const { db } = await import('../app/.server/db.ts')
  db.$client.close() // checkpoints and removes the -wal file
}
