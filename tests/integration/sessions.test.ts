import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { observations, observationTags, participants, questions, responses, sessions, sessionVersions } from '#db/schema.ts'
import * as consoleRoute from '#app/routes/sessions/console.tsx'
import * as detail from '#app/routes/sessions/detail.tsx'
import * as list from '#app/routes/sessions/list.tsx'
import * as plan from '#app/routes/sessions/new.tsx'
import { todayInLima } from '#app/.server/sessions.ts'
import { args, cookieFor, db, get, post, run, seedOnce, text } from '#tests/setup/app.ts'

let facilitator: string
let manager: string
let facilitatorId: number
let formV1: number
let formV2: number
let int001: number

beforeAll(async () => {
  await seedOnce()
  ;[facilitator, manager] = await Promise.all([cookieFor('facilitator'), cookieFor('manager')])
  facilitatorId = (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'facilitadora@katapulta.pe') }))!.id
  int001 = (await db.query.interventions.findFirst({ where: (i, { eq }) => eq(i.code, 'INT-001') }))!.id
  const proto = (await db.query.prototypes.findFirst({ where: (p, { eq }) => eq(p.librarySlug, 'onpvirtual-formulario-simplificado') }))!
  const versions = await db.query.prototypeVersions.findMany({ where: (v, { eq }) => eq(v.prototypeId, proto.id), orderBy: (v, { asc }) => asc(v.number) })
  ;[formV1, formV2] = versions.map((v) => v.id) as [number, number]
})

const journeyOne = () => ({
  title: 'Validación en Lima con 3 tareas',
  kind: 'usability_test',
  date: '2027-02-10',
  place: 'Centro de Atención ONP Lima, Jesús María',
  region: 'Lima Metropolitana',
  interventionId: String(int001),
  versionIds: [String(formV1), String(formV2)],
  facilitatorIds: [String(facilitatorId)],
  guide: 'usability',
  tasks: 'Inicie su solicitud.\nAdjunte su DNI.\nEnvíe la solicitud.',
})

async function planOne(overrides: Record<string, string | string[]> = {}) {
  const result = await run(() => plan.action(args(post('/sesiones/nueva', { ...journeyOne(), ...overrides }, facilitator))))
  expect(result.status).toBe(302)
  return Number(result.headers.get('Location')!.match(/sesiones\/(\d+)/)![1])
}

const consoleAct = (id: number, fields: Record<string, string | string[]>, cookie = facilitator) =>
  run(() => consoleRoute.action(args(post(`/sesiones/${id}/consola`, fields, cookie), { id: String(id) })))

describe('planning a session', () => {
  test('journey 1: 3 tasks, an SEQ after each, the SUS, CSAT, NPS and an open comment, two versions to compare', async () => {
    const id = await planOne()
    const session = (await db.query.sessions.findFirst({ where: eq(sessions.id, id) }))!
    expect(session).toMatchObject({ status: 'planned', kind: 'usability_test', region: 'Lima Metropolitana' })
    expect(session.consentTextId).not.toBeNull()
    const qs = await db.select().from(questions).where(eq(questions.instrumentVersionId, session.instrumentVersionId!)).orderBy(questions.position)
    const kinds = qs.map((q) => q.kind)
    expect(kinds.filter((k) => k === 'task')).toHaveLength(3)
    expect(kinds.filter((k) => k === 'seq')).toHaveLength(3)
    expect(kinds.filter((k) => k === 'sus')).toHaveLength(10)
    expect(kinds).toEqual(expect.arrayContaining(['nps', 'csat', 'open_comment', 'profile_age_band', 'profile_digital_skill']))
    for (const seq of qs.filter((q) => q.kind === 'seq')) {
      const task = qs.find((q) => q.id === seq.taskQuestionId)!
      expect(task.kind).toBe('task')
      expect(task.position).toBe(seq.position - 1)
    }
    expect(qs.find((q) => q.kind === 'sus')!.config).toMatchObject({ wording: 'positive', source: expect.stringContaining('Hedlefs') })
    expect((await db.select().from(sessionVersions).where(eq(sessionVersions.sessionId, id))).map((v) => v.versionId).sort()).toEqual([formV1, formV2].sort())
  })

  test('refuses versions of another intervention, no facilitator, no tasks, a bad date; a manager gets 403', async () => {
    const otherProto = (await db.query.prototypes.findFirst({ where: (p, { ne }) => ne(p.interventionId, int001) }))!
    const other = (await db.query.prototypeVersions.findFirst({ where: (v, { eq }) => eq(v.prototypeId, otherProto.id) }))!
    const wrongVersion = await run(() => plan.action(args(post('/sesiones/nueva', { ...journeyOne(), versionIds: [String(other.id)] }, facilitator))))
    expect(wrongVersion.status).toBe(400)
    expect(text(wrongVersion.data)).toContain('deben ser prototipos de esa intervención')
    const noPeople = await run(() => plan.action(args(post('/sesiones/nueva', { ...journeyOne(), facilitatorIds: [] }, facilitator))))
    expect(text(noPeople.data)).toContain('Elija al menos una persona que facilite.')
    const noTasks = await run(() => plan.action(args(post('/sesiones/nueva', { ...journeyOne(), tasks: '  ' }, facilitator))))
    expect(text(noTasks.data)).toContain('Escriba de 1 a 10 tareas')
    const badDate = await run(() => plan.action(args(post('/sesiones/nueva', { ...journeyOne(), date: '2027-02-31' }, facilitator))))
    expect(text(badDate.data)).toContain('Esa fecha no existe.')
    const badRegion = await run(() => plan.action(args(post('/sesiones/nueva', { ...journeyOne(), region: 'Atlantis' }, facilitator))))
    expect(badRegion.status).toBe(400)
    expect((await run(() => plan.action(args(post('/sesiones/nueva', journeyOne(), manager))))).status).toBe(403)
    expect((await run(() => plan.loader(args(get('/sesiones/nueva', manager))))).status).toBe(403)
  })

  test('reuses an existing guide when asked', async () => {
    const source = (await db.query.sessions.findFirst())!
    const id = await planOne({ guide: 'reuse', reuseInstrumentVersionId: String(source.instrumentVersionId), tasks: '' })
    expect((await db.query.sessions.findFirst({ where: eq(sessions.id, id) }))!.instrumentVersionId).toBe(source.instrumentVersionId)
  })

  test('lists upcoming and past sessions', async () => {
    const id = await planOne({ date: todayInLima() })
    const data = (await list.loader(args(get('/sesiones', manager)))) as Awaited<ReturnType<typeof list.loader>>
    expect(data.upcoming.map((s) => s.id)).toContain(id)
    expect(data.past.length).toBeGreaterThanOrEqual(6)
    expect(data.past.every((s) => s.status === 'closed' || s.date < todayInLima())).toBe(true)
    const page = (await detail.loader(args(get(`/sesiones/${id}`, manager), { id: String(id) }))) as Awaited<ReturnType<typeof detail.loader>>
    expect(page.questions.length).toBeGreaterThan(20)
    expect((await run(() => detail.loader(args(get('/sesiones/99999', manager), { id: '99999' })))).status).toBe(404)
    expect((await run(() => detail.loader(args(get('/sesiones/abc', manager), { id: 'abc' })))).status).toBe(404)
  })
})

describe('facilitator console', () => {
  test('oral consent needs the facilitator to confirm it; without it nobody is stored', async () => {
    const id = await planOne()
    const refused = await consoleAct(id, { intent: 'add_participant', ageBand: '70+' })
    expect(refused.status).toBe(400)
    expect(text(refused.data)).toContain('Sin consentimiento no se registra a nadie')
    expect(await db.select().from(participants).where(eq(participants.sessionId, id))).toEqual([])
    const ok = await consoleAct(id, { intent: 'add_participant', ageBand: '70+', digitalSkill: 'low', oralConsent: 'on' })
    expect(ok.status).toBe(200)
    const [p] = await db.select().from(participants).where(eq(participants.sessionId, id))
    expect(p).toMatchObject({ ageBand: '70+', digitalSkill: 'low' })
    expect([formV1, formV2]).toContain(p!.assignedVersionId)
    expect((await db.query.sessions.findFirst({ where: eq(sessions.id, id) }))!.status).toBe('running')
  })

  test('versions are assigned in turn', async () => {
    const id = await planOne()
    for (let i = 0; i < 4; i++) await consoleAct(id, { intent: 'add_participant', oralConsent: 'on' })
    const rows = await db.select().from(participants).where(eq(participants.sessionId, id)).orderBy(participants.id)
    expect(rows.map((r) => r.assignedVersionId)).toEqual([formV1, formV2, formV1, formV2])
  })

  test('task outcomes and times: one per person and task, correctable; observations with tags', async () => {
    const id = await planOne()
    await consoleAct(id, { intent: 'add_participant', oralConsent: 'on' })
    const [p] = await db.select().from(participants).where(eq(participants.sessionId, id))
    const session = (await db.query.sessions.findFirst({ where: eq(sessions.id, id) }))!
    const task = (await db.query.questions.findFirst({ where: and(eq(questions.instrumentVersionId, session.instrumentVersionId!), eq(questions.kind, 'task')) }))!
    const mark = (outcome: string, seconds: string) => consoleAct(id, { intent: 'task_outcome', participantId: String(p!.id), taskQuestionId: String(task.id), outcome, seconds })
    expect((await mark('not_completed', '200')).status).toBe(200)
    expect((await mark('completed', '95')).status).toBe(200)
    const outcomes = await db.select().from(responses).where(and(eq(responses.participantId, p!.id), eq(responses.kind, 'task_outcome')))
    expect(outcomes).toMatchObject([{ valueText: 'completed', valueNumber: 1, durationMs: 95_000, answeredBy: 'facilitator', versionId: p!.assignedVersionId }])
    expect((await mark('maybe', '1')).status).toBe(400)
    expect((await mark('completed', '-5')).status).toBe(400)
    const sus = (await db.query.questions.findFirst({ where: and(eq(questions.instrumentVersionId, session.instrumentVersionId!), eq(questions.kind, 'sus')) }))!
    const notATask = await consoleAct(id, { intent: 'task_outcome', participantId: String(p!.id), taskQuestionId: String(sus.id), outcome: 'completed' })
    expect(notATask.status).toBe(400)

    const note = await consoleAct(id, { intent: 'observation', text: 'No encuentra el botón de adjuntar.', tags: ['pain', 'quote'], participantId: String(p!.id), taskQuestionId: String(task.id) })
    expect(note.status).toBe(200)
    const [obs] = await db.select().from(observations).where(eq(observations.sessionId, id))
    expect(obs).toMatchObject({ participantId: p!.id, versionId: p!.assignedVersionId, taskQuestionId: task.id })
    expect((await db.select().from(observationTags).where(eq(observationTags.observationId, obs!.id))).map((t) => t.tag).sort()).toEqual(['pain', 'quote'])
    expect((await consoleAct(id, { intent: 'observation', text: '  ' })).status).toBe(400)
    expect((await consoleAct(id, { intent: 'observation', text: 'x', tags: ['angry'] })).status).toBe(400)
  })

  test('the console shows who is on each tablet and how far along, and is closed to managers', async () => {
    const id = await planOne()
    expect((await run(() => consoleRoute.loader(args(get(`/sesiones/${id}/consola`, manager), { id: String(id) })))).status).toBe(403)
    const data = (await consoleRoute.loader(args(get(`/sesiones/${id}/consola`, facilitator), { id: String(id) }))) as Awaited<ReturnType<typeof consoleRoute.loader>>
    expect(data.tasks).toHaveLength(3)
    expect(data.people.total).toBeGreaterThan(15)
  })

  test('ending a turn and closing the session (with confirmation); a closed session refuses changes', async () => {
    const id = await planOne()
    await consoleAct(id, { intent: 'add_participant', oralConsent: 'on' })
    const [p] = await db.select().from(participants).where(eq(participants.sessionId, id))
    expect((await consoleAct(id, { intent: 'end_turn', participantId: String(p!.id) })).status).toBe(200)
    expect((await db.query.participants.findFirst({ where: eq(participants.id, p!.id) }))!.turnEndedAt).not.toBeNull()
    expect((await consoleAct(id, { intent: 'close' })).status).toBe(400)
    expect((await consoleAct(id, { intent: 'close', confirm: 'on' })).status).toBe(302)
    expect((await db.query.sessions.findFirst({ where: eq(sessions.id, id) }))!.status).toBe('closed')
    const late = await consoleAct(id, { intent: 'add_participant', oralConsent: 'on' })
    expect(late.status).toBe(409)
    expect((await consoleAct(id, { intent: 'close', confirm: 'on' })).status).toBe(409)
    expect((await consoleAct(99999, { intent: 'close', confirm: 'on' })).status).toBe(404)
  })
})
