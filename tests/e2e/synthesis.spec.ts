import { expect, test, type Page, type Response } from '@playwright/test'
import { expectNoAxeViolations, signIn, watchConsole } from './helpers.ts'

// The synthesis journey of a facilitator on a demo intervention's affinity board: cluster cards
// into two groups (mouse, keyboard, and the plain «Mover a…» form without JavaScript), name the
// groups, undo a move, turn each group into an insight, and publish a version that addresses one.
// INT-004 has 9 cards (interview observations and open comments); no other spec touches its board.

const CODE = 'INT-004'
const PROTOTYPE = 'Mensajes de espera claros'
let counter = 0
const unique = (label: string) => `${label} ${Date.now().toString(36)}-${++counter}`

// A taller window, so the four zones and the first cards are on screen together while dragging
// (dnd-kit scrolls the page when the pointer comes near the window's edges).
test.use({ viewport: { width: 1280, height: 1000 } })

const zone = (page: Page, id: string) => page.locator(`section[data-zone="${id}"]`)
const card = (page: Page, id: string) => page.locator(`li[data-card="${id}"]`)
const handle = (page: Page, id: string) => card(page, id).getByRole('button', { name: /^Mover tarjeta:/ })
const cardsIn = (page: Page, zoneId: string) => zone(page, zoneId).locator('li[data-card]')
const idsIn = (page: Page, zoneId: string) => cardsIn(page, zoneId).evaluateAll((els) => els.map((e) => e.getAttribute('data-card')!))
const zoneOf = (page: Page, id: string) => card(page, id).evaluate((el) => el.closest('section[data-zone]')?.getAttribute('data-zone') ?? null)
const textOf = async (page: Page, id: string) => ((await card(page, id).locator('.affinity-text').textContent()) ?? '').trim()
// The page's own notice (dnd-kit adds a second, live «status» region for its announcements).
const notice = (page: Page) => page.locator('p.notice[role="status"]')
const clusterZones = (page: Page) => page.locator('section[data-zone^="c"]')

/** The background save of a drag: a POST to the board's action. */
const isBoardSave = (r: Response) => r.url().includes(`/intervenciones/${CODE}/sintesis`) && r.request().method() === 'POST'

/** The board with dnd-kit running: its hidden instructions exist only once the client has mounted. */
async function openBoard(page: Page) {
  await page.goto(`/intervenciones/${CODE}/sintesis`)
  await expect(page.getByRole('heading', { level: 1, name: 'Síntesis: tablero de afinidad' })).toBeVisible()
  await expect(page.locator('[id^="DndDescribedBy"]')).toBeAttached()
}

/** Drags a card by its handle onto a zone with the mouse, and waits for the move to be saved. */
async function dragByMouse(page: Page, cardId: string, target: string) {
  // The columns' top some way below the window's edge, out of dnd-kit's auto-scroll band.
  await page.locator('.affinity-columns').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 220))
  const saved = page.waitForResponse(isBoardSave)
  // Right after the previous drop the board re-renders with the saved data (and dnd-kit may still
  // animate the drop): a drag started in that moment does not take. Try again, briefly.
  let tx = 0
  let ty = 0
  for (let attempt = 0; ; attempt++) {
    const from = (await handle(page, cardId).boundingBox())!
    const to = (await zone(page, target).boundingBox())!
    const sx = from.x + from.width / 2
    const sy = from.y + from.height / 2
    tx = to.x + to.width / 2
    ty = to.y + Math.min(to.height / 2, 70)
    await page.mouse.move(sx, sy)
    await page.mouse.down()
    await page.mouse.move(sx + 10, sy + 2, { steps: 2 }) // past the 6 px activation distance
    const started = await expect(card(page, cardId))
      .toHaveClass(/is-dragging/, { timeout: 1500 })
      .then(() => true)
      .catch(() => false)
    if (started) break
    await page.mouse.up()
    if (attempt === 4) throw new Error(`the drag of card ${cardId} did not start`)
    await page.waitForTimeout(300)
  }
  await page.mouse.move(tx, ty, { steps: 15 })
  await expect(zone(page, target)).toHaveClass(/is-over/)
  await page.mouse.up()
  expect((await saved).ok()).toBe(true)
}

/** Picks a card up with Space, jumps zone by zone with ArrowRight, drops it with Space. */
async function dragByKeyboard(page: Page, cardId: string, path: string[]) {
  await expect(page.locator('[id^="DndDescribedBy"]')).toBeAttached()
  const saved = page.waitForResponse(isBoardSave)
  // As with the mouse: a pick-up in the moment the board re-renders after the previous save may
  // not take, so a try that does not reach its zone is cancelled (Escape) and made again.
  for (let attempt = 0; ; attempt++) {
    await handle(page, cardId).focus()
    await expect(handle(page, cardId)).toBeFocused()
    await page.keyboard.press('Space')
    let ok = await expect(card(page, cardId))
      .toHaveClass(/is-dragging/, { timeout: 2000 })
      .then(() => true)
      .catch(() => false)
    for (const step of path) {
      if (!ok) break
      await page.keyboard.press('ArrowRight')
      ok = await expect(zone(page, step))
        .toHaveClass(/is-over/, { timeout: 2000 })
        .then(() => true)
        .catch(() => false)
    }
    if (ok) break
    await page.keyboard.press('Escape')
    if (attempt === 3) throw new Error(`the keyboard drag of card ${cardId} did not reach ${path.join(' → ')}`)
    await page.waitForTimeout(400)
  }
  await page.keyboard.press('Space')
  expect((await saved).ok()).toBe(true)
}

test('a facilitator clusters cards into two groups, turns them into insights, and a new version addresses one', async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000)
  const done = watchConsole(page)
  await signIn(page, 'facilitator')
  await openBoard(page)
  await expect(clusterZones(page)).toHaveCount(0)
  const initial = await idsIn(page, 'none')
  expect(initial.length).toBeGreaterThanOrEqual(6)
  await expectNoAxeViolations(page)

  const texts = new Map<string, string>()
  for (const id of initial) texts.set(id, await textOf(page, id))
  const placedIn = new Map<string, string>() // card id → zone id

  // (1) Mouse: the first card into «Nuevo grupo» starts group A.
  const [a1] = await idsIn(page, 'none')
  await dragByMouse(page, a1!, 'new')
  await expect(clusterZones(page)).toHaveCount(1)
  const groupA = (await clusterZones(page).first().getAttribute('data-zone'))!
  await expect(zone(page, groupA).locator(`li[data-card="${a1}"]`)).toBeVisible()
  expect(await zoneOf(page, a1!)).toBe(groupA)
  placedIn.set(a1!, groupA)

  // (2) Mouse: the next card onto group A.
  const [a2] = await idsIn(page, 'none')
  await dragByMouse(page, a2!, groupA)
  await expect(cardsIn(page, groupA)).toHaveCount(2)
  expect(await zoneOf(page, a2!)).toBe(groupA)
  placedIn.set(a2!, groupA)

  // (3) Mouse: another card into «Nuevo grupo» starts group B.
  const [b1] = await idsIn(page, 'none')
  await dragByMouse(page, b1!, 'new')
  await expect(clusterZones(page)).toHaveCount(2)
  const groupB = (await clusterZones(page).nth(1).getAttribute('data-zone'))!
  expect(groupB).not.toBe(groupA)
  await expect.poll(() => zoneOf(page, b1!)).toBe(groupB)
  placedIn.set(b1!, groupB)

  // (4) Keyboard: one zone to the right (Sin agrupar → group A).
  const [a3] = await idsIn(page, 'none')
  await dragByKeyboard(page, a3!, [groupA])
  await expect.poll(() => zoneOf(page, a3!)).toBe(groupA)
  placedIn.set(a3!, groupA)

  // (5) Keyboard: two zones to the right (Sin agrupar → group A → group B).
  const [b2] = await idsIn(page, 'none')
  await dragByKeyboard(page, b2!, [groupA, groupB])
  await expect.poll(() => zoneOf(page, b2!)).toBe(groupB)
  placedIn.set(b2!, groupB)

  // The moves are stored: a reload shows the same groups.
  await page.reload()
  await expect(page.locator('[id^="DndDescribedBy"]')).toBeAttached()
  await expect(cardsIn(page, groupA)).toHaveCount(3)
  await expect(cardsIn(page, groupB)).toHaveCount(2)

  // (6) Without JavaScript: the plain «Mover a…» form, in its own browser context.
  const [b3] = await idsIn(page, 'none')
  const context = await browser.newContext({ ...testInfo.project.use, javaScriptEnabled: false })
  try {
    const plain = await context.newPage()
    await signIn(plain, 'facilitator')
    await plain.goto(`/intervenciones/${CODE}/sintesis`)
    const item = card(plain, b3!)
    await expect(item).toBeVisible()
    await item.getByLabel('Mover a…').selectOption(groupB.slice(1))
    await item.getByRole('button', { name: 'Mover la tarjeta', exact: true }).click()
    await expect(plain).toHaveURL(new RegExp(`/intervenciones/${CODE}/sintesis\\?hecho=`))
    await expect(notice(plain)).toHaveText('Tarjeta movida.')
    await expect(zone(plain, groupB).locator(`li[data-card="${b3}"]`)).toBeVisible()
    expect(await zoneOf(plain, b3!)).toBe(groupB)
    await expect(cardsIn(plain, groupB)).toHaveCount(3)
  } finally {
    await context.close()
  }
  placedIn.set(b3!, groupB)

  await openBoard(page)
  await expect(cardsIn(page, groupA)).toHaveCount(3)
  await expect(cardsIn(page, groupB)).toHaveCount(3)
  expect(await idsIn(page, groupA)).toEqual(expect.arrayContaining([a1!, a2!, a3!]))
  expect(await idsIn(page, groupB)).toEqual(expect.arrayContaining([b1!, b2!, b3!]))

  // Name both groups.
  const nameA = unique('Quieren que les devuelvan la llamada')
  const nameB = unique('No saben qué tener a mano')
  for (const [id, name] of [
    [groupA, nameA],
    [groupB, nameB],
  ] as const) {
    await zone(page, id).getByLabel('Nombre del grupo', { exact: true }).fill(name)
    await zone(page, id).getByRole('button', { name: 'Renombrar' }).click()
    await expect(notice(page)).toHaveText('Grupo renombrado.')
    await expect(zone(page, id).getByRole('heading', { level: 2 })).toHaveText(name)
    await expect(zone(page, id)).toHaveAttribute('aria-label', name)
  }

  // Undo: my last move was the plain-form one; the card goes back to «Sin agrupar».
  await page.getByRole('button', { name: 'Deshacer mi último movimiento' }).click()
  await expect(notice(page)).toHaveText('Se deshizo su último movimiento.')
  await expect(card(page, b3!)).toBeVisible()
  expect(await zoneOf(page, b3!)).toBe('none')
  await expect(cardsIn(page, groupB)).toHaveCount(2)
  await expect(cardsIn(page, groupA)).toHaveCount(3)

  // … and back into group B with «Mover a…», which now names the group.
  await expect(page.locator('[id^="DndDescribedBy"]')).toBeAttached()
  await card(page, b3!).getByLabel('Mover a…').selectOption({ label: nameB })
  await card(page, b3!).getByRole('button', { name: 'Mover la tarjeta', exact: true }).click()
  await expect(notice(page)).toHaveText('Tarjeta movida.')
  await expect.poll(() => zoneOf(page, b3!)).toBe(groupB)
  await expect(cardsIn(page, groupB)).toHaveCount(3)
  await expectNoAxeViolations(page)

  // Each group becomes an insight; the insight page lists its evidence.
  const insights: { zone: string; title: string; severity: string; cards: string[]; url: string }[] = [
    { zone: groupA, title: unique('Prefieren que la ONP les devuelva la llamada'), severity: 'Alto', cards: [a1!, a2!, a3!], url: '' },
    { zone: groupB, title: unique('Llegan a la llamada sin saber qué tener a mano'), severity: 'Medio', cards: [b1!, b2!, b3!], url: '' },
  ]
  for (const [i, insight] of insights.entries()) {
    if (!new URL(page.url()).pathname.endsWith('/sintesis')) await openBoard(page)
    const z = zone(page, insight.zone)
    await z.getByText('Convertir en hallazgo', { exact: true }).click()
    await expect(z.getByLabel('Hallazgo', { exact: true })).toHaveValue(i === 0 ? nameA : nameB)
    await z.getByLabel('Hallazgo', { exact: true }).fill(insight.title)
    await z.getByRole('group', { name: 'Severidad' }).getByRole('radio', { name: insight.severity, exact: true }).check()
    if (i === 0) await z.getByRole('group', { name: 'Versiones en las que se observó' }).getByRole('checkbox', { name: `${PROTOTYPE} v2`, exact: true }).check()
    await z.getByRole('button', { name: 'Crear hallazgo' }).click()
    await expect(page).toHaveURL(new RegExp(`/intervenciones/${CODE}/hallazgos/\\d+\\?creado=1$`))
    insight.url = new URL(page.url()).pathname
    await expect(page.getByRole('heading', { level: 1, name: insight.title })).toBeVisible()
    await expect(page.getByRole('status')).toContainText('Hallazgo creado.')
    await expect(page.getByTestId('insight-status')).toHaveText('Abierto')
    await expect(page.getByRole('term').filter({ hasText: 'Severidad' }).locator('xpath=..')).toContainText(insight.severity)
    await expect(page.getByRole('term').filter({ hasText: 'Evidencia' }).locator('xpath=..')).toContainText(/3 tarjetas de \d+ participantes/)
    const evidence = page.locator('ul.plain-list > li')
    await expect(evidence).toHaveCount(3)
    for (const id of insight.cards) await expect(evidence.filter({ hasText: texts.get(id)! }).first()).toBeVisible()
    if (i === 0) {
      await expect(page.getByRole('row', { name: new RegExp(`^${PROTOTYPE} v2`) })).toBeVisible()
      await expectNoAxeViolations(page)
    }
  }

  // The board now links each group to its insight.
  await openBoard(page)
  for (const insight of insights) {
    await expect(zone(page, insight.zone).getByRole('link', { name: 'Ver el hallazgo' })).toHaveAttribute('href', insight.url)
  }

  // A new version of «Mensajes de espera claros» addresses the first insight only.
  await page.goto(`/intervenciones/${CODE}`)
  await page.getByRole('region', { name: 'Prototipos' }).getByRole('link', { name: PROTOTYPE, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: PROTOTYPE })).toBeVisible()
  await page.getByRole('link', { name: 'Publicar nueva versión' }).click()
  const heading = page.getByRole('heading', { level: 1, name: new RegExp(`^Publicar ${PROTOTYPE} v\\d+$`) })
  await expect(heading).toBeVisible()
  const number = /v(\d+)$/.exec((await heading.textContent())!.trim())![1]!
  const addressed = page.getByRole('group', { name: 'Hallazgos que atiende esta versión (opcional)' })
  await expect(addressed.getByRole('checkbox', { name: insights[0]!.title })).not.toBeChecked()
  await expect(addressed.getByRole('checkbox', { name: insights[1]!.title })).not.toBeChecked()
  await addressed.getByRole('checkbox', { name: insights[0]!.title }).check()
  const changelog = unique('Ofrece devolver la llamada en la mañana o en la tarde.')
  await page.getByLabel('Qué cambió y por qué').fill(changelog)
  await page.getByRole('button', { name: `Publicar v${number}` }).click()
  await expect(page).toHaveURL(new RegExp(`/intervenciones/${CODE}/prototipos/\\d+/versiones/${number}\\?publicada=1$`))
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${PROTOTYPE} v${number}`)
  await expect(page.getByText(changelog)).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Hallazgos que atiende' })).toBeVisible()
  const list = page.getByRole('heading', { level: 2, name: 'Hallazgos que atiende' }).locator('xpath=following-sibling::ul[1]')
  await expect(list.getByRole('listitem')).toHaveCount(1)
  await expect(list).toContainText(insights[0]!.title)
  await expect(list).toContainText(`atendido en v${number}`)
  await expect(list).not.toContainText(insights[1]!.title)

  // The first insight says where it was addressed; the second is still open.
  await page.goto(insights[0]!.url)
  await expect(page.getByTestId('insight-status')).toHaveText(`Atendido en ${PROTOTYPE} v${number}`)
  await expect(page.getByRole('button', { name: 'Descartar hallazgo' })).toHaveCount(0)
  await page.goto(insights[1]!.url)
  await expect(page.getByTestId('insight-status')).toHaveText('Abierto')
  await expectNoAxeViolations(page)
  done()
})
