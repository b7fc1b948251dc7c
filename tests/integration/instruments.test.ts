import { asc, eq, inArray, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { instrumentVersions, questions, responses, sessions } from '#db/schema.ts'
import * as guide from '#app/routes/sessions/guide.tsx'
import {
  bankDrafts,
  describeIssues,
  fromDrafts,
  moveDown,
  moveItem,
  moveUp,
  removeItem,
  toDraftList,
  toItems,
  validateGuide,
} from '#app/components/guide/drafts.ts'
import { csat, openComment, seqAfter, susPositive, task, usabilityGuide, type QuestionDraft } from '#app/lib/question-bank.ts'
import { args, cookieFor, db, get, post, run, seedOnce, text } from '#tests/setup/app.ts'

let facilitator: string
let manager: string
let admin: string
let plannedId: number
let closedId: number

beforeAll(async () => {
  await seedOnce()
  ;[facilitator, manager, admin] = await Promise.all([cookieFor('facilitator'), cookieFor('manager'), cookieFor('admin')])
  plannedId = (await db.query.sessions.findFirst({ where: eq(sessions.status, 'planned'), orderBy: asc(sessions.id) }))!.id
  closedId = (await db.query.sessions.findFirst({ where: eq(sessions.status, 'closed'), orderBy: asc(sessions.id) }))!.id
})

type LoaderData = Awaited<ReturnType<typeof guide.loader>>
const load = async (id: number | string, cookie = facilitator) =>
  (await guide.loader(args(get(`/sesiones/${id}/guion`, cookie), { id: String(id) }))) as LoaderData
const save = (id: number | string, body: unknown, cookie = facilitator) =>
  run(() =>
    guide.action(
      args(post(`/sesiones/${id}/guion`, { questions: typeof body === 'string' ? body : JSON.stringify(body) }, cookie), { id: String(id) }),
    ),
  )

const sessionRow = async (id: number) => (await db.query.sessions.findFirst({ where: eq(sessions.id, id) }))!
const questionsOf = (versionId: number) =>
  db.select().from(questions).where(eq(questions.instrumentVersionId, versionId)).orderBy(asc(questions.position))

/** A small valid guide: a task, its SEQ, a single choice, a comment. */
const smallGuide = (label: string): QuestionDraft[] => [
  task(`${label}: inicie su solicitud.`),
  seqAfter(0),
  { kind: 'single_choice', text: `${label}: ¿por dónde prefiere hacerlo?`, config: { options: [{ value: 'web', label: 'Web' }, { value: 'tel', label: 'Teléfono' }] } },
  openComment(),
]

describe('loader', () => {
  test('a manager gets 403; an unknown or invalid id 404', async () => {
    expect((await run(() => load(plannedId, manager))).status).toBe(403)
    expect((await run(() => load(9999))).status).toBe(404)
    expect((await run(() => load('abc'))).status).toBe(404)
    expect((await run(() => load('1.5'))).status).toBe(404)
  })

  test('returns the ordered drafts (SEQ → its task), the instrument, whether it is frozen, and the session', async () => {
    const data = await load(plannedId)
    expect(data.session).toMatchObject({ id: plannedId, status: 'planned', interventionCode: 'INT-001' })
    expect(data.instrument).toMatchObject({ name: 'Guion de validación — Solicitud de pensión', number: 1, frozen: true })
    const kinds = data.drafts.map((d) => d.kind)
    expect(kinds.filter((k) => k === 'sus')).toHaveLength(10)
    data.drafts.forEach((d, i) => {
      if (d.kind === 'seq') expect(data.drafts[d.taskIndex!]!.kind).toBe('task')
      if (d.kind === 'seq') expect(d.taskIndex).toBe(i - 1)
    })
    expect(data.revision).toMatch(/^[0-9a-f]{16}$/)
    // An admin may open it too.
    expect((await run(() => load(plannedId, admin))).status).toBe(200)
  })
})

describe('saving a guide', () => {
  test('the planned demo session: its version is shared with answered sessions, so the first save makes a new version; later saves rewrite that one in place', async () => {
    const before = await sessionRow(plannedId)
    const oldVersion = before.instrumentVersionId!
    const oldTexts = (await questionsOf(oldVersion)).map((q) => q.text)

    // The loaded guide, saved back unchanged, is valid.
    const loaded = (await load(plannedId)).drafts
    const first = await save(plannedId, loaded)
    expect(first.status).toBe(302)
    expect(first.headers.get('Location')).toBe(`/sesiones/${plannedId}/guion?nueva-version=1`)
    const moved = (await sessionRow(plannedId)).instrumentVersionId!
    expect(moved).not.toBe(oldVersion)
    expect((await questionsOf(oldVersion)).map((q) => q.text)).toEqual(oldTexts)
    expect((await load(plannedId)).instrument).toMatchObject({ number: 2, frozen: false })

    const second = await save(plannedId, smallGuide('Nueva'))
    expect(second.status).toBe(302)
    expect(second.headers.get('Location')).toBe(`/sesiones/${plannedId}/guion?guardado=1`)
    expect((await sessionRow(plannedId)).instrumentVersionId).toBe(moved)
    const rows = await questionsOf(moved)
    expect(rows.map((q) => [q.position, q.kind, q.text])).toEqual([
      [1, 'task', 'Nueva: inicie su solicitud.'],
      [2, 'seq', seqAfter(0).text],
      [3, 'single_choice', 'Nueva: ¿por dónde prefiere hacerlo?'],
      [4, 'open_comment', openComment().text],
    ])
    expect(rows[1]!.taskQuestionId).toBe(rows[0]!.id)

    // Saved again in place: still the same version, with the new texts.
    const third = await save(plannedId, smallGuide('Otra'))
    expect(third.headers.get('Location')).toBe(`/sesiones/${plannedId}/guion?guardado=1`)
    expect((await sessionRow(plannedId)).instrumentVersionId).toBe(moved)
    expect((await questionsOf(moved)).map((q) => q.text)[0]).toBe('Otra: inicie su solicitud.')
    const data = await load(plannedId)
    expect(data.drafts).toHaveLength(4)
    expect(data.drafts[1]).toMatchObject({ kind: 'seq', taskIndex: 0 })
  })

  test('an answered (frozen) version is left untouched: the session moves to a new version, number + 1', async () => {
    await db.update(sessions).set({ status: 'running' }).where(eq(sessions.id, closedId))
    const oldVersionId = (await sessionRow(closedId)).instrumentVersionId!
    const oldVersion = (await db.query.instrumentVersions.findFirst({ where: eq(instrumentVersions.id, oldVersionId) }))!
    const [{ max }] = (await db
      .select({ max: sql<number>`max(${instrumentVersions.number})` })
      .from(instrumentVersions)
      .where(eq(instrumentVersions.instrumentId, oldVersion.instrumentId))) as [{ max: number }]
    const oldQuestions = await questionsOf(oldVersionId)
    const oldIds = oldQuestions.map((q) => q.id)
    const answersBefore = await db.select().from(responses).where(inArray(responses.questionId, oldIds)).orderBy(asc(responses.id))
    expect(answersBefore.length).toBeGreaterThan(0)
    expect((await load(closedId)).instrument?.frozen).toBe(true)

    const drafts = usabilityGuide(['Inicie su solicitud de pensión (texto nuevo).', 'Adjunte su DNI.'])
    const result = await save(closedId, drafts)
    expect(result.status).toBe(302)
    expect(result.headers.get('Location')).toBe(`/sesiones/${closedId}/guion?nueva-version=1`)

    const newVersionId = (await sessionRow(closedId)).instrumentVersionId!
    expect(newVersionId).not.toBe(oldVersionId)
    const newVersion = (await db.query.instrumentVersions.findFirst({ where: eq(instrumentVersions.id, newVersionId) }))!
    expect(newVersion).toMatchObject({ instrumentId: oldVersion.instrumentId, number: max + 1 })
    expect((await questionsOf(newVersionId)).map((q) => q.text)).toEqual(drafts.map((d) => d.text))
    // The old questions and every answer to them are exactly as before.
    expect(await questionsOf(oldVersionId)).toEqual(oldQuestions)
    expect(await db.select().from(responses).where(inArray(responses.questionId, oldIds)).orderBy(asc(responses.id))).toEqual(answersBefore)
    const data = await load(closedId)
    expect(data.instrument).toMatchObject({ number: max + 1, frozen: false })
  })

  test('a session without a guide gets a new instrument, and the page just says "guardado"', async () => {
    const bare = (await db.query.sessions.findFirst({ where: eq(sessions.status, 'closed'), orderBy: asc(sessions.id), offset: 2 }))!
    await db.update(sessions).set({ status: 'planned', instrumentVersionId: null }).where(eq(sessions.id, bare.id))
    const data = await load(bare.id)
    expect(data).toMatchObject({ instrument: null, drafts: [] })
    const result = await save(bare.id, [csat()])
    expect(result.headers.get('Location')).toBe(`/sesiones/${bare.id}/guion?guardado=1`)
    const versionId = (await sessionRow(bare.id)).instrumentVersionId!
    expect((await questionsOf(versionId)).map((q) => q.kind)).toEqual(['csat'])
    expect((await load(bare.id)).instrument).toMatchObject({ number: 1, name: `Guion — ${bare.title}` })
  })

  test('keeps translations in config.translations', async () => {
    const drafts: QuestionDraft[] = [{ ...csat(), config: { ...csat().config, translations: { qu: { text: '¿Imaynataq kachkanki?' } } } as QuestionDraft['config'] }]
    expect((await save(plannedId, drafts)).status).toBe(302)
    const [row] = await questionsOf((await sessionRow(plannedId)).instrumentVersionId!)
    expect(row!.config.translations).toEqual({ qu: { text: '¿Imaynataq kachkanki?' } })
    const bad = await save(plannedId, [{ ...csat(), config: { ...csat().config, translations: { Quechua: { text: 'x' } } } }])
    expect(bad.status).toBe(400)
    expect(text(bad.data)).toContain('Use un código de idioma como')
  })
})

describe('refusals', () => {
  const unchanged = async (id: number) => {
    const versionId = (await sessionRow(id)).instrumentVersionId!
    return { versionId, rows: await questionsOf(versionId) }
  }

  test('an SEQ before its task → 400 with the message; nothing changes', async () => {
    const before = await unchanged(plannedId)
    const result = await save(plannedId, [{ ...seqAfter(1) }, task('Adjunte su DNI.')])
    expect(result.status).toBe(400)
    expect((result.data as { errors: string[] }).errors).toContain('La pregunta 1 (SEQ) debe ir después de la tarea que evalúa.')
    expect(await unchanged(plannedId)).toEqual(before)
  })

  test('invalid JSON, no questions and a non-list → 400 in Spanish', async () => {
    const bad = await save(plannedId, '{not json')
    expect(bad.status).toBe(400)
    expect(text(bad.data)).toContain('No pudimos leer el guion enviado')
    const missing = await run(() => guide.action(args(post(`/sesiones/${plannedId}/guion`, {}, facilitator), { id: String(plannedId) })))
    expect(missing.status).toBe(400)
    const empty = await save(plannedId, [])
    expect(empty.status).toBe(400)
    expect(text(empty.data)).toContain('El guion necesita al menos una pregunta o tarea.')
    const notList = await save(plannedId, { kind: 'task' })
    expect(notList.status).toBe(400)
    expect(text(notList.data)).toContain('El guion enviado no tiene el formato esperado.')
  })

  test('a choice question with one option, an empty text, an incomplete SUS → 400 with the question number', async () => {
    const result = await save(plannedId, [
      csat(),
      { kind: 'single_choice', text: '¿Cuál prefiere?', config: { options: [{ value: 'a', label: 'Una' }] } },
      { kind: 'open_comment', text: '   ', config: {} },
      ...susPositive().slice(0, 9),
    ])
    expect(result.status).toBe(400)
    const errors = (result.data as { errors: string[] }).errors
    expect(errors).toContain('Pregunta 2 (Una opción): Agregue al menos dos opciones.')
    expect(errors).toContain('Pregunta 3 (Comentario abierto): Escriba el texto de la pregunta.')
    expect(errors).toContain('El SUS debe tener sus 10 ítems, cada uno una vez.')
  })

  test('a manager → 403 and nothing changes', async () => {
    const before = await unchanged(plannedId)
    expect((await save(plannedId, smallGuide('Gerencia'), manager)).status).toBe(403)
    expect(await unchanged(plannedId)).toEqual(before)
  })

  test('a closed session → 409 and nothing changes; an unknown one → 404', async () => {
    const closed = (await db.query.sessions.findFirst({ where: eq(sessions.status, 'closed'), orderBy: asc(sessions.id) }))!
    const before = await unchanged(closed.id)
    const result = await save(closed.id, smallGuide('Cerrada'))
    expect(result.status).toBe(409)
    expect(text(result.data)).toContain('La sesión está cerrada')
    expect(await unchanged(closed.id)).toEqual(before)
    expect((await save(9999, smallGuide('Nada'))).status).toBe(404)
  })
})

describe('the builder list (pure helpers)', () => {
  const items = () => fromDrafts([csat(), task('Tarea A'), seqAfter(1), task('Tarea B'), seqAfter(3), openComment()])
  const shape = (list: ReturnType<typeof items>) => toDraftList(list).map((d) => (d.kind === 'seq' ? `seq→${d.taskIndex}` : d.text.slice(0, 7)))

  test('a task moves with its SEQ and each SEQ keeps pointing at its own task', () => {
    const list = items()
    expect(shape(list)).toEqual(['¿Qué ta', 'Tarea A', 'seq→1', 'Tarea B', 'seq→3', '¿Hay al'])
    expect(shape(moveDown(list, 1))).toEqual(['¿Qué ta', 'Tarea B', 'seq→1', 'Tarea A', 'seq→3', '¿Hay al'])
    expect(shape(moveUp(list, 3))).toEqual(['¿Qué ta', 'Tarea B', 'seq→1', 'Tarea A', 'seq→3', '¿Hay al'])
    // Dragging B's task onto the first item; dropping something else between a task and its SEQ
    // lands next to the pair (above it when moving up, below it when moving down), never inside.
    expect(shape(moveItem(list, 3, 0))).toEqual(['Tarea B', 'seq→0', '¿Qué ta', 'Tarea A', 'seq→3', '¿Hay al'])
    expect(shape(moveItem(list, 5, 2))).toEqual(['¿Qué ta', '¿Hay al', 'Tarea A', 'seq→2', 'Tarea B', 'seq→4'])
    expect(shape(moveItem(list, 0, 1))).toEqual(['Tarea A', 'seq→0', '¿Qué ta', 'Tarea B', 'seq→3', '¿Hay al'])
    expect(validateGuide(toDraftList(moveDown(list, 1))).ok).toBe(true)
  })

  test('an SEQ moved above its task is allowed while editing but refused with its message', () => {
    const moved = moveUp(items(), 2)
    expect(shape(moved)).toEqual(['¿Qué ta', 'seq→2', 'Tarea A', 'Tarea B', 'seq→3', '¿Hay al'])
    const result = validateGuide(toDraftList(moved))
    expect(result.ok).toBe(false)
    expect(!result.ok && result.problems).toEqual([{ index: 1, message: 'La pregunta 2 (SEQ) debe ir después de la tarea que evalúa.' }])
  })

  test('removing a task removes its SEQ; removing one SUS item removes the whole SUS', () => {
    expect(shape(removeItem(items(), 1))).toEqual(['¿Qué ta', 'Tarea B', 'seq→1', '¿Hay al'])
    const withSus = [...items(), ...toItems(susPositive(), (() => { let n = 0; return () => `s${++n}` })())]
    expect(removeItem(withSus, 8)).toHaveLength(6)
    expect(bankDrafts('sus', withSus)).toEqual([])
    expect(bankDrafts('sus', items())).toHaveLength(10)
  })

  test('bank templates start invalid only where the facilitator must write', () => {
    for (const block of ['single_choice', 'multiple_choice', 'ranking', 'card_sort'] as const) {
      const result = validateGuide(bankDrafts(block, []))
      expect(!result.ok && result.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^Pregunta 1 \(.+\): Escriba el texto de la pregunta\.$/)])
    }
    expect(validateGuide([...bankDrafts('idea_vote', []), ...bankDrafts('profile', []), ...bankDrafts('umux_lite', [])]).ok).toBe(true)
  })

  test('messages name the question, its kind and the option', () => {
    const drafts = [{ kind: 'card_sort', text: 'x', config: { options: [{ value: 'a', label: 'A' }, { value: 'b', label: '' }], groups: [] } }]
    const result = validateGuide(drafts)
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual([
      'Pregunta 1 (Clasificar tarjetas), tarjeta 2: Escriba el texto de cada opción.',
      'Pregunta 1 (Clasificar tarjetas): Una clasificación de tarjetas necesita al menos dos grupos.',
    ])
    expect(describeIssues([], [])).toEqual([])
  })
})
