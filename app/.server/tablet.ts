import crypto from 'node:crypto'
import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import { createCookie, data } from 'react-router'
import { consentRecords, loginAttempts, participants, questions, responses, sessions, tabletDevices } from '#db/schema.ts'
import type { AnswerPayload, AnswerResult, AnswerValue, SyncItem, SyncResult } from '#app/lib/tablet-answer.ts'
import { AGE_BANDS, CHANNELS, DIGITAL_SKILLS, REGIONS } from '#app/lib/domain.ts'
import { recordAudit } from './audit.ts'
import type { SessionUser } from './auth.ts'
import { db } from './db.ts'
import { env } from './env.ts'
import { DomainError } from './interventions.ts'
import { addParticipant } from './sessions.ts'
import { hashPassword, verifyPassword } from './passwords.ts'

export const PAIRING_MINUTES = 10
export const PIN_MAX_FAILURES = 5
export const PIN_LOCK_MINUTES = 5
const DEVICE_HOURS = 14

// The tablet's own cookie. It opens only the tablet pages of one session; staff pages answer 403 to it.
const tabletCookie = createCookie(env.isProduction ? '__Host-katapulta-tableta' : 'katapulta_tableta', {
  httpOnly: true,
  sameSite: 'strict',
  secure: env.isProduction,
  path: '/',
  maxAge: DEVICE_HOURS * 60 * 60,
  secrets: [env.SESSION_SECRET],
})

const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex')

export type Device = typeof tabletDevices.$inferSelect

/** Creates a short pairing code (valid 10 minutes) for a tablet that will open only this session. */
export async function preparePairing(sessionId: number, input: { pin: string; language: string }, user: SessionUser) {
  const session = await db.query.sessions.findFirst({ where: eq(sessions.id, sessionId) })
  if (!session) throw new DomainError('No existe esa sesión.', 404)
  if (session.status === 'closed') throw new DomainError('La sesión está cerrada: no se pueden preparar tabletas.', 409)
  const pinHash = await hashPassword(input.pin)
  const now = new Date()
  const expiresAt = new Date(now.getTime() + PAIRING_MINUTES * 60 * 1000).toISOString()
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')
    const clash = await db
      .select({ id: tabletDevices.id })
      .from(tabletDevices)
      .where(and(eq(tabletDevices.pairingCode, code), isNull(tabletDevices.pairedAt), gt(tabletDevices.pairingExpiresAt, now.toISOString())))
      .get()
    if (clash) continue
    const row = await db
      .insert(tabletDevices)
      .values({ sessionId, pairingCode: code, pairingExpiresAt: expiresAt, pinHash, language: input.language, createdBy: user.id })
      .returning({ id: tabletDevices.id })
      .get()
    recordAudit({ actor: user, action: 'tablet.prepare', entityType: 'session', entityId: sessionId, detail: { device: row.id } })
    return { code, expiresAt }
  }
  throw new Error('could not find a free pairing code')
}

export const PAIRING_MAX_FAILURES = 10
// Wrong pairing codes are counted like failed sign-ins (login_attempts), under this pseudo-account.
const PAIRING_ACCOUNT = 'pairing@tableta'

/**
 * Binds this browser to the session of a valid pairing code. A 6-digit code lives 10 minutes; more
 * than 10 wrong codes from one address within 15 minutes are refused, so codes cannot be guessed.
 */
export async function pairTablet(code: string, address = 'unknown'): Promise<{ ok: true; setCookie: string } | { ok: false; message: string; status?: 429 }> {
  const since = new Date(Date.now() - 15 * 60 * 1000).toISOString()
  const [failures] = await db
    .select({ n: sql<number>`count(*)` })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, PAIRING_ACCOUNT), eq(loginAttempts.ipAddress, address), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)))
  // Like sign-in: counted per client address when server.js supplies it.
  if (address !== 'unknown' && (failures?.n ?? 0) >= PAIRING_MAX_FAILURES) {
    return { ok: false, status: 429, message: 'Demasiados códigos incorrectos desde esta red. Espere 15 minutos o pida ayuda.' }
  }
  const result = await claimPairing(code)
  await db.insert(loginAttempts).values({ email: PAIRING_ACCOUNT, ipAddress: address, succeeded: result.ok })
  return result
}

async function claimPairing(code: string): Promise<{ ok: true; setCookie: string } | { ok: false; message: string }> {
  const now = new Date().toISOString()
  const device = await db
    .select()
    .from(tabletDevices)
    .where(and(eq(tabletDevices.pairingCode, code), isNull(tabletDevices.pairedAt), isNull(tabletDevices.revokedAt)))
    .orderBy(sql`${tabletDevices.id} desc`)
    .get()
  if (!device) return { ok: false, message: 'Ese código no es válido. Pida a la persona que facilita un código nuevo.' }
  if (device.pairingExpiresAt <= now) return { ok: false, message: 'Ese código venció (dura 10 minutos). Pida un código nuevo.' }
  const token = crypto.randomBytes(32).toString('base64url')
  const claimed = await db
    .update(tabletDevices)
    .set({ tokenHash: sha256(token), pairedAt: now })
    .where(and(eq(tabletDevices.id, device.id), isNull(tabletDevices.pairedAt)))
    .returning({ id: tabletDevices.id })
  if (claimed.length === 0) return { ok: false, message: 'Ese código ya se usó. Pida un código nuevo.' }
  recordAudit({ actor: null, action: 'tablet.pair', entityType: 'session', entityId: device.sessionId, detail: { device: device.id } })
  return { ok: true, setCookie: await tabletCookie.serialize(token) }
}

/** The paired tablet this request comes from, or null. A revoked tablet or a closed session opens nothing. */
export function getDevice(request: Request): Promise<Device | null> {
  return deviceFromCookie(request.headers.get('Cookie'))
}

/** The same, from a raw Cookie header (the answers' own HTTP handler, tablet-sync.ts). */
export async function deviceFromCookie(cookieHeader: string | null | undefined): Promise<Device | null> {
  if (!cookieHeader?.includes('tableta')) return null
  const token = await tabletToken(cookieHeader)
  if (token === null) return null
  const device = (deviceByToken ??= prepareDeviceByToken()).get({ hash: sha256(token) })
  if (!device || device.revokedAt) return null
  return device
}
let deviceByToken: ReturnType<typeof prepareDeviceByToken> | undefined
const prepareDeviceByToken = () => db.select().from(tabletDevices).where(eq(tabletDevices.tokenHash, sql.placeholder('hash'))).prepare()

// Checking the cookie's signature (Web Crypto HMAC) cost about as much CPU as storing the answer
// (bench/load.ts). A Cookie header's signature check always gives the same result, so the token read
// from a header is remembered; the device row (revoked, closed session) is still read every time.
const TOKEN_CACHE_SIZE = 2000
const tokenCache = new Map<string, string | null>()

async function tabletToken(cookieHeader: string): Promise<string | null> {
  const cached = tokenCache.get(cookieHeader)
  if (cached !== undefined) return cached
  const value: unknown = await tabletCookie.parse(cookieHeader)
  const token = typeof value === 'string' && value.length > 0 ? value : null
  if (tokenCache.size >= TOKEN_CACHE_SIZE) tokenCache.delete(tokenCache.keys().next().value!)
  tokenCache.set(cookieHeader, token)
  return token
}

/** Staff pages, sign-in and every route outside the tablet's own answer 403 to a paired tablet. */
export async function refuseTablet(request: Request) {
  if (await getDevice(request)) {
    throw data(
      { message: 'Esta tableta está en modo quiosco para una sesión. Para usar otras páginas, salga del modo quiosco con el PIN de facilitación.' },
      { status: 403 },
    )
  }
}

export function clearTabletCookie() {
  return tabletCookie.serialize('', { maxAge: 0 })
}

type PinCheck = { ok: true } | { ok: false; status: 400 | 429; message: string }

/** Checks the facilitator's PIN; 5 wrong PINs lock the tablet for 5 minutes. */
export async function checkPin(device: Device, pin: string): Promise<PinCheck> {
  const now = Date.now()
  if (device.lockedUntil && Date.parse(device.lockedUntil) > now) {
    const minutes = Math.ceil((Date.parse(device.lockedUntil) - now) / 60000)
    return { ok: false, status: 429, message: `Demasiados intentos. La tableta está bloqueada ${minutes === 1 ? '1 minuto' : `${minutes} minutos`} más.` }
  }
  if (device.pinHash && /^\d{4,8}$/.test(pin) && (await verifyPassword(device.pinHash, pin))) {
    await db.update(tabletDevices).set({ pinFailures: 0, lockedUntil: null }).where(eq(tabletDevices.id, device.id))
    return { ok: true }
  }
  const failures = device.pinFailures + 1
  if (failures >= PIN_MAX_FAILURES) {
    await db
      .update(tabletDevices)
      .set({ pinFailures: 0, lockedUntil: new Date(now + PIN_LOCK_MINUTES * 60 * 1000).toISOString() })
      .where(eq(tabletDevices.id, device.id))
    recordAudit({ actor: null, action: 'tablet.pin_lock', entityType: 'session', entityId: device.sessionId, detail: { device: device.id } })
    return { ok: false, status: 429, message: `PIN incorrecto. Por seguridad la tableta queda bloqueada ${PIN_LOCK_MINUTES} minutos.` }
  }
  await db.update(tabletDevices).set({ pinFailures: failures }).where(eq(tabletDevices.id, device.id))
  const left = PIN_MAX_FAILURES - failures
  return { ok: false, status: 400, message: `PIN incorrecto. Le ${left === 1 ? 'queda 1 intento' : `quedan ${left} intentos`}.` }
}

/** Leaves kiosk mode with the PIN: the tablet is unpaired and its cookie cleared. */
export async function exitKiosk(device: Device, pin: string) {
  const check = await checkPin(device, pin)
  if (!check.ok) return check
  await db.update(tabletDevices).set({ revokedAt: new Date().toISOString() }).where(eq(tabletDevices.id, device.id))
  recordAudit({ actor: null, action: 'tablet.exit', entityType: 'session', entityId: device.sessionId, detail: { device: device.id } })
  return { ok: true as const, setCookie: await clearTabletCookie() }
}

/** The witness of an oral consent given on this tablet: the facilitator who prepared it. */
export function tabletWitness(device: Device) {
  return device.createdBy
}

function sameValue(a: unknown, b: unknown) {
  return JSON.stringify(a) === JSON.stringify(b)
}

type StoredValue = { valueNumber: number | null; valueText: string | null; valueJson: unknown }

/** Checks a value against its question and turns it into the columns it is stored in. */
export function toStoredValue(kind: string, config: { options?: { value: string }[]; groups?: { value: string }[]; maxChoices?: number }, value: AnswerValue): StoredValue | string {
  const options = (config.options ?? []).map((o) => o.value)
  const scale = (min: number, max: number): StoredValue | string =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? { valueNumber: value, valueText: null, valueJson: null }
      : `La respuesta debe ser un número entero de ${min} a ${max}.`
  switch (kind) {
    case 'sus':
    case 'csat':
      return scale(1, 5)
    case 'seq':
    case 'umux_lite':
      return scale(1, 7)
    case 'nps':
      return scale(0, 10)
    case 'single_choice':
    case 'profile_age_band':
    case 'profile_digital_skill':
    case 'profile_channel':
    case 'profile_region': {
      const allowed =
        kind === 'profile_age_band' ? AGE_BANDS : kind === 'profile_digital_skill' ? DIGITAL_SKILLS : kind === 'profile_channel' ? CHANNELS : kind === 'profile_region' ? REGIONS : options
      return typeof value === 'string' && (allowed as readonly string[]).includes(value) && (options.length === 0 || options.includes(value))
        ? { valueNumber: null, valueText: value, valueJson: null }
        : 'Elija una de las opciones.'
    }
    case 'multiple_choice':
    case 'idea_vote': {
      const max = kind === 'idea_vote' ? (config.maxChoices ?? 1) : options.length
      return Array.isArray(value) && value.length >= 1 && value.length <= max && new Set(value).size === value.length && value.every((v) => options.includes(v))
        ? { valueNumber: null, valueText: null, valueJson: value }
        : `Elija entre 1 y ${max} de las opciones.`
    }
    case 'ranking':
      return Array.isArray(value) && value.length === options.length && [...value].sort().join('\u0000') === [...options].sort().join('\u0000')
        ? { valueNumber: null, valueText: null, valueJson: value }
        : 'Ordene todas las opciones.'
    case 'card_sort': {
      const groups = (config.groups ?? []).map((g) => g.value)
      const ok =
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.keys(value).length === options.length &&
        options.every((o) => groups.includes((value as Record<string, string>)[o] ?? ''))
      return ok ? { valueNumber: null, valueText: null, valueJson: value } : 'Ponga cada tarjeta en un grupo.'
    }
    case 'open_comment':
      return typeof value === 'string' && value.trim().length > 0 && value.length <= 2000
        ? { valueNumber: null, valueText: value.trim(), valueJson: null }
        : 'El comentario debe tener entre 1 y 2000 caracteres.'
    default:
      return 'Esta pregunta no se responde en la tableta.'
  }
}

const SEGMENT_COLUMN: Record<string, 'ageBand' | 'digitalSkill' | 'preferredChannel' | 'region'> = {
  profile_age_band: 'ageBand',
  profile_digital_skill: 'digitalSkill',
  profile_channel: 'preferredChannel',
  profile_region: 'region',
}

// The statements of saveAnswer, which runs for every answer of every tablet: built and compiled
// once instead of per answer (drizzle's query building and SQLite's prepare were most of its CPU
// time, bench/load.ts). They run on the same connection, so inside saveAnswer's transaction.
function prepareAnswerStatements() {
  const p = sql.placeholder
  const participant = { id: participants.id, sessionId: participants.sessionId, assignedVersionId: participants.assignedVersionId, consent: consentRecords.id }
  const participantQuery = () => db.select(participant).from(participants).leftJoin(consentRecords, eq(consentRecords.participantId, participants.id))
  // Written values go in as plain SQL parameters: drizzle types no placeholders in update().set(),
  // and through a json column's encoder a null would become the text 'null' (so valueJson comes encoded).
  const value = (name: string) => sql`${p(name)}`
  const answer = {
    clientId: value('clientId'),
    valueNumber: value('valueNumber'),
    valueText: value('valueText'),
    valueJson: value('valueJson'),
    answeredBy: value('answeredBy'),
    answeredAt: value('answeredAt'),
    deviceId: value('deviceId'),
  }
  return {
    byClientId: db
      .select({
        id: responses.id,
        participantId: responses.participantId,
        questionId: responses.questionId,
        valueNumber: responses.valueNumber,
        valueText: responses.valueText,
        valueJson: responses.valueJson,
        answeredBy: responses.answeredBy,
      })
      .from(responses)
      .where(eq(responses.clientId, p('clientId')))
      .prepare(),
    participantById: participantQuery().where(eq(participants.id, p('id'))).prepare(),
    participantByKey: participantQuery().where(eq(participants.clientKey, p('key'))).prepare(),
    session: db.select({ instrumentVersionId: sessions.instrumentVersionId }).from(sessions).where(eq(sessions.id, p('id'))).prepare(),
    question: db
      .select({ id: questions.id, kind: questions.kind, config: questions.config })
      .from(questions)
      .where(and(eq(questions.id, p('id')), eq(questions.instrumentVersionId, p('version'))))
      .prepare(),
    previous: db.select({ id: responses.id }).from(responses).where(and(eq(responses.participantId, p('participant')), eq(responses.questionId, p('question')))).prepare(),
    insert: db
      .insert(responses)
      .values({ ...answer, sessionId: value('sessionId'), participantId: value('participantId'), versionId: value('versionId'), questionId: value('questionId'), kind: value('kind') })
      .returning({ id: responses.id })
      .prepare(),
    replace: db
      .update(responses)
      .set({ ...answer, receivedAt: value('receivedAt') })
      .where(eq(responses.id, p('id')))
      .prepare(),
  }
}
let answerStatements: ReturnType<typeof prepareAnswerStatements> | undefined
let answerTransaction: ((device: Device, payload: AnswerPayload) => { httpStatus: number; result: AnswerResult }) | undefined

/**
 * Stores one answer from a tablet. Idempotent by client id: the same id again returns the first
 * result and stores nothing; the same id with other content is a conflict (409). A new id for a
 * question the person already answered (they went back and changed it) replaces that answer.
 */
export function saveAnswer(device: Device, payload: AnswerPayload): { httpStatus: number; result: AnswerResult } {
  // One transaction function, made once (better-sqlite3's own: a savepoint when nested in groupCommit).
  answerTransaction ??= db.$client.transaction(storeAnswer)
  return answerTransaction(device, payload)
}

function storeAnswer(device: Device, payload: AnswerPayload): { httpStatus: number; result: AnswerResult } {
  const run = (answerStatements ??= prepareAnswerStatements())
  const existing = run.byClientId.get({ clientId: payload.clientId })
  const participant = payload.participantKey !== undefined ? run.participantByKey.get({ key: payload.participantKey }) : run.participantById.get({ id: payload.participantId! })
  if (!participant || participant.sessionId !== device.sessionId) {
    return { httpStatus: 403, result: { status: 'invalid', message: 'Ese participante no es de la sesión de esta tableta.' } }
  }
  if (!participant.consent) {
    return { httpStatus: 403, result: { status: 'invalid', message: 'Sin consentimiento no se guarda ninguna respuesta.' } }
  }
  const session = run.session.get({ id: device.sessionId })!
  const question = run.question.get({ id: payload.questionId, version: session.instrumentVersionId ?? -1 })
  if (!question) return { httpStatus: 400, result: { status: 'invalid', message: 'Esa pregunta no es del guion de esta sesión.' } }
  const stored = toStoredValue(question.kind, question.config, payload.value)
  if (typeof stored === 'string') return { httpStatus: 400, result: { status: 'invalid', message: stored } }

  if (existing) {
    const same =
      existing.participantId === participant.id &&
      existing.questionId === payload.questionId &&
      existing.valueNumber === stored.valueNumber &&
      existing.valueText === stored.valueText &&
      sameValue(existing.valueJson, stored.valueJson) &&
      existing.answeredBy === payload.answeredBy
    return same
      ? { httpStatus: 200, result: { status: 'duplicate', responseId: existing.id } }
      : { httpStatus: 409, result: { status: 'conflict', message: 'Ya existe otra respuesta con ese identificador.' } }
  }

  const answer = {
    clientId: payload.clientId,
    valueNumber: stored.valueNumber,
    valueText: stored.valueText,
    valueJson: stored.valueJson === null ? null : JSON.stringify(stored.valueJson),
    answeredBy: payload.answeredBy,
    answeredAt: payload.answeredAt,
    deviceId: device.id,
  }
  const previous = run.previous.get({ participant: participant.id, question: question.id })
  let responseId: number
  if (previous) {
    run.replace.run({ ...answer, receivedAt: new Date().toISOString(), id: previous.id })
    responseId = previous.id
  } else {
    const isProfile = question.kind.startsWith('profile_')
    responseId = run.insert.get({
      ...answer,
      sessionId: device.sessionId,
      participantId: participant.id,
      versionId: isProfile ? null : participant.assignedVersionId,
      questionId: question.id,
      kind: question.kind,
    })!.id
  }
  const column = SEGMENT_COLUMN[question.kind]
  if (column && typeof stored.valueText === 'string') {
    db.update(participants).set({ [column]: stored.valueText }).where(eq(participants.id, participant.id)).run()
  }
  return { httpStatus: 201, result: { status: 'saved', responseId } }
}

/**
 * One item of a tablet's queue. A tap consent creates the participant under the tablet's key (a
 * replay finds the same one); answers and the end of the turn refer to that key.
 */
export function applySyncItem(device: Device, item: SyncItem): { httpStatus: number; result: SyncResult } {
  switch (item.type) {
    case 'consent': {
      const known = db.select().from(participants).where(eq(participants.clientKey, item.participantKey)).get()
      if (known) {
        return known.sessionId === device.sessionId
          ? { httpStatus: 200, result: { status: 'ok', participantId: known.id } }
          : { httpStatus: 409, result: { status: 'conflict', message: 'Esa clave de participante es de otra sesión.' } }
      }
      const created = addParticipant(device.sessionId, { clientKey: item.participantKey, consent: { method: 'tap', deviceId: device.id } }, null)
      return { httpStatus: 201, result: { status: 'ok', participantId: created.id } }
    }
    case 'end_turn': {
      const known = db.select().from(participants).where(and(eq(participants.clientKey, item.participantKey), eq(participants.sessionId, device.sessionId))).get()
      if (!known) return { httpStatus: 409, result: { status: 'conflict', message: 'No existe ese participante en esta sesión.' } }
      if (!known.turnEndedAt) db.update(participants).set({ turnEndedAt: new Date().toISOString() }).where(eq(participants.id, known.id)).run()
      return { httpStatus: 200, result: { status: 'ok', participantId: known.id } }
    }
    case 'heartbeat':
      db.update(tabletDevices)
        .set({ pendingAnswers: item.pending, conflicts: item.conflicts, lastSeenAt: new Date().toISOString() })
        .where(eq(tabletDevices.id, device.id))
        .run()
      return { httpStatus: 200, result: { status: 'ok' } }
    default:
      return saveAnswer(device, item)
  }
}
