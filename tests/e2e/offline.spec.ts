import Database from 'better-sqlite3'
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test'
import { signIn } from './helpers.ts'

// The tablet never loses an answer: offline answers wait in IndexedDB, survive a reload, and reach
// the server exactly once when the connection returns, also through a flaky network.

const PORT = Number(process.env.E2E_PORT ?? 3100)
const DATABASE = `data/e2e-${PORT}/katapulta.db`
const SESSION_TITLE = 'Validación de la v2 con conectividad limitada'
const WELCOME = 'Bienvenida, bienvenido'

function counts(sessionId: number) {
  const db = new Database(DATABASE, { readonly: true, fileMustExist: true })
  try {
    const row = db
      .prepare(
        `select (select count(*) from participants where session_id = ?) participants,
                (select count(*) from responses where session_id = ?) responses,
                (select count(distinct client_id) from responses where session_id = ?) distinctIds,
                (select count(*) from consent_records c join participants p on p.id = c.participant_id where p.session_id = ?) consents`,
      )
      .get(sessionId, sessionId, sessionId, sessionId) as { participants: number; responses: number; distinctIds: number; consents: number }
    return row
  } finally {
    db.close()
  }
}

async function sessionId(page: Page) {
  await page.goto('/sesiones')
  const href = await page.getByRole('link', { name: SESSION_TITLE }).getAttribute('href')
  return Number(/\/sesiones\/(\d+)/.exec(href!)![1])
}

async function pairedTablet(browser: Browser, testInfo: TestInfo, staff: Page, id: number, options: { serviceWorkers?: 'allow' | 'block' } = {}) {
  await staff.goto(`/sesiones/${id}/consola`)
  await staff.getByLabel('PIN de facilitación (4 a 8 números)').fill('2468')
  await staff.getByRole('button', { name: 'Preparar tableta' }).click()
  const code = (await staff.getByTestId('pairing-code').textContent())!.trim()
  const context = await browser.newContext({ ...testInfo.project.use, viewport: { width: 800, height: 1100 }, serviceWorkers: options.serviceWorkers ?? 'allow' })
  const tablet = await context.newPage()
  await tablet.goto('/tableta')
  await tablet.getByLabel('Código de la sesión').fill(code)
  await tablet.getByRole('button', { name: 'Conectar tableta' }).click()
  await expect(tablet.getByRole('heading', { level: 1 })).toHaveText(WELCOME)
  return { context, tablet }
}

/** One citizen from welcome to thanks, picking the first option everywhere; returns how many answers they gave. */
async function citizen(tablet: Page) {
  const h1 = tablet.getByRole('heading', { level: 1 })
  await expect(h1).toHaveText(WELCOME)
  await tablet.getByRole('button', { name: 'Empezar' }).click()
  await tablet.getByRole('button', { name: 'Sí, acepto participar' }).click()
  await tablet.getByRole('button', { name: 'Yo mismo o yo misma' }).click()
  let answered = 0
  const nav = tablet.getByRole('navigation', { name: 'Navegación de preguntas' })
  for (let i = 0; i < 60; i++) {
    if ((await h1.textContent()) === '¡Muchas gracias!') break
    const options = tablet.getByRole('main').getByRole('group').getByRole('button')
    if ((await options.count()) > 0) {
      await options.first().click()
      answered++
    }
    const title = await h1.textContent()
    await nav.getByRole('button', { name: /^(Continuar|Terminé la tarea|Prefiero no responder)/ }).click()
    await expect(h1).not.toHaveText(title!)
  }
  await expect(h1).toHaveText('¡Muchas gracias!')
  await tablet.getByRole('button', { name: 'Terminar' }).click()
  await expect(h1).toHaveText(WELCOME)
  return answered
}

const pending = (tablet: Page) => tablet.locator('[data-pending]').getAttribute('data-pending')

test('three citizens answer offline, the page is reloaded, and every answer arrives once when the connection returns', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000)
  await signIn(page, 'facilitator')
  const id = await sessionId(page)
  const before = counts(id)
  const { context, tablet } = await pairedTablet(browser, testInfo, page, id)
  // The service worker takes control, so the tablet's pages load without a network.
  await tablet.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await tablet.reload()
  await expect.poll(() => tablet.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)

  await context.setOffline(true)
  let given = 0
  for (let i = 0; i < 3; i++) given += await citizen(tablet)
  await expect(tablet.getByRole('status').filter({ hasText: 'Guardado en la tableta; se enviará al volver la conexión.' })).toBeVisible()
  expect(Number(await pending(tablet))).toBeGreaterThan(given)
  expect(counts(id)).toEqual(before)

  // A reload while offline: the page comes from the tablet, and the queue is still there.
  await tablet.reload()
  await expect(tablet.getByRole('heading', { level: 1 })).toHaveText(WELCOME)
  await expect.poll(async () => Number(await pending(tablet))).toBeGreaterThan(given)

  await context.setOffline(false)
  await expect.poll(async () => counts(id).responses - before.responses, { timeout: 60_000 }).toBe(given)
  const after = counts(id)
  expect(after.participants - before.participants).toBe(3)
  expect(after.consents - before.consents).toBe(3)
  expect(after.distinctIds).toBe(after.responses)
  await expect.poll(async () => Number(await pending(tablet)), { timeout: 30_000 }).toBe(0)

  // The console shows what waits on the tablet (nothing now).
  await page.goto(`/sesiones/${id}/consola`)
  await expect(page.getByText('Sin envíos pendientes').first()).toBeVisible()
  await context.close()
})

test('through a flaky network (half the requests aborted), 200 answers arrive with none lost and none doubled', async ({ page, browser }, testInfo) => {
  test.setTimeout(300_000)
  await signIn(page, 'facilitator')
  const id = await sessionId(page)
  const before = counts(id)
  // Route interception and service workers do not mix: this tablet runs without one.
  const { context, tablet } = await pairedTablet(browser, testInfo, page, id, { serviceWorkers: 'block' })
  let n = 0
  let aborted = 0
  await tablet.route('**/tableta/respuestas', async (route) => {
    n++
    if (n % 4 === 0) {
      aborted++
      return route.abort('connectionreset') // lost on the way to the server
    }
    if (n % 4 === 2) {
      aborted++
      await route.fetch() // the server stores it, the answer back is lost: the tablet resends
      return route.abort('connectionreset')
    }
    return route.continue()
  })
  let given = 0
  while (given < 200) given += await citizen(tablet)
  await expect.poll(async () => counts(id).responses - before.responses, { timeout: 180_000, intervals: [1000] }).toBe(given)
  await expect.poll(async () => Number(await pending(tablet)), { timeout: 60_000 }).toBe(0)
  const after = counts(id)
  expect(given).toBeGreaterThanOrEqual(200)
  expect(after.distinctIds).toBe(after.responses)
  expect(aborted).toBeGreaterThan(n * 0.45)
  await context.close()
})
