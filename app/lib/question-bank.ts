// Standard instruments, ready to insert into a session's guide. Plain Spanish (es-PE).
import { AGE_BANDS, AGE_BAND_LABELS, CHANNELS, CHANNEL_LABELS, DIGITAL_SKILLS, DIGITAL_SKILL_LABELS, REGIONS } from './domain.ts'
import type { QuestionKind } from './domain.ts'

export type QuestionDraft = {
  kind: QuestionKind
  text: string
  config: {
    item?: number
    wording?: 'standard' | 'positive'
    source?: string
    options?: { value: string; label: string }[]
    groups?: { value: string; label: string }[]
    maxChoices?: number
  }
  // For SEQ: the index (within the same draft list) of the task it follows.
  taskIndex?: number
}

export const SUS_POSITIVE_SOURCE =
  'Escala de Usabilidad del Sistema, versión en español con todos los ítems en positivo. ' +
  'Hedlefs, M. I. y Garza, A. A. (2016). Análisis comparativo de la Escala de Usabilidad del Sistema (EUS) en dos versiones. ' +
  'RECI, 5(10). Basada en Sauro, J. y Lewis, J. R. (2011).'

// All-positive wording: every item is scored (answer − 1) × 2.5.
export const SUS_POSITIVE_ITEMS = [
  'Creo que me gustaría usar este servicio con frecuencia.',
  'El servicio me pareció sencillo.',
  'El servicio me pareció fácil de usar.',
  'Creo que podría usar este servicio sin ayuda de una persona que sepa de tecnología.',
  'Las distintas partes del servicio funcionan bien juntas.',
  'El servicio me pareció ordenado y coherente.',
  'Imagino que la mayoría de las personas aprendería a usar este servicio muy rápido.',
  'El servicio me pareció muy claro de entender.',
  'Me sentí con mucha confianza al usar el servicio.',
  'Podría usar este servicio sin tener que aprender nada nuevo.',
] as const

export const AGREEMENT_5 = [
  { value: '1', label: 'Totalmente en desacuerdo' },
  { value: '2', label: 'En desacuerdo' },
  { value: '3', label: 'Ni de acuerdo ni en desacuerdo' },
  { value: '4', label: 'De acuerdo' },
  { value: '5', label: 'Totalmente de acuerdo' },
]

export const CSAT_FACES = [
  { value: '1', label: 'Muy insatisfecho' },
  { value: '2', label: 'Insatisfecho' },
  { value: '3', label: 'Ni satisfecho ni insatisfecho' },
  { value: '4', label: 'Satisfecho' },
  { value: '5', label: 'Muy satisfecho' },
]

export const SEQ_SCALE = [
  { value: '1', label: 'Muy difícil' },
  { value: '2', label: 'Difícil' },
  { value: '3', label: 'Algo difícil' },
  { value: '4', label: 'Ni fácil ni difícil' },
  { value: '5', label: 'Algo fácil' },
  { value: '6', label: 'Fácil' },
  { value: '7', label: 'Muy fácil' },
]

export function susPositive(): QuestionDraft[] {
  return SUS_POSITIVE_ITEMS.map((text, i) => ({
    kind: 'sus',
    text,
    config: { item: i + 1, wording: 'positive', source: SUS_POSITIVE_SOURCE, options: AGREEMENT_5 },
  }))
}

export function task(text: string): QuestionDraft {
  return { kind: 'task', text, config: {} }
}

export function seqAfter(taskIndex: number): QuestionDraft {
  return {
    kind: 'seq',
    text: 'En general, ¿qué tan fácil o difícil le resultó esta tarea?',
    config: { options: SEQ_SCALE },
    taskIndex,
  }
}

export function csat(text = '¿Qué tan satisfecho o satisfecha está con lo que acaba de usar?'): QuestionDraft {
  return { kind: 'csat', text, config: { options: CSAT_FACES } }
}

export function nps(text = '¿Qué tan probable es que recomiende este servicio a un familiar o amistad?'): QuestionDraft {
  return { kind: 'nps', text, config: {} }
}

export function umuxLite(): QuestionDraft[] {
  const options = [
    { value: '1', label: 'Totalmente en desacuerdo' },
    { value: '4', label: 'Ni de acuerdo ni en desacuerdo' },
    { value: '7', label: 'Totalmente de acuerdo' },
  ]
  return [
    { kind: 'umux_lite', text: 'Este servicio me permite hacer lo que necesito.', config: { item: 1, options } },
    { kind: 'umux_lite', text: 'Este servicio es fácil de usar.', config: { item: 2, options } },
  ]
}

export function openComment(text = '¿Hay algo más que quiera contarnos?'): QuestionDraft {
  return { kind: 'open_comment', text, config: {} }
}

export function ideaVote(text: string, ideas: string[], maxChoices: number): QuestionDraft {
  return {
    kind: 'idea_vote',
    text,
    config: { maxChoices, options: ideas.map((label, i) => ({ value: `idea-${i + 1}`, label })) },
  }
}

export function profileQuestions(): QuestionDraft[] {
  return [
    {
      kind: 'profile_age_band',
      text: '¿Cuántos años tiene?',
      config: { options: AGE_BANDS.map((v) => ({ value: v, label: AGE_BAND_LABELS[v] })) },
    },
    {
      kind: 'profile_digital_skill',
      text: '¿Qué tan cómodo o cómoda se siente usando el celular o la computadora?',
      config: {
        options: DIGITAL_SKILLS.map((v) => ({
          value: v,
          label: { low: 'Poco: casi no los uso', medium: 'Más o menos', high: 'Mucho: los uso a diario' }[v] ?? DIGITAL_SKILL_LABELS[v],
        })),
      },
    },
    {
      kind: 'profile_channel',
      text: '¿Cómo prefiere hacer sus trámites con la ONP?',
      config: { options: CHANNELS.map((v) => ({ value: v, label: CHANNEL_LABELS[v] })) },
    },
    {
      kind: 'profile_region',
      text: '¿En qué región vive?',
      config: { options: REGIONS.map((v) => ({ value: v, label: v })) },
    },
  ]
}

/** A validation session's guide: profile, tasks each followed by an SEQ, SUS, CSAT, NPS and a comment. */
export function usabilityGuide(tasks: string[]): QuestionDraft[] {
  const drafts: QuestionDraft[] = [...profileQuestions()]
  for (const text of tasks) {
    drafts.push(task(text))
    drafts.push(seqAfter(drafts.length - 1))
  }
  drafts.push(...susPositive(), csat(), nps(), openComment())
  return drafts
}
