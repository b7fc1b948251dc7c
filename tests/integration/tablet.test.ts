import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { consentRecords, participants, questions, responses, sessions, tabletDevices } from '#db/schema.ts'
import * as consoleRoute from '#app/routes/sessions/console.tsx'
import * as tablet from '#app/routes/tablet/index.tsx'
import * as answers from '#app/routes/tablet/answers.ts'
import { allRoutes, importRoute, paramsOf, samplePath } from '#tests/setup/routes.ts'
import { args, BASE, cookieFor, db, get, post, run, seedOnce, text } from '#tests/setup/app.ts'

let facilitator: string
let plannedSessionId: number

beforeAll(async () => {
  await seedOnce()
  facilitator = await cookieFor('facilitator')
  plannedSessionId = (await db.query.sessions.findFirst({ where: eq(sessions.status, 'planned') }))!.id
})

async function prepare(sessionId = plannedSessionId, pin = '2468') {
  const result = await run(() =>
    consoleRoute.action(args(post(`/sesiones/${sessionId}/consola`, { intent: 'prepare_tablet', pin, language: 'es-PE' }, facilitator), { id: String(sessionId) })),
  )
  expect(result.status).toBe(200)
  const pairing = (result.data as { pairing: { code: string; qr: string } }).pairing
  expect(pairing.code).toMatch(/^\d{6}$/)
  expect(pairing.qr).toContain('<svg')
  return pairing.code
}

async function pair(code: string) {
  const result = await run(() => tablet.action(args(post('/tableta', { intent: 'pair', code }))))
  expect(result.status).toBe(302)
  return result.headers.get('Set-Cookie')!.split(';')[0]!
}

async function pairedTablet(sessionId = plannedSessionId) {
  return pair(await prepare(sessionId))
}

async function consent(cookie: string, fields: Record<string, string> = { method: 'tap' }) {
  const result = await run(() => tablet.action(args(post('/tableta', { intent: 'consent', ...fields }, cookie))))
  return result
}

function answerRequest(cookie: string, body: unknown) {
  return new Request(`${BASE}/tableta/respuestas`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, Origin: BASE },
    body: JSON.stringify(body),
  })
}

async function sendAnswer(cookie: string, body: Record<string, unknown>) {
  const response = await answers.action(args(answerRequest(cookie, body)))
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function questionOf(sessionId: number, kind: string) {
  const session = (await db.query.sessions.findFirst({ where: eq(sessions.id, sessionId) }))!
  return (await db.query.questions.findFirst({ where: and(eq(questions.instrumentVersionId, session.instrumentVersionId!), eq(questions.kind, kind as never)) }))!
}

const answer = (participantId: number, questionId: number, value: unknown, clientId = crypto.randomUUID()) => ({
  clientId,
  participantId,
  questionId,
  value,
  answeredBy: 'self',
  answeredAt: new Date().toISOString(),
})

describe('pairing', () => {
  test('a fresh code pairs once; a used, unknown or expired code is refused in Spanish', async () => {
    const code = await prepare()
    await pair(code)
    const again = await run(() => tablet.action(args(post('/tableta', { intent: 'pair', code }))))
    expect(again.status).toBe(400)
    expect(text(again.data)).toMatch(/no es válido|ya se usó/)
    const unknown = await run(() => tablet.action(args(post('/tableta', { intent: 'pair', code: 'abc' }))))
    expect(unknown.status).toBe(400)
    const late = await prepare()
    await db.update(tabletDevices).set({ pairingExpiresAt: new Date(Date.now() - 1000).toISOString() }).where(eq(tabletDevices.pairingCode, late))
    const expired = await run(() => tablet.action(args(post('/tableta', { intent: 'pair', code: late }))))
    expect(expired.status).toBe(400)
    expect(text(expired.data)).toContain('venció')
  })

  test('an unpaired browser sees the pairing form; tablet pages are never stored by the browser', async () => {
    const page = await run(() => tablet.loader(args(get('/tableta?codigo=123456'))))
    expect(page.data).toMatchObject({ mode: 'pair', code: '123456' })
    expect(page.headers.get('Cache-Control')).toContain('no-store')
    const cookie = await pairedTablet()
    const flow = await run(() => tablet.loader(args(get('/tableta', cookie))))
    expect(flow.data).toMatchObject({ mode: 'flow', language: 'es-PE' })
    expect(flow.headers.get('Cache-Control')).toContain('no-store')
    expect(text(flow.data)).not.toContain('P-0')
  })

  test('a manager cannot prepare a tablet', async () => {
    const manager = await cookieFor('manager')
    const result = await run(() =>
      consoleRoute.action(args(post(`/sesiones/${plannedSessionId}/consola`, { intent: 'prepare_tablet', pin: '1234' }, manager), { id: String(plannedSessionId) })),
    )
    expect(result.status).toBe(403)
  })
})

describe("the tablet token's scope", () => {
  const tabletPaths = new Set(['/tableta', '/tableta/respuestas'])
  let cookie: string
  beforeAll(async () => {
    // A browser that holds both a tablet token and a staff sign-in still opens nothing but the tablet.
    cookie = `${await pairedTablet()}; ${facilitator}`
  })
  for (const route of allRoutes.filter((r) => !tabletPaths.has(r.path))) {
    test(`${route.path} answers 403 to a paired tablet`, async () => {
      const module = await importRoute(route.file)
      const path = samplePath(route.path, { code: 'INT-001', id: '1', prototypeId: '1', number: '1', artifactId: '1' })
      for (const [kind, fn] of [
        ['loader', module.loader],
        ['action', module.action],
      ] as const) {
        if (!fn) continue
        const request = kind === 'loader' ? get(path, cookie) : post(path, {}, cookie)
        const result = await run(async () => fn(args(request, paramsOf(route.path, path))))
        expect(result.status, `${kind} of ${route.path}`).toBe(403)
      }
    })
  }
})

describe('consent and answers', () => {
  test('without consent no answer is stored', async () => {
    const cookie = await pairedTablet()
    const session = (await db.query.sessions.findFirst({ where: eq(sessions.id, plannedSessionId) }))!
    // A participant in this session without a consent record (e.g. left half-registered).
    const orphan = (await db.insert(participants).values({ code: 'P-8001', sessionId: session.id }).returning())[0]!
    const q = await questionOf(plannedSessionId, 'csat')
    const result = await sendAnswer(cookie, answer(orphan.id, q.id, 4))
    expect(result.status).toBe(403)
    expect(result.body.message).toContain('Sin consentimiento')
    expect(await db.select().from(responses).where(eq(responses.participantId, orphan.id))).toEqual([])
  })

  test('tap consent creates a pseudonymous participant with its consent record; answers then are stored once', async () => {
    const cookie = await pairedTablet()
    const result = await consent(cookie)
    const participantId = (result.data as { participantId: number }).participantId
    const p = (await db.query.participants.findFirst({ where: eq(participants.id, participantId) }))!
    expect(p.code).toMatch(/^P-\d{4}$/)
    expect(await db.select().from(consentRecords).where(eq(consentRecords.participantId, participantId))).toMatchObject([{ method: 'tap', witnessUserId: null }])

    const q = await questionOf(plannedSessionId, 'nps')
    const body = answer(participantId, q.id, 9)
    expect(await sendAnswer(cookie, body)).toMatchObject({ status: 201, body: { status: 'saved' } })
    // The same id again (a resend after a dropped connection): nothing new, the first result back.
    const resend = await sendAnswer(cookie, body)
    expect(resend).toMatchObject({ status: 200, body: { status: 'duplicate' } })
    expect(await db.select().from(responses).where(eq(responses.clientId, body.clientId))).toHaveLength(1)
    // The same id with other content is refused.
    const conflict = await sendAnswer(cookie, { ...body, value: 3 })
    expect(conflict.status).toBe(409)
    expect((await db.query.responses.findFirst({ where: eq(responses.clientId, body.clientId) }))!.valueNumber).toBe(9)
    // Going back and changing the answer (a new id) replaces it: still one answer to that question.
    expect((await sendAnswer(cookie, answer(participantId, q.id, 7))).status).toBe(201)
    const rows = await db.select().from(responses).where(and(eq(responses.participantId, participantId), eq(responses.questionId, q.id)))
    expect(rows.map((r) => r.valueNumber)).toEqual([7])
    expect(rows[0]!.versionId).toBe(p.assignedVersionId)
  })

  test('profile answers fill the participant segments; values outside the question are refused', async () => {
    const cookie = await pairedTablet()
    const participantId = ((await consent(cookie)).data as { participantId: number }).participantId
    const age = await questionOf(plannedSessionId, 'profile_age_band')
    expect((await sendAnswer(cookie, answer(participantId, age.id, '70+'))).status).toBe(201)
    expect((await db.query.participants.findFirst({ where: eq(participants.id, participantId) }))!.ageBand).toBe('70+')
    expect((await sendAnswer(cookie, answer(participantId, age.id, '120+'))).status).toBe(400)
    const sus = await questionOf(plannedSessionId, 'sus')
    expect((await sendAnswer(cookie, answer(participantId, sus.id, 6))).status).toBe(400)
    expect((await sendAnswer(cookie, answer(participantId, sus.id, 2.5))).status).toBe(400)
    const task = await questionOf(plannedSessionId, 'task')
    expect((await sendAnswer(cookie, answer(participantId, task.id, 1))).status).toBe(400)
    const malformed = await answers.action(args(new Request(`${BASE}/tableta/respuestas`, { method: 'POST', headers: { Cookie: cookie }, body: '{no' })))
    expect(malformed.status).toBe(400)
  })

  test('each value lands in its own column, a list as JSON; a changed answer replaces all of it', async () => {
    // A session of its own with the co-creation guide, which has an idea vote (a list of options).
    const vote = (await db.query.questions.findFirst({ where: eq(questions.kind, 'idea_vote') }))!
    const planned = (await db.query.sessions.findFirst({ where: eq(sessions.id, plannedSessionId) }))!
    const { id: _id, ...fields } = planned
    const [copy] = await db.insert(sessions).values({ ...fields, title: 'Taller de ideas', instrumentVersionId: vote.instrumentVersionId }).returning()
    const cookie = await pairedTablet(copy!.id)
    const participantId = ((await consent(cookie)).data as { participantId: number }).participantId
    const options = (vote.config as { options: { value: string }[]; maxChoices?: number }).options.map((o) => o.value)
    const columns = (id: number) =>
      db.$client.prepare('select value_number n, value_text t, value_json j, typeof(value_json) jt from responses where id = ?').get(id) as Record<string, unknown>

    const first = await sendAnswer(cookie, answer(participantId, vote.id, [options[0]]))
    expect(first).toMatchObject({ status: 201, body: { status: 'saved' } })
    const id = first.body.responseId as number
    expect(columns(id)).toEqual({ n: null, t: null, j: JSON.stringify([options[0]]), jt: 'text' })
    // Changed (a new id): the same row now holds the new list.
    const second = await sendAnswer(cookie, answer(participantId, vote.id, [options[1]]))
    expect(second).toMatchObject({ status: 201, body: { responseId: id } })
    expect(columns(id)).toMatchObject({ j: JSON.stringify([options[1]]) })

    const comment = await questionOf(copy!.id, 'open_comment')
    const saved = await sendAnswer(cookie, answer(participantId, comment.id, '  Letra más grande, por favor  '))
    // A scale or a text answer has no JSON: SQL NULL, not the text 'null'.
    expect(columns(saved.body.responseId as number)).toEqual({ n: null, t: 'Letra más grande, por favor', j: null, jt: 'null' })
  })

  test('answers sent together are stored together, each with its own result', async () => {
    const cookie = await pairedTablet()
    const participantId = ((await consent(cookie)).data as { participantId: number }).participantId
    const csat = await questionOf(plannedSessionId, 'csat')
    const nps = await questionOf(plannedSessionId, 'nps')
    // Sent at once, they share one commit (groupCommit); one refused answer does not undo the others.
    const results = await Promise.all([
      sendAnswer(cookie, answer(participantId, csat.id, 5)),
      sendAnswer(cookie, answer(participantId, nps.id, 11)),
      sendAnswer(cookie, answer(participantId, nps.id, 10)),
    ])
    expect(results.map((r) => r.status)).toEqual([201, 400, 201])
    const stored = await db.select().from(responses).where(eq(responses.participantId, participantId))
    expect(stored.map((r) => [r.questionId, r.valueNumber]).sort()).toEqual([[csat.id, 5], [nps.id, 10]].sort())
  })

  test("a tablet cannot answer for another session's participant or question", async () => {
    const cookie = await pairedTablet()
    const other = (await db.query.participants.findFirst({ where: (p, { ne }) => ne(p.sessionId, plannedSessionId) }))!
    const q = await questionOf(plannedSessionId, 'csat')
    expect((await sendAnswer(cookie, answer(other.id, q.id, 4))).status).toBe(403)
    const participantId = ((await consent(cookie)).data as { participantId: number }).participantId
    const foreignQuestion = (await db.query.questions.findFirst({ where: (x, { ne }) => ne(x.instrumentVersionId, -1) }))!
    const session = (await db.query.sessions.findFirst({ where: eq(sessions.id, plannedSessionId) }))!
    if (foreignQuestion.instrumentVersionId !== session.instrumentVersionId) {
      expect((await sendAnswer(cookie, answer(participantId, foreignQuestion.id, 4))).status).toBe(400)
    }
    expect((await sendAnswer('katapulta_tableta=falso', answer(participantId, q.id, 4))).status).toBe(403)
  })

  test('end of turn is recorded', async () => {
    const cookie = await pairedTablet()
    const participantId = ((await consent(cookie)).data as { participantId: number }).participantId
    const result = await run(() => tablet.action(args(post('/tableta', { intent: 'end_turn', participantId: String(participantId) }, cookie))))
    expect(result.status).toBe(200)
    expect((await db.query.participants.findFirst({ where: eq(participants.id, participantId) }))!.turnEndedAt).not.toBeNull()
  })
})

describe('PIN', () => {
  test('oral consent needs the PIN and records the facilitator who prepared the tablet as witness', async () => {
    const cookie = await pairedTablet()
    const wrong = await consent(cookie, { method: 'oral', pin: '0000' })
    expect(wrong.status).toBe(400)
    const ok = await consent(cookie, { method: 'oral', pin: '2468' })
    const participantId = (ok.data as { participantId: number }).participantId
    const record = (await db.query.consentRecords.findFirst({ where: eq(consentRecords.participantId, participantId) }))!
    const witness = (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'facilitadora@katapulta.pe') }))!
    expect(record).toMatchObject({ method: 'oral', witnessUserId: witness.id })
  })

  test('five wrong PINs lock the tablet for five minutes, even for the right PIN; then the PIN unpairs it', async () => {
    const cookie = await pairedTablet()
    for (let i = 1; i <= 4; i++) {
      const r = await run(() => tablet.action(args(post('/tableta', { intent: 'exit', pin: '1111' }, cookie))))
      expect(r.status).toBe(400)
      expect(text(r.data)).toContain(`quedan ${5 - i}`.replace('quedan 1', 'queda 1'))
    }
    const fifth = await run(() => tablet.action(args(post('/tableta', { intent: 'exit', pin: '1111' }, cookie))))
    expect(fifth.status).toBe(429)
    expect(text(fifth.data)).toContain('bloqueada 5 minutos')
    const locked = await run(() => tablet.action(args(post('/tableta', { intent: 'exit', pin: '2468' }, cookie))))
    expect(locked.status).toBe(429)
    // Five minutes later the right PIN leaves kiosk mode: the tablet is unpaired and its cookie cleared.
    await db.update(tabletDevices).set({ lockedUntil: new Date(Date.now() - 1000).toISOString() }).where(sql`${tabletDevices.lockedUntil} is not null`)
    const exit = await run(() => tablet.action(args(post('/tableta', { intent: 'exit', pin: '2468' }, cookie))))
    expect(exit.status).toBe(302)
    expect(exit.headers.get('Set-Cookie')).toMatch(/Max-Age=0/i)
    const after = await run(() => tablet.loader(args(get('/tableta', cookie))))
    expect(after.data).toMatchObject({ mode: 'pair' })
  })
})

describe('closing the session', () => {
  test('revokes its tablets: their answers are refused', async () => {
    // A session of its own, so the other tests keep theirs.
    const planned = (await db.query.sessions.findFirst({ where: eq(sessions.id, plannedSessionId) }))!
    const { id: _id, ...fields } = planned
    const [copy] = await db.insert(sessions).values({ ...fields, title: 'Sesión para cerrar', status: 'running' }).returning()
    const cookie = await pairedTablet(copy!.id)
    const participantId = ((await consent(cookie)).data as { participantId: number }).participantId
    const close = await run(() => consoleRoute.action(args(post(`/sesiones/${copy!.id}/consola`, { intent: 'close', confirm: 'on' }, facilitator), { id: String(copy!.id) })))
    expect(close.status).toBe(302)
    const q = await questionOf(copy!.id, 'csat')
    expect((await sendAnswer(cookie, answer(participantId, q.id, 5))).status).toBe(403)
  })
})

describe('the offline queue on the server side', () => {
  test('a tap consent by key creates one participant, also when replayed; answers and the end of turn follow the key', async () => {
    const cookie = await pairedTablet()
    const key = crypto.randomUUID()
    const consentItem = { type: 'consent', participantKey: key, method: 'tap', at: new Date().toISOString() }
    const first = await sendAnswer(cookie, consentItem)
    expect(first.status).toBe(201)
    const replay = await sendAnswer(cookie, consentItem)
    expect(replay.status).toBe(200)
    expect(replay.body.participantId).toBe(first.body.participantId)
    expect(await db.select().from(participants).where(eq(participants.clientKey, key))).toHaveLength(1)
    const q = await questionOf(plannedSessionId, 'csat')
    const item = { type: 'answer', clientId: crypto.randomUUID(), participantKey: key, questionId: q.id, value: 5, answeredBy: 'companion', answeredAt: new Date().toISOString() }
    expect((await sendAnswer(cookie, item)).status).toBe(201)
    expect((await sendAnswer(cookie, item)).status).toBe(200)
    expect(await db.select().from(responses).where(eq(responses.clientId, item.clientId))).toMatchObject([{ answeredBy: 'companion', valueNumber: 5 }])
    expect((await sendAnswer(cookie, { type: 'end_turn', participantKey: key })).status).toBe(200)
    expect((await db.query.participants.findFirst({ where: eq(participants.clientKey, key) }))!.turnEndedAt).not.toBeNull()
    // An answer for a key nobody consented under is refused, not stored.
    expect((await sendAnswer(cookie, { ...item, clientId: crypto.randomUUID(), participantKey: crypto.randomUUID() })).status).toBe(403)
  })

  test('a heartbeat tells the console how many answers wait on the tablet', async () => {
    const cookie = await pairedTablet()
    expect((await sendAnswer(cookie, { type: 'heartbeat', pending: 7, conflicts: 1 })).status).toBe(200)
    const device = (await db.select().from(tabletDevices).where(eq(tabletDevices.pendingAnswers, 7)))[0]!
    expect(device).toMatchObject({ conflicts: 1 })
    expect(device.lastSeenAt).not.toBeNull()
    const data = (await consoleRoute.loader(args(get(`/sesiones/${plannedSessionId}/consola`, facilitator), { id: String(plannedSessionId) }))) as Awaited<ReturnType<typeof consoleRoute.loader>>
    expect(data.onTablet.some((d) => d.pendingAnswers === 7 && d.conflicts === 1)).toBe(true)
    expect((await sendAnswer(cookie, { type: 'heartbeat', pending: -1, conflicts: 0 })).status).toBe(400)
  })
})

describe('languages', () => {
  test('a tablet prepared in Quechua shows translated texts, and Spanish where there is none', async () => {
    const { localizedText, localizedOptions } = await import('#app/components/kiosk/question-views.tsx')
    const q = {
      id: 1,
      kind: 'single_choice',
      text: '¿Cuántos años tiene?',
      config: {
        options: [{ value: 'a', label: 'Menos de 60' }, { value: 'b', label: '60 o más' }],
        translations: { qu: { text: '¿Hayka watayuqmi kanki?', options: { a: '60 manaraq' } } },
      },
    }
    expect(localizedText(q, 'qu')).toBe('¿Hayka watayuqmi kanki?')
    expect(localizedText(q, 'es-PE')).toBe('¿Cuántos años tiene?')
    expect(localizedOptions(q, 'qu').map((o) => o.label)).toEqual(['60 manaraq', '60 o más'])
    const result = await run(() =>
      consoleRoute.action(args(post(`/sesiones/${plannedSessionId}/consola`, { intent: 'prepare_tablet', pin: '2468', language: 'qu' }, facilitator), { id: String(plannedSessionId) })),
    )
    const cookie = await pair((result.data as { pairing: { code: string } }).pairing.code)
    const flow = await run(() => tablet.loader(args(get('/tableta', cookie))))
    expect(flow.data).toMatchObject({ mode: 'flow', language: 'qu' })
  })
})

describe('pairing codes cannot be guessed', () => {
  test('more than 10 wrong codes from one address within 15 minutes are refused with 429', async () => {
    const from = (code: string) =>
      run(() =>
        tablet.action(
          args(
            new Request(`${BASE}/tableta`, {
              method: 'POST',
              body: new URLSearchParams({ intent: 'pair', code }),
              headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-katapulta-client-address': '198.51.100.7' },
            }),
          ),
        ),
      )
    for (let i = 0; i < 10; i++) expect((await from(String(100000 + i))).status).toBe(400)
    const good = await prepare()
    const blocked = await from(good)
    expect(blocked.status).toBe(429)
    expect(text(blocked.data)).toContain('Demasiados códigos incorrectos')
    // Another address still pairs with that code.
    await pair(good)
  })
})
