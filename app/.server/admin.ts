import crypto from 'node:crypto'
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm'
import {
  auditLog,
  consentRecords,
  consentTexts,
  loginSessions,
  observations,
  participants,
  questions,
  responses,
  sessions,
  users,
} from '#db/schema.ts'
import type { Role } from '#app/lib/domain.ts'
import { recordAudit } from './audit.ts'
import type { SessionUser } from './auth.ts'
import { db } from './db.ts'
import { env } from './env.ts'
import { DomainError } from './interventions.ts'
import { hashPassword } from './passwords.ts'
import { textContains, textStartsWith } from './search.ts'

// ---------------------------------------------------------------- staff accounts

export async function listUsers() {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, active: users.active, createdAt: users.createdAt })
    .from(users)
    .orderBy(users.name)
}

export async function createUser(input: { email: string; name: string; role: Role; password: string }, actor: SessionUser) {
  const email = input.email.trim().toLowerCase()
  const exists = await db.query.users.findFirst({ where: eq(users.email, email) })
  if (exists) throw new DomainError('Ya existe una cuenta con ese correo.', 409)
  const passwordHash = await hashPassword(input.password)
  const row = db.transaction((tx) => {
    const created = tx.insert(users).values({ email, name: input.name, role: input.role, passwordHash }).returning({ id: users.id }).get()
    recordAudit({ actor, action: 'user.create', entityType: 'user', entityId: created.id, detail: { role: input.role } }, tx)
    return created
  })
  return row
}

async function requireOtherUser(userId: number, actor: SessionUser, what: string) {
  const user = await db.query.users.findFirst({ where: eq(users.id, userId) })
  if (!user) throw new DomainError('No existe esa cuenta.', 404)
  if (user.id === actor.id) throw new DomainError(`No puede ${what} su propia cuenta: pida a otra persona administradora.`, 409)
  return user
}

export async function setUserRole(userId: number, role: Role, actor: SessionUser) {
  await requireOtherUser(userId, actor, 'cambiar el rol de')
  db.transaction((tx) => {
    tx.update(users).set({ role, updatedAt: new Date().toISOString() }).where(eq(users.id, userId)).run()
    recordAudit({ actor, action: 'user.role', entityType: 'user', entityId: userId, detail: { role } }, tx)
  })
}

/** Deactivating also ends every open session of that person at once. */
export async function setUserActive(userId: number, active: boolean, actor: SessionUser) {
  await requireOtherUser(userId, actor, 'desactivar')
  db.transaction((tx) => {
    tx.update(users).set({ active, updatedAt: new Date().toISOString() }).where(eq(users.id, userId)).run()
    if (!active) tx.delete(loginSessions).where(eq(loginSessions.userId, userId)).run()
    recordAudit({ actor, action: active ? 'user.activate' : 'user.deactivate', entityType: 'user', entityId: userId }, tx)
  })
}

export async function resetPassword(userId: number, password: string, actor: SessionUser) {
  const user = await db.query.users.findFirst({ where: eq(users.id, userId) })
  if (!user) throw new DomainError('No existe esa cuenta.', 404)
  const passwordHash = await hashPassword(password)
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash, updatedAt: new Date().toISOString() }).where(eq(users.id, userId)).run()
    tx.delete(loginSessions).where(eq(loginSessions.userId, userId)).run()
    recordAudit({ actor, action: 'user.password_reset', entityType: 'user', entityId: userId }, tx)
  })
}

// ---------------------------------------------------------------- consent texts

export async function listConsentTexts() {
  return db
    .select({ id: consentTexts.id, version: consentTexts.version, body: consentTexts.body, createdAt: consentTexts.createdAt, by: users.name })
    .from(consentTexts)
    .leftJoin(users, eq(users.id, consentTexts.createdBy))
    .orderBy(desc(consentTexts.version))
}

/** A new version of the consent text; sessions planned from now on use it, earlier consents keep theirs. */
export function publishConsentText(body: string, actor: SessionUser) {
  return db.transaction((tx) => {
    const last = tx.select({ max: sql<number | null>`max(${consentTexts.version})` }).from(consentTexts).get()
    const version = (last?.max ?? 0) + 1
    tx.insert(consentTexts).values({ version, body, createdBy: actor.id }).run()
    recordAudit({ actor, action: 'consent_text.publish', entityType: 'consent_text', entityId: version }, tx)
    return version
  })
}

// ---------------------------------------------------------------- citizens' privacy (Ley 29733)

/** The DNI as a keyed HMAC: the same DNI always gives the same value, and the value reveals nothing. */
export function dniHmac(dni: string) {
  return crypto.createHmac('sha256', env.DNI_HMAC_SECRET).update(dni.trim()).digest('hex')
}

export async function findParticipant(query: { code?: string; dni?: string }) {
  if (query.code) return (await db.query.participants.findFirst({ where: eq(participants.code, query.code.trim().toUpperCase()) })) ?? null
  if (query.dni) return (await db.query.participants.findFirst({ where: eq(participants.dniHmac, dniHmac(query.dni)) })) ?? null
  return null
}

/** Everything stored about one person, to hand to them (right of access). */
export async function exportParticipant(participantId: number, actor: SessionUser) {
  const participant = await db.query.participants.findFirst({ where: eq(participants.id, participantId) })
  if (!participant) throw new DomainError('No existe ese participante.', 404)
  const [consent, answers, notes, session] = await Promise.all([
    db
      .select({ method: consentRecords.method, givenAt: consentRecords.givenAt, textVersion: consentTexts.version, text: consentTexts.body })
      .from(consentRecords)
      .innerJoin(consentTexts, eq(consentTexts.id, consentRecords.consentTextId))
      .where(eq(consentRecords.participantId, participantId)),
    db
      .select({ question: questions.text, kind: responses.kind, valueNumber: responses.valueNumber, valueText: responses.valueText, valueJson: responses.valueJson, answeredBy: responses.answeredBy, answeredAt: responses.answeredAt })
      .from(responses)
      .innerJoin(questions, eq(questions.id, responses.questionId))
      .where(eq(responses.participantId, participantId))
      .orderBy(responses.id),
    db.select({ text: observations.text, createdAt: observations.createdAt }).from(observations).where(eq(observations.participantId, participantId)),
    db.query.sessions.findFirst({ where: eq(sessions.id, participant.sessionId), columns: { title: true, date: true, place: true } }),
  ])
  recordAudit({ actor, action: 'participant.export', entityType: 'participant', entityId: participant.code })
  return {
    exportedAt: new Date().toISOString(),
    participant: {
      code: participant.code,
      ageBand: participant.ageBand,
      region: participant.region,
      digitalSkill: participant.digitalSkill,
      preferredChannel: participant.preferredChannel,
      dniRegistered: participant.dniHmac !== null,
    },
    session,
    consent,
    answers,
    observations: notes,
  }
}

/**
 * Forgets a person: their row, segments, DNI hash and consent record go; their answers stay in the
 * statistics only as anonymous rows (participant link cleared), and notes about them lose the link.
 */
export function deleteParticipant(participantId: number, actor: SessionUser) {
  return db.transaction((tx) => {
    const participant = tx.select().from(participants).where(eq(participants.id, participantId)).get()
    if (!participant) throw new DomainError('No existe ese participante.', 404)
    const answers = tx.select({ n: sql<number>`count(*)` }).from(responses).where(eq(responses.participantId, participantId)).get()!.n
    tx.update(responses).set({ participantId: null }).where(eq(responses.participantId, participantId)).run()
    tx.update(observations).set({ participantId: null }).where(eq(observations.participantId, participantId)).run()
    tx.delete(consentRecords).where(eq(consentRecords.participantId, participantId)).run()
    tx.delete(participants).where(eq(participants.id, participantId)).run()
    recordAudit({ actor, action: 'participant.delete', entityType: 'participant', entityId: participant.code, detail: { anonymisedAnswers: answers } }, tx)
    return { code: participant.code, anonymisedAnswers: answers }
  })
}

// ---------------------------------------------------------------- audit log

export const AUDIT_PAGE = 100

export async function listAudit(filters: { action?: string; actor?: string; from?: string; to?: string; page: number }) {
  const where: SQL[] = []
  if (filters.action) where.push(textStartsWith(auditLog.action, filters.action))
  if (filters.actor) where.push(textContains(auditLog.actorLabel, filters.actor))
  if (filters.from) where.push(gte(auditLog.at, filters.from))
  if (filters.to) where.push(lte(auditLog.at, `${filters.to}T23:59:59.999Z`))
  const condition = where.length > 0 ? and(...where) : undefined
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(condition)
      .orderBy(desc(auditLog.id))
      .limit(AUDIT_PAGE)
      .offset((filters.page - 1) * AUDIT_PAGE),
    db.select({ n: sql<number>`count(*)` }).from(auditLog).where(condition),
  ])
  return { rows, total: total?.n ?? 0 }
}
