import { expect, test, type APIResponse, type Page } from '@playwright/test'
import { ACCOUNTS, PASSWORD, signIn } from './helpers.ts'

// Security as the browser and a hostile site see it: the CSP and its per-response nonce on every
// script, the other security headers on pages, static files and JSON, no CSP violation in the
// console, cross-site writes refused, and the session cookie's flags. Nothing is changed.

const NONCE_IN_CSP = /script-src 'self' 'nonce-([A-Za-z0-9+/]+={0,2})' 'strict-dynamic'/

/** The nonce of a response's CSP; fails when the header or its nonce is missing. */
function nonceOf(response: APIResponse | { headers(): Record<string, string> }) {
  const csp = response.headers()['content-security-policy']
  expect(csp, 'Content-Security-Policy header').toBeTruthy()
  const match = NONCE_IN_CSP.exec(csp!)
  expect(match, `a nonce in: ${csp}`).not.toBeNull()
  return match![1]!
}

/** Every <script> start tag of an HTML document. */
const scriptTags = (html: string) => html.match(/<script\b[^>]*>/gi) ?? []

/** Fetches a page's raw HTML and checks that every script carries this response's nonce. */
async function expectNoncedScripts(page: Page, path: string) {
  const response = await page.request.get(path)
  expect(response.status(), path).toBe(200)
  expect(response.headers()['content-type'], path).toContain('text/html')
  const nonce = nonceOf(response)
  const html = await response.text()
  const scripts = scriptTags(html)
  expect(scripts.length, `scripts in ${path}`).toBeGreaterThan(0)
  for (const tag of scripts) expect(tag, `${path}: ${tag}`).toContain(` nonce="${nonce}"`)
  // Preloaded modules carry it too, and no markup runs code outside a nonced script.
  for (const tag of html.match(/<link\b[^>]*rel="modulepreload"[^>]*>/gi) ?? []) expect(tag, path).toContain(`nonce="${nonce}"`)
  expect(html, path).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i)
  expect(html, path).not.toMatch(/href="javascript:/i)
  return nonce
}

/** The directives and headers every app response carries (pages, JSON, CSV, errors). */
function expectAppSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = headers['content-security-policy'] ?? ''
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "default-src 'self'", "form-action 'self'"]) {
    expect(csp, `${what}: ${directive}`).toContain(directive)
  }
  expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-inline'/)
  expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-eval'/)
  expect(headers['x-content-type-options'], what).toBe('nosniff')
  expect(headers['referrer-policy'], what).toBe('same-origin')
  expect(headers['x-frame-options'], what).toBe('DENY')
}

/** Collects CSP violations: the console's «Content Security Policy» errors and the DOM's events. */
async function watchCsp(page: Page) {
  const messages: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy|violates the following/i.test(m.text())) messages.push(`${m.type()}: ${m.text()}`)
  })
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] }
    w.__cspViolations = []
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`))
  })
  return async () => {
    const events = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])
    expect([...messages, ...events], 'CSP violations').toEqual([])
  }
}

test('every page response has a CSP with a fresh nonce, and every script in its HTML carries it', async ({ page }) => {
  const nonces: string[] = []
  // Without a session: the sign-in page and the tablet's pairing page.
  for (const path of ['/ingresar', '/tableta']) nonces.push(await expectNoncedScripts(page, path))

  await signIn(page, 'manager')
  for (const path of ['/', '/intervenciones', '/intervenciones/INT-001', '/tableros/portafolio', '/tableros/intervenciones/INT-001', '/tableros/comparar']) {
    nonces.push(await expectNoncedScripts(page, path))
  }
  // The same page twice: a new nonce each time.
  nonces.push(await expectNoncedScripts(page, '/'))
  expect(new Set(nonces).size, 'nonces are never reused').toBe(nonces.length)

  // The documents the browser itself loads carry the header too, including an error page.
  const home = await page.goto('/tableros/portafolio')
  const nonce = nonceOf(home!)
  expect(await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce))).toEqual(
    expect.arrayContaining([nonce]),
  )
  const missing = await page.goto('/no-existe')
  expect(missing!.status()).toBe(404)
  nonceOf(missing!)
})

test('the security headers are on a page, a static file and a JSON resource route', async ({ page }) => {
  await signIn(page, 'manager')
  const html = await page.request.get('/')
  expect(html.status()).toBe(200)
  expectAppSecurityHeaders(html.headers(), 'page /')

  // Static files never reach the app (server.js serves them): they get nosniff and the referrer policy.
  const favicon = await page.request.get('/favicon.svg')
  expect(favicon.status()).toBe(200)
  expect(favicon.headers()['content-type']).toContain('image/svg+xml')
  expect(favicon.headers()['x-content-type-options']).toBe('nosniff')
  expect(favicon.headers()['referrer-policy']).toBe('same-origin')
  const script = (await html.text()).match(/src="(\/assets\/[^"]+\.js)"|href="(\/assets\/[^"]+\.js)"/)
  expect(script).not.toBeNull()
  const asset = await page.request.get(script![1] ?? script![2]!)
  expect(asset.status()).toBe(200)
  expect(asset.headers()['content-type']).toContain('javascript')
  expect(asset.headers()['x-content-type-options']).toBe('nosniff')
  expect(asset.headers()['referrer-policy']).toBe('same-origin')

  // A JSON resource route: the tablet's answers, without a paired device.
  const json = await page.request.post('/tableta/respuestas', { data: { kind: 'heartbeat' } })
  expect(json.status()).toBe(403)
  expect(json.headers()['content-type']).toContain('application/json')
  expect(await json.json()).toMatchObject({ status: 'invalid', message: 'Esta tableta no está conectada a una sesión.' })
  expectAppSecurityHeaders(json.headers(), 'POST /tableta/respuestas')
  expect(json.headers()['cache-control']).toBe('no-store')
  const get = await page.request.get('/tableta/respuestas')
  expect(get.status()).toBe(405)
  expectAppSecurityHeaders(get.headers(), 'GET /tableta/respuestas')
})

test('the browser reports no CSP violation on the tablet, the home page and a dashboard with charts', async ({ page }) => {
  const check = await watchCsp(page)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))

  // The tablet's pairing page, before any staff session; its form works with the client loaded.
  await page.goto('/tableta')
  await expect(page.getByRole('heading', { level: 1, name: 'Preparar esta tableta' })).toBeVisible()
  await expect(page.getByLabel('Código de la sesión')).toBeVisible()
  await page.waitForLoadState('networkidle')
  await check()

  await signIn(page, 'manager')
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Tablero del laboratorio' })).toBeVisible()
  await page.waitForLoadState('networkidle')
  await check()

  // recharts (inline style attributes) and the client's modules, all within the policy.
  await page.goto('/tableros/intervenciones/INT-001')
  await expect(page.locator('.recharts-wrapper svg').first()).toBeVisible()
  await page.getByRole('link', { name: 'Tableros' }).first().click()
  await expect(page).toHaveURL(/\/tableros\/portafolio$/)
  await expect(page.locator('.recharts-wrapper svg').first()).toBeVisible()
  await page.waitForLoadState('networkidle')
  await check()
  expect(errors).toEqual([])
})

test('cross-site writes are refused and change nothing', async ({ page }) => {
  await signIn(page, 'facilitator')
  const stageOf = async (code: string) => {
    await page.goto('/intervenciones/tablero')
    const column = page.locator('section[data-stage]').filter({ has: page.getByRole('link', { name: code, exact: true }) })
    await expect(column).toHaveCount(1)
    return column.getAttribute('data-stage')
  }
  const before = await stageOf('INT-005')
  expect(before).toBe('discover')

  // A form on another site posting to the stage board with the facilitator's cookie.
  const forged = await page.request.post('/intervenciones/tablero', {
    form: { code: 'INT-005', stage: 'define' },
    headers: { Origin: 'https://malicioso.example' },
    maxRedirects: 0,
  })
  expect([400, 403]).toContain(forged.status())
  // React Router's own origin check answers first (400 «Bad Request»); the app's would say 403.
  expect(['Bad Request', 'Solicitud rechazada: no viene de una página de Katapulta.']).toContain(await forged.text())

  // The same with only Sec-Fetch-Site (older browsers), on the page and on the tablet's JSON route:
  // refused by the app's own cross-site check, with its security headers.
  const fetchSite = await page.request.post('/intervenciones/tablero', {
    form: { code: 'INT-005', stage: 'define' },
    headers: { 'Sec-Fetch-Site': 'cross-site' },
    maxRedirects: 0,
  })
  expect(fetchSite.status()).toBe(403)
  expect(await fetchSite.text()).toBe('Solicitud rechazada: no viene de una página de Katapulta.')
  expectAppSecurityHeaders(fetchSite.headers(), 'refused POST')
  const tablet = await page.request.post('/tableta/respuestas', {
    data: { kind: 'heartbeat' },
    headers: { 'Sec-Fetch-Site': 'cross-site' },
  })
  expect(tablet.status()).toBe(403)
  // Refused by the cross-site check itself, before looking for a device; in JSON, as the tablet reads it.
  expect(tablet.headers()['content-type']).toContain('application/json')
  expect(await tablet.json()).toEqual({ status: 'invalid', message: 'Solicitud rechazada: no viene de una página de Katapulta.' })
  expectAppSecurityHeaders(tablet.headers(), 'refused tablet POST')

  // Nothing moved: same stage, and the timeline has only its creation.
  expect(await stageOf('INT-005')).toBe(before)
  await page.goto('/intervenciones/INT-005')
  const timeline = page.getByRole('region', { name: 'Línea de tiempo' })
  await expect(timeline).toContainText('Creada en la etapa «Descubrir»')
  await expect(timeline).not.toContainText('Definir')
})

test('the session cookie is HttpOnly and SameSite=Lax, and scripts cannot read it', async ({ page, context }) => {
  // The raw Set-Cookie of a sign-in.
  const response = await page.request.post('/ingresar', { form: { email: ACCOUNTS.manager, password: PASSWORD }, maxRedirects: 0 })
  expect(response.status()).toBe(302)
  const setCookie = response.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value)
  const session = setCookie.find((c) => c.startsWith('katapulta_sesion='))
  expect(session, setCookie.join('\n')).toBeTruthy()
  expect(session).toMatch(/;\s*HttpOnly/i)
  expect(session).toMatch(/;\s*SameSite=Lax/i)
  expect(session).toMatch(/;\s*Path=\//i)
  expectAppSecurityHeaders(response.headers(), 'sign-in redirect')

  await context.clearCookies()
  await signIn(page, 'manager')
  const cookie = (await context.cookies()).find((c) => c.name === 'katapulta_sesion')
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
  expect(await page.evaluate(() => document.cookie)).not.toContain('katapulta_sesion')
})
