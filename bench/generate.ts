// Benchmark data: a separate SQLite file with N responses, deterministic (fixed seed), realistic
// enough for the dashboards' queries to meet the shapes they meet in the lab (40 interventions,
// 2–3 prototypes each, 1–4 versions each, sessions of 20–30 people answering a usability guide).
//
//   npx tsx bench/generate.ts --responses 1000000 [--out data/bench/bench-1m.db] [--reuse] [--seed N]
//
// Never touches the app's database: the default file is data/bench/bench-<size>.db. The schema
// comes from the app's own migrations (openDatabase); rows go in through raw better-sqlite3
// prepared statements in large transactions, with every CHECK, UNIQUE and foreign key enforced.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { openDatabase } from '../db/connection.ts'
import { Random } from '../db/random.ts'
import { usabilityGuide, type QuestionDraft } from '../app/lib/question-bank.ts'
import {
  AGE_BANDS,
  CHANNELS,
  DIGITAL_SKILLS,
  FIDELITIES,
  REGIONS,
  formatInterventionCode,
  formatParticipantCode,
  type AgeBand,
  type AnsweredBy,
  type Channel,
  type DigitalSkill,
  type SessionKind,
  type Stage,
  type TaskOutcome,
} from '../app/lib/domain.ts'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// Bump when the generated data changes shape, so --reuse never picks up an older file.
export const GENERATOR_VERSION = 1
export const DEFAULT_SEED = 20260401
const ROWS_PER_TRANSACTION = 50_000

// ---------------------------------------------------------------- randomness (as in seed-demo)


const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x))
const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()
const day = (ms: number) => iso(ms).slice(0, 10)

// ---------------------------------------------------------------- vocabulary

const SERVICES = [
  'Solicitud de pensión',
  'Clave virtual',
  'Consulta de aportes',
  'Constancia de pago',
  'Cambio de cuenta bancaria',
  'Reclamos y quejas',
  'Pensión de sobrevivencia',
  'Pensión de invalidez',
  'Bono de reconocimiento',
  'Citas presenciales',
  'Estado de trámite',
  'Boleta de pago',
  'Actualización de datos',
  'Declaración de supervivencia',
  'Devolución de aportes',
  'Cobro por apoderado',
  'Orientación previsional',
  'Notificaciones electrónicas',
  'Libre desafiliación informada',
  'Reintegro de pensión',
]
const APPROACHES: { label: string; channel: Channel }[] = [
  { label: 'en ONPVirtual', channel: 'web' },
  { label: 'por WhatsApp ONP', channel: 'whatsapp' },
  { label: 'por ONP Te Escucha', channel: 'phone' },
  { label: 'en agencias', channel: 'in_person' },
]
const PROTOTYPE_IDEAS = ['Formulario simplificado', 'Guía paso a paso', 'Asistente conversacional', 'Video tutorial', 'Menú con pocas opciones', 'Letra grande y alto contraste', 'Llamada de devolución', 'Recordatorios por SMS']
const POSITIVE_COMMENTS = ['Muy claro, gracias.', 'Fácil, lo podría hacer mi esposa también.', 'Ahora sí encontré el botón.', 'Rápido, no tuve que ir a la oficina.', 'Me dio confianza ver el número para llamar.', 'Se lee bien.']
const NEGATIVE_COMMENTS = ['Las letras son pequeñas, tuve que acercarme mucho.', 'No sabía si ya había enviado la solicitud.', 'Son demasiadas opciones, no sé cuál elegir.', 'Quiero hablar con una persona.', 'El código tardó mucho en llegar.', 'Me perdí en los documentos.', 'No entendí qué me pedían.']
const CONSENT_TEXT =
  'Le invitamos a participar en una prueba del laboratorio Katapulta de la ONP. Sus respuestas se guardan con un código, sin su nombre (Ley 29733). Puede dejar de participar en cualquier momento.'

const FIRST_DAY = Date.UTC(2020, 3, 1)
const LAST_DAY = Date.UTC(2025, 11, 15)

// ---------------------------------------------------------------- options and results

export type GenerateOptions = { responses: number; out?: string; reuse?: boolean; seed?: number; quiet?: boolean }
export type GenerateSummary = {
  file: string
  generatorVersion: number
  seed: number
  reused: boolean
  seconds: number
  bytes: number
  counts: Record<string, number>
}

/** 10000 → "10k", 1000000 → "1m", 12345 → "12345". */
export function sizeLabel(n: number): string {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}m`
  if (n % 1_000 === 0) return `${n / 1_000}k`
  return String(n)
}

export function defaultBenchFile(responses: number): string {
  return path.join(REPO_ROOT, 'data', 'bench', `bench-${sizeLabel(responses)}.db`)
}

const metaFile = (file: string) => `${file}.json`

// ---------------------------------------------------------------- the model behind the data

type VersionModel = {
  id: number
  completion: number // chance that a task is completed unaided, before segment effects
  sus: number
  seq: number
  csat: number
  nps: number
  readyAt: number // ms: the version exists from here on
}
type PrototypeModel = { id: number; versions: VersionModel[] }
type InterventionModel = {
  id: number
  region: string
  weight: number // how many sessions it gets, relative to the others
  prototypes: PrototypeModel[]
  instrumentVersionId: number
  questions: { id: number; kind: QuestionDraft['kind']; item?: number }[]
}

/** Ten SUS answers 1–5 (all-positive wording) whose score is close to `target` (0–100). */
function susAnswers(random: Random, target: number): number[] {
  const total = clamp(Math.round(target / 2.5), 0, 40)
  const items = Array.from({ length: 10 }, (_, i) => Math.floor(total / 10) + (i < total % 10 ? 1 : 0))
  random.shuffle(items)
  for (let k = 0; k < 4; k++) {
    const a = random.int(0, 9)
    const b = random.int(0, 9)
    if (a !== b && items[a]! < 4 && items[b]! > 0) {
      items[a]!++
      items[b]!--
    }
  }
  return items.map((x) => x + 1)
}

// ---------------------------------------------------------------- the generator

export function generate(options: GenerateOptions): GenerateSummary {
  const target = options.responses
  if (!Number.isInteger(target) || target < 1_000 || target > 20_000_000) {
    throw new Error(`--responses must be an integer from 1000 to 20000000, got ${String(target)}`)
  }
  const seed = options.seed ?? DEFAULT_SEED
  const file = path.resolve(options.out ?? defaultBenchFile(target))
  const log = options.quiet ? () => {} : (line: string) => console.log(line)

  if (options.reuse && fs.existsSync(file) && fs.existsSync(metaFile(file))) {
    try {
      const meta = JSON.parse(fs.readFileSync(metaFile(file), 'utf8')) as GenerateSummary
      if (meta.generatorVersion === GENERATOR_VERSION && meta.seed === seed && meta.counts.responses === target) {
        log(`reusing ${path.relative(REPO_ROOT, file)} (${target.toLocaleString('en')} responses, generated in ${meta.seconds.toFixed(1)} s)`)
        return { ...meta, reused: true }
      }
    } catch {
      // Unreadable description: fall through and generate again.
    }
  }

  const started = performance.now()
  for (const suffix of ['', '-wal', '-shm', '-journal', '.json']) fs.rmSync(`${file}${suffix}`, { force: true })
  const sqlite = openDatabase(file).$client // creates the folder, applies the migrations
  // Generation only: nothing here must survive a crash, so no journal and no fsync.
  sqlite.pragma('journal_mode = OFF')
  sqlite.pragma('synchronous = OFF')
  sqlite.pragma('cache_size = -262144') // 256 MiB: keeps the unique client_id index in memory
  sqlite.pragma('temp_store = MEMORY')
  sqlite.pragma('foreign_keys = ON')

  const random = new Random(seed)
  const insertReturningId = (sql: string) => {
    const st = sqlite.prepare(sql)
    return (...params: unknown[]) => Number(st.run(...params).lastInsertRowid)
  }

  // ---- staff, consent text
  const addUser = insertReturningId('insert into users (email, name, role, password_hash, created_at, updated_at) values (?, ?, ?, ?, ?, ?)')
  const since = iso(FIRST_DAY - 30 * DAY)
  const admin = addUser('admin@bench.katapulta.pe', 'Ana Quispe', 'admin', 'bench-no-login', since, since)
  const facilitators = [
    addUser('facilitadora@bench.katapulta.pe', 'Rosa Huamán', 'facilitator', 'bench-no-login', since, since),
    addUser('facilitador@bench.katapulta.pe', 'Luis Mamani', 'facilitator', 'bench-no-login', since, since),
    addUser('facilitadora2@bench.katapulta.pe', 'Julia Condori', 'facilitator', 'bench-no-login', since, since),
  ]
  addUser('gerente@bench.katapulta.pe', 'Carlos Mendoza', 'manager', 'bench-no-login', since, since)
  const consentTextId = insertReturningId('insert into consent_texts (version, body, created_by, created_at) values (?, ?, ?, ?)')(1, CONSENT_TEXT, admin, since)

  // ---- interventions, prototypes, versions, instruments (small: one transaction)
  const addIntervention = insertReturningId(
    `insert into interventions (code, title, service, problem, hypothesis, target_population, success_metric, stage, status, owner_id, start_date, end_date, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const addChannel = sqlite.prepare('insert into intervention_channels (intervention_id, channel) values (?, ?)')
  const addStageChange = sqlite.prepare('insert into stage_changes (intervention_id, from_stage, to_stage, changed_by, changed_at) values (?, ?, ?, ?, ?)')
  const addPrototype = insertReturningId('insert into prototypes (intervention_id, name, channel, fidelity, description, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?)')
  const addVersion = insertReturningId('insert into prototype_versions (prototype_id, number, changelog, status, created_by, created_at) values (?, ?, ?, ?, ?, ?)')
  const addInstrument = insertReturningId('insert into instruments (name, description, created_by, created_at) values (?, ?, ?, ?)')
  const addInstrumentVersion = insertReturningId('insert into instrument_versions (instrument_id, number, created_by, created_at) values (?, ?, ?, ?)')
  const addQuestion = insertReturningId('insert into questions (instrument_version_id, position, kind, text, task_question_id, config) values (?, ?, ?, ?, ?, ?)')

  const STAGE_ORDER: Stage[] = ['discover', 'define', 'ideate', 'prototype', 'validate', 'implement', 'closed']
  const interventions: InterventionModel[] = []
  sqlite.transaction(() => {
    for (let i = 0; i < 40; i++) {
      const service = SERVICES[i % SERVICES.length]!
      const approach = APPROACHES[(i + Math.floor(i / SERVICES.length)) % APPROACHES.length]!
      const title = `${service} ${approach.label}`
      const start = FIRST_DAY + random.int(0, 36 * 30) * DAY
      const stage = random.weighted<Stage>(['prototype', 'validate', 'implement', 'closed'], [0.3, 0.4, 0.2, 0.1])
      const closed = stage === 'closed'
      const end = closed ? Math.min(LAST_DAY, start + random.int(400, 900) * DAY) : null
      const id = addIntervention(
        formatInterventionCode(i + 1),
        title,
        `${service} (${approach.channel})`,
        `Las personas mayores tienen dificultades con: ${service.toLowerCase()}.`,
        `Si simplificamos ${service.toLowerCase()} ${approach.label}, más personas lo harán sin ayuda.`,
        'Personas aseguradas y pensionistas de 60 años o más.',
        'Al menos 80 % de tareas completadas y SUS de 70 o más.',
        stage,
        closed || random.chance(0.05) ? 'archived' : 'active',
        facilitators[i % facilitators.length]!,
        day(start),
        end === null ? null : day(end),
        iso(start),
        iso(start + 30 * DAY),
      )
      addChannel.run(id, approach.channel)
      if (random.chance(0.4)) {
        const other = random.pick(CHANNELS.filter((c) => c !== approach.channel && c !== 'other'))
        addChannel.run(id, other)
      }
      let from: Stage | null = null
      for (let s = 0; s <= STAGE_ORDER.indexOf(stage); s++) {
        addStageChange.run(id, from, STAGE_ORDER[s]!, facilitators[0]!, iso(start + s * 45 * DAY))
        from = STAGE_ORDER[s]!
      }

      // The instrument: usabilityGuide with three tasks (profile, task + SEQ ×3, SUS, CSAT, NPS, comment).
      const instrumentId = addInstrument(`Guion de validación — ${title}`, 'Generado para la prueba de rendimiento.', facilitators[0]!, iso(start))
      const instrumentVersionId = addInstrumentVersion(instrumentId, 1, facilitators[0]!, iso(start))
      const drafts = usabilityGuide([
        `Inicie el trámite: ${service.toLowerCase()}.`,
        'Encuentre y adjunte el documento que se le pide.',
        'Envíe el trámite y diga el número de confirmación.',
      ])
      const questionIds: number[] = []
      const questions: InterventionModel['questions'] = []
      drafts.forEach((d, position) => {
        const taskId = d.taskIndex === undefined ? null : questionIds[d.taskIndex]!
        const qid = addQuestion(instrumentVersionId, position + 1, d.kind, d.text, taskId, JSON.stringify(d.config))
        questionIds.push(qid)
        questions.push({ id: qid, kind: d.kind, item: d.config.item })
      })

      const prototypes: PrototypeModel[] = []
      const prototypeCount = random.int(2, 3)
      for (let p = 0; p < prototypeCount; p++) {
        const idea = PROTOTYPE_IDEAS[(i * 3 + p) % PROTOTYPE_IDEAS.length]!
        const channel = p === 0 ? approach.channel : random.pick(CHANNELS.filter((c) => c !== 'other'))
        const created = start + (45 + p * 20) * DAY
        const prototypeId = addPrototype(id, `${idea} — ${service}`, channel, random.pick(FIDELITIES), `Prototipo de ${idea.toLowerCase()}.`, facilitators[p % 3]!, iso(created))
        const versionCount = random.int(1, 4)
        let completion = 0.45 + random.float() * 0.3
        const versions: VersionModel[] = []
        for (let v = 1; v <= versionCount; v++) {
          if (v > 1) completion = Math.min(0.96, completion + 0.03 + random.float() * 0.09)
          const readyAt = Math.min(LAST_DAY - 60 * DAY, created + (v - 1) * (80 + random.int(0, 60)) * DAY)
          const latest = v === versionCount
          const status = latest ? (stage === 'implement' && p === 0 ? 'implemented' : 'testing') : random.chance(0.2) ? 'discarded' : 'validated'
          const versionId = addVersion(prototypeId, v, v === 1 ? 'Primera versión.' : `Cambios tras la sesión de la v${v - 1}.`, status, facilitators[p % 3]!, iso(readyAt))
          versions.push({
            id: versionId,
            completion,
            sus: clamp(30 + 50 * completion + random.normal(0, 4), 35, 92),
            seq: 2.8 + 3.5 * completion,
            csat: 2.2 + 2.4 * completion,
            nps: 3 + 6.5 * completion,
            readyAt,
          })
        }
        prototypes.push({ id: prototypeId, versions })
      }
      // Some interventions are far busier than others (a long tail), as in a real portfolio.
      interventions.push({ id, region: random.pick(REGIONS), weight: 1 / (1 + ((i * 7) % 40) * 0.12), prototypes, instrumentVersionId, questions })
    }
  })()

  // ---- sessions, participants, consent, responses (the bulk)
  const addSession = insertReturningId(
    `insert into sessions (intervention_id, title, kind, status, date, place, region, instrument_version_id, consent_text_id, created_by, created_at, started_at, closed_at)
     values (?, ?, ?, 'closed', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const addFacilitator = sqlite.prepare('insert into session_facilitators (session_id, user_id) values (?, ?)')
  const addSessionVersion = sqlite.prepare('insert into session_versions (session_id, version_id) values (?, ?)')
  const addDevice = insertReturningId(
    `insert into tablet_devices (session_id, pairing_code, pairing_expires_at, paired_at, revoked_at, language, created_by, created_at) values (?, ?, ?, ?, ?, 'es-PE', ?, ?)`,
  )
  const addParticipant = insertReturningId(
    `insert into participants (code, session_id, age_band, region, digital_skill, preferred_channel, dni_hmac, assigned_version_id, created_at, turn_ended_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const addConsent = sqlite.prepare('insert into consent_records (participant_id, consent_text_id, method, given_at, device_id, witness_user_id) values (?, ?, ?, ?, ?, ?)')
  const addResponse = sqlite.prepare(
    `insert into responses (client_id, session_id, participant_id, version_id, question_id, kind, value_number, value_text, value_json, duration_ms, answered_by, device_id, answered_at, received_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?)`,
  )

  const weightTotal = interventions.reduce((a, b) => a + b.weight, 0)
  const pickIntervention = () => {
    let r = random.float() * weightTotal
    for (const it of interventions) {
      r -= it.weight
      if (r < 0) return it
    }
    return interventions[interventions.length - 1]!
  }

  // Bulk load: the responses' secondary indexes are dropped and rebuilt afterwards from their own
  // definitions (sqlite_master), which sorts once instead of updating four B-trees row by row.
  const responseIndexes = sqlite
    .prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = 'responses' and sql is not null`)
    .all() as { name: string; sql: string }[]
  for (const { name } of responseIndexes) sqlite.exec(`drop index "${name}"`)

  let written = 0
  let inTransaction = 0
  let participantNumber = 0
  let sessionCount = 0
  sqlite.exec('begin')
  const commitEvery = () => {
    if (inTransaction >= ROWS_PER_TRANSACTION) {
      sqlite.exec('commit')
      sqlite.exec('begin')
      inTransaction = 0
    }
  }

  sessions: while (written < target) {
    const it = pickIntervention()
    const proto = random.pick(it.prototypes)
    // Compare two consecutive versions side by side about a third of the time.
    const v = random.int(0, proto.versions.length - 1)
    const compared = v > 0 && random.chance(0.35) ? [proto.versions[v - 1]!, proto.versions[v]!] : [proto.versions[v]!]
    const latest = compared[compared.length - 1]!
    const date = Math.min(LAST_DAY, latest.readyAt + random.int(5, 90) * DAY)
    const dateText = day(date)
    const kind = random.weighted<SessionKind>(['usability_test', 'interview', 'cocreation_workshop'], [0.85, 0.1, 0.05])
    const region = random.chance(0.6) ? it.region : random.pick(REGIONS)
    const facilitator = facilitators[sessionCount % facilitators.length]!
    const opensAt = date + 14 * 3600_000
    const size = random.int(20, 30)
    const sessionId = addSession(
      it.id,
      `Sesión ${sessionCount + 1}: ${kind === 'interview' ? 'entrevistas' : 'validación'} (${dateText})`,
      kind,
      dateText,
      `Oficina ONP ${region}`,
      region,
      it.instrumentVersionId,
      consentTextId,
      facilitator,
      iso(date - 7 * DAY),
      iso(opensAt),
      iso(opensAt + size * 12 * 60_000 + 30 * 60_000),
    )
    sessionCount++
    addFacilitator.run(sessionId, facilitator)
    if (random.chance(0.3)) addFacilitator.run(sessionId, admin)
    for (const version of compared) addSessionVersion.run(sessionId, version.id)
    const deviceId = addDevice(sessionId, String(random.int(100000, 999999)), iso(opensAt - 3600_000), iso(opensAt - 1800_000), iso(opensAt + 10 * 3600_000), facilitator, iso(opensAt - 3600_000))

    for (let i = 0; i < size; i++) {
      const version = compared[i % compared.length]!
      const ageBand = random.weighted<AgeBand>(AGE_BANDS, [0.06, 0.12, 0.22, 0.34, 0.26])
      const older = ageBand === '60-69' || ageBand === '70+'
      const digitalSkill = random.weighted<DigitalSkill>(DIGITAL_SKILLS, older ? [0.55, 0.35, 0.1] : [0.2, 0.45, 0.35])
      const preferredChannel = random.weighted<Channel>(['web', 'whatsapp', 'phone', 'in_person'], [0.25, 0.3, 0.2, 0.25])
      const participantRegion = random.chance(0.85) ? region : random.pick(REGIONS)
      const answeredBy: AnsweredBy =
        kind === 'interview' ? 'facilitator' : digitalSkill === 'low' && random.chance(0.5) ? (random.chance(0.5) ? 'facilitator' : 'companion') : 'self'
      const turnStart = opensAt + i * 12 * 60_000
      // 0.3 % asked to be forgotten: their participant row is gone, their answers stay anonymous.
      const forgotten = random.chance(0.003)
      let participantId: number | null = null
      if (!forgotten) {
        participantNumber++
        participantId = addParticipant(
          formatParticipantCode(participantNumber),
          sessionId,
          ageBand,
          participantRegion,
          digitalSkill,
          preferredChannel,
          random.chance(0.3) ? random.hex8() + random.hex8() + random.hex8() + random.hex8() + random.hex8() + random.hex8() + random.hex8() + random.hex8() : null,
          version.id,
          iso(turnStart),
          iso(turnStart + 11 * 60_000),
        )
        const oral = answeredBy !== 'self' && random.chance(0.6)
        addConsent.run(participantId, consentTextId, oral ? 'oral' : 'tap', iso(turnStart), oral ? null : deviceId, oral ? facilitator : null)
      }

      // Segment effects on the version's chance of completing a task.
      const skillEffect = digitalSkill === 'low' ? -0.12 : digitalSkill === 'high' ? 0.07 : 0
      const ageEffect = ageBand === '70+' ? -0.05 : ageBand === '18-29' ? 0.04 : 0
      const pSuccess = clamp(version.completion + skillEffect + ageEffect, 0.02, 0.99)
      const dropAt = random.chance(0.02) ? random.int(4, 21) : Infinity // 2 % leave before the end
      let successes = 0
      let tasks = 0
      let susScores: number[] | null = null
      let answeredAt = turnStart + 60_000
      const answer = (questionId: number, responseKind: string, n: number | null, text: string | null, by: AnsweredBy, ms: number | null, versionId: number | null, device: number | null) => {
        answeredAt += 15_000 + (random.u32() % 45_000)
        const at = iso(answeredAt)
        addResponse.run(random.uuid(), sessionId, participantId, versionId, questionId, responseKind, n, text, ms, by, device, at, at)
        written++
        inTransaction++
      }

      for (let q = 0; q < it.questions.length; q++) {
        if (written >= target) break sessions
        if (q >= dropAt) break
        const question = it.questions[q]!
        switch (question.kind) {
          case 'profile_age_band':
            answer(question.id, question.kind, null, ageBand, answeredBy, null, null, deviceId)
            break
          case 'profile_digital_skill':
            answer(question.id, question.kind, null, digitalSkill, answeredBy, null, null, deviceId)
            break
          case 'profile_channel':
            answer(question.id, question.kind, null, preferredChannel, answeredBy, null, null, deviceId)
            break
          case 'profile_region':
            answer(question.id, question.kind, null, participantRegion, answeredBy, null, null, deviceId)
            break
          case 'task': {
            const completed = random.chance(pSuccess)
            const outcome: TaskOutcome = completed ? 'completed' : random.chance(0.5) ? 'completed_with_help' : 'not_completed'
            tasks++
            if (completed) successes++
            const seconds = clamp(Math.round(random.normal(completed ? 95 : 170, 35)), 20, 600)
            // The facilitator records the outcome on the console: value_number 1 only for 'completed', as the app does.
            answer(question.id, 'task_outcome', completed ? 1 : 0, outcome, 'facilitator', seconds * 1000, version.id, null)
            // The SEQ that follows reflects how that task went.
            const seqQuestion = it.questions[q + 1]
            if (seqQuestion?.kind === 'seq' && written < target && q + 1 < dropAt) {
              answer(seqQuestion.id, 'seq', clamp(Math.round(random.normal(version.seq + (completed ? 0.5 : -1.2), 0.9)), 1, 7), null, answeredBy, null, version.id, deviceId)
            }
            q++ // the SEQ was just answered (or skipped with the drop-out)
            break
          }
          case 'sus': {
            if (susScores === null) {
              const share = tasks > 0 ? successes / tasks : version.completion
              const personal = random.normal(version.sus + (share - version.completion) * 25 + skillEffect * 40, 11)
              susScores = susAnswers(random, clamp(personal, 10, 100))
            }
            answer(question.id, 'sus', susScores[(question.item ?? 1) - 1]!, null, answeredBy, null, version.id, deviceId)
            break
          }
          case 'csat':
            answer(question.id, 'csat', clamp(Math.round(random.normal(version.csat + skillEffect * 3, 0.8)), 1, 5), null, answeredBy, null, version.id, deviceId)
            break
          case 'nps':
            answer(question.id, 'nps', clamp(Math.round(random.normal(version.nps + skillEffect * 5, 2)), 0, 10), null, answeredBy, null, version.id, deviceId)
            break
          case 'open_comment':
            if (random.chance(0.4)) {
              const happy = susScores !== null && susScores.reduce((a, b) => a + b - 1, 0) * 2.5 >= 68
              answer(question.id, 'open_comment', null, random.pick(happy ? POSITIVE_COMMENTS : NEGATIVE_COMMENTS), answeredBy, null, version.id, deviceId)
            }
            break
          default:
            throw new Error(`bench generator: unexpected question kind ${question.kind}`)
        }
      }
      commitEvery()
    }
  }
  sqlite.exec('commit')
  const inserted = performance.now()
  for (const { sql } of responseIndexes) sqlite.exec(sql)
  const loaded = performance.now()

  // Statistics for the query planner, as a long-lived database would have them.
  sqlite.exec('ANALYZE')
  sqlite.pragma('optimize')
  const analysed = performance.now()

  const count = (table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
  const counts: Record<string, number> = {}
  for (const table of ['interventions', 'prototypes', 'prototype_versions', 'instruments', 'questions', 'sessions', 'session_versions', 'participants', 'consent_records', 'responses']) {
    counts[table] = count(table)
  }
  if (counts.responses !== target) throw new Error(`bench generator: wrote ${counts.responses} responses, wanted ${target}`)
  // Back to the app's settings, so the file opens like a real one.
  sqlite.pragma('journal_mode = WAL')
  sqlite.close()

  const seconds = (performance.now() - started) / 1000
  const summary: GenerateSummary = { file, generatorVersion: GENERATOR_VERSION, seed, reused: false, seconds, bytes: fs.statSync(file).size, counts }
  fs.writeFileSync(metaFile(file), JSON.stringify(summary, null, 2) + '\n')
  log(
    `generated ${path.relative(REPO_ROOT, file)}: ${Object.entries(counts)
      .map(([k, n]) => `${k} ${n.toLocaleString('en')}`)
      .join(', ')}`,
  )
  log(
    `  ${seconds.toFixed(1)} s total (rows ${((inserted - started) / 1000).toFixed(1)} s, indexes ${((loaded - inserted) / 1000).toFixed(1)} s, ANALYZE ${((analysed - loaded) / 1000).toFixed(1)} s), ` +
      `${Math.round(target / ((loaded - started) / 1000)).toLocaleString('en')} responses/s, ${(summary.bytes / 2 ** 20).toFixed(0)} MiB`,
  )
  return summary
}

// ---------------------------------------------------------------- command line

function main() {
  const { values } = parseArgs({
    options: {
      responses: { type: 'string', default: '10000' },
      out: { type: 'string' },
      reuse: { type: 'boolean', default: false },
      seed: { type: 'string' },
      json: { type: 'string' },
    },
  })
  const out = values.out === undefined ? undefined : path.resolve(values.out)
  process.chdir(REPO_ROOT) // openDatabase finds db/migrations from the working directory
  const summary = generate({
    responses: Number(values.responses),
    out,
    reuse: values.reuse,
    seed: values.seed === undefined ? undefined : Number(values.seed),
  })
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(summary))
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main()
