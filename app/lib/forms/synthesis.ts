import { z } from 'zod'
import { INSIGHT_SEVERITIES, OBSERVATION_TAGS } from '../domain.ts'
import { SEGMENT_KEYS } from '../segments.ts'

const id = z.coerce.number().int().positive()

export const BoardAction = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('move'), cardId: id, to: z.union([z.literal('none'), z.literal('new'), id]) }),
  z.object({ intent: z.literal('rename'), clusterId: id, name: z.string().trim().min(1, 'Escriba un nombre para el grupo.').max(160) }),
  z.object({ intent: z.literal('merge'), sourceId: id, targetId: id }),
  z.object({ intent: z.literal('split'), clusterId: id, cardIds: z.array(id).min(1, 'Marque las tarjetas que quiere separar.'), name: z.string().trim().max(160).default('') }),
  z.object({ intent: z.literal('undo') }),
  z.object({
    intent: z.literal('insight'),
    clusterId: id,
    title: z.string().trim().min(1, 'Escriba el hallazgo.').max(200),
    description: z.string().trim().max(4000).default(''),
    severity: z.enum(INSIGHT_SEVERITIES, { error: 'Elija la severidad: crítico, alto, medio o bajo.' }),
    versionIds: z.array(id).default([]),
  }),
])

/** Reads a form post: repeated fields become arrays. */
export function formToObject(formData: FormData) {
  const out: Record<string, unknown> = {}
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key)
    out[key] = key === 'cardIds' || key === 'versionIds' ? values : values[0]
  }
  return out
}

export const BoardFilters = z.object({
  sesion: z.coerce.number().int().positive().optional().catch(undefined),
  version: z.coerce.number().int().positive().optional().catch(undefined),
  etiqueta: z.enum(OBSERVATION_TAGS).optional().catch(undefined),
  segmento: z.enum(SEGMENT_KEYS).optional().catch(undefined),
  valor: z.string().max(80).optional().catch(undefined),
})

export const InsightStatusForm = z.object({ status: z.enum(['open', 'discarded'], { error: 'Estado desconocido.' }) })
