import { asc, eq, sql } from 'drizzle-orm'
import { instruments, instrumentVersions, questions, responses, sessions } from '#db/schema.ts'
import type { QuestionDraftInput } from '#app/lib/forms/instrument.ts'
import { recordAudit } from './audit.ts'
import type { SessionUser } from './auth.ts'
import { db } from './db.ts'
import { DomainError } from './interventions.ts'

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0]

export type InstrumentQuestion = {
  id: number
  position: number
  kind: QuestionDraftInput['kind']
  text: string
  taskQuestionId: number | null
  config: QuestionDraftInput['config']
}

export async function getQuestions(instrumentVersionId: number): Promise<InstrumentQuestion[]> {
  const rows = await db
    .select()
    .from(questions)
    .where(eq(questions.instrumentVersionId, instrumentVersionId))
    .orderBy(asc(questions.position))
  return rows.map((q) => ({ id: q.id, position: q.position, kind: q.kind, text: q.text, taskQuestionId: q.taskQuestionId, config: q.config }))
}

/** Frozen once any answer points at one of its questions: answers keep the exact text they answered. */
export function isInstrumentVersionFrozen(instrumentVersionId: number, tx: Tx | typeof db = db): boolean {
  const row = tx
    .select({ id: responses.id })
    .from(responses)
    .innerJoin(questions, eq(questions.id, responses.questionId))
    .where(eq(questions.instrumentVersionId, instrumentVersionId))
    .limit(1)
    .get()
  return Boolean(row)
}

export async function getInstrumentInfo(instrumentVersionId: number) {
  const row = await db
    .select({ versionId: instrumentVersions.id, number: instrumentVersions.number, instrumentId: instruments.id, name: instruments.name })
    .from(instrumentVersions)
    .innerJoin(instruments, eq(instruments.id, instrumentVersions.instrumentId))
    .where(eq(instrumentVersions.id, instrumentVersionId))
    .get()
  if (!row) return null
  return { ...row, frozen: isInstrumentVersionFrozen(instrumentVersionId) }
}

function insertQuestions(tx: Tx, instrumentVersionId: number, drafts: QuestionDraftInput[]) {
  const ids: number[] = []
  drafts.forEach((d, i) => {
    const taskQuestionId = d.kind === 'seq' && d.taskIndex !== undefined ? (ids[d.taskIndex] ?? null) : null
    const row = tx
      .insert(questions)
      .values({ instrumentVersionId, position: i + 1, kind: d.kind, text: d.text, taskQuestionId, config: d.config })
      .returning({ id: questions.id })
      .get()
    ids.push(row.id)
  })
}

export function createInstrument(name: string, drafts: QuestionDraftInput[], user: SessionUser, tx: Tx) {
  const instrument = tx.insert(instruments).values({ name, createdBy: user.id }).returning({ id: instruments.id }).get()
  const version = tx
    .insert(instrumentVersions)
    .values({ instrumentId: instrument.id, number: 1, createdBy: user.id })
    .returning({ id: instrumentVersions.id })
    .get()
  insertQuestions(tx, version.id, drafts)
  return version.id
}

/**
 * Saves a session's guide. An unanswered version is rewritten in place; an answered (frozen) one is
 * left untouched and the session moves to a new version of the same instrument.
 */
export function saveSessionInstrument(sessionId: number, drafts: QuestionDraftInput[], user: SessionUser) {
  return db.transaction((tx) => {
    const session = tx.select().from(sessions).where(eq(sessions.id, sessionId)).get()
    if (!session) throw new DomainError('No existe esa sesión.', 404)
    if (session.status === 'closed') throw new DomainError('La sesión está cerrada: su guion ya no se puede cambiar.', 409)
    if (!session.instrumentVersionId) {
      const versionId = createInstrument(`Guion — ${session.title}`, drafts, user, tx)
      tx.update(sessions).set({ instrumentVersionId: versionId }).where(eq(sessions.id, sessionId)).run()
      recordAudit({ actor: user, action: 'instrument.create', entityType: 'session', entityId: sessionId }, tx)
      return { instrumentVersionId: versionId, newVersion: true }
    }
    const current = tx.select().from(instrumentVersions).where(eq(instrumentVersions.id, session.instrumentVersionId)).get()!
    // Other sessions may share this version: rewriting it in place would change their guide too.
    const shared = tx
      .select({ n: sql<number>`count(*)` })
      .from(sessions)
      .where(eq(sessions.instrumentVersionId, current.id))
      .get()!.n > 1
    if (!isInstrumentVersionFrozen(current.id, tx) && !shared) {
      tx.update(questions).set({ taskQuestionId: null }).where(eq(questions.instrumentVersionId, current.id)).run()
      tx.delete(questions).where(eq(questions.instrumentVersionId, current.id)).run()
      insertQuestions(tx, current.id, drafts)
      recordAudit({ actor: user, action: 'instrument.update', entityType: 'instrument_version', entityId: current.id }, tx)
      return { instrumentVersionId: current.id, newVersion: false }
    }
    const last = tx
      .select({ max: sql<number>`max(${instrumentVersions.number})` })
      .from(instrumentVersions)
      .where(eq(instrumentVersions.instrumentId, current.instrumentId))
      .get()!
    const next = tx
      .insert(instrumentVersions)
      .values({ instrumentId: current.instrumentId, number: (last.max ?? current.number) + 1, createdBy: user.id })
      .returning({ id: instrumentVersions.id })
      .get()
    insertQuestions(tx, next.id, drafts)
    tx.update(sessions).set({ instrumentVersionId: next.id }).where(eq(sessions.id, sessionId)).run()
    recordAudit({ actor: user, action: 'instrument.new_version', entityType: 'instrument_version', entityId: next.id, detail: { from: current.id } }, tx)
    return { instrumentVersionId: next.id, newVersion: true }
  })
}

/** Questions as drafts (what the builder edits), with SEQs pointing at their task by position. */
export function toDrafts(list: InstrumentQuestion[]): QuestionDraftInput[] {
  const indexById = new Map(list.map((q, i) => [q.id, i]))
  return list.map((q) => ({
    kind: q.kind,
    text: q.text,
    config: q.config,
    ...(q.taskQuestionId !== null ? { taskIndex: indexById.get(q.taskQuestionId) } : {}),
  }))
}
