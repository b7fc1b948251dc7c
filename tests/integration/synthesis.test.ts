import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { boardCards, boardMoves, clusters, insights, insightVersions } from '#db/schema.ts'
import * as board from '#app/routes/synthesis/board.tsx'
import * as insightPage from '#app/routes/synthesis/insight.tsx'
import { args, cookieFor, db, get, post, run, seedOnce, text } from '#tests/setup/app.ts'

let facilitator: string
let admin: string
let manager: string
const CODE = 'INT-001'

beforeAll(async () => {
  await seedOnce()
  ;[facilitator, admin, manager] = await Promise.all([cookieFor('facilitator'), cookieFor('admin'), cookieFor('manager')])
})

type BoardData = Awaited<ReturnType<typeof board.loader>>
const load = async (query = '', cookie = facilitator) => (await board.loader(args(get(`/intervenciones/${CODE}/sintesis${query}`, cookie), { code: CODE }))) as BoardData
const act = (fields: Record<string, string | string[]>, cookie = facilitator) =>
  run(() => board.action(args(post(`/intervenciones/${CODE}/sintesis`, { via: 'js', ...fields }, cookie), { code: CODE })))

describe('affinity board', () => {
  test('every observation and open comment of the intervention is a card, once', async () => {
    const first = await load()
    const again = await load()
    expect(first.cards.length).toBeGreaterThan(20)
    expect(again.cards.length).toBe(first.cards.length)
    expect(new Set(first.cards.map((c) => c.source))).toEqual(new Set(['observation', 'comment']))
    expect(first.cards.every((c) => c.clusterId === null)).toBe(true)
    const pains = await load('?etiqueta=pain')
    expect(pains.cards.length).toBeGreaterThan(0)
    expect(pains.cards.every((c) => c.tags.includes('pain'))).toBe(true)
    const older = await load('?segmento=age_band&valor=70%2B')
    expect(older.cards.length).toBeLessThan(first.cards.length)
  })

  test('a typed segment value ignores accents and case', async () => {
    const ids = async (query: string) => (await load(query)).cards.map((c) => c.id)
    const lima = await ids('?segmento=region&valor=Lima%20Metropolitana')
    expect(lima.length).toBeGreaterThan(0)
    expect(await ids('?segmento=region&valor=LIMA%20METROPOLITANA')).toEqual(lima)
    const junin = await ids(`?segmento=region&valor=${encodeURIComponent('Junín')}`)
    expect(junin.length).toBeGreaterThan(0)
    expect(await ids('?segmento=region&valor=junin')).toEqual(junin)
    expect(await ids('?segmento=region&valor=JUNIN')).toEqual(junin)
  })

  test('move into a new cluster, rename, move another card in, undo it; every move is stored', async () => {
    const { cards } = await load()
    const [a, b] = cards
    expect((await act({ intent: 'move', cardId: String(a!.id), to: 'new' })).status).toBe(200)
    const cluster = (await db.query.boardCards.findFirst({ where: eq(boardCards.id, a!.id) }))!.clusterId!
    expect(cluster).not.toBeNull()
    expect((await act({ intent: 'rename', clusterId: String(cluster), name: 'Adjuntar documentos' })).status).toBe(200)
    expect((await act({ intent: 'move', cardId: String(b!.id), to: String(cluster) })).status).toBe(200)
    expect((await db.query.boardCards.findFirst({ where: eq(boardCards.id, b!.id) }))!.clusterId).toBe(cluster)
    expect((await act({ intent: 'undo' })).status).toBe(200)
    expect((await db.query.boardCards.findFirst({ where: eq(boardCards.id, b!.id) }))!.clusterId).toBeNull()
    const moves = await db.select().from(boardMoves).where(eq(boardMoves.cardId, b!.id))
    expect(moves).toHaveLength(1)
    expect(moves[0]!.undoneAt).not.toBeNull()
    // Undo is per person: the admin has nothing to undo.
    const nothing = await act({ intent: 'undo' }, admin)
    expect(nothing.status).toBe(409)
    expect(text(nothing.data)).toContain('No hay movimientos suyos para deshacer.')
  })

  test("two facilitators' moves both stay", async () => {
    const { cards } = await load()
    const free = cards.filter((c) => c.clusterId === null)
    await act({ intent: 'move', cardId: String(free[0]!.id), to: 'new' })
    const target = (await db.query.boardCards.findFirst({ where: eq(boardCards.id, free[0]!.id) }))!.clusterId!
    await act({ intent: 'move', cardId: String(free[1]!.id), to: String(target) }, facilitator)
    await act({ intent: 'move', cardId: String(free[2]!.id), to: String(target) }, admin)
    const after = await load()
    expect(after.cards.filter((c) => c.clusterId === target).map((c) => c.id).sort()).toEqual([free[0]!.id, free[1]!.id, free[2]!.id].sort())
  })

  test('merge and split clusters; refusals keep the board as it was', async () => {
    const { cards } = await load()
    const free = cards.filter((c) => c.clusterId === null).slice(0, 4)
    await act({ intent: 'move', cardId: String(free[0]!.id), to: 'new' })
    await act({ intent: 'move', cardId: String(free[1]!.id), to: 'new' })
    const c1 = (await db.query.boardCards.findFirst({ where: eq(boardCards.id, free[0]!.id) }))!.clusterId!
    const c2 = (await db.query.boardCards.findFirst({ where: eq(boardCards.id, free[1]!.id) }))!.clusterId!
    await act({ intent: 'move', cardId: String(free[2]!.id), to: String(c2) })
    expect((await act({ intent: 'merge', sourceId: String(c2), targetId: String(c2) })).status).toBe(400)
    expect((await act({ intent: 'merge', sourceId: String(c2), targetId: String(c1) })).status).toBe(200)
    expect(await db.query.clusters.findFirst({ where: eq(clusters.id, c2) })).toBeUndefined()
    const inC1 = (await load()).cards.filter((c) => c.clusterId === c1).map((c) => c.id)
    expect(inC1.sort()).toEqual([free[0]!.id, free[1]!.id, free[2]!.id].sort())
    // The merged-away cluster is gone: moving into it is a clear 409, not a 500.
    const gone = await act({ intent: 'move', cardId: String(free[3]!.id), to: String(c2) })
    expect(gone.status).toBe(409)
    expect(text(gone.data)).toContain('ya no existe')
    const splitAll = await act({ intent: 'split', clusterId: String(c1), cardIds: inC1.map(String), name: 'Todo' })
    expect(splitAll.status).toBe(400)
    const split = await act({ intent: 'split', clusterId: String(c1), cardIds: [String(free[2]!.id)], name: 'Otro tema' })
    expect(split.status).toBe(200)
    expect((await db.query.boardCards.findFirst({ where: eq(boardCards.id, free[2]!.id) }))!.clusterId).not.toBe(c1)
    expect((await act({ intent: 'split', clusterId: String(c1), cardIds: [] })).status).toBe(400)
  })

  test('a cluster becomes an insight with severity and versions; the insight page shows its evidence', async () => {
    const { cards, versions } = await load()
    const free = cards.filter((c) => c.clusterId === null && c.participantCode)
    await act({ intent: 'move', cardId: String(free[0]!.id), to: 'new' })
    const cluster = (await db.query.boardCards.findFirst({ where: eq(boardCards.id, free[0]!.id) }))!.clusterId!
    await act({ intent: 'move', cardId: String(free[1]!.id), to: String(cluster) })
    const noSeverity = await act({ intent: 'insight', clusterId: String(cluster), title: 'No ven el botón' })
    expect(noSeverity.status).toBe(400)
    const created = await act({ intent: 'insight', clusterId: String(cluster), title: 'No ven el botón', severity: 'critical', versionIds: [String(versions[0]!.id)] })
    expect(created.status).toBe(302)
    const id = Number(created.headers.get('Location')!.match(/hallazgos\/(\d+)/)![1])
    expect(await db.select().from(insightVersions).where(eq(insightVersions.insightId, id))).toHaveLength(1)
    expect((await act({ intent: 'insight', clusterId: String(cluster), title: 'Otra vez', severity: 'low' })).status).toBe(409)
    const page = (await insightPage.loader(args(get(`/intervenciones/${CODE}/hallazgos/${id}`, manager), { code: CODE, id: String(id) }))) as Awaited<ReturnType<typeof insightPage.loader>>
    expect(page.insight.evidence).toHaveLength(2)
    expect(page.participants).toBeGreaterThanOrEqual(1)
    expect(page.scores).toHaveLength(1)
    // Discard and reopen; managers cannot.
    const discard = await run(() => insightPage.action(args(post(`/intervenciones/${CODE}/hallazgos/${id}`, { status: 'discarded' }, facilitator), { code: CODE, id: String(id) })))
    expect(discard.status).toBe(302)
    expect((await db.query.insights.findFirst({ where: eq(insights.id, id) }))!.status).toBe('discarded')
    const forbidden = await run(() => insightPage.action(args(post(`/intervenciones/${CODE}/hallazgos/${id}`, { status: 'open' }, manager), { code: CODE, id: String(id) })))
    expect(forbidden.status).toBe(403)
    expect((await run(() => insightPage.loader(args(get('/x', manager), { code: CODE, id: '99999' })))).status).toBe(404)
    expect((await run(() => insightPage.loader(args(get('/x', manager), { code: 'INT-002', id: String(id) })))).status).toBe(404)
  })

  test('an empty cluster cannot become an insight; cards of another intervention cannot be moved here', async () => {
    const { cards } = await load()
    const free = cards.filter((c) => c.clusterId === null)
    await act({ intent: 'move', cardId: String(free[0]!.id), to: 'new' })
    const cluster = (await db.query.boardCards.findFirst({ where: eq(boardCards.id, free[0]!.id) }))!.clusterId!
    await act({ intent: 'move', cardId: String(free[0]!.id), to: 'none' })
    const empty = await act({ intent: 'insight', clusterId: String(cluster), title: 'Vacío', severity: 'low' })
    expect(empty.status).toBe(400)
    const other = await run(() => board.loader(args(get('/intervenciones/INT-002/sintesis', facilitator), { code: 'INT-002' })))
    const otherCard = (other.data as BoardData).cards[0]!
    expect((await act({ intent: 'move', cardId: String(otherCard.id), to: 'new' })).status).toBe(400)
  })

  test('managers read but do not move; bad input is a 400', async () => {
    const data = await load('', manager)
    expect(data.editable).toBe(false)
    expect((await act({ intent: 'undo' }, manager)).status).toBe(403)
    expect((await act({ intent: 'dance' })).status).toBe(400)
    expect((await act({ intent: 'move', cardId: 'x', to: 'new' })).status).toBe(400)
    const plain = await run(() => board.action(args(post(`/intervenciones/${CODE}/sintesis`, { intent: 'undo' }, facilitator), { code: CODE })))
    expect([302, 409]).toContain(plain.status)
  })
})
