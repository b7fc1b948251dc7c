import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { auditLog, interventionChannels, interventions, stageChanges, decisions } from '#db/schema.ts'
import * as board from '#app/routes/interventions/board.tsx'
import * as detail from '#app/routes/interventions/detail.tsx'
import * as edit from '#app/routes/interventions/edit.tsx'
import * as list from '#app/routes/interventions/list.tsx'
import * as create from '#app/routes/interventions/new.tsx'
import { args, cookieFor, db, get, post, run, seedOnce, text } from '#tests/setup/app.ts'

let facilitator: string
let manager: string
let admin: string
let ownerId: number

beforeAll(async () => {
  await seedOnce()
  ;[facilitator, manager, admin] = await Promise.all([cookieFor('facilitator'), cookieFor('manager'), cookieFor('admin')])
  ownerId = (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'facilitadora@katapulta.pe') }))!.id
})

const valid = () => ({
  title: 'Pensión 65 por teléfono',
  service: 'Consulta de pensión por teléfono',
  problem: 'Las personas no saben el estado de su pensión.',
  hypothesis: '',
  targetPopulation: 'Pensionistas',
  successMetric: 'Llamadas resueltas',
  channels: ['phone', 'whatsapp'],
  ownerId: String(ownerId),
  startDate: '2026-01-10',
  endDate: '2026-06-30',
})

async function createOne(overrides: Record<string, string | string[]> = {}) {
  const result = await run(() => create.action(args(post('/intervenciones/nueva', { ...valid(), ...overrides }, facilitator))))
  expect(result.status).toBe(302)
  return result.headers.get('Location')!.match(/INT-\d+/)![0]
}

const byCode = (code: string) => db.query.interventions.findFirst({ where: eq(interventions.code, code) })

describe('create an intervention', () => {
  test('gets the next INT-NNN code, starts in "descubrir", records the stage and the audit line', async () => {
    const code = await createOne()
    expect(code).toBe('INT-006')
    const row = (await byCode(code))!
    expect(row).toMatchObject({ title: 'Pensión 65 por teléfono', stage: 'discover', status: 'active', revision: 1 })
    const channels = await db.select().from(interventionChannels).where(eq(interventionChannels.interventionId, row.id))
    expect(channels.map((c) => c.channel).sort()).toEqual(['phone', 'whatsapp'])
    const changes = await db.select().from(stageChanges).where(eq(stageChanges.interventionId, row.id))
    expect(changes).toMatchObject([{ fromStage: null, toStage: 'discover' }])
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, 'intervention.create'), eq(auditLog.entityId, code)))
    expect(audit).toHaveLength(1)
    expect(await createOne()).toBe('INT-007')
  })

  test('refuses missing fields and no channel with Spanish messages, keeping what was typed', async () => {
    const result = await run(() =>
      create.action(args(post('/intervenciones/nueva', { ...valid(), title: '  ', channels: [] }, facilitator))),
    )
    expect(result.status).toBe(400)
    const reply = result.data as { error: Record<string, string[]>; initialValue: Record<string, unknown> }
    expect(reply.error.title).toEqual(['Escriba el título.'])
    expect(reply.error.channels).toEqual(['Elija al menos un canal.'])
    expect(reply.initialValue.service).toBe('Consulta de pensión por teléfono')
  })

  test('refuses an end date before the start date, an impossible date and an unknown channel', async () => {
    const early = await run(() => create.action(args(post('/intervenciones/nueva', { ...valid(), endDate: '2025-12-31' }, facilitator))))
    expect(early.status).toBe(400)
    expect(text(early.data)).toContain('La fecha de fin no puede ser anterior a la de inicio.')
    const impossible = await run(() => create.action(args(post('/intervenciones/nueva', { ...valid(), startDate: '2026-02-30' }, facilitator))))
    expect(text(impossible.data)).toContain('Esa fecha no existe.')
    const channel = await run(() => create.action(args(post('/intervenciones/nueva', { ...valid(), channels: ['fax'] }, facilitator))))
    expect(channel.status).toBe(400)
  })

  test('refuses an owner who is not on the list', async () => {
    const result = await run(() => create.action(args(post('/intervenciones/nueva', { ...valid(), ownerId: '9999' }, facilitator))))
    expect(result.status).toBe(400)
    expect(text(result.data)).toContain('Elija una persona de la lista.')
  })

  test('a manager may read but not create: 403 on the form and on the action', async () => {
    expect((await run(() => create.loader(args(get('/intervenciones/nueva', manager))))).status).toBe(403)
    const before = await db.select({ n: sql<number>`count(*)` }).from(interventions)
    expect((await run(() => create.action(args(post('/intervenciones/nueva', valid(), manager))))).status).toBe(403)
    expect(await db.select({ n: sql<number>`count(*)` }).from(interventions)).toEqual(before)
  })

  test('an admin can create too', async () => {
    const result = await run(() => create.action(args(post('/intervenciones/nueva', valid(), admin))))
    expect(result.status).toBe(302)
  })
})

describe('edit an intervention', () => {
  test('saves and bumps the revision', async () => {
    const code = await createOne()
    const result = await run(() =>
      edit.action(args(post(`/intervenciones/${code}/editar`, { ...valid(), title: 'Nuevo título', revision: '1' }, facilitator), { code })),
    )
    expect(result.status).toBe(302)
    expect(await byCode(code)).toMatchObject({ title: 'Nuevo título', revision: 2 })
  })

  test('the later of two saves from the same revision is refused with 409 and nothing is overwritten', async () => {
    const code = await createOne()
    const first = await run(() =>
      edit.action(args(post(`/intervenciones/${code}/editar`, { ...valid(), title: 'Primera', revision: '1' }, facilitator), { code })),
    )
    expect(first.status).toBe(302)
    const second = await run(() =>
      edit.action(args(post(`/intervenciones/${code}/editar`, { ...valid(), title: 'Segunda', revision: '1' }, admin), { code })),
    )
    expect(second.status).toBe(409)
    expect(text(second.data)).toContain('Otra persona guardó cambios')
    expect((second.data as { initialValue: { title: string } }).initialValue.title).toBe('Segunda')
    expect((await byCode(code))!.title).toBe('Primera')
  })

  test('unknown code → 404; manager → 403', async () => {
    expect((await run(() => edit.loader(args(get('/intervenciones/INT-999/editar', facilitator), { code: 'INT-999' })))).status).toBe(404)
    expect(
      (await run(() => edit.action(args(post('/intervenciones/INT-999/editar', { ...valid(), revision: '1' }, facilitator), { code: 'INT-999' })))).status,
    ).toBe(404)
    expect((await run(() => edit.action(args(post('/intervenciones/INT-001/editar', valid(), manager), { code: 'INT-001' })))).status).toBe(403)
  })
})

describe('intervention page actions', () => {
  const act = (code: string, fields: Record<string, string>, cookie = facilitator) =>
    run(() => detail.action(args(post(`/intervenciones/${code}`, fields, cookie), { code })))

  test('the loader shows summary, prototypes, sessions, timeline; 404 for an unknown code', async () => {
    const data = (await detail.loader(args(get('/intervenciones/INT-001', manager), { code: 'INT-001' }))) as Awaited<ReturnType<typeof detail.loader>>
    expect(data.intervention.title).toBe('Solicitud de pensión virtual')
    expect(data.detail.prototypes.map((p) => p.name)).toContain('Formulario simplificado')
    expect(data.detail.prototypes.find((p) => p.name === 'Formulario simplificado')).toMatchObject({ latestNumber: 2, versionCount: 2 })
    expect(data.detail.sessions.find((s) => s.title.includes('v1'))?.participants).toBe(10)
    const kinds = new Set(data.detail.timeline.map((t) => t.kind))
    expect([...kinds].sort()).toEqual(['decision', 'session', 'stage', 'version'])
    expect(data.canEdit).toBe(false)
    expect((await run(() => detail.loader(args(get('/intervenciones/INT-404', manager), { code: 'INT-404' })))).status).toBe(404)
  })

  test('a decision needs one of the three options and a reason', async () => {
    const code = await createOne()
    const missing = await act(code, { intent: 'decision', decision: 'scale', reason: '' })
    expect(missing.status).toBe(400)
    expect(text(missing.data)).toContain('Escriba el motivo de la decisión.')
    const wrong = await act(code, { intent: 'decision', decision: 'maybe', reason: 'x' })
    expect(wrong.status).toBe(400)
    const ok = await act(code, { intent: 'decision', decision: 'iterate', reason: 'Falta probar en regiones.' })
    expect(ok.status).toBe(302)
    const row = (await byCode(code))!
    expect(await db.select().from(decisions).where(eq(decisions.interventionId, row.id))).toMatchObject([
      { decision: 'iterate', reason: 'Falta probar en regiones.' },
    ])
  })

  test('moving the stage is recorded with who, when, from and to', async () => {
    const code = await createOne()
    expect((await act(code, { intent: 'move', code, stage: 'ideate' })).status).toBe(302)
    const row = (await byCode(code))!
    expect(row.stage).toBe('ideate')
    const changes = await db.select().from(stageChanges).where(eq(stageChanges.interventionId, row.id)).orderBy(stageChanges.id)
    expect(changes.at(-1)).toMatchObject({ fromStage: 'discover', toStage: 'ideate', changedBy: ownerId })
    expect((await act(code, { intent: 'move', code, stage: 'nowhere' })).status).toBe(400)
    expect((await act(code, { intent: 'move', code: 'INT-001', stage: 'define' })).status).toBe(400)
  })

  test('archive and restore; an archived intervention cannot move or be edited', async () => {
    const code = await createOne()
    expect((await act(code, { intent: 'archive' })).status).toBe(302)
    expect((await byCode(code))!.status).toBe('archived')
    const move = await act(code, { intent: 'move', code, stage: 'define' })
    expect(move.status).toBe(409)
    expect(text(move.data)).toContain('archivada')
    const editResult = await run(() =>
      edit.action(args(post(`/intervenciones/${code}/editar`, { ...valid(), revision: '2' }, facilitator), { code })),
    )
    expect(editResult.status).toBe(409)
    expect((await act(code, { intent: 'restore' })).status).toBe(302)
    expect((await byCode(code))!.status).toBe('active')
  })

  test('delete only when empty and only after confirmation', async () => {
    const refused = await act('INT-001', { intent: 'delete', confirm: 'on' })
    expect(refused.status).toBe(409)
    expect(text(refused.data)).toContain('archívela en lugar de eliminarla')
    expect(await byCode('INT-001')).toBeTruthy()
    const code = await createOne()
    const unconfirmed = await act(code, { intent: 'delete' })
    expect(unconfirmed.status).toBe(400)
    expect(await byCode(code)).toBeTruthy()
    const deleted = await act(code, { intent: 'delete', confirm: 'on' })
    expect(deleted.status).toBe(302)
    expect(await byCode(code)).toBeUndefined()
  })

  test('unknown intent → 400, unknown code → 404, manager → 403', async () => {
    expect((await act('INT-001', { intent: 'launch' })).status).toBe(400)
    expect((await act('INT-404', { intent: 'archive' })).status).toBe(404)
    expect((await act('INT-001', { intent: 'archive' }, manager)).status).toBe(403)
    expect((await byCode('INT-001'))!.status).toBe('active')
  })
})

describe('stage board', () => {
  test('a drag saves in the background; the plain form redirects back to the board', async () => {
    const code = await createOne()
    const drag = await run(() => board.action(args(post('/intervenciones/tablero', { intent: 'move', code, stage: 'define', via: 'drag' }, facilitator))))
    expect(drag).toMatchObject({ status: 200, data: { ok: true } })
    const plain = await run(() => board.action(args(post('/intervenciones/tablero', { intent: 'move', code, stage: 'ideate' }, facilitator))))
    expect(plain.status).toBe(302)
    expect(plain.headers.get('Location')).toBe('/intervenciones/tablero')
    expect((await byCode(code))!.stage).toBe('ideate')
    const cards = (await board.loader(args(get('/intervenciones/tablero', manager)))) as Awaited<ReturnType<typeof board.loader>>
    expect(cards.cards.find((c) => c.code === code)?.stage).toBe('ideate')
    expect(cards.canEdit).toBe(false)
  })

  test('refuses a bad stage, an unknown code and a manager', async () => {
    expect((await run(() => board.action(args(post('/intervenciones/tablero', { code: 'INT-001', stage: 'x' }, facilitator))))).status).toBe(400)
    const unknown = await run(() => board.action(args(post('/intervenciones/tablero', { code: 'INT-404', stage: 'define', via: 'drag' }, facilitator))))
    expect(unknown.status).toBe(404)
    expect((await run(() => board.action(args(post('/intervenciones/tablero', { code: 'INT-001', stage: 'define' }, manager))))).status).toBe(403)
    expect((await byCode('INT-001'))!.stage).toBe('validate')
  })
})

describe('list', () => {
  const load = async (query: string) =>
    (await list.loader(args(get(`/intervenciones${query}`, manager)))) as Awaited<ReturnType<typeof list.loader>>

  test('searches text, filters by stage, channel, owner and status, and sorts', async () => {
    expect((await load('?q=pensión virtual')).rows.map((r) => r.code)).toEqual(['INT-001'])
    expect((await load('?q=CLAVE')).rows.map((r) => r.code)).toEqual(['INT-002'])
    expect((await load('?q=%25')).total).toBe(0)
    expect((await load('?etapa=implement')).rows.map((r) => r.code)).toEqual(['INT-002'])
    expect((await load('?canal=in_person')).rows.map((r) => r.code).sort()).toEqual(['INT-002', 'INT-005'])
    expect((await load(`?responsable=${ownerId}`)).total).toBeGreaterThanOrEqual(5)
    const byCodeDesc = await load('?orden=codigo&dir=desc')
    expect(byCodeDesc.rows.map((r) => r.code)).toEqual([...byCodeDesc.rows.map((r) => r.code)].sort().reverse())
    const one = (await load('?q=INT-001')).rows[0]!
    expect(one).toMatchObject({ prototypeCount: 2, sessionCount: 4, channels: expect.arrayContaining(['web', 'phone']) })
  })

  test('search ignores accents and case, in what is stored and in what is typed', async () => {
    const codes = async (q: string) => (await load(`?q=${encodeURIComponent(q)}`)).rows.map((r) => r.code).sort()
    // INT-001 is "Solicitud de pensión virtual".
    const found = await codes('pensión')
    expect(found).toContain('INT-001')
    for (const q of ['pension', 'PENSION', 'PENSIÓN', 'Pensión']) expect(await codes(q)).toEqual(found)
    expect(await codes('pension virtual')).toEqual(['INT-001'])
    // Service "Atención telefónica ONP Te Escucha"; problem "…sin saber cuánto falta…".
    expect(await codes('ATENCION TELEFONICA')).toEqual(['INT-004'])
    expect(await codes('cuanto falta')).toEqual(['INT-004'])
  })

  test('% and _ typed in the search match themselves', async () => {
    const code = await createOne({ title: 'Comodines: 100%_real' })
    const codes = async (q: string) => (await load(`?q=${encodeURIComponent(q)}`)).rows.map((r) => r.code)
    expect(await codes('100%_real')).toEqual([code])
    // As wildcards these would match INT-003, "WhatsApp ONP: consultas de trámite".
    expect(await codes('consultas%tramite')).toEqual([])
    expect(await codes('de_tramite')).toEqual([])
    expect(await codes('_')).toEqual([code])
  })

  test('the connection folds text the same way as the typed query', () => {
    const fold = db.$client.prepare('select search_fold(?) v')
    expect(fold.get('Solicitud de PENSIÓN')).toEqual({ v: 'solicitud de pension' })
    expect(fold.get('Núñez')).toEqual({ v: 'nunez' })
    expect(fold.get(null)).toEqual({ v: null })
  })

  test('bad filter values fall back to defaults instead of failing', async () => {
    const result = await load('?etapa=nada&canal=fax&pagina=-3&orden=drop%20table')
    expect(result.page).toBe(1)
    expect(result.filters).toMatchObject({ etapa: undefined, canal: undefined, orden: 'actividad' })
  })

  test('paginates past 50 rows', async () => {
    for (let i = 0; i < 55; i++) await createOne({ title: `Intervención de prueba ${i}`, service: 'Paginación' })
    const first = await load('?q=Paginación')
    expect(first).toMatchObject({ total: 55, pages: 2, page: 1 })
    expect(first.rows).toHaveLength(50)
    const second = await load('?q=Paginación&pagina=2')
    expect(second.rows).toHaveLength(5)
    expect(new Set([...first.rows, ...second.rows].map((r) => r.code)).size).toBe(55)
    expect((await load('?q=Paginación&pagina=99')).page).toBe(2)
  })
})
