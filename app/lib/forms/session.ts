import { z } from 'zod'
import { AGE_BANDS, CHANNELS, DIGITAL_SKILLS, OBSERVATION_TAGS, REGIONS, SESSION_KINDS, TASK_OUTCOMES } from '../domain.ts'

const isoDate = z
  .string({ error: 'Elija la fecha de la sesión.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Elija la fecha de la sesión.')
  // zod runs this also when the pattern failed: an unparsable date must not throw (toISOString would).
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Esa fecha no existe.')

const ids = (message: string) => z.array(z.coerce.number().int().positive(), { error: message }).min(1, message)

export const GUIDE_TEMPLATES = ['usability', 'workshop', 'interview', 'reuse'] as const

export const SessionForm = z
  .object({
    title: z.string({ error: 'Escriba un título.' }).trim().min(1, 'Escriba un título.').max(160, 'Use como máximo 160 caracteres.'),
    kind: z.enum(SESSION_KINDS, { error: 'Elija el tipo de sesión.' }),
    date: isoDate,
    place: z.string({ error: 'Escriba el lugar.' }).trim().min(1, 'Escriba el lugar.').max(200, 'Use como máximo 200 caracteres.'),
    region: z.enum(REGIONS, { error: 'Elija una región de la lista.' }),
    interventionId: z.coerce.number({ error: 'Elija una intervención.' }).int().positive('Elija una intervención.'),
    versionIds: ids('Elija al menos una versión de prototipo para probar.'),
    facilitatorIds: ids('Elija al menos una persona que facilite.'),
    guide: z.enum(GUIDE_TEMPLATES, { error: 'Elija cómo empezar el guion.' }),
    // One task per line, for the usability guide.
    tasks: z.string().max(4000).optional(),
    reuseInstrumentVersionId: z.coerce.number().int().positive().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.guide === 'usability') {
      const tasks = (v.tasks ?? '').split('\n').map((t) => t.trim()).filter(Boolean)
      if (tasks.length < 1 || tasks.length > 10) ctx.addIssue({ code: 'custom', path: ['tasks'], message: 'Escriba de 1 a 10 tareas, una por línea.' })
    }
    if (v.guide === 'reuse' && !v.reuseInstrumentVersionId) {
      ctx.addIssue({ code: 'custom', path: ['reuseInstrumentVersionId'], message: 'Elija el guion que quiere reutilizar.' })
    }
  })
export type SessionInput = z.infer<typeof SessionForm>

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values).optional())

export const ParticipantForm = z.object({
  ageBand: optionalEnum(AGE_BANDS),
  digitalSkill: optionalEnum(DIGITAL_SKILLS),
  preferredChannel: optionalEnum(CHANNELS),
  region: optionalEnum(REGIONS),
  // Only when the lab needs it; stored as a keyed hash, never in clear.
  dni: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().regex(/^\d{8}$/, 'El DNI tiene 8 números.').optional()),
  oralConsent: z.literal('on', { error: 'Sin consentimiento no se registra a nadie: marque que la persona aceptó de palabra.' }),
})

export const TaskOutcomeForm = z.object({
  participantId: z.coerce.number().int().positive('Elija un participante.'),
  taskQuestionId: z.coerce.number().int().positive('Elija una tarea.'),
  outcome: z.enum(TASK_OUTCOMES, { error: 'Elija el resultado de la tarea.' }),
  seconds: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : v),
    z.coerce.number({ error: 'Escriba los segundos con números.' }).int('Escriba los segundos sin decimales.').min(0, 'El tiempo no puede ser negativo.').max(7200, 'Como máximo 7200 segundos (2 horas).').optional(),
  ),
})

export const ObservationForm = z.object({
  text: z.string({ error: 'Escriba la observación.' }).trim().min(1, 'Escriba la observación.').max(2000, 'Use como máximo 2000 caracteres.'),
  tags: z.array(z.enum(OBSERVATION_TAGS, { error: 'Etiqueta desconocida.' })).default([]),
  participantId: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional()),
  versionId: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional()),
  taskQuestionId: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional()),
})

export const PrepareTabletForm = z.object({
  pin: z
    .string({ error: 'Elija un PIN de 4 a 8 números.' })
    .regex(/^\d{4,8}$/, 'Elija un PIN de 4 a 8 números.'),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/).default('es-PE'),
})
