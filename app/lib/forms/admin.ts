import { z } from 'zod'
import { ROLES } from '../domain.ts'
import { NewPassword } from '../password-policy.ts'

const id = z.coerce.number().int().positive()

export const UserAction = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('create'),
    email: z.string().trim().toLowerCase().pipe(z.email({ error: 'Escriba un correo válido.' })),
    name: z.string().trim().min(1, 'Escriba el nombre.').max(120),
    role: z.enum(ROLES, { error: 'Elija un rol.' }),
    password: NewPassword,
  }),
  z.object({ intent: z.literal('role'), userId: id, role: z.enum(ROLES, { error: 'Elija un rol.' }) }),
  z.object({ intent: z.literal('activate'), userId: id }),
  z.object({ intent: z.literal('deactivate'), userId: id }),
  z.object({ intent: z.literal('password'), userId: id, password: NewPassword }),
])

export const ConsentTextForm = z.object({
  body: z.string().trim().min(40, 'El texto de consentimiento debe explicar la participación (al menos 40 caracteres).').max(8000),
})

export const Dni = z.string().trim().regex(/^\d{8}$/, 'El DNI tiene 8 números.')

export const PrivacySearch = z.object({
  codigo: z.string().trim().toUpperCase().regex(/^P-\d{4,}$/, 'Escriba un código como P-0001.').optional().catch(undefined),
  dni: Dni.optional().catch(undefined),
})

export const PrivacyAction = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('export'), participantId: id }),
  z.object({ intent: z.literal('delete'), participantId: id, confirm: z.literal('on', { error: 'Marque la casilla para confirmar el borrado.' }) }),
])

export const AuditFilters = z.object({
  accion: z.string().trim().max(60).optional().catch(undefined),
  persona: z.string().trim().max(120).optional().catch(undefined),
  desde: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  hasta: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  pagina: z.coerce.number().int().min(1).default(1).catch(1),
})
