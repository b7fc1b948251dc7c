// The permission matrix: every route of app/routes.ts, its loader and its action, asked by an
// anonymous visitor, a paired tablet, a facilitator, a manager and an admin. A route added without
// a decided rule below makes this test fail.
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { prototypes, sessions } from '#db/schema.ts'
import * as consoleRoute from '#app/routes/sessions/console.tsx'
import * as tablet from '#app/routes/tablet/index.tsx'
import { allRoutes, importRoute, paramsOf, samplePath } from '#tests/setup/routes.ts'
import { args, cookieFor, db, get, post, run, seedOnce } from '#tests/setup/app.ts'

type Level = 'public' | 'staff' | 'writer' | 'admin' | 'tablet' | 'tabletOnly' | 'signout'
type Who = 'anonymous' | 'tablet' | 'facilitator' | 'manager' | 'admin'
type Outcome = 'allowed' | 'signin' | 'forbidden'

const RULES: Record<string, { loader?: Level; action?: Level }> = {
  '/ingresar': { loader: 'public', action: 'public' },
  '/salir': { loader: 'staff', action: 'signout' },
  '/': { loader: 'staff' },
  '/intervenciones': { loader: 'staff' },
  '/intervenciones/nueva': { loader: 'writer', action: 'writer' },
  '/intervenciones/tablero': { loader: 'staff', action: 'writer' },
  '/intervenciones/:code': { loader: 'staff', action: 'writer' },
  '/intervenciones/:code/editar': { loader: 'writer', action: 'writer' },
  '/intervenciones/:code/sintesis': { loader: 'staff', action: 'writer' },
  '/intervenciones/:code/hallazgos/:id': { loader: 'staff', action: 'writer' },
  '/intervenciones/:code/prototipos/nuevo': { loader: 'writer', action: 'writer' },
  '/intervenciones/:code/prototipos/:prototypeId': { loader: 'staff' },
  '/intervenciones/:code/prototipos/:prototypeId/comparar': { loader: 'staff' },
  '/intervenciones/:code/prototipos/:prototypeId/versiones/nueva': { loader: 'writer', action: 'writer' },
  '/intervenciones/:code/prototipos/:prototypeId/versiones/:number': { loader: 'staff', action: 'writer' },
  '/intervenciones/:code/prototipos/:prototypeId/versiones/:number/editar': { loader: 'writer', action: 'writer' },
  '/sesiones': { loader: 'staff' },
  '/sesiones/nueva': { loader: 'writer', action: 'writer' },
  '/sesiones/:id': { loader: 'staff' },
  '/sesiones/:id/guion': { loader: 'writer', action: 'writer' },
  '/sesiones/:id/consola': { loader: 'writer', action: 'writer' },
  '/tableros/intervenciones/:code': { loader: 'staff' },
  '/tableros/comparar': { loader: 'staff' },
  '/tableros/portafolio': { loader: 'staff' },
  '/admin': { loader: 'admin' },
  '/admin/usuarios': { loader: 'admin', action: 'admin' },
  '/admin/consentimiento': { loader: 'admin', action: 'admin' },
  '/admin/privacidad': { loader: 'admin', action: 'admin' },
  '/admin/auditoria': { loader: 'admin' },
  '/*': { loader: 'staff', action: 'staff' },
  '/tableta': { loader: 'tablet', action: 'tablet' },
  '/tableta/respuestas': { loader: 'tablet', action: 'tabletOnly' },
  '/archivos/:artifactId': { loader: 'staff' },
}

const EXPECTED: Record<Level, Record<Who, Outcome>> = {
  public: { anonymous: 'allowed', tablet: 'forbidden', facilitator: 'allowed', manager: 'allowed', admin: 'allowed' },
  signout: { anonymous: 'allowed', tablet: 'forbidden', facilitator: 'allowed', manager: 'allowed', admin: 'allowed' },
  staff: { anonymous: 'signin', tablet: 'forbidden', facilitator: 'allowed', manager: 'allowed', admin: 'allowed' },
  writer: { anonymous: 'signin', tablet: 'forbidden', facilitator: 'allowed', manager: 'forbidden', admin: 'allowed' },
  admin: { anonymous: 'signin', tablet: 'forbidden', facilitator: 'forbidden', manager: 'forbidden', admin: 'allowed' },
  tablet: { anonymous: 'allowed', tablet: 'allowed', facilitator: 'allowed', manager: 'allowed', admin: 'allowed' },
  tabletOnly: { anonymous: 'forbidden', tablet: 'allowed', facilitator: 'forbidden', manager: 'forbidden', admin: 'forbidden' },
}

let tabletCookie: string
let params: Record<string, string>

beforeAll(async () => {
  await seedOnce()
  const proto = (await db.query.prototypes.findFirst({ where: eq(prototypes.librarySlug, 'onpvirtual-formulario-simplificado') }))!
  const planned = (await db.query.sessions.findFirst({ where: eq(sessions.status, 'planned') }))!
  params = { code: 'INT-001', prototypeId: String(proto.id), number: '1', id: String(planned.id), artifactId: '1' }
  const facilitator = await cookieFor('facilitator')
  const prepared = await run(() =>
    consoleRoute.action(args(post(`/sesiones/${planned.id}/consola`, { intent: 'prepare_tablet', pin: '1357' }, facilitator), { id: String(planned.id) })),
  )
  const code = (prepared.data as { pairing: { code: string } }).pairing.code
  const paired = await run(() => tablet.action(args(post('/tableta', { intent: 'pair', code }))))
  tabletCookie = paired.headers.get('Set-Cookie')!.split(';')[0]!
})

function outcome(result: { status: number; headers: Headers }): Outcome {
  if (result.status === 403) return 'forbidden'
  if (result.status === 302 && result.headers.get('Location')?.startsWith('/ingresar') && !result.headers.get('Location')?.includes('salida')) return 'signin'
  return 'allowed'
}

test('every route has a decided access rule', () => {
  const missing = allRoutes.map((r) => r.path).filter((p) => !(p in RULES))
  expect(missing, 'routes without a rule in RULES').toEqual([])
})

describe.each(allRoutes)('$path', (route) => {
  test('loader and action answer each kind of visitor as decided', async () => {
    const rule = RULES[route.path]
    expect(rule, `no access rule for ${route.path}`).toBeDefined()
    const module = await importRoute(route.file)
    const path = samplePath(route.path, params)
    const routeParams = { ...paramsOf(route.path, path), ...Object.fromEntries(Object.entries(params).filter(([k]) => route.path.includes(`:${k}`))) }
    for (const who of ['anonymous', 'tablet', 'facilitator', 'manager', 'admin'] as const) {
      // A fresh sign-in per route: some actions (sign-out) end the session they are called with.
      const cookie = who === 'anonymous' ? undefined : who === 'tablet' ? tabletCookie : await cookieFor(who)
      for (const [kind, fn] of [
        ['loader', module.loader],
        ['action', module.action],
      ] as const) {
        const level = rule?.[kind]
        if (!fn) {
          expect(level, `${route.path} has no ${kind}, but a rule for one`).toBeUndefined()
          continue
        }
        expect(level, `${kind} of ${route.path} has no access rule`).toBeDefined()
        const request = kind === 'loader' ? get(path, cookie) : post(path, {}, cookie)
        const result = await run(async () => fn(args(request, routeParams)))
        expect(outcome(result), `${kind} of ${route.path} as ${who} (status ${result.status})`).toBe(EXPECTED[level!][who])
      }
    }
  })
})
