import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import * as t from '#db/schema.ts'
import * as compare from '#app/routes/dashboards/compare.tsx'
import * as dashboard from '#app/routes/dashboards/intervention.tsx'
import * as portfolio from '#app/routes/dashboards/portfolio.tsx'
import { versionMetrics } from '#app/.server/metrics.ts'
import { args, cookieFor, db, get, run, seedOnce } from '#tests/setup/app.ts'

let manager: string
let knownVersion: number

// A version with answers we know by heart: 6 people, SUS all-positive wording.
// Person i answers every SUS item with KNOWN_SUS[i] → score (answer − 1) × 10 × 2.5.
const KNOWN_SUS = [5, 4, 4, 3, 5, 4] // scores 100, 75, 75, 50, 100, 75 → mean 79.1667
const KNOWN_TASKS = [1, 1, 1, 0, 1, 0] // 4 of 6 completed
const AGES = ['70+', '70+', '70+', '70+', '70+', '18-29'] as const

beforeAll(async () => {
  await seedOnce()
  manager = await cookieFor('manager')
  const intervention = (await db.query.interventions.findFirst({ where: eq(t.interventions.code, 'INT-005') }))!
  const [proto] = await db.insert(t.prototypes).values({ interventionId: intervention.id, name: 'Agenda conocida', channel: 'web', fidelity: 'paper' }).returning()
  const [version] = await db.insert(t.prototypeVersions).values({ prototypeId: proto!.id, number: 1, changelog: 'Primera' }).returning()
  knownVersion = version!.id
  const source = (await db.query.sessions.findFirst({ where: eq(t.sessions.status, 'closed') }))!
  const { id: _id, ...fields } = source
  const [session] = await db.insert(t.sessions).values({ ...fields, interventionId: intervention.id, title: 'Sesión conocida' }).returning()
  const qs = await db.select().from(t.questions).where(eq(t.questions.instrumentVersionId, session!.instrumentVersionId!))
  const sus = qs.filter((q) => q.kind === 'sus')
  const task = qs.find((q) => q.kind === 'task')!
  let n = 0
  for (let i = 0; i < KNOWN_SUS.length; i++) {
    const [p] = await db.insert(t.participants).values({ code: `P-7${String(i).padStart(3, '0')}`, sessionId: session!.id, ageBand: AGES[i], assignedVersionId: knownVersion }).returning()
    const base = { sessionId: session!.id, participantId: p!.id, versionId: knownVersion, answeredBy: 'self' as const, answeredAt: '2026-01-01T10:00:00.000Z' }
    for (const q of sus) await db.insert(t.responses).values({ ...base, clientId: `known-${n++}-sus`, questionId: q.id, kind: 'sus', valueNumber: KNOWN_SUS[i]! })
    await db.insert(t.responses).values({
      ...base,
      clientId: `known-${n++}-task`,
      questionId: task.id,
      kind: 'task_outcome',
      valueText: KNOWN_TASKS[i] ? 'completed' : 'not_completed',
      valueNumber: KNOWN_TASKS[i]!,
      answeredBy: 'facilitator',
    })
  }
})

describe('intervention dashboard', () => {
  test('known answers → exactly the expected SUS, interval, grade and completion', async () => {
    const [row] = await versionMetrics([knownVersion])
    const scores = KNOWN_SUS.map((a) => (a - 1) * 10 * 2.5)
    const mean = scores.reduce((a, b) => a + b, 0) / 6
    const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / 5)
    const margin = (2.5706 * sd) / Math.sqrt(6) // t(0.975, 5) = 2.5706
    expect(row!.participants).toBe(6)
    expect(row!.sus!.mean).toBeCloseTo(79.1667, 3)
    expect(row!.sus!.n).toBe(6)
    expect(row!.sus!.low).toBeCloseTo(mean - margin, 2)
    expect(row!.sus!.high).toBeCloseTo(mean + margin, 2)
    // 79.2 ± 19.8 spans many bands of the Sauro–Lewis scale: no letter grade.
    expect(row!.sus!.grade).toBeNull()
    expect(row!.completion).toMatchObject({ successes: 4, attempts: 6 })
    // Adjusted Wald for 4 of 6.
    const z = 1.959964
    const p = (4 + z * z / 2) / (6 + z * z)
    const half = z * Math.sqrt((p * (1 - p)) / (6 + z * z))
    expect(row!.completion!.low).toBeCloseTo(p - half, 4)
    expect(row!.completion!.high).toBeCloseTo(p + half, 4)
  })

  test('INT-001: v1 → v2, completion 60 % → 90 % and SUS ≈ 58 → 74, versions in order', async () => {
    const data = (await dashboard.loader(args(get('/tableros/intervenciones/INT-001', manager), { code: 'INT-001' }))) as Exclude<Awaited<ReturnType<typeof dashboard.loader>>, Response>
    const [v1, v2] = data.overall
    expect(data.labels[v1!.versionId]).toBe('Formulario simplificado v1')
    expect(data.labels[v2!.versionId]).toBe('Formulario simplificado v2')
    expect(v1!.completion).toMatchObject({ successes: 18, attempts: 30, rate: 0.6 })
    expect(v2!.completion).toMatchObject({ successes: 54, attempts: 60, rate: 0.9 })
    expect(Math.round(v1!.sus!.mean)).toBe(58)
    expect(Math.round(v2!.sus!.mean)).toBe(74)
    expect(v1!.seq).toHaveLength(3)
    expect(data.tasks.map((t) => t.label)).toEqual([expect.stringMatching(/^T1 · /), expect.stringMatching(/^T2 · /), expect.stringMatching(/^T3 · /)])
  })

  test('segments: cells with fewer than 5 people are hidden', async () => {
    const split = await versionMetrics([knownVersion], 'age_band')
    // Five people aged 70+ are shown; the one aged 18–29 is not.
    expect(split.map((r) => [r.segment, r.participants])).toEqual([['70+', 5]])
    const all = await versionMetrics([knownVersion], 'digital_skill')
    expect(all).toEqual([])
    const data = (await dashboard.loader(args(get('/tableros/intervenciones/INT-001?segmento=age_band', manager), { code: 'INT-001' }))) as Exclude<Awaited<ReturnType<typeof dashboard.loader>>, Response>
    expect(data.split.length).toBeGreaterThan(0)
    for (const r of data.split) expect(r.participants).toBeGreaterThanOrEqual(5)
  })

  test('the CSV says the same numbers as the page', async () => {
    const response = (await dashboard.loader(args(get('/tableros/intervenciones/INT-001?formato=csv', manager), { code: 'INT-001' }))) as Response
    expect(response.headers.get('Content-Type')).toContain('text/csv')
    const csv = await response.text()
    const lines = csv.replace('\uFEFF', '').trim().split('\n')
    expect(lines[0]).toMatch(/^version,participantes,tareas_completadas/)
    expect(lines[1]).toMatch(/^Formulario simplificado v1,10,60 %,18 de 30; IC 95 %: 42 %–75 %,57\.8,/)
    expect(lines[2]).toMatch(/^Formulario simplificado v2,20,90 %,54 de 60; IC 95 %: 80 %–96 %,74\.0,/)
  })

  test('unknown intervention → 404', async () => {
    expect((await run(() => dashboard.loader(args(get('/tableros/intervenciones/INT-999', manager), { code: 'INT-999' })))).status).toBe(404)
  })
})

describe('compare', () => {
  const load = (query: string) => run(() => compare.loader(args(get(`/tableros/comparar${query}`, manager))))

  test('two versions side by side with a plain-Spanish verdict', async () => {
    const versions = await db.all<{ id: number }>(sql`select v.id from prototype_versions v join prototypes p on p.id = v.prototype_id where p.library_slug = 'onpvirtual-formulario-simplificado' order by v.number`)
    const result = await load(`?v=${versions[0]!.id}&v=${versions[1]!.id}`)
    expect(result.status).toBe(200)
    const data = result.data as { comparison: { verdicts: { verdicts: { text: string; distinguishable: boolean }[] }[] } }
    const texts = data.comparison.verdicts[0]!.verdicts.map((v) => v.text)
    expect(texts[0]).toContain('completa más tareas que Formulario simplificado v1 (INT-001)')
    expect(data.comparison.verdicts[0]!.verdicts.every((v) => v.distinguishable)).toBe(true)
  })

  test('across interventions, with a small version that cannot be called better yet', async () => {
    const other = (await db.all<{ id: number }>(sql`select v.id from prototype_versions v join prototypes p on p.id = v.prototype_id where p.library_slug = 'onpvirtual-formulario-simplificado' order by v.number`))[0]!
    const result = await load(`?v=${other.id}&v=${knownVersion}`)
    const data = result.data as { comparison: { rows: { versionId: number }[]; verdicts: { verdicts: { text: string }[] }[] } }
    expect(data.comparison.rows.map((r) => r.versionId)).toEqual([other.id, knownVersion])
    expect(data.comparison.verdicts[0]!.verdicts.some((v) => v.text.includes('aún no se puede afirmar'))).toBe(true)
  })

  test('needs 2 to 4 known versions: otherwise 400 with a message', async () => {
    expect((await load('')).status).toBe(200)
    expect((await load('?v=1')).status).toBe(400)
    expect((await load('?v=1&v=1')).status).toBe(400)
    expect((await load('?v=1&v=2&v=3&v=4&v=5')).status).toBe(400)
    const bad = await load('?v=1&v=999999')
    expect(bad.status).toBe(400)
    expect((bad.data as { error: string }).error).toBe('Elija de 2 a 4 versiones distintas de la lista.')
    expect((await load('?v=1&v=abc')).status).toBe(400)
  })
})

describe('portfolio', () => {
  test('interventions by stage and channel, tested prototypes, inclusion, months and channels', async () => {
    const data = (await portfolio.loader(args(get('/tableros/portafolio', manager)))) as Exclude<Awaited<ReturnType<typeof portfolio.loader>>, Response>
    expect(data.byStage.reduce((a, r) => a + r.n, 0)).toBe(5)
    const form = data.prototypes.find((p) => p.name === 'Formulario simplificado')!
    expect(form).toMatchObject({ versionsTested: 2, participants: 30 })
    expect(form.bestCompletion).toMatchObject({ version: 2 })
    expect(form.bestSus).toMatchObject({ version: 2 })
    expect(data.inclusion.older / data.inclusion.withAge).toBeGreaterThan(0.4)
    expect(data.perMonth.map((m) => m.month)).toContain('2021-03')
    expect(data.channelByMonth).toHaveLength(24)
    const whatsapp = (await portfolio.loader(args(get('/tableros/portafolio?canal=whatsapp', manager)))) as typeof data
    expect(whatsapp.byStage.reduce((a, r) => a + r.n, 0)).toBeLessThan(5)
    const csv = (await portfolio.loader(args(get('/tableros/portafolio?formato=csv&tabla=canales', manager)))) as unknown as Response
    expect((await csv.text()).split('\n').length).toBeGreaterThan(24)
  })
})
