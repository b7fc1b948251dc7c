import { z } from 'zod'
import { CHANNELS, DECISIONS, INTERVENTION_STATUSES, STAGES } from '../domain.ts'

const requiredText = (label: string, max: number) =>
  z
    .string({ error: `Escriba ${label}.` })
    .trim()
    .min(1, `Escriba ${label}.`)
    .max(max, `Use como máximo ${max} caracteres.`)

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use como máximo ${max} caracteres.`)
    .optional()
    .transform((v) => v ?? '')

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha válida (día, mes y año).')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Esa fecha no existe.')

export const InterventionForm = z
  .object({
    title: requiredText('el título', 160),
    service: requiredText('el servicio de la ONP', 160),
    problem: optionalText(4000),
    hypothesis: optionalText(4000),
    targetPopulation: optionalText(1000),
    successMetric: optionalText(1000),
    channels: z
      .array(z.enum(CHANNELS, { error: 'Elija un canal de la lista.' }), { error: 'Elija al menos un canal.' })
      .min(1, 'Elija al menos un canal.'),
    ownerId: z.coerce.number({ error: 'Elija una persona responsable.' }).int().positive('Elija una persona responsable.'),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    // Present on edit: the revision the person started from.
    revision: z.coerce.number().int().positive().optional(),
  })
  .refine((v) => !v.startDate || !v.endDate || v.endDate >= v.startDate, {
    path: ['endDate'],
    message: 'La fecha de fin no puede ser anterior a la de inicio.',
  })
export type InterventionInput = z.infer<typeof InterventionForm>

export const DecisionForm = z.object({
  decision: z.enum(DECISIONS, { error: 'Elija escalar, iterar o descartar.' }),
  reason: requiredText('el motivo de la decisión', 4000),
})

export const MoveStageForm = z.object({
  code: z.string().regex(/^INT-\d{3,}$/, 'Código de intervención inválido.'),
  stage: z.enum(STAGES, { error: 'Elija una etapa de la lista.' }),
})

export const ListFilters = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  etapa: z.enum(STAGES).optional().catch(undefined),
  canal: z.enum(CHANNELS).optional().catch(undefined),
  responsable: z.coerce.number().int().positive().optional().catch(undefined),
  estado: z.enum([...INTERVENTION_STATUSES, 'todas']).default('active').catch('active'),
  orden: z.enum(['actividad', 'codigo', 'titulo', 'etapa']).default('actividad').catch('actividad'),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  pagina: z.coerce.number().int().min(1).default(1).catch(1),
})
export type ListFilters = z.infer<typeof ListFilters>
