import { z } from 'zod'
import { QUESTION_KINDS, SUS_WORDINGS, type QuestionKind } from '../domain.ts'

// Kinds whose answer is one or more of the question's options.
export const CHOICE_KINDS: QuestionKind[] = [
  'single_choice',
  'multiple_choice',
  'ranking',
  'card_sort',
  'idea_vote',
  'profile_age_band',
  'profile_digital_skill',
  'profile_channel',
  'profile_region',
]

const Option = z.object({
  value: z.string().trim().min(1, 'Cada opción necesita un valor.').max(80),
  label: z.string().trim().min(1, 'Escriba el texto de cada opción.').max(300, 'Use como máximo 300 caracteres por opción.'),
})

const Translation = z.object({
  text: z.string().trim().min(1, 'Escriba el texto traducido o quite la traducción.').max(1000),
  options: z.record(z.string(), z.string().trim().max(300)).optional(),
})

export const QuestionDraftSchema = z
  .object({
    kind: z.enum(QUESTION_KINDS, { error: 'Tipo de pregunta desconocido.' }),
    text: z.string().trim().min(1, 'Escriba el texto de la pregunta.').max(1000, 'Use como máximo 1000 caracteres.'),
    // For an SEQ: the position (0-based, in this list) of the task it follows.
    taskIndex: z.number().int().min(0).optional(),
    config: z
      .object({
        item: z.number().int().min(1).max(10).optional(),
        wording: z.enum(SUS_WORDINGS).optional(),
        source: z.string().max(1000).optional(),
        options: z.array(Option).max(40, 'Use como máximo 40 opciones.').optional(),
        groups: z.array(Option).max(12, 'Use como máximo 12 grupos.').optional(),
        maxChoices: z.number().int().min(1).optional(),
        translations: z
          .record(z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'Use un código de idioma como "qu" o "es-PE".'), Translation)
          .optional(),
      })
      .default({}),
  })
  .superRefine((q, ctx) => {
    const options = q.config.options ?? []
    if (CHOICE_KINDS.includes(q.kind)) {
      if (options.length < 2) ctx.addIssue({ code: 'custom', path: ['config', 'options'], message: 'Agregue al menos dos opciones.' })
      if (new Set(options.map((o) => o.value)).size !== options.length) {
        ctx.addIssue({ code: 'custom', path: ['config', 'options'], message: 'Dos opciones no pueden tener el mismo valor.' })
      }
    }
    if (q.kind === 'card_sort' && (q.config.groups ?? []).length < 2) {
      ctx.addIssue({ code: 'custom', path: ['config', 'groups'], message: 'Una clasificación de tarjetas necesita al menos dos grupos.' })
    }
    if (q.kind === 'idea_vote' && (!q.config.maxChoices || q.config.maxChoices > options.length)) {
      ctx.addIssue({ code: 'custom', path: ['config', 'maxChoices'], message: 'Indique cuántas ideas puede elegir cada persona (no más que las ideas).' })
    }
    if (q.kind === 'sus' && (!q.config.item || !q.config.wording)) {
      ctx.addIssue({ code: 'custom', path: ['config', 'item'], message: 'Cada ítem del SUS necesita su número y su redacción.' })
    }
  })
export type QuestionDraftInput = z.infer<typeof QuestionDraftSchema>

export const InstrumentForm = z
  .object({
    questions: z.array(QuestionDraftSchema).min(1, 'El guion necesita al menos una pregunta o tarea.').max(200),
  })
  .superRefine((v, ctx) => {
    v.questions.forEach((q, i) => {
      if (q.kind !== 'seq') return
      const task = q.taskIndex === undefined ? undefined : v.questions[q.taskIndex]
      if (!task || task.kind !== 'task' || q.taskIndex! >= i) {
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'taskIndex'], message: `La pregunta ${i + 1} (SEQ) debe ir después de la tarea que evalúa.` })
      }
    })
    const sus = v.questions.filter((q) => q.kind === 'sus')
    if (sus.length > 0 && (sus.length !== 10 || new Set(sus.map((q) => q.config.item)).size !== 10)) {
      ctx.addIssue({ code: 'custom', path: ['questions'], message: 'El SUS debe tener sus 10 ítems, cada uno una vez.' })
    }
  })
