import { describe, expect, test } from 'vitest'
import { RouterContextProvider } from 'react-router'
import * as root from '#app/root.tsx'
import { nonceContext } from '#app/context.ts'
import { clientAddress, isCrossSiteWrite } from '#app/.server/security.ts'

const middleware = root.middleware[0]!

async function through(request: Request) {
  const context = new RouterContextProvider()
  let called = false
  const response = (await middleware({ request, context, params: {}, unstable_pattern: '' } as never, async () => {
    called = true
    return new Response('ok')
  })) as Response
  return { response, called, nonce: context.get(nonceContext) }
}

describe('origin check', () => {
  test('a cross-site POST is refused with 403 before any action runs', async () => {
    const r = await through(new Request('http://localhost/intervenciones/nueva', { method: 'POST', headers: { Origin: 'https://malicioso.example' } }))
    expect(r.called).toBe(false)
    expect(r.response.status).toBe(403)
    expect(await r.response.text()).toContain('Solicitud rechazada')
    expect(r.response.headers.get('X-Content-Type-Options')).toBe('nosniff')
  })

  test('Sec-Fetch-Site cross-site is refused; same-origin and non-browser requests pass', () => {
    const post = (headers: Record<string, string>) => new Request('http://localhost/x', { method: 'POST', headers })
    expect(isCrossSiteWrite(post({ 'Sec-Fetch-Site': 'cross-site' }))).toBe(true)
    expect(isCrossSiteWrite(post({ 'Sec-Fetch-Site': 'same-site' }))).toBe(true)
    expect(isCrossSiteWrite(post({ 'Sec-Fetch-Site': 'same-origin' }))).toBe(false)
    expect(isCrossSiteWrite(post({ Origin: 'http://localhost' }))).toBe(false)
    expect(isCrossSiteWrite(post({ Origin: 'null' }))).toBe(true)
    expect(isCrossSiteWrite(post({}))).toBe(false)
    // Behind a TLS proxy.
    expect(isCrossSiteWrite(post({ Origin: 'https://katapulta.onp.gob.pe', 'X-Forwarded-Proto': 'https', Host: 'katapulta.onp.gob.pe' }))).toBe(false)
    // Reading never changes state, so GET passes whatever its origin.
    expect(isCrossSiteWrite(new Request('http://localhost/x', { headers: { Origin: 'https://malicioso.example' } }))).toBe(false)
  })

  test('a same-origin POST reaches the action', async () => {
    const r = await through(new Request('http://localhost/intervenciones/nueva', { method: 'POST', headers: { Origin: 'http://localhost' } }))
    expect(r.called).toBe(true)
    expect(r.response.status).toBe(200)
  })
})

describe('security headers', () => {
  test('every response: a CSP with a fresh per-request nonce, nosniff, a referrer policy', async () => {
    const a = await through(new Request('http://localhost/'))
    const b = await through(new Request('http://localhost/'))
    expect(a.nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/)
    expect(a.nonce).not.toBe(b.nonce)
    const csp = a.response.headers.get('Content-Security-Policy')!
    expect(csp).toContain(`'nonce-${a.nonce}'`)
    for (const part of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(part)
    expect(csp).not.toContain("'unsafe-inline' 'nonce")
    expect(a.response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(a.response.headers.get('Referrer-Policy')).toBe('same-origin')
    // HSTS only in production (these tests run with APP_ENV=test).
    expect(a.response.headers.get('Strict-Transport-Security')).toBeNull()
  })

  test('the client address comes from the server, not from the client', () => {
    expect(clientAddress(new Request('http://localhost/'))).toBe('unknown')
    expect(clientAddress(new Request('http://localhost/', { headers: { 'x-katapulta-client-address': '10.0.0.7' } }))).toBe('10.0.0.7')
  })
})

describe('page addresses behind client navigations', () => {
  test('a .data request redirects to sign-in with the page address, not the data address', async () => {
    const { pagePath } = await import('#app/.server/http.ts')
    const { requireUser } = await import('#app/.server/auth.ts')
    expect(pagePath(new Request('http://localhost/intervenciones.data?etapa=validate&_routes=routes%2Fx'))).toBe('/intervenciones?etapa=validate')
    expect(pagePath(new Request('http://localhost/_root.data'))).toBe('/')
    try {
      await requireUser(new Request('http://localhost/sesiones/3.data?_routes=a'))
      expect.unreachable()
    } catch (thrown) {
      expect((thrown as Response).headers.get('Location')).toBe('/ingresar?volver=%2Fsesiones%2F3')
    }
  })
})
