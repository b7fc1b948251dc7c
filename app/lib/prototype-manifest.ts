// The prototype library's file format (prototypes/<slug>/prototype.json and vN.json).
import { z } from 'zod'
import { CHANNELS, FIDELITIES } from './domain.ts'

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'debe usar minúsculas, números y guiones')

export const PrototypeManifest = z.strictObject({
  name: z.string().trim().min(1, 'no puede estar vacío'),
  service: z.string().trim().min(1, 'no puede estar vacío'),
  channel: z.enum(CHANNELS),
  fidelity: z.enum(FIDELITIES),
  description: z.string().trim().default(''),
})
export type PrototypeManifest = z.infer<typeof PrototypeManifest>

const Action = z.strictObject({ label: z.string().trim().min(1), goTo: Slug })

export const VersionManifest = z
  .strictObject({
    version: z.number().int().min(1),
    title: z.string().trim().min(1, 'no puede estar vacío'),
    changelog: z.string().trim().min(1, 'explique qué cambió y por qué'),
    links: z.array(z.strictObject({ title: z.string().trim().min(1), url: z.url({ protocol: /^https?$/ }) })).default([]),
    // An interactive kit prototype: screens a citizen steps through on the tablet.
    screens: z
      .array(
        z.strictObject({
          id: Slug,
          title: z.string().trim().min(1),
          body: z.string().trim().default(''),
          actions: z.array(Action).default([]),
        }),
      )
      .min(1, 'necesita al menos una pantalla'),
    tasks: z
      .array(z.strictObject({ id: Slug, prompt: z.string().trim().min(1), successScreen: Slug }))
      .default([]),
  })
  .superRefine((m, ctx) => {
    const ids = new Set(m.screens.map((s) => s.id))
    m.screens.forEach((s, i) =>
      s.actions.forEach((a, j) => {
        if (!ids.has(a.goTo)) {
          ctx.addIssue({ code: 'custom', path: ['screens', i, 'actions', j, 'goTo'], message: `la pantalla "${a.goTo}" no existe` })
        }
      }),
    )
    m.tasks.forEach((t, i) => {
      if (!ids.has(t.successScreen)) {
        ctx.addIssue({ code: 'custom', path: ['tasks', i, 'successScreen'], message: `la pantalla "${t.successScreen}" no existe` })
      }
    })
  })
export type VersionManifest = z.infer<typeof VersionManifest>
