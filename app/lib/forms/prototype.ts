import { z } from 'zod'
import { CHANNELS, FIDELITIES, VERSION_STATUSES } from '../domain.ts'

export const PrototypeForm = z.object({
  name: z.string({ error: 'Escriba el nombre del prototipo.' }).trim().min(1, 'Escriba el nombre del prototipo.').max(160, 'Use como máximo 160 caracteres.'),
  channel: z.enum(CHANNELS, { error: 'Elija un canal.' }),
  fidelity: z.enum(FIDELITIES, { error: 'Elija la fidelidad.' }),
  description: z.string().trim().max(4000, 'Use como máximo 4000 caracteres.').optional().transform((v) => v ?? ''),
})
export type PrototypeInput = z.infer<typeof PrototypeForm>

const Link = z.object({
  title: z.string().trim().max(200, 'Use como máximo 200 caracteres.').optional().transform((v) => v ?? ''),
  url: z
    .string({ error: 'Escriba el enlace.' })
    .trim()
    .max(2000, 'El enlace es demasiado largo.')
    .pipe(z.url({ protocol: /^https?$/, error: 'Use un enlace que empiece con http:// o https://.' })),
})

export const MAX_LINKS = 3

export const VersionForm = z.object({
  changelog: z
    .string({ error: 'Explique qué cambió y por qué.' })
    .trim()
    .min(1, 'Explique qué cambió y por qué.')
    .max(8000, 'Use como máximo 8000 caracteres.'),
  status: z.enum(VERSION_STATUSES, { error: 'Elija un estado.' }),
  insightIds: z.array(z.coerce.number().int().positive()).default([]),
  // Rows left blank in the form are not links.
  links: z
    .array(z.object({ title: z.string().optional(), url: z.string().optional() }).passthrough())
    .max(MAX_LINKS)
    .default([])
    .transform((rows) => rows.filter((r) => (r.title ?? '').trim() !== '' || (r.url ?? '').trim() !== ''))
    .pipe(z.array(Link)),
  kitManifestId: z.coerce.number().int().positive().optional(),
  removeArtifactIds: z.array(z.coerce.number().int().positive()).default([]),
})
export type VersionInput = z.infer<typeof VersionForm>

export const VersionStatusForm = z.object({ status: z.enum(VERSION_STATUSES, { error: 'Elija un estado.' }) })

export const VERSION_FROZEN_MESSAGE =
  'Esta versión ya tiene respuestas de ciudadanos, por eso no se puede cambiar: así cada respuesta sigue apuntando a lo que la persona vio. Publique una nueva versión.'
