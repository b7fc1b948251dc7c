import crypto from 'node:crypto'
import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm'
import {
  consentRecords,
  consentTexts,
  instrumentVersions,
  instruments,
  interventions,
  observations,
  observationTags,
  participants,
  prototypes,
  prototypeVersions,
  questions,
  responses,
  sessionFacilitators,
  sessions,
  sessionVersions,
  tabletDevices,
  users,
} from '#db/schema.ts'
import { csat, ideaVote, nps, openComment, profileQuestions, umuxLite, usabilityGuide, type QuestionDraft } from '#app/lib/question-bank.ts'
import { formatParticipantCode, type ObservationTag, type TaskOutcome } from '#app/lib/domain.ts'
import type { SessionInput } from '#app/lib/forms/session.ts'
import { recordAudit } from './audit.ts'
import type { SessionUser } from './auth.ts'
import { db } from './db.ts'
import { createInstrument } from './instruments.ts'
import { DomainError } from './interventions.ts'

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0]

/** Today in Lima (UTC−5, no daylight saving), as YYYY-MM-DD. */
export function todayInLima(now = Date.now()) {
  return new Date(now - 5 * 60 * 60 * 1000).toISOString().slice(0, 10)
}

const participantCount = sql<number>`(select count(*) from participants p where p.session_id = "sessions"."id")`

export async function listSessions() {
  const today = todayInLima()
  const select = () =>
    db
      .select({
        id: sessions.id,
        title: sessions.title,
        kind: sessions.kind,
        status: sessions.status,
        date: sessions.date,
        place: sessions.place,
        region: sessions.region,
        interventionCode: interventions.code,
        interventionTitle: interventions.title,
        participants: participantCount,
      })
      .from(sessions)
      .innerJoin(interventions, eq(interventions.id, sessions.interventionId))
  const [upcoming, past] = await Promise.all([
    select()
      .where(and(ne(sessions.status, 'closed'), gte(sessions.date, today)))
      .orderBy(asc(sessions.date), asc(sessions.id)),
    select()
      .where(or(eq(sessions.status, 'closed'), lt(sessions.date, today)))
      .orderBy(desc(sessions.date), desc(sessions.id)),
  ])
  return { upcoming, past }
}

/** What the planning form offers: interventions with their versions, facilitators, reusable guides. */
export async function getPlanningOptions() {
  const [versionRows, people, guides] = await Promise.all([
    db
      .select({
        interventionId: interventions.id,
        code: interventions.code,
        title: interventions.title,
        versionId: prototypeVersions.id,
        prototypeName: prototypes.name,
        number: prototypeVersions.number,
      })
      .from(interventions)
      .leftJoin(prototypes, eq(prototypes.interventionId, interventions.id))
      .leftJoin(prototypeVersions, eq(prototypeVersions.prototypeId, prototypes.id))
      .where(eq(interventions.status, 'active'))
      .orderBy(interventions.code, prototypes.id, prototypeVersions.number),
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.active, true), inArray(users.role, ['facilitator', 'admin'])))
      .orderBy(users.name),
    db
      .select({ id: instrumentVersions.id, name: instruments.name, number: instrumentVersions.number })
      .from(instrumentVersions)
      .innerJoin(instruments, eq(instruments.id, instrumentVersions.instrumentId))
      .orderBy(instruments.name, instrumentVersions.number),
  ])
  const interventionMap = new Map<number, { id: number; code: string; title: string; versions: { id: number; label: string }[] }>()
  for (const r of versionRows) {
    const entry = interventionMap.get(r.interventionId) ?? { id: r.interventionId, code: r.code, title: r.title, versions: [] }
    if (r.versionId) entry.versions.push({ id: r.versionId, label: `${r.prototypeName} v${r.number}` })
    interventionMap.set(r.interventionId, entry)
  }
  return { interventions: [...interventionMap.values()], facilitators: people, guides }
}

function templateDrafts(input: SessionInput, versionLabels: string[]): QuestionDraft[] {
  switch (input.guide) {
    case 'usability':
      return usabilityGuide((input.tasks ?? '').split('\n').map((t) => t.trim()).filter(Boolean))
    case 'workshop':
      return [
        ...profileQuestions(),
        ...(versionLabels.length >= 2 ? [ideaVote('¿Cuál de estas ideas le ayudaría más?', versionLabels, 1)] : []),
        csat(),
        openComment('¿Qué idea nos quiere dar para mejorar este servicio?'),
      ]
    case 'interview':
      return [...profileQuestions(), csat(), nps(), ...umuxLite(), openComment()]
    case 'reuse':
      return []
  }
}

export function createSession(input: SessionInput, user: SessionUser) {
  return db.transaction((tx) => {
    const intervention = tx.select().from(interventions).where(eq(interventions.id, input.interventionId)).get()
    if (!intervention || intervention.status !== 'active') throw new DomainError('Elija una intervención activa de la lista.')
    const versions = tx
      .select({ id: prototypeVersions.id, name: prototypes.name, number: prototypeVersions.number })
      .from(prototypeVersions)
      .innerJoin(prototypes, eq(prototypes.id, prototypeVersions.prototypeId))
      .where(and(inArray(prototypeVersions.id, input.versionIds), eq(prototypes.interventionId, intervention.id)))
      .all()
    if (versions.length !== new Set(input.versionIds).size) throw new DomainError('Las versiones elegidas deben ser prototipos de esa intervención.')
    const facilitators = tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, input.facilitatorIds), eq(users.active, true), inArray(users.role, ['facilitator', 'admin'])))
      .all()
    if (facilitators.length !== new Set(input.facilitatorIds).size) throw new DomainError('Elija facilitadores de la lista.')

    let instrumentVersionId: number
    if (input.guide === 'reuse') {
      const reused = tx.select().from(instrumentVersions).where(eq(instrumentVersions.id, input.reuseInstrumentVersionId!)).get()
      if (!reused) throw new DomainError('El guion elegido no existe.')
      instrumentVersionId = reused.id
    } else {
      instrumentVersionId = createInstrument(`Guion — ${input.title}`, templateDrafts(input, versions.map((v) => `${v.name} v${v.number}`)), user, tx)
    }
    const consent = tx.select().from(consentTexts).orderBy(desc(consentTexts.version)).limit(1).get()
    const session = tx
      .insert(sessions)
      .values({
        interventionId: intervention.id,
        title: input.title,
        kind: input.kind,
        date: input.date,
        place: input.place,
        region: input.region,
        instrumentVersionId,
        consentTextId: consent?.id ?? null,
        createdBy: user.id,
      })
      .returning({ id: sessions.id })
      .get()
    for (const id of new Set(input.facilitatorIds)) tx.insert(sessionFacilitators).values({ sessionId: session.id, userId: id }).run()
    for (const v of versions) tx.insert(sessionVersions).values({ sessionId: session.id, versionId: v.id }).run()
    recordAudit({ actor: user, action: 'session.create', entityType: 'session', entityId: session.id }, tx)
    return session
  })
}

export async function getSession(sessionId: number) {
  if (!Number.isSafeInteger(sessionId) || sessionId <= 0) return null
  const session = await db
    .select({
      id: sessions.id,
      title: sessions.title,
      kind: sessions.kind,
      status: sessions.status,
      date: sessions.date,
      place: sessions.place,
      region: sessions.region,
      instrumentVersionId: sessions.instrumentVersionId,
      consentTextId: sessions.consentTextId,
      interventionId: interventions.id,
      interventionCode: interventions.code,
      interventionTitle: interventions.title,
    })
    .from(sessions)
    .innerJoin(interventions, eq(interventions.id, sessions.interventionId))
    .where(eq(sessions.id, sessionId))
    .get()
  if (!session) return null
  const [versions, facilitators] = await Promise.all([
    db
      .select({ id: prototypeVersions.id, number: prototypeVersions.number, prototypeId: prototypes.id, prototypeName: prototypes.name })
      .from(sessionVersions)
      .innerJoin(prototypeVersions, eq(prototypeVersions.id, sessionVersions.versionId))
      .innerJoin(prototypes, eq(prototypes.id, prototypeVersions.prototypeId))
      .where(eq(sessionVersions.sessionId, sessionId))
      .orderBy(prototypeVersions.id),
    db
      .select({ id: users.id, name: users.name })
      .from(sessionFacilitators)
      .innerJoin(users, eq(users.id, sessionFacilitators.userId))
      .where(eq(sessionFacilitators.sessionId, sessionId))
      .orderBy(users.name),
  ])
  return { ...session, versions, facilitators }
}

/** Participants with how far each got: answers given out of the questions a citizen answers. */
export async function listParticipants(sessionId: number, instrumentVersionId: number | null) {
  const total = instrumentVersionId
    ? ((
        await db
          .select({ n: sql<number>`count(*)` })
          .from(questions)
          .where(and(eq(questions.instrumentVersionId, instrumentVersionId), ne(questions.kind, 'task')))
      )[0]?.n ?? 0)
    : 0
  const rows = await db
    .select({
      id: participants.id,
      code: participants.code,
      ageBand: participants.ageBand,
      digitalSkill: participants.digitalSkill,
      region: participants.region,
      preferredChannel: participants.preferredChannel,
      assignedVersionId: participants.assignedVersionId,
      createdAt: participants.createdAt,
      turnEndedAt: participants.turnEndedAt,
      consentMethod: consentRecords.method,
      deviceId: consentRecords.deviceId,
      answered: sql<number>`(select count(distinct r.question_id) from responses r where r.participant_id = "participants"."id" and r.kind <> 'task_outcome')`,
      lastAnswerAt: sql<string | null>`(select max(r.answered_at) from responses r where r.participant_id = "participants"."id")`,
    })
    .from(participants)
    .leftJoin(consentRecords, eq(consentRecords.participantId, participants.id))
    .where(eq(participants.sessionId, sessionId))
    .orderBy(asc(participants.id))
  return { total, participants: rows }
}

export async function listDevices(sessionId: number) {
  return db
    .select({
      id: tabletDevices.id,
      pairedAt: tabletDevices.pairedAt,
      language: tabletDevices.language,
      lockedUntil: tabletDevices.lockedUntil,
      pendingAnswers: tabletDevices.pendingAnswers,
      conflicts: tabletDevices.conflicts,
      lastSeenAt: tabletDevices.lastSeenAt,
    })
    .from(tabletDevices)
    .where(and(eq(tabletDevices.sessionId, sessionId), isNull(tabletDevices.revokedAt), sql`${tabletDevices.pairedAt} is not null`))
    .orderBy(tabletDevices.id)
}

export async function listTaskOutcomes(sessionId: number) {
  return db
    .select({ participantId: responses.participantId, taskQuestionId: responses.questionId, outcome: responses.valueText, durationMs: responses.durationMs })
    .from(responses)
    .where(and(eq(responses.sessionId, sessionId), eq(responses.kind, 'task_outcome')))
}

export async function listObservations(sessionId: number) {
  const rows = await db
    .select({
      id: observations.id,
      text: observations.text,
      createdAt: observations.createdAt,
      participantCode: participants.code,
      taskQuestionId: observations.taskQuestionId,
      versionId: observations.versionId,
      tags: sql<string | null>`(select group_concat(t.tag) from observation_tags t where t.observation_id = "observations"."id")`,
    })
    .from(observations)
    .leftJoin(participants, eq(participants.id, observations.participantId))
    .where(eq(observations.sessionId, sessionId))
    .orderBy(desc(observations.id))
  return rows.map((r) => ({ ...r, tags: (r.tags?.split(',') ?? []) as ObservationTag[] }))
}

function nextParticipantCode(tx: Tx) {
  const row = tx.select({ max: sql<number | null>`max(cast(substr(${participants.code}, 3) as integer))` }).from(participants).get()
  return formatParticipantCode((row?.max ?? 0) + 1)
}

/** In a session comparing versions, people take them in turn, so each version gets its share. */
function assignVersion(tx: Tx, sessionId: number) {
  const versions = tx.select({ id: sessionVersions.versionId }).from(sessionVersions).where(eq(sessionVersions.sessionId, sessionId)).orderBy(sessionVersions.versionId).all()
  if (versions.length === 0) return null
  const count = tx.select({ n: sql<number>`count(*)` }).from(participants).where(eq(participants.sessionId, sessionId)).get()!.n
  return versions[count % versions.length]!.id
}

/**
 * Registers a citizen with their consent in one transaction: without consent nobody is stored.
 * Tap consent comes from the tablet; oral consent needs a facilitator as witness.
 */
export function addParticipant(
  sessionId: number,
  input: {
    consent: { method: 'tap'; deviceId: number } | { method: 'oral'; witnessUserId: number; deviceId?: number }
    ageBand?: string
    digitalSkill?: string
    preferredChannel?: string
    region?: string
    dniHmac?: string
    clientKey?: string
  },
  actor: { id: number; email: string } | null,
) {
  return db.transaction((tx) => {
    const session = tx.select().from(sessions).where(eq(sessions.id, sessionId)).get()
    if (!session) throw new DomainError('No existe esa sesión.', 404)
    if (session.status === 'closed') throw new DomainError('La sesión está cerrada.', 409)
    if (input.dniHmac && tx.select({ id: participants.id }).from(participants).where(eq(participants.dniHmac, input.dniHmac)).get()) {
      throw new DomainError('Esa persona (por su DNI) ya participó: búsquela en lugar de registrarla de nuevo.', 409)
    }
    if (!session.consentTextId) throw new DomainError('La sesión no tiene un texto de consentimiento.', 409)
    if (session.status === 'planned') tx.update(sessions).set({ status: 'running', startedAt: new Date().toISOString() }).where(eq(sessions.id, sessionId)).run()
    const participant = tx
      .insert(participants)
      .values({
        code: nextParticipantCode(tx),
        sessionId,
        ageBand: (input.ageBand ?? null) as never,
        digitalSkill: (input.digitalSkill ?? null) as never,
        preferredChannel: (input.preferredChannel ?? null) as never,
        region: input.region ?? null,
        dniHmac: input.dniHmac ?? null,
        clientKey: input.clientKey ?? null,
        assignedVersionId: assignVersion(tx, sessionId),
      })
      .returning()
      .get()
    tx.insert(consentRecords)
      .values({
        participantId: participant.id,
        consentTextId: session.consentTextId,
        method: input.consent.method,
        deviceId: input.consent.deviceId ?? null,
        witnessUserId: input.consent.method === 'oral' ? input.consent.witnessUserId : null,
      })
      .run()
    recordAudit({ actor, action: 'participant.consent', entityType: 'participant', entityId: participant.code, detail: { method: input.consent.method, sessionId } }, tx)
    return participant
  })
}

export async function requireParticipantOf(sessionId: number, participantId: number) {
  const p = await db.query.participants.findFirst({ where: and(eq(participants.id, participantId), eq(participants.sessionId, sessionId)) })
  if (!p) throw new DomainError('Ese participante no es de esta sesión.', 400)
  return p
}

export async function endTurn(sessionId: number, participantId: number) {
  await requireParticipantOf(sessionId, participantId)
  await db
    .update(participants)
    .set({ turnEndedAt: new Date().toISOString() })
    .where(and(eq(participants.id, participantId), isNull(participants.turnEndedAt)))
}

/** The facilitator's mark of a task: one outcome per person and task; marking again corrects it. */
export async function recordTaskOutcome(
  sessionId: number,
  input: { participantId: number; taskQuestionId: number; outcome: TaskOutcome; seconds?: number },
  user: SessionUser,
) {
  const participant = await requireParticipantOf(sessionId, input.participantId)
  const session = (await db.query.sessions.findFirst({ where: eq(sessions.id, sessionId) }))!
  if (session.status === 'closed') throw new DomainError('La sesión está cerrada.', 409)
  const task = await db.query.questions.findFirst({
    where: and(eq(questions.id, input.taskQuestionId), eq(questions.kind, 'task'), eq(questions.instrumentVersionId, session.instrumentVersionId ?? -1)),
  })
  if (!task) throw new DomainError('Esa tarea no es del guion de esta sesión.', 400)
  const values = {
    valueText: input.outcome,
    valueNumber: input.outcome === 'completed' ? 1 : 0,
    durationMs: input.seconds === undefined ? null : input.seconds * 1000,
    answeredAt: new Date().toISOString(),
  }
  db.transaction((tx) => {
    const existing = tx
      .select({ id: responses.id })
      .from(responses)
      .where(and(eq(responses.participantId, participant.id), eq(responses.questionId, task.id), eq(responses.kind, 'task_outcome')))
      .get()
    if (existing) tx.update(responses).set(values).where(eq(responses.id, existing.id)).run()
    else {
      tx.insert(responses)
        .values({
          clientId: crypto.randomUUID(),
          sessionId,
          participantId: participant.id,
          versionId: participant.assignedVersionId,
          questionId: task.id,
          kind: 'task_outcome',
          answeredBy: 'facilitator',
          ...values,
        })
        .run()
    }
    recordAudit({ actor: user, action: 'task.outcome', entityType: 'participant', entityId: participant.code, detail: { task: task.id, outcome: input.outcome } }, tx)
  })
}

export async function addObservation(
  sessionId: number,
  input: { text: string; tags: ObservationTag[]; participantId?: number; versionId?: number; taskQuestionId?: number },
  user: SessionUser,
) {
  const session = await getSession(sessionId)
  if (!session) throw new DomainError('No existe esa sesión.', 404)
  let versionId = input.versionId ?? null
  if (input.participantId) {
    const p = await requireParticipantOf(sessionId, input.participantId)
    versionId ??= p.assignedVersionId
  }
  if (versionId && !session.versions.some((v) => v.id === versionId)) throw new DomainError('Esa versión no se prueba en esta sesión.', 400)
  if (input.taskQuestionId) {
    const task = await db.query.questions.findFirst({
      where: and(eq(questions.id, input.taskQuestionId), eq(questions.instrumentVersionId, session.instrumentVersionId ?? -1), eq(questions.kind, 'task')),
    })
    if (!task) throw new DomainError('Esa tarea no es del guion de esta sesión.', 400)
  }
  db.transaction((tx) => {
    const row = tx
      .insert(observations)
      .values({ sessionId, participantId: input.participantId ?? null, versionId, taskQuestionId: input.taskQuestionId ?? null, text: input.text, createdBy: user.id })
      .returning({ id: observations.id })
      .get()
    for (const tag of new Set(input.tags)) tx.insert(observationTags).values({ observationId: row.id, tag }).run()
  })
}

export function setSessionStatus(sessionId: number, status: 'running' | 'closed', user: SessionUser) {
  return db.transaction((tx) => {
    const session = tx.select().from(sessions).where(eq(sessions.id, sessionId)).get()
    if (!session) throw new DomainError('No existe esa sesión.', 404)
    if (session.status === 'closed') throw new DomainError('La sesión ya está cerrada.', 409)
    const now = new Date().toISOString()
    tx.update(sessions)
      .set(status === 'closed' ? { status, closedAt: now } : { status, startedAt: session.startedAt ?? now })
      .where(eq(sessions.id, sessionId))
      .run()
    if (status === 'closed') {
      tx.update(tabletDevices).set({ revokedAt: now }).where(and(eq(tabletDevices.sessionId, sessionId), isNull(tabletDevices.revokedAt))).run()
      tx.update(participants).set({ turnEndedAt: now }).where(and(eq(participants.sessionId, sessionId), isNull(participants.turnEndedAt))).run()
    }
    recordAudit({ actor: user, action: `session.${status}`, entityType: 'session', entityId: sessionId }, tx)
  })
}

export async function getConsentText(consentTextId: number | null) {
  if (!consentTextId) return null
  return db.query.consentTexts.findFirst({ where: eq(consentTexts.id, consentTextId) })
}

