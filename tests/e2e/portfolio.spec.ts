import { expect, test, type Locator, type Page, type Response } from '@playwright/test'
import { expectNoAxeViolations, signIn, watchConsole } from './helpers.ts'

// The portfolio journey of a facilitator: create an intervention, move it through the stage board
// (mouse, keyboard, and the plain form without JavaScript), add a prototype, publish versions with
// files, and compare them. Every test creates its own intervention: the database is shared.

// A valid 1×1 PNG (checked by its content on upload, so it must be a real one).
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

let counter = 0
const unique = (label: string) => `${label} ${Date.now().toString(36)}-${++counter}`

type NewIntervention = { title: string; service?: string; channel?: string; start?: string; end?: string }

async function fillInterventionForm(page: Page, input: NewIntervention) {
  await page.getByLabel('Título').fill(input.title)
  await page.getByLabel('Servicio de la ONP').fill(input.service ?? 'Solicitud de pensión en ONPVirtual')
  await page.getByRole('group', { name: 'Canales' }).getByRole('checkbox', { name: input.channel ?? 'WhatsApp ONP' }).check()
  await page.getByLabel('Fecha de inicio').fill(input.start ?? '2026-03-02')
  await page.getByLabel('Fecha de fin (opcional)').fill(input.end ?? '2026-06-30')
}

/** Creates an intervention through the form and returns its code (INT-NNN), on its own page. */
async function createIntervention(page: Page, input: NewIntervention) {
  await page.goto('/intervenciones/nueva')
  await expect(page.getByRole('heading', { level: 1, name: 'Nueva intervención' })).toBeVisible()
  await fillInterventionForm(page, input)
  await page.getByRole('button', { name: 'Crear intervención' }).click()
  await expect(page).toHaveURL(/\/intervenciones\/INT-\d{3,}\?creada=1$/)
  await expect(page.getByRole('status').filter({ hasText: 'Intervención creada.' })).toBeVisible()
  const code = /\/intervenciones\/(INT-\d{3,})/.exec(page.url())![1]!
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${code} ${input.title}`)
  return code
}

const column = (page: Page, stage: string) => page.locator(`section[data-stage="${stage}"]`)
const handleOf = (scope: Page | Locator, code: string) => scope.getByRole('button', { name: new RegExp(`^Mover ${code},`) })
// The `has` locator is matched inside each list item, so it is built from the page, not the scope.
const cardOf = (scope: Page | Locator, code: string) => {
  const page = 'page' in scope ? scope.page() : scope
  return scope.getByRole('listitem').filter({ has: page.getByRole('link', { name: code, exact: true }) })
}

/** The board with dnd-kit running: its hidden instructions exist only once the client has mounted. */
async function openBoard(page: Page) {
  await page.goto('/intervenciones/tablero')
  await expect(page.getByRole('heading', { level: 1, name: 'Tablero por etapas' })).toBeVisible()
  await expect(page.locator('[id^="DndDescribedBy"]')).toBeAttached()
}

/** The background save of a drag: a POST to the board's action. */
const isBoardSave = (r: Response) => r.url().includes('/intervenciones/tablero') && r.request().method() === 'POST'

test.describe('facilitator', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'facilitator')
  })

  test('creates an intervention; an end date before the start is refused in Spanish and keeps what was typed', async ({ page }) => {
    const done = watchConsole(page)
    await page.goto('/intervenciones')
    await expect(page.getByRole('heading', { level: 1, name: 'Intervenciones' })).toBeVisible()
    await expectNoAxeViolations(page)

    await page.getByRole('link', { name: 'Nueva intervención' }).click()
    await expect(page).toHaveURL(/\/intervenciones\/nueva$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Nueva intervención' })).toBeVisible()
    await expectNoAxeViolations(page)

    const title = unique('Cita por WhatsApp para pensionistas')
    await fillInterventionForm(page, { title, start: '2026-05-10', end: '2026-05-01' })
    await page.getByRole('button', { name: 'Crear intervención' }).click()
    await expect(page.getByText('La fecha de fin no puede ser anterior a la de inicio.')).toBeVisible()
    await expect(page).toHaveURL(/\/intervenciones\/nueva$/)
    await expect(page.getByLabel('Título')).toHaveValue(title)
    await expect(page.getByLabel('Servicio de la ONP')).toHaveValue('Solicitud de pensión en ONPVirtual')
    await expect(page.getByRole('checkbox', { name: 'WhatsApp ONP' })).toBeChecked()
    await expect(page.getByLabel('Fecha de fin (opcional)')).toHaveAttribute('aria-invalid', 'true')
    await expectNoAxeViolations(page)

    await page.getByLabel('Fecha de fin (opcional)').fill('2026-07-31')
    await expect(page.getByText('La fecha de fin no puede ser anterior a la de inicio.')).toBeHidden()
    await page.getByRole('button', { name: 'Crear intervención' }).click()
    await expect(page).toHaveURL(/\/intervenciones\/INT-\d{3,}\?creada=1$/)
    await expect(page.getByRole('status').filter({ hasText: 'Intervención creada.' })).toBeVisible()
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title)
    await expect(page.getByText('WhatsApp ONP')).toBeVisible()
    await expect(page.getByRole('region', { name: 'Línea de tiempo' })).toContainText('Creada en la etapa «Descubrir»')
    await expectNoAxeViolations(page)

    // It is listed, in the stage «Descubrir».
    await page.goto(`/intervenciones?q=${encodeURIComponent(title)}`)
    await expect(page.getByRole('row').filter({ hasText: title })).toContainText('Descubrir')
    done()
  })

  test('moves a card between stages by mouse, by keyboard, and without JavaScript; the timeline records it', async ({ page, browser }, testInfo) => {
    const done = watchConsole(page)
    const code = await createIntervention(page, { title: unique('Tablero: constancia de aportes') })

    // (a) Mouse: drag the handle from «Descubrir» to «Definir».
    await openBoard(page)
    await expectNoAxeViolations(page)
    await expect(cardOf(column(page, 'discover'), code)).toBeVisible()
    const handle = handleOf(page, code)
    await expect(handle).toHaveAccessibleName(new RegExp(`ahora en Descubrir$`))
    await handle.scrollIntoViewIfNeeded()
    const from = (await handle.boundingBox())!
    const target = (await column(page, 'define').boundingBox())!
    const sx = from.x + from.width / 2
    const sy = from.y + from.height / 2
    // The define column is as tall as the board row, so aim at the card's own height inside it.
    const tx = target.x + target.width / 2
    const ty = Math.min(Math.max(sy, target.y + 40), target.y + target.height - 40)
    const mouseSave = page.waitForResponse(isBoardSave)
    await page.mouse.move(sx, sy)
    await page.mouse.down()
    await page.mouse.move(sx + 10, sy + 2, { steps: 2 }) // past the 6 px activation distance
    await expect(page.locator(`li.board-card.is-dragging[data-code="${code}"]`)).toBeVisible()
    await page.mouse.move(tx, ty, { steps: 15 })
    await expect(column(page, 'define')).toHaveClass(/is-over/)
    await page.mouse.up()
    expect((await mouseSave).ok()).toBe(true)
    await expect(cardOf(column(page, 'define'), code)).toBeVisible()
    await expect(cardOf(column(page, 'discover'), code)).toHaveCount(0)
    await page.reload()
    await expect(cardOf(column(page, 'define'), code)).toBeVisible()
    await expect(handleOf(page, code)).toHaveAccessibleName(new RegExp(`ahora en Definir$`))

    // (b) Keyboard: pick up with Space, one column to the right, drop with Space.
    await expect(page.locator('[id^="DndDescribedBy"]')).toBeAttached()
    const keyboardSave = page.waitForResponse(isBoardSave)
    await handleOf(page, code).focus()
    await expect(handleOf(page, code)).toBeFocused()
    await page.keyboard.press('Space')
    await expect(page.locator(`li.board-card.is-dragging[data-code="${code}"]`)).toBeVisible()
    await page.keyboard.press('ArrowRight')
    await expect(column(page, 'ideate')).toHaveClass(/is-over/)
    await page.keyboard.press('Space')
    expect((await keyboardSave).ok()).toBe(true)
    await expect(cardOf(column(page, 'ideate'), code)).toBeVisible()
    await expect(cardOf(column(page, 'define'), code)).toHaveCount(0)
    await page.reload()
    await expect(cardOf(column(page, 'ideate'), code)).toBeVisible()
    done()

    // (c) No JavaScript: the plain «Mover a…» form on the card, in its own browser context.
    const context = await browser.newContext({ ...testInfo.project.use, javaScriptEnabled: false })
    try {
      const plain = await context.newPage()
      await signIn(plain, 'facilitator')
      await plain.goto('/intervenciones/tablero')
      const card = cardOf(column(plain, 'ideate'), code)
      await expect(card).toBeVisible()
      await card.getByLabel('Mover a…').selectOption({ label: 'Prototipar' })
      await card.getByRole('button', { name: `Mover ${code}`, exact: true }).click()
      await expect(plain).toHaveURL(/\/intervenciones\/tablero$/)
      await expect(cardOf(column(plain, 'prototype'), code)).toBeVisible()
      await expect(cardOf(column(plain, 'ideate'), code)).toHaveCount(0)
      await expect(cardOf(column(plain, 'prototype'), code).getByLabel('Mover a…')).toHaveValue('prototype')
    } finally {
      await context.close()
    }

    // The intervention's page tells the whole story.
    await page.goto(`/intervenciones/${code}`)
    await expect(page.getByRole('term').filter({ hasText: 'Etapa' }).locator('xpath=..')).toContainText('Prototipar')
    const timeline = page.getByRole('region', { name: 'Línea de tiempo' })
    await expect(timeline).toContainText('Creada en la etapa «Descubrir»')
    await expect(timeline).toContainText('Etapa: de «Descubrir» a «Definir»')
    await expect(timeline).toContainText('Etapa: de «Definir» a «Idear»')
    await expect(timeline).toContainText('Etapa: de «Idear» a «Prototipar»')
    await expect(timeline.getByRole('listitem')).toHaveCount(4)
    await expectNoAxeViolations(page)
  })

  test('adds a prototype, refuses a fake image, publishes v1 with a PNG and v2, and compares them', async ({ page }) => {
    const code = await createIntervention(page, { title: unique('Prototipos: simulador de pensión'), channel: 'Web (ONPVirtual)' })
    await expectNoAxeViolations(page)

    // New prototype.
    await page.getByRole('link', { name: 'Agregar prototipo' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Nuevo prototipo' })).toBeVisible()
    await expectNoAxeViolations(page)
    const name = unique('Simulador clicable')
    await page.getByLabel('Nombre').fill(name)
    await page.getByLabel('Canal').selectOption({ label: 'Web (ONPVirtual)' })
    await page.getByRole('group', { name: 'Fidelidad' }).getByRole('radio', { name: 'Clicable' }).check()
    await page.getByRole('button', { name: 'Crear prototipo' }).click()
    await expect(page).toHaveURL(new RegExp(`/intervenciones/${code}/prototipos/\\d+/versiones/nueva\\?creado=1$`))
    const prototypeUrl = /^(.*\/prototipos\/\d+)\/versiones\/nueva/.exec(new URL(page.url()).pathname)![1]!
    await expect(page.getByRole('heading', { level: 1, name: `Publicar ${name} v1` })).toBeVisible()
    await expect(page.getByRole('status')).toHaveText('Prototipo creado. Publique su primera versión.')
    await expectNoAxeViolations(page)

    // A text file dressed up as a PNG is refused by its content; nothing is published.
    const changelog1 = unique('Primera versión: el simulador pide solo el DNI y la fecha de nacimiento.')
    await page.getByLabel('Qué cambió y por qué').fill(changelog1)
    await page.getByLabel('Imágenes o PDF (hasta 5 MB cada uno)').setInputFiles({
      name: 'foto.png',
      mimeType: 'image/png',
      buffer: Buffer.from('esto no es una imagen, solo texto\n'),
    })
    await page.getByRole('button', { name: 'Publicar v1' }).click()
    await expect(page.getByRole('alert')).toContainText('no es una imagen')
    await expect(page.getByRole('alert')).toContainText('foto.png')
    await expect(page.getByRole('heading', { level: 1, name: `Publicar ${name} v1` })).toBeVisible()
    await expect(page.getByLabel('Qué cambió y por qué')).toHaveValue(changelog1)
    await expectNoAxeViolations(page)
    const noVersion = await page.request.get(`${prototypeUrl}/versiones/1`)
    expect(noVersion.status()).toBe(404)

    // v1 with a real PNG.
    await page.getByLabel('Qué cambió y por qué').fill(changelog1)
    await page.getByLabel('Imágenes o PDF (hasta 5 MB cada uno)').setInputFiles({ name: 'pantalla-inicio.png', mimeType: 'image/png', buffer: PNG_1X1 })
    await page.getByRole('button', { name: 'Publicar v1' }).click()
    await expect(page).toHaveURL(new RegExp(`${prototypeUrl}/versiones/1\\?publicada=1$`))
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`${name} v1`)
    await expect(page.getByRole('status')).toHaveText('Versión publicada.')
    await expect(page.getByText(changelog1)).toBeVisible()
    const image = page.getByRole('img', { name: 'Imagen: pantalla-inicio.png' })
    await image.scrollIntoViewIfNeeded()
    await expect(image).toBeVisible()
    const src = await image.getAttribute('src')
    expect(src).toMatch(/^\/archivos\/\d+$/)
    const file = await page.request.get(src!)
    expect(file.status()).toBe(200)
    expect(file.headers()['content-type']).toBe('image/png')
    expect(Buffer.compare(await file.body(), PNG_1X1)).toBe(0)
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1)
    await expectNoAxeViolations(page)

    // v2 from the version page.
    await page.getByRole('link', { name: 'Publicar nueva versión' }).click()
    await expect(page).toHaveURL(new RegExp(`${prototypeUrl}/versiones/nueva\\?desde=1$`))
    await expect(page.getByRole('heading', { level: 1, name: `Publicar ${name} v2` })).toBeVisible()
    await expect(page.getByLabel('Qué cambió y por qué')).toHaveValue(changelog1)
    await expect(page.getByRole('checkbox', { name: 'pantalla-inicio.png' })).toBeChecked()
    await expectNoAxeViolations(page)
    const changelog2 = unique('Segunda versión: botones más grandes y letra de 20 px para personas mayores.')
    await page.getByLabel('Qué cambió y por qué').fill(changelog2)
    await page.getByRole('button', { name: 'Publicar v2' }).click()
    await expect(page).toHaveURL(new RegExp(`${prototypeUrl}/versiones/2\\?publicada=1$`))
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`${name} v2`)
    await expect(page.getByText(changelog2)).toBeVisible()
    await expect(page.getByRole('img', { name: 'Imagen: pantalla-inicio.png' })).toBeVisible()
    await expectNoAxeViolations(page)

    // The prototype page lists both and compares them side by side.
    await page.getByRole('link', { name, exact: true }).click()
    await expect(page).toHaveURL(new RegExp(`${prototypeUrl}$`))
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
    await expect(page.getByRole('row').filter({ hasText: changelog1 })).toContainText('v1')
    await expect(page.getByRole('row').filter({ hasText: changelog2 })).toContainText('v2')
    await expectNoAxeViolations(page)
    await expect(page.getByRole('heading', { name: 'Comparar dos versiones' })).toBeVisible()
    await page.getByRole('combobox', { name: 'Versión', exact: true }).selectOption({ label: 'v1' })
    await page.getByRole('combobox', { name: 'con la versión' }).selectOption({ label: 'v2' })
    await page.getByRole('button', { name: 'Comparar' }).click()
    await expect(page).toHaveURL(new RegExp(`${prototypeUrl}/comparar\\?a=1&b=2$`))
    await expect(page.getByRole('heading', { level: 1, name: `${name}: v1 y v2` })).toBeVisible()
    const left = page.getByRole('region', { name: /^v1\b/ })
    const right = page.getByRole('region', { name: /^v2\b/ })
    await expect(left.getByText(changelog1)).toBeVisible()
    await expect(right.getByText(changelog2)).toBeVisible()
    await expect(left).not.toContainText(changelog2)
    const [l, r] = [(await left.boundingBox())!, (await right.boundingBox())!]
    expect(l.x + l.width).toBeLessThanOrEqual(r.x)
    expect(Math.abs(l.y - r.y)).toBeLessThan(5)
    await expectNoAxeViolations(page)

    // The intervention's timeline shows both publications.
    await page.goto(`/intervenciones/${code}`)
    const timeline = page.getByRole('region', { name: 'Línea de tiempo' })
    await expect(timeline.getByRole('link', { name: `${name} v1` })).toBeVisible()
    await expect(timeline.getByRole('link', { name: `${name} v2` })).toBeVisible()
  })
})

test('a manager sees the board read-only and cannot open the new-intervention form', async ({ page }) => {
  await signIn(page, 'manager')
  await page.goto('/intervenciones/tablero')
  await expect(page.getByRole('heading', { level: 1, name: 'Tablero por etapas' })).toBeVisible()
  await expect(page.locator('li.board-card').first()).toBeVisible()
  await expect(page.getByRole('button', { name: /^Mover/ })).toHaveCount(0)
  await expect(page.locator('.drag-handle')).toHaveCount(0)
  await expect(page.getByLabel('Mover a…')).toHaveCount(0)
  await expect(page.getByText(/Arrastre una tarjeta/)).toHaveCount(0)
  await expectNoAxeViolations(page)

  await page.goto('/intervenciones')
  await expect(page.getByRole('heading', { level: 1, name: 'Intervenciones' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Nueva intervención' })).toHaveCount(0)

  const response = await page.goto('/intervenciones/nueva')
  expect(response?.status()).toBe(403)
  await expect(page.getByRole('heading', { level: 1, name: 'No tiene permiso para ver esta página' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Principal' })).toBeVisible()
  await expect(page.getByLabel('Título')).toHaveCount(0)
  await expectNoAxeViolations(page)
})
