import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { loginAttempts, loginSessions, users } from '#db/schema.ts'
import { getUser, requireUser, safeRedirectPath, SESSION_IDLE_MS } from '#app/.server/auth.ts'
import * as signInRoute from '#app/routes/sign-in.tsx'
import * as signOutRoute from '#app/routes/sign-out.tsx'
import { allRoutes, importRoute, paramsOf, samplePath } from '#tests/setup/routes.ts'
import { args, cookieFor, db, get, post, run, seedOnce } from '#tests/setup/app.ts'

beforeAll(seedOnce)

const signInWith = (email: string, password: string, extra: Record<string, string> = {}) =>
  run(() => signInRoute.action(args(post('/ingresar', { email, password, ...extra }))))

describe('sign-in', () => {
  test('the right password signs in, sets an HttpOnly SameSite=Lax cookie and goes home', async () => {
    const result = await signInWith('facilitadora@katapulta.pe', 'katapulta-demo-2026')
    expect(result.status).toBe(302)
    expect(result.headers.get('Location')).toBe('/')
    const cookie = result.headers.get('Set-Cookie')!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    const user = await getUser(get('/', cookie.split(';')[0]))
    expect(user).toMatchObject({ email: 'facilitadora@katapulta.pe', role: 'facilitator' })
  })

  test('the email is matched without regard to case and spaces', async () => {
    const result = await signInWith('  Gerente@Katapulta.PE ', 'katapulta-demo-2026')
    expect(result.status).toBe(302)
  })

  test('returns to the page the person was going to, never to another site', async () => {
    const ok = await signInWith('admin@katapulta.pe', 'katapulta-demo-2026', { redirectTo: '/intervenciones?etapa=validate' })
    expect(ok.headers.get('Location')).toBe('/intervenciones?etapa=validate')
    const evil = await signInWith('admin@katapulta.pe', 'katapulta-demo-2026', { redirectTo: '//malicioso.example/ingresar' })
    expect(evil.headers.get('Location')).toBe('/')
    expect(safeRedirectPath('https://malicioso.example')).toBe('/')
    expect(safeRedirectPath('/\\malicioso.example')).toBe('/')
  })

  test('a wrong password answers 400 with a Spanish message that does not say which part was wrong', async () => {
    const result = await signInWith('facilitadora@katapulta.pe', 'otra-contraseña')
    expect(result.status).toBe(400)
    expect(JSON.stringify(result.data)).toContain('El correo o la contraseña no son correctos.')
    const unknown = await signInWith('nadie@katapulta.pe', 'katapulta-demo-2026')
    expect(unknown.status).toBe(400)
    expect(JSON.stringify(unknown.data)).toContain('El correo o la contraseña no son correctos.')
  })

  test('empty and malformed fields are refused with messages beside each field', async () => {
    const empty = await signInWith('', '')
    expect(empty.status).toBe(400)
    const errors = (empty.data as { error: Record<string, string[]> }).error
    expect(errors.email).toEqual(['Escriba su correo.'])
    expect(errors.password).toEqual(['Escriba su contraseña.'])
    const malformed = await signInWith('no-es-un-correo', 'x')
    expect((malformed.data as { error: Record<string, string[]> }).error.email?.[0]).toMatch(/correo válido/)
  })

  test('the password is never sent back to the page', async () => {
    const result = await signInWith('facilitadora@katapulta.pe', 'mi-secreto-equivocado')
    expect(JSON.stringify(result.data)).not.toContain('mi-secreto-equivocado')
  })

  test('a deactivated account cannot sign in', async () => {
    await db.update(users).set({ active: false }).where(eq(users.email, 'gerente@katapulta.pe'))
    const result = await signInWith('gerente@katapulta.pe', 'katapulta-demo-2026')
    expect(result.status).toBe(403)
    expect(JSON.stringify(result.data)).toContain('desactivada')
    await db.update(users).set({ active: true }).where(eq(users.email, 'gerente@katapulta.pe'))
  })

  test('the sixth failure within 15 minutes is refused with 429, even with the right password', async () => {
    await db.delete(loginAttempts)
    for (let i = 0; i < 5; i++) expect((await signInWith('admin@katapulta.pe', `mala-${i}`)).status).toBe(400)
    const blocked = await signInWith('admin@katapulta.pe', 'katapulta-demo-2026')
    expect(blocked.status).toBe(429)
    expect(JSON.stringify(blocked.data)).toContain('Espere 15 minutos')
    await db.delete(loginAttempts)
  })
})

describe('sessions', () => {
  test('sign-out is a POST that deletes the session row and clears the cookie', async () => {
    const cookie = await cookieFor('facilitator')
    const before = await db.select().from(loginSessions)
    const getResult = await run(() => signOutRoute.loader(args(get('/salir', cookie))))
    expect(getResult.status).toBe(200)
    expect(await getUser(get('/', cookie))).not.toBeNull()
    const result = await run(() => signOutRoute.action(args(post('/salir', {}, cookie))))
    expect(result.status).toBe(302)
    expect(result.headers.get('Set-Cookie')).toMatch(/Max-Age=0/i)
    expect(await db.select().from(loginSessions)).toHaveLength(before.length - 1)
    expect(await getUser(get('/', cookie))).toBeNull()
  })

  test('a session idle for 30 minutes is over', async () => {
    const cookie = await cookieFor('manager')
    await db.update(loginSessions).set({ lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS - 1000).toISOString() })
    expect(await getUser(get('/', cookie))).toBeNull()
  })

  test('a session past its 12 hours is over', async () => {
    const cookie = await cookieFor('manager')
    await db.update(loginSessions).set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
    expect(await getUser(get('/', cookie))).toBeNull()
  })

  test('a forged or tampered cookie opens nothing', async () => {
    expect(await getUser(get('/', 'katapulta_sesion=abc'))).toBeNull()
    const cookie = await cookieFor('admin')
    expect(await getUser(get('/', cookie.slice(0, -2) + 'xx'))).toBeNull()
  })

  test('requireUser answers 403 to a role that is not allowed', async () => {
    const cookie = await cookieFor('manager')
    const result = await run(() => requireUser(get('/', cookie), 'facilitator', 'admin'))
    expect(result.status).toBe(403)
  })
})

describe('every staff page needs a session', () => {
  // Sign-in and sign-out are public; the tablet routes have their own device token (tablet.test.ts).
  const publicPaths = new Set(['/ingresar', '/salir', '/tableta', '/tableta/respuestas'])
  for (const route of allRoutes.filter((r) => !publicPaths.has(r.path))) {
    test(`${route.path} redirects to /ingresar without a session`, async () => {
      const module = await importRoute(route.file)
      const path = samplePath(route.path)
      for (const [kind, fn] of [['loader', module.loader], ['action', module.action]] as const) {
        if (!fn) continue
        const request = kind === 'loader' ? get(path) : post(path, {})
        const result = await run(async () => fn(args(request, paramsOf(route.path, path))))
        expect(result.status, `${kind} of ${route.path}`).toBe(302)
        expect(result.headers.get('Location'), `${kind} of ${route.path}`).toMatch(/^\/ingresar/)
      }
    })
  }
})

describe('rate limit per client address', () => {
  test('the 6th failure from one address within 15 minutes is refused, whatever the account', async () => {
    await db.delete(loginAttempts)
    const from = (email: string, password: string) =>
      run(() =>
        signInRoute.action(
          args(
            new Request('http://localhost/ingresar', {
              method: 'POST',
              body: new URLSearchParams({ email, password }),
              headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-katapulta-client-address': '203.0.113.9' },
            }),
          ),
        ),
      )
    for (let i = 0; i < 5; i++) expect((await from(`persona${i}@katapulta.pe`, 'mala-contraseña')).status).toBe(400)
    const sixth = await from('admin@katapulta.pe', 'katapulta-demo-2026')
    expect(sixth.status).toBe(429)
    // Another address is not affected.
    expect((await signInWith('admin@katapulta.pe', 'katapulta-demo-2026')).status).toBe(302)
    await db.delete(loginAttempts)
  })
})
