// The source of truth for the database. Migrations in db/migrations are generated from it
// with `npm run db:generate` and committed; they are never edited once applied.
import { sql, type SQL } from 'drizzle-orm'
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core'
import {
  AGE_BANDS,
  ANSWERED_BY,
  ARTIFACT_KINDS,
  CHANNEL_METRICS,
  CHANNELS,
  CONSENT_METHODS,
  DECISIONS,
  DIGITAL_SKILLS,
  FIDELITIES,
  INSIGHT_SEVERITIES,
  INSIGHT_STATUSES,
  INTERVENTION_STATUSES,
  OBSERVATION_TAGS,
  QUESTION_KINDS,
  RESPONSE_KINDS,
  ROLES,
  SESSION_KINDS,
  SESSION_STATUSES,
  STAGES,
  SUS_WORDINGS,
  VERSION_STATUSES,
} from '../app/lib/domain.ts'

// ISO-8601 UTC text, so dates sort and group by month with plain substr().
const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`
const createdAt = () => text('created_at').notNull().default(now)

function oneOf(column: AnySQLiteColumn, values: readonly string[]): SQL {
  return sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`
}

// ---------------------------------------------------------------- staff and access

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    check('users_role', oneOf(t.role, ROLES)),
    check('users_email_lowercase', sql`${t.email} = lower(${t.email}) and ${t.email} like '%_@_%'`),
    check('users_name', sql`length(trim(${t.name})) > 0`),
  ],
)

// A staff sign-in. The cookie holds a random token; only its SHA-256 is stored here.
export const loginSessions = sqliteTable(
  'login_sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull().default(now),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
  },
  (t) => [index('login_sessions_user').on(t.userId)],
)

export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    ipAddress: text('ip_address').notNull(),
    succeeded: integer('succeeded', { mode: 'boolean' }).notNull(),
    at: text('at').notNull().default(now),
  },
  (t) => [index('login_attempts_email_at').on(t.email, t.at), index('login_attempts_ip_at').on(t.ipAddress, t.at)],
)

// Append-only: the application never updates or deletes a row (a trigger refuses it).
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull().default(now),
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_entity').on(t.entityType, t.entityId)],
)

// ---------------------------------------------------------------- interventions

export const interventions = sqliteTable(
  'interventions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    title: text('title').notNull(),
    service: text('service').notNull(),
    problem: text('problem').notNull().default(''),
    hypothesis: text('hypothesis').notNull().default(''),
    targetPopulation: text('target_population').notNull().default(''),
    successMetric: text('success_metric').notNull().default(''),
    stage: text('stage', { enum: STAGES }).notNull().default('discover'),
    status: text('status', { enum: INTERVENTION_STATUSES }).notNull().default('active'),
    ownerId: integer('owner_id').references(() => users.id, { onDelete: 'set null' }),
    startDate: text('start_date'),
    endDate: text('end_date'),
    // Bumped on every edit: a save carrying an older revision is refused, not merged.
    revision: integer('revision').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    check('interventions_code', sql`${t.code} glob 'INT-[0-9][0-9][0-9]*'`),
    check('interventions_title', sql`length(trim(${t.title})) > 0`),
    check('interventions_stage', oneOf(t.stage, STAGES)),
    check('interventions_status', oneOf(t.status, INTERVENTION_STATUSES)),
    check('interventions_dates', sql`${t.endDate} is null or ${t.startDate} is null or ${t.endDate} >= ${t.startDate}`),
    index('interventions_stage').on(t.stage),
  ],
)

export const interventionChannels = sqliteTable(
  'intervention_channels',
  {
    interventionId: integer('intervention_id')
      .notNull()
      .references(() => interventions.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: CHANNELS }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.interventionId, t.channel] }),
    check('intervention_channels_channel', oneOf(t.channel, CHANNELS)),
    index('intervention_channels_channel').on(t.channel),
  ],
)

export const stageChanges = sqliteTable(
  'stage_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    interventionId: integer('intervention_id')
      .notNull()
      .references(() => interventions.id, { onDelete: 'cascade' }),
    fromStage: text('from_stage', { enum: STAGES }),
    toStage: text('to_stage', { enum: STAGES }).notNull(),
    changedBy: integer('changed_by').references(() => users.id, { onDelete: 'set null' }),
    changedAt: text('changed_at').notNull().default(now),
  },
  (t) => [
    check('stage_changes_from', sql`${t.fromStage} is null or ${oneOf(t.fromStage, STAGES)}`),
    check('stage_changes_to', oneOf(t.toStage, STAGES)),
    check('stage_changes_differ', sql`${t.fromStage} is null or ${t.fromStage} <> ${t.toStage}`),
    index('stage_changes_intervention').on(t.interventionId, t.changedAt),
  ],
)

export const decisions = sqliteTable(
  'decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    interventionId: integer('intervention_id')
      .notNull()
      .references(() => interventions.id, { onDelete: 'cascade' }),
    decision: text('decision', { enum: DECISIONS }).notNull(),
    reason: text('reason').notNull(),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: text('decided_at').notNull().default(now),
  },
  (t) => [
    check('decisions_decision', oneOf(t.decision, DECISIONS)),
    check('decisions_reason', sql`length(trim(${t.reason})) > 0`),
    index('decisions_intervention').on(t.interventionId, t.decidedAt),
  ],
)

// ---------------------------------------------------------------- prototypes

export const prototypes = sqliteTable(
  'prototypes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    interventionId: integer('intervention_id')
      .notNull()
      .references(() => interventions.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    fidelity: text('fidelity', { enum: FIDELITIES }).notNull(),
    description: text('description').notNull().default(''),
    // The folder under prototypes/ this prototype was imported from, if any.
    librarySlug: text('library_slug').unique(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    check('prototypes_name', sql`length(trim(${t.name})) > 0`),
    check('prototypes_channel', oneOf(t.channel, CHANNELS)),
    check('prototypes_fidelity', oneOf(t.fidelity, FIDELITIES)),
    index('prototypes_intervention').on(t.interventionId),
  ],
)

// Frozen once any response references it (enforced in code and by a trigger).
export const prototypeVersions = sqliteTable(
  'prototype_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    prototypeId: integer('prototype_id')
      .notNull()
      .references(() => prototypes.id, { onDelete: 'restrict' }),
    number: integer('number').notNull(),
    changelog: text('changelog').notNull(),
    status: text('status', { enum: VERSION_STATUSES }).notNull().default('draft'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('prototype_versions_number').on(t.prototypeId, t.number),
    check('prototype_versions_number_positive', sql`${t.number} >= 1`),
    check('prototype_versions_status', oneOf(t.status, VERSION_STATUSES)),
  ],
)

// A version in the prototype library (prototypes/<slug>/<version>.json), imported as is.
export const kitManifests = sqliteTable(
  'kit_manifests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    path: text('path').notNull().unique(),
    slug: text('slug').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    manifest: text('manifest', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    importedAt: text('imported_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('kit_manifests_slug_version').on(t.slug, t.version),
    check('kit_manifests_channel', oneOf(t.channel, CHANNELS)),
  ],
)

export const artifacts = sqliteTable(
  'artifacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    versionId: integer('version_id')
      .notNull()
      .references(() => prototypeVersions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ARTIFACT_KINDS }).notNull(),
    title: text('title').notNull(),
    url: text('url'),
    // Relative to the data folder; never a path taken from the request.
    filePath: text('file_path'),
    mimeType: text('mime_type'),
    sizeBytes: integer('size_bytes'),
    kitManifestId: integer('kit_manifest_id').references(() => kitManifests.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (t) => [
    check('artifacts_kind', oneOf(t.kind, ARTIFACT_KINDS)),
    check(
      'artifacts_shape',
      sql`(${t.kind} = 'link' and (${t.url} like 'http://%' or ${t.url} like 'https://%'))
        or (${t.kind} in ('image', 'pdf') and ${t.filePath} is not null and ${t.mimeType} is not null and ${t.sizeBytes} > 0)
        or (${t.kind} = 'kit' and ${t.kitManifestId} is not null)`,
    ),
    index('artifacts_version').on(t.versionId),
  ],
)

// ---------------------------------------------------------------- insights

export const insights = sqliteTable(
  'insights',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    interventionId: integer('intervention_id')
      .notNull()
      .references(() => interventions.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    severity: text('severity', { enum: INSIGHT_SEVERITIES }).notNull(),
    status: text('status', { enum: INSIGHT_STATUSES }).notNull().default('open'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    check('insights_title', sql`length(trim(${t.title})) > 0`),
    check('insights_severity', oneOf(t.severity, INSIGHT_SEVERITIES)),
    check('insights_status', oneOf(t.status, INSIGHT_STATUSES)),
    index('insights_intervention').on(t.interventionId),
  ],
)

// The versions an insight was observed in.
export const insightVersions = sqliteTable(
  'insight_versions',
  {
    insightId: integer('insight_id')
      .notNull()
      .references(() => insights.id, { onDelete: 'cascade' }),
    versionId: integer('version_id')
      .notNull()
      .references(() => prototypeVersions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.insightId, t.versionId] })],
)

// The insights a version addresses ("atendido en v2"): the reasons in its changelog.
export const versionAddressedInsights = sqliteTable(
  'version_addressed_insights',
  {
    versionId: integer('version_id')
      .notNull()
      .references(() => prototypeVersions.id, { onDelete: 'cascade' }),
    insightId: integer('insight_id')
      .notNull()
      .references(() => insights.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.insightId] }), index('version_addressed_insights_insight').on(t.insightId)],
)

// ---------------------------------------------------------------- instruments

export const instruments = sqliteTable(
  'instruments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [check('instruments_name', sql`length(trim(${t.name})) > 0`)],
)

// Frozen once any response references one of its questions; an edit makes the next version.
export const instrumentVersions = sqliteTable(
  'instrument_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    instrumentId: integer('instrument_id')
      .notNull()
      .references(() => instruments.id, { onDelete: 'restrict' }),
    number: integer('number').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('instrument_versions_number').on(t.instrumentId, t.number),
    check('instrument_versions_number_positive', sql`${t.number} >= 1`),
  ],
)

export type QuestionConfig = {
  // SUS: item 1–10 and wording; SEQ and task outcome: the task they follow.
  item?: number
  wording?: 'standard' | 'positive'
  source?: string
  options?: { value: string; label: string }[]
  groups?: { value: string; label: string }[]
  maxChoices?: number
  // Texts in other languages, keyed by BCP-47 tag (e.g. "qu" for Quechua).
  translations?: Record<string, { text: string; options?: Record<string, string> }>
}

export const questions = sqliteTable(
  'questions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    instrumentVersionId: integer('instrument_version_id')
      .notNull()
      .references(() => instrumentVersions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: QUESTION_KINDS }).notNull(),
    // The exact Spanish text shown; answers point at this row, so it never changes once answered.
    text: text('text').notNull(),
    // SEQ questions name the task they follow.
    taskQuestionId: integer('task_question_id').references((): AnySQLiteColumn => questions.id, {
      onDelete: 'restrict',
    }),
    config: text('config', { mode: 'json' }).notNull().$type<QuestionConfig>().default({}),
  },
  (t) => [
    uniqueIndex('questions_position').on(t.instrumentVersionId, t.position),
    check('questions_kind', oneOf(t.kind, QUESTION_KINDS)),
    check('questions_text', sql`length(trim(${t.text})) > 0`),
    check(
      'questions_sus_item',
      sql`${t.kind} <> 'sus' or (json_extract(${t.config}, '$.item') between 1 and 10
        and json_extract(${t.config}, '$.wording') in (${sql.raw(SUS_WORDINGS.map((w) => `'${w}'`).join(', '))}))`,
    ),
  ],
)

// ---------------------------------------------------------------- sessions and people

export const consentTexts = sqliteTable(
  'consent_texts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    version: integer('version').notNull().unique(),
    body: text('body').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [check('consent_texts_body', sql`length(trim(${t.body})) > 0`)],
)

export const sessions = sqliteTable(
  'sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    interventionId: integer('intervention_id')
      .notNull()
      .references(() => interventions.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    kind: text('kind', { enum: SESSION_KINDS }).notNull(),
    status: text('status', { enum: SESSION_STATUSES }).notNull().default('planned'),
    date: text('date').notNull(),
    place: text('place').notNull(),
    region: text('region').notNull(),
    instrumentVersionId: integer('instrument_version_id').references(() => instrumentVersions.id, {
      onDelete: 'restrict',
    }),
    consentTextId: integer('consent_text_id').references(() => consentTexts.id, { onDelete: 'restrict' }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    startedAt: text('started_at'),
    closedAt: text('closed_at'),
  },
  (t) => [
    check('sessions_kind', oneOf(t.kind, SESSION_KINDS)),
    check('sessions_status', oneOf(t.status, SESSION_STATUSES)),
    check('sessions_date', sql`${t.date} glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
    check('sessions_title', sql`length(trim(${t.title})) > 0`),
    index('sessions_intervention').on(t.interventionId),
    index('sessions_date').on(t.date),
  ],
)

export const sessionFacilitators = sqliteTable(
  'session_facilitators',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
)

// The prototype versions under test in a session (several, to compare them).
export const sessionVersions = sqliteTable(
  'session_versions',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    versionId: integer('version_id')
      .notNull()
      .references(() => prototypeVersions.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.versionId] }), index('session_versions_version').on(t.versionId)],
)

// A tablet bound to one session by a short pairing code; its token opens only that session's tablet pages.
export const tabletDevices = sqliteTable(
  'tablet_devices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    pairingCode: text('pairing_code').notNull(),
    pairingExpiresAt: text('pairing_expires_at').notNull(),
    tokenHash: text('token_hash').unique(),
    pairedAt: text('paired_at'),
    revokedAt: text('revoked_at'),
    // The facilitator's PIN to leave kiosk mode (argon2id hash), chosen when the tablet is prepared.
    pinHash: text('pin_hash'),
    // The language of the tablet's own words and of question texts that have a translation.
    language: text('language').notNull().default('es-PE'),
    pinFailures: integer('pin_failures').notNull().default(0),
    // What the tablet last reported: answers waiting in its offline queue, conflicts kept for review.
    pendingAnswers: integer('pending_answers').notNull().default(0),
    conflicts: integer('conflicts').notNull().default(0),
    lastSeenAt: text('last_seen_at'),
    lockedUntil: text('locked_until'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('tablet_devices_code').on(t.pairingCode), index('tablet_devices_session').on(t.sessionId)],
)

// A citizen, known only by a pseudonymous code. The DNI, if a lab asks for it, only as a keyed HMAC.
export const participants = sqliteTable(
  'participants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'restrict' }),
    ageBand: text('age_band', { enum: AGE_BANDS }),
    region: text('region'),
    digitalSkill: text('digital_skill', { enum: DIGITAL_SKILLS }),
    preferredChannel: text('preferred_channel', { enum: CHANNELS }),
    dniHmac: text('dni_hmac').unique(),
    // The id the tablet gave this person at consent, so a consent replayed after a dropped
    // connection finds the same participant instead of creating another.
    clientKey: text('client_key').unique(),
    // In a session comparing versions, the one this person tries (assigned in turn).
    assignedVersionId: integer('assigned_version_id').references(() => prototypeVersions.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    turnEndedAt: text('turn_ended_at'),
  },
  (t) => [
    check('participants_code', sql`${t.code} glob 'P-[0-9][0-9][0-9][0-9]*'`),
    check('participants_age_band', sql`${t.ageBand} is null or ${oneOf(t.ageBand, AGE_BANDS)}`),
    check('participants_digital_skill', sql`${t.digitalSkill} is null or ${oneOf(t.digitalSkill, DIGITAL_SKILLS)}`),
    check('participants_channel', sql`${t.preferredChannel} is null or ${oneOf(t.preferredChannel, CHANNELS)}`),
    check('participants_dni_hmac', sql`${t.dniHmac} is null or length(${t.dniHmac}) = 64`),
    index('participants_session').on(t.sessionId),
  ],
)

export const consentRecords = sqliteTable(
  'consent_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .unique()
      .references(() => participants.id, { onDelete: 'cascade' }),
    consentTextId: integer('consent_text_id')
      .notNull()
      .references(() => consentTexts.id, { onDelete: 'restrict' }),
    method: text('method', { enum: CONSENT_METHODS }).notNull(),
    givenAt: text('given_at').notNull().default(now),
    deviceId: integer('device_id').references(() => tabletDevices.id, { onDelete: 'set null' }),
    witnessUserId: integer('witness_user_id').references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [
    check('consent_records_method', oneOf(t.method, CONSENT_METHODS)),
    check('consent_records_oral_witness', sql`${t.method} <> 'oral' or ${t.witnessUserId} is not null`),
  ],
)

// One answer. kind and the segment-free value are denormalised here so dashboards aggregate
// from one covering index. participant_id becomes NULL when a citizen asks to be forgotten.
export const responses = sqliteTable(
  'responses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: text('client_id').notNull().unique(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'restrict' }),
    participantId: integer('participant_id').references(() => participants.id, { onDelete: 'set null' }),
    versionId: integer('version_id').references(() => prototypeVersions.id, { onDelete: 'restrict' }),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: RESPONSE_KINDS }).notNull(),
    valueNumber: real('value_number'),
    valueText: text('value_text'),
    valueJson: text('value_json', { mode: 'json' }),
    durationMs: integer('duration_ms'),
    answeredBy: text('answered_by', { enum: ANSWERED_BY }).notNull(),
    deviceId: integer('device_id').references(() => tabletDevices.id, { onDelete: 'set null' }),
    answeredAt: text('answered_at').notNull(),
    receivedAt: text('received_at').notNull().default(now),
  },
  (t) => [
    check('responses_kind', oneOf(t.kind, RESPONSE_KINDS)),
    check('responses_answered_by', oneOf(t.answeredBy, ANSWERED_BY)),
    check('responses_has_value', sql`${t.valueNumber} is not null or ${t.valueText} is not null or ${t.valueJson} is not null`),
    check('responses_client_id', sql`length(${t.clientId}) between 8 and 64`),
    check('responses_duration', sql`${t.durationMs} is null or ${t.durationMs} >= 0`),
    check(
      'responses_scale_ranges',
      sql`case ${t.kind}
        when 'sus' then ${t.valueNumber} between 1 and 5
        when 'seq' then ${t.valueNumber} between 1 and 7
        when 'csat' then ${t.valueNumber} between 1 and 5
        when 'nps' then ${t.valueNumber} between 0 and 10
        when 'umux_lite' then ${t.valueNumber} between 1 and 7
        when 'task_outcome' then ${t.valueText} in ('completed', 'completed_with_help', 'not_completed')
        else 1 end`,
    ),
    // Covers every dashboard figure per version: counts, sums, per-person SUS and SEQ per task.
    index('responses_version_kind_person').on(t.versionId, t.kind, t.participantId, t.questionId, t.valueNumber),
    index('responses_session').on(t.sessionId),
    // A person's answer to a question: looked up on every tablet answer (a changed answer replaces it).
    index('responses_participant_question').on(t.participantId, t.questionId),
    index('responses_question').on(t.questionId),
  ],
)

// Running totals of each person's answers about each version, kept by triggers on responses
// (migration 0006) on every insert, change and delete. Figures per person — who took part, task
// completion, one SUS score per complete questionnaire — come from here instead of from every
// answer: the portfolio compares every tested version at once (bench/dashboards.ts).
export const versionParticipantTotals = sqliteTable(
  'version_participant_totals',
  {
    versionId: integer('version_id').notNull(),
    // 0 gathers the answers whose person is unknown (deleted at their request, or never recorded).
    participantId: integer('participant_id').notNull(),
    answers: integer('answers').notNull(),
    taskAttempts: integer('task_attempts').notNull(),
    taskSuccesses: integer('task_successes').notNull(),
    susItems: integer('sus_items').notNull(),
    // Sum of the SUS items' contributions (0–4 each, by wording): the score is 2.5 × this over 10 items.
    susPoints: real('sus_points').notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.participantId] })],
)

export const observations = sqliteTable(
  'observations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'restrict' }),
    participantId: integer('participant_id').references(() => participants.id, { onDelete: 'set null' }),
    versionId: integer('version_id').references(() => prototypeVersions.id, { onDelete: 'restrict' }),
    taskQuestionId: integer('task_question_id').references(() => questions.id, { onDelete: 'restrict' }),
    text: text('text').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [check('observations_text', sql`length(trim(${t.text})) > 0`), index('observations_session').on(t.sessionId)],
)

export const observationTags = sqliteTable(
  'observation_tags',
  {
    observationId: integer('observation_id')
      .notNull()
      .references(() => observations.id, { onDelete: 'cascade' }),
    tag: text('tag', { enum: OBSERVATION_TAGS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.observationId, t.tag] }), check('observation_tags_tag', oneOf(t.tag, OBSERVATION_TAGS))],
)

// ---------------------------------------------------------------- synthesis (affinity board)

export const clusters = sqliteTable(
  'clusters',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    interventionId: integer('intervention_id')
      .notNull()
      .references(() => interventions.id, { onDelete: 'cascade' }),
    name: text('name').notNull().default(''),
    position: integer('position').notNull().default(0),
    insightId: integer('insight_id').references(() => insights.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('clusters_intervention').on(t.interventionId)],
)

// A card on the board: one observation or one open comment, in at most one cluster.
export const boardCards = sqliteTable(
  'board_cards',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    interventionId: integer('intervention_id')
      .notNull()
      .references(() => interventions.id, { onDelete: 'cascade' }),
    observationId: integer('observation_id')
      .unique()
      .references(() => observations.id, { onDelete: 'cascade' }),
    responseId: integer('response_id')
      .unique()
      .references(() => responses.id, { onDelete: 'cascade' }),
    clusterId: integer('cluster_id').references(() => clusters.id, { onDelete: 'set null' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    check('board_cards_one_source', sql`(${t.observationId} is null) <> (${t.responseId} is null)`),
    index('board_cards_cluster').on(t.clusterId),
    index('board_cards_intervention').on(t.interventionId),
  ],
)

// Every move on the board, so "undo" restores the previous place and two facilitators never lose one.
export const boardMoves = sqliteTable(
  'board_moves',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    interventionId: integer('intervention_id')
      .notNull()
      .references(() => interventions.id, { onDelete: 'cascade' }),
    cardId: integer('card_id')
      .notNull()
      .references(() => boardCards.id, { onDelete: 'cascade' }),
    fromClusterId: integer('from_cluster_id'),
    toClusterId: integer('to_cluster_id'),
    movedBy: integer('moved_by').references(() => users.id, { onDelete: 'set null' }),
    movedAt: text('moved_at').notNull().default(now),
    undoneAt: text('undone_at'),
  },
  (t) => [index('board_moves_intervention').on(t.interventionId, t.id)],
)

// ---------------------------------------------------------------- channel results

export const channelMetrics = sqliteTable(
  'channel_metrics',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    metric: text('metric', { enum: CHANNEL_METRICS }).notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    month: text('month').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [
    uniqueIndex('channel_metrics_metric_month').on(t.metric, t.month),
    check('channel_metrics_metric', oneOf(t.metric, CHANNEL_METRICS)),
    check('channel_metrics_channel', oneOf(t.channel, CHANNELS)),
    check('channel_metrics_month', sql`${t.month} glob '[12][0-9][0-9][0-9]-[01][0-9]' and substr(${t.month}, 6, 2) between '01' and '12'`),
    check('channel_metrics_value', sql`${t.value} >= 0`),
  ],
)
