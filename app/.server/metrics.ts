// Every dashboard figure of a prototype version, defined once. Per-person figures (participants,
// task completion, SUS) read the running totals that triggers keep per person and version
// (version_participant_totals); per-answer figures (SEQ, CSAT, NPS) sum the answers over the covering
// index on responses. Intervals and tests come from app/lib/scoring.ts.
import { sql, type SQL } from 'drizzle-orm'
import { adjustedWald, sdFromSums, summaryInterval, susGradeForInterval, type MeanSummary } from '#app/lib/scoring.ts'
import { SEGMENT_KEYS, type SegmentKey } from '#app/lib/segments.ts'
import { db } from './db.ts'

export const MIN_CELL = 5

export type Interval = { mean: number; low: number; high: number; n: number }

export type Metrics = {
  participants: number
  completion: { successes: number; attempts: number; rate: number; low: number; high: number } | null
  sus: (Interval & { sd: number; grade: string | null }) | null
  seq: { taskQuestionId: number; mean: number; low: number; high: number; n: number }[]
  csat: { value: number; n: number } | null
  nps: { value: number; n: number; promoters: number; detractors: number } | null
}

export type MetricsRow = Metrics & { versionId: number; segment: string | null }

// The segment a person (`person`: their participant id) counts in; `p` is their participants row.
// "Who answered" is how the person answered their first question.
function segmentExpression(key: SegmentKey | null, person: SQL): SQL {
  switch (key) {
    case null:
      return sql`null`
    case 'age_band':
      return sql`p.age_band`
    case 'digital_skill':
      return sql`p.digital_skill`
    case 'region':
      return sql`p.region`
    case 'channel':
      return sql`p.preferred_channel`
    case 'answered_by':
      return sql`(select w.answered_by from responses w where w.participant_id = ${person} and w.kind <> 'task_outcome' order by w.id limit 1)`
  }
}

const idList = (ids: number[]) => sql.raw(ids.map((id) => String(Math.trunc(id))).join(', '))

type Key = string
const keyOf = (versionId: number, segment: string | null): Key => `${versionId}\u0000${segment ?? ''}`

function summary(n: number, sum: number, sumSq: number): MeanSummary {
  return { n, mean: sum / n, sd: sdFromSums(n, sum, sumSq) }
}

/**
 * Metrics per version (and per segment value when `segment` is given). A segment cell with fewer
 * than 5 people is dropped here, on the server, so it never reaches a page or a CSV.
 */
export type Figure = 'participants' | 'completion' | 'sus' | 'seq' | 'csat' | 'nps'
const ALL_FIGURES: Figure[] = ['participants', 'completion', 'sus', 'seq', 'csat', 'nps']

export async function versionMetrics(versionIds: number[], segment: SegmentKey | null = null, figures: Figure[] = ALL_FIGURES): Promise<MetricsRow[]> {
  if (versionIds.length === 0) return []
  // Only the figures a page shows are computed (the portfolio needs three of the six).
  const want = async <T,>(figure: Figure, query: () => T[] | Promise<T[]>): Promise<T[]> => (figures.includes(figure) ? query() : [])
  if (segment !== null && !SEGMENT_KEYS.includes(segment)) throw new Error(`unknown segment ${segment}`)
  const ids = idList(versionIds)
  // The participants join only when splitting by a participant's segment: without it the covering
  // index on responses (and the primary key of the per-person totals) answers on its own.
  const byPerson = segment !== null && segment !== 'answered_by'
  // Figures per answer (SEQ, CSAT, NPS) read the answers; figures per person read each person's
  // running totals (version_participant_totals, kept by triggers), not every answer again.
  const seg = segmentExpression(segment, sql`r.participant_id`)
  const from = byPerson ? sql`from responses r left join participants p on p.id = r.participant_id` : sql`from responses r`
  const personSeg = segmentExpression(segment, sql`t.participant_id`)
  const fromTotals = byPerson ? sql`from version_participant_totals t left join participants p on p.id = t.participant_id` : sql`from version_participant_totals t`

  const [people, completion, sus, seq, faces, nps] = await Promise.all([
    // People who answered anything about the version (participant 0 gathers the unknown ones).
    want('participants', () =>
      db.all<{ v: number; s: string | null; n: number }>(
        sql`select t.version_id v, ${personSeg} s, count(*) n ${fromTotals} where t.version_id in (${ids}) and t.participant_id <> 0 group by 1, 2`,
      ),
    ),
    // Task outcomes: a success is the outcome "completed" (value_number 1, see recordTaskOutcome).
    want('completion', () =>
      db.all<{ v: number; s: string | null; x: number; n: number }>(
        sql`select t.version_id v, ${personSeg} s, sum(t.task_successes) x, sum(t.task_attempts) n ${fromTotals}
            where t.version_id in (${ids}) and t.task_attempts > 0 group by 1, 2`,
      ),
    ),
    // One SUS score per person; only complete questionnaires (10 items) count.
    want('sus', () =>
      db.all<{ v: number; s: string | null; n: number; sum: number; sumSq: number }>(
        sql`select t.version_id v, ${personSeg} s, count(*) n, sum(2.5 * t.sus_points) sum, sum(6.25 * t.sus_points * t.sus_points) sumSq ${fromTotals}
            where t.version_id in (${ids}) and t.participant_id <> 0 and t.sus_items = 10 group by 1, 2`,
      ),
    ),
    want('seq', () =>
      db.all<{ v: number; s: string | null; task: number; n: number; sum: number; sumSq: number }>(
        sql`select r.version_id v, ${seg} s, q.task_question_id task, count(*) n, sum(r.value_number) sum, sum(r.value_number * r.value_number) sumSq
            ${from} join questions q on q.id = r.question_id
            where r.version_id in (${ids}) and r.kind = 'seq' group by 1, 2, 3`,
      ),
    ),
    want('csat', () =>
      db.all<{ v: number; s: string | null; good: number; n: number }>(
        sql`select r.version_id v, ${seg} s, sum(r.value_number >= 4) good, count(*) n ${from}
            where r.version_id in (${ids}) and r.kind = 'csat' group by 1, 2`,
      ),
    ),
    want('nps', () =>
      db.all<{ v: number; s: string | null; pro: number; det: number; n: number }>(
        sql`select r.version_id v, ${seg} s, sum(r.value_number >= 9) pro, sum(r.value_number <= 6) det, count(*) n ${from}
            where r.version_id in (${ids}) and r.kind = 'nps' group by 1, 2`,
      ),
    ),
  ])

  const rows = new Map<Key, MetricsRow>()
  const row = (v: number, s: string | null) => {
    const key = keyOf(v, s)
    let r = rows.get(key)
    if (!r) {
      r = { versionId: v, segment: s, participants: 0, completion: null, sus: null, seq: [], csat: null, nps: null }
      rows.set(key, r)
    }
    return r
  }
  for (const p of people) row(p.v, p.s).participants = p.n
  for (const c of completion) row(c.v, c.s).completion = { successes: c.x, attempts: c.n, ...adjustedWald(c.x, c.n) }
  for (const s of sus) {
    const stats = summary(s.n, s.sum, s.sumSq)
    const interval = summaryInterval(stats)
    row(s.v, s.s).sus = { ...interval, sd: stats.sd, grade: s.n >= 2 ? susGradeForInterval(interval.low, interval.high) : null }
  }
  for (const q of seq) if (q.task !== null) row(q.v, q.s).seq.push({ taskQuestionId: q.task, ...summaryInterval(summary(q.n, q.sum, q.sumSq)) })
  for (const f of faces) row(f.v, f.s).csat = { value: (f.good / f.n) * 100, n: f.n }
  for (const n of nps) row(n.v, n.s).nps = { value: ((n.pro - n.det) / n.n) * 100, n: n.n, promoters: n.pro, detractors: n.det }

  const order = new Map(versionIds.map((id, i) => [id, i]))
  return [...rows.values()]
    .filter((r) => order.has(r.versionId))
    .filter((r) => segment === null || (r.segment !== null && r.participants >= MIN_CELL))
    .sort((a, b) => order.get(a.versionId)! - order.get(b.versionId)! || String(a.segment).localeCompare(String(b.segment)))
}

/** All versions with their prototype and intervention, in order, for pickers and labels. */
export async function listVersionsForPicker() {
  return db.all<{ id: number; number: number; prototypeId: number; prototypeName: string; code: string; title: string }>(
    sql`select v.id, v.number, p.id prototypeId, p.name prototypeName, i.code, i.title
        from prototype_versions v join prototypes p on p.id = v.prototype_id join interventions i on i.id = p.intervention_id
        order by i.code, p.id, v.number`,
  )
}

const EMPTY: Omit<MetricsRow, 'versionId'> = { segment: null, participants: 0, completion: null, sus: null, seq: [], csat: null, nps: null }

/** One row per requested version, in the order given, also for versions nobody has answered yet. */
export async function metricsByVersion(versionIds: number[]): Promise<MetricsRow[]> {
  const rows = await versionMetrics(versionIds)
  return versionIds.map((versionId) => rows.find((r) => r.versionId === versionId) ?? { ...EMPTY, versionId })
}

/** The versions of an intervention's prototypes, in order (prototype, then v1, v2…). */
export async function listVersionsOf(interventionId: number) {
  return db.all<{ id: number; number: number; prototypeId: number; prototypeName: string }>(
    sql`select v.id, v.number, p.id prototypeId, p.name prototypeName
        from prototype_versions v join prototypes p on p.id = v.prototype_id
        where p.intervention_id = ${interventionId} order by p.id, v.number`,
  )
}

/** Short labels of task questions, "T1 · Inicie su solicitud…", numbered within their guide. */
export async function listTaskLabels(taskIds: number[]) {
  const ids = [...new Set(taskIds)]
  if (ids.length === 0) return []
  const rows = await db.all<{ id: number; text: string; n: number; guide: number }>(
    sql`select q.id, q.text, q.instrument_version_id guide,
          (select count(*) from questions t where t.instrument_version_id = q.instrument_version_id and t.kind = 'task' and t.position <= q.position) n
        from questions q where q.id in (${idList(ids)}) order by q.instrument_version_id, q.position`,
  )
  const short = (t: string) => (t.length > 32 ? `${t.slice(0, 30).trimEnd()}…` : t)
  return rows.map((r) => ({ id: r.id, label: `T${r.n} · ${short(r.text)}` }))
}
