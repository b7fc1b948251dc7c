// The lab's vocabulary: English codes in code and in the database, Spanish words in the UI.
// Every enum of the domain lives here once; db/schema.ts turns them into CHECK constraints.

export const ROLES = ['admin', 'facilitator', 'manager'] as const
export type Role = (typeof ROLES)[number]
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administración',
  facilitator: 'Facilitación',
  manager: 'Gerencia',
}

export const STAGES = ['discover', 'define', 'ideate', 'prototype', 'validate', 'implement', 'closed'] as const
export type Stage = (typeof STAGES)[number]
export const STAGE_LABELS: Record<Stage, string> = {
  discover: 'Descubrir',
  define: 'Definir',
  ideate: 'Idear',
  prototype: 'Prototipar',
  validate: 'Validar',
  implement: 'Implementar',
  closed: 'Cerrada',
}

export const INTERVENTION_STATUSES = ['active', 'archived'] as const
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number]
export const INTERVENTION_STATUS_LABELS: Record<InterventionStatus, string> = {
  active: 'Activa',
  archived: 'Archivada',
}

export const CHANNELS = ['web', 'whatsapp', 'phone', 'in_person', 'other'] as const
export type Channel = (typeof CHANNELS)[number]
export const CHANNEL_LABELS: Record<Channel, string> = {
  web: 'Web (ONPVirtual)',
  whatsapp: 'WhatsApp ONP',
  phone: 'Teléfono (ONP Te Escucha)',
  in_person: 'Presencial',
  other: 'Otro',
}

export const DECISIONS = ['scale', 'iterate', 'discard'] as const
export type Decision = (typeof DECISIONS)[number]
export const DECISION_LABELS: Record<Decision, string> = {
  scale: 'Escalar',
  iterate: 'Iterar',
  discard: 'Descartar',
}

export const FIDELITIES = ['paper', 'clickable', 'pilot'] as const
export type Fidelity = (typeof FIDELITIES)[number]
export const FIDELITY_LABELS: Record<Fidelity, string> = {
  paper: 'Papel',
  clickable: 'Clicable',
  pilot: 'Piloto',
}

export const VERSION_STATUSES = ['draft', 'testing', 'validated', 'discarded', 'implemented'] as const
export type VersionStatus = (typeof VERSION_STATUSES)[number]
export const VERSION_STATUS_LABELS: Record<VersionStatus, string> = {
  draft: 'Borrador',
  testing: 'En prueba',
  validated: 'Validada',
  discarded: 'Descartada',
  implemented: 'Implementada',
}

export const ARTIFACT_KINDS = ['link', 'image', 'pdf', 'kit'] as const
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number]

export const SESSION_KINDS = ['cocreation_workshop', 'usability_test', 'interview'] as const
export type SessionKind = (typeof SESSION_KINDS)[number]
export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  cocreation_workshop: 'Taller de co-creación',
  usability_test: 'Prueba de usabilidad',
  interview: 'Entrevista',
}

export const SESSION_STATUSES = ['planned', 'running', 'closed'] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]
export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  planned: 'Planificada',
  running: 'En curso',
  closed: 'Cerrada',
}

export const AGE_BANDS = ['18-29', '30-44', '45-59', '60-69', '70+'] as const
export type AgeBand = (typeof AGE_BANDS)[number]
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  '18-29': '18 a 29 años',
  '30-44': '30 a 44 años',
  '45-59': '45 a 59 años',
  '60-69': '60 a 69 años',
  '70+': '70 años o más',
}

export const DIGITAL_SKILLS = ['low', 'medium', 'high'] as const
export type DigitalSkill = (typeof DIGITAL_SKILLS)[number]
export const DIGITAL_SKILL_LABELS: Record<DigitalSkill, string> = {
  low: 'Baja',
  medium: 'Media',
  high: 'Alta',
}

// Peru's 24 departments plus the Constitutional Province of Callao; Lima split as ONP reports it.
export const REGIONS = [
  'Amazonas', 'Áncash', 'Apurímac', 'Arequipa', 'Ayacucho', 'Cajamarca', 'Callao', 'Cusco',
  'Huancavelica', 'Huánuco', 'Ica', 'Junín', 'La Libertad', 'Lambayeque', 'Lima Metropolitana',
  'Lima Provincias', 'Loreto', 'Madre de Dios', 'Moquegua', 'Pasco', 'Piura', 'Puno',
  'San Martín', 'Tacna', 'Tumbes', 'Ucayali',
] as const
export type Region = (typeof REGIONS)[number]

export const ANSWERED_BY = ['self', 'facilitator', 'companion', 'whatsapp', 'phone', 'web'] as const
export type AnsweredBy = (typeof ANSWERED_BY)[number]
export const ANSWERED_BY_LABELS: Record<AnsweredBy, string> = {
  self: 'La persona, en la tableta',
  facilitator: 'Leído por facilitación',
  companion: 'Con ayuda de acompañante',
  whatsapp: 'WhatsApp',
  phone: 'Teléfono',
  web: 'Web',
}

export const CONSENT_METHODS = ['tap', 'oral'] as const
export type ConsentMethod = (typeof CONSENT_METHODS)[number]

export const QUESTION_KINDS = [
  'task', 'seq', 'sus', 'csat', 'nps', 'umux_lite', 'single_choice', 'multiple_choice', 'ranking',
  'card_sort', 'idea_vote', 'open_comment', 'profile_age_band', 'profile_digital_skill',
  'profile_channel', 'profile_region',
] as const
export type QuestionKind = (typeof QUESTION_KINDS)[number]

// A response's kind is its question's kind, except the facilitator's outcome of a task.
export const RESPONSE_KINDS = [...QUESTION_KINDS, 'task_outcome'] as const
export type ResponseKind = (typeof RESPONSE_KINDS)[number]

export const TASK_OUTCOMES = ['completed', 'completed_with_help', 'not_completed'] as const
export type TaskOutcome = (typeof TASK_OUTCOMES)[number]
export const TASK_OUTCOME_LABELS: Record<TaskOutcome, string> = {
  completed: 'Completada',
  completed_with_help: 'Completada con ayuda',
  not_completed: 'No completada',
}

export const SUS_WORDINGS = ['standard', 'positive'] as const
export type SusWording = (typeof SUS_WORDINGS)[number]

export const OBSERVATION_TAGS = ['pain', 'quote', 'idea', 'positive'] as const
export type ObservationTag = (typeof OBSERVATION_TAGS)[number]
export const OBSERVATION_TAG_LABELS: Record<ObservationTag, string> = {
  pain: 'Dolor',
  quote: 'Cita',
  idea: 'Idea',
  positive: 'Positivo',
}

export const INSIGHT_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const
export type InsightSeverity = (typeof INSIGHT_SEVERITIES)[number]
export const INSIGHT_SEVERITY_LABELS: Record<InsightSeverity, string> = {
  critical: 'Crítico',
  high: 'Alto',
  medium: 'Medio',
  low: 'Bajo',
}

export const INSIGHT_STATUSES = ['open', 'addressed', 'discarded'] as const
export type InsightStatus = (typeof INSIGHT_STATUSES)[number]

export const CHANNEL_METRICS = [
  'virtual_applications',
  'virtual_pensions',
  'virtual_keys',
  'whatsapp_interactions',
  'phone_calls',
] as const
export type ChannelMetricKey = (typeof CHANNEL_METRICS)[number]
export const CHANNEL_METRIC_INFO: Record<ChannelMetricKey, { label: string; channel: Channel }> = {
  virtual_applications: { label: 'Solicitudes virtuales (ONPVirtual)', channel: 'web' },
  virtual_pensions: { label: 'Pensiones otorgadas virtualmente', channel: 'web' },
  virtual_keys: { label: 'Claves virtuales emitidas', channel: 'web' },
  whatsapp_interactions: { label: 'Interacciones en WhatsApp ONP', channel: 'whatsapp' },
  phone_calls: { label: 'Llamadas a ONP Te Escucha', channel: 'phone' },
}

export const INTERVENTION_CODE_PATTERN = /^INT-\d{3,}$/
export const PARTICIPANT_CODE_PATTERN = /^P-\d{4,}$/

export function formatInterventionCode(n: number): string {
  return `INT-${String(n).padStart(3, '0')}`
}

export function formatParticipantCode(n: number): string {
  return `P-${String(n).padStart(4, '0')}`
}
