// The tablets' answer endpoint as server.js serves it (tabletSyncListener on a real node:http
// server, loopback), and the group commit under it.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { eq } from 'drizzle-orm'
import { http as mswHttp, passthrough } from 'msw'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { groupCommit } from '#app/.server/db.ts'
import { MAX_SYNC_BODY_BYTES, tabletSyncListener } from '#app/.server/tablet-sync.ts'
import { observations, responses, sessions } from '#db/schema.ts'
import * as consoleRoute from '#app/routes/sessions/console.tsx'
import * as tablet from '#app/routes/tablet/index.tsx'
import * as answers from '#app/routes/tablet/answers.ts'
import { server as msw } from '#tests/mocks/server.ts'
import { args, cookieFor, db, post, run, seedOnce } from '#tests/setup/app.ts'

let origin: string
let listener: http.Server
let cookie: string
let participantId: number
let csatId: number

beforeAll(async () => {
  await seedOnce()
  listener = http.createServer(tabletSyncListener)
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`

  const session = (await db.query.sessions.findFirst({ where: eq(sessions.status, 'planned') }))!
  const facilitator = await cookieFor('facilitator')
  const prepared = await run(() =>
    consoleRoute.action(args(post(`/sesiones/${session.id}/consola`, { intent: 'prepare_tablet', pin: '2468', language: 'es-PE' }, facilitator), { id: String(session.id) })),
  )
  const code = (prepared.data as { pairing: { code: string } }).pairing.code
  const paired = await run(() => tablet.action(args(post('/tableta', { intent: 'pair', code }))))
  cookie = paired.headers.get('Set-Cookie')!.split(';')[0]!
  participantId = ((await run(() => tablet.action(args(post('/tableta', { intent: 'consent', method: 'tap' }, cookie))))).data as { participantId: number }).participantId
  csatId = (await db.query.questions.findFirst({ where: (q, { and }) => and(eq(q.instrumentVersionId, session.instrumentVersionId!), eq(q.kind, 'csat')) }))!.id
})
afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())))
// The listener is on this machine: let msw (which refuses the outside) pass these through.
beforeEach(() => msw.use(mswHttp.all(`${origin}/*`, () => passthrough())))

const answer = (value: unknown = 4) => ({
  clientId: crypto.randomUUID(),
  participantId,
  questionId: csatId,
  value,
  answeredBy: 'self',
  answeredAt: new Date().toISOString(),
})

function send(body: string | object, headers: Record<string, string> = {}, method = 'POST') {
  return fetch(`${origin}/tableta/respuestas`, {
    method,
    headers: { 'Content-Type': 'application/json', Cookie: cookie, Origin: origin, ...headers },
    body: method === 'POST' ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
  })
}

describe('tabletSyncListener (the endpoint under npm start)', () => {
  test('stores an answer once and replies with the app’s headers', async () => {
    const body = answer(5)
    const response = await send(body)
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ status: 'saved' })
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(response.headers.get('content-type')).toContain('application/json')
    const again = await send(body)
    expect(again.status).toBe(200)
    expect(await again.json()).toMatchObject({ status: 'duplicate' })
    expect(await db.select().from(responses).where(eq(responses.clientId, body.clientId))).toHaveLength(1)
  })

  test('refuses, in Spanish and without storing: another site, no tablet, bad JSON, wrong shape, too large, GET', async () => {
    const before = (await db.select().from(responses)).length
    const crossSite = await send(answer(), { Origin: 'https://evil.example' })
    expect(crossSite.status).toBe(403)
    expect((await crossSite.json()).message).toContain('no viene de una página de Katapulta')
    const staff = await send(answer(), { Cookie: await cookieFor('facilitator') })
    expect(staff.status).toBe(403)
    expect((await staff.json()).message).toContain('no está conectada')
    const broken = await send('{"clientId": ')
    expect(broken.status).toBe(400)
    expect((await broken.json()).message).toContain('no llegó completa')
    const shape = await send({ ...answer(), value: { nested: { deeper: [] } } })
    expect(shape.status).toBe(400)
    const outOfScale = await send(answer(9))
    expect(outOfScale.status).toBe(400)
    expect((await outOfScale.json()).message).toContain('de 1 a 5')
    const huge = await send({ ...answer(), value: 'x'.repeat(16 * MAX_SYNC_BODY_BYTES) })
    expect(huge.status).toBe(413)
    expect((await huge.json()).message).toContain('demasiado grande')
    const read = await send('', {}, 'GET')
    expect(read.status).toBe(405)
    expect(read.headers.get('allow')).toBe('POST')
    expect((await db.select().from(responses)).length).toBe(before)
  })

  test('many answers at once: every one acknowledged is stored, each once', async () => {
    const bodies = Array.from({ length: 60 }, (_, i) => ({ ...answer(1 + (i % 5)), clientId: `junto-${i}-${crypto.randomUUID().slice(0, 8)}` }))
    // Each to the same question: the last one stored wins, the earlier ones are replaced (one row).
    const replies = await Promise.all(bodies.map((b) => send(b)))
    expect(replies.map((r) => r.status)).toEqual(bodies.map(() => 201))
    const rows = await db.select().from(responses).where(eq(responses.participantId, participantId))
    expect(rows.filter((r) => r.questionId === csatId)).toHaveLength(1)
  })
})

describe('the React Router route (npm run dev) reads no more than the listener', () => {
  const routePost = (body: string, headers: Record<string, string>) =>
    answers.action({ request: new Request('http://localhost/tableta/respuestas', { method: 'POST', headers, body }), params: {}, context: {} } as never)

  test('without a tablet nothing is read; a body past the limit is refused, also without Content-Length', async () => {
    const huge = JSON.stringify({ ...answer(), value: 'x'.repeat(4 * MAX_SYNC_BODY_BYTES) })
    expect((await routePost(huge, {})).status).toBe(403)
    const refused = await routePost(huge, { Cookie: cookie })
    expect(refused.status).toBe(413)
    expect(await refused.json()).toMatchObject({ message: 'La respuesta es demasiado grande.' })
    const fine = await routePost(JSON.stringify(answer(2)), { Cookie: cookie })
    expect(fine.status).toBe(201)
  })
})

describe('groupCommit', () => {
  test('works queued together resolve after the commit, each with its own result; one that throws rolls back alone', async () => {
    const sessionId = (await db.query.sessions.findFirst())!.id
    const note = (text: string) => () => {
      db.insert(observations).values({ sessionId, text }).run()
      return text
    }
    const failing = () => {
      db.insert(observations).values({ sessionId, text: 'a medias' }).run()
      throw new Error('falló a la mitad')
    }
    const results = await Promise.allSettled([groupCommit(note('uno')), groupCommit(failing), groupCommit(note('dos'))])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(results[0]).toMatchObject({ value: 'uno' })
    expect(db.$client.inTransaction).toBe(false)
    const texts = (await db.select({ text: observations.text }).from(observations)).map((o) => o.text)
    expect(texts).toEqual(expect.arrayContaining(['uno', 'dos']))
    expect(texts).not.toContain('a medias')
  })

  test('a work cannot queue another group-committed work (it would commit apart from its own)', async () => {
    await expect(groupCommit(() => groupCommit(() => 1))).rejects.toThrow('groupCommit inside')
  })

  test('a group whose commit fails rejects every work in it: nothing is acknowledged', async () => {
    // A deferred foreign key is checked at commit: the whole group fails there.
    const works = [
      groupCommit(() => db.$client.pragma('defer_foreign_keys = ON')),
      groupCommit(() => db.insert(observations).values({ sessionId: 999_999, text: 'sin sesión' }).run()),
    ]
    const results = await Promise.allSettled(works)
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(await db.select().from(observations).where(eq(observations.text, 'sin sesión'))).toEqual([])
    expect(db.$client.inTransaction).toBe(false)
  })
})

