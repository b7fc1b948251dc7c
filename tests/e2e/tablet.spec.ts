import { expect, test, type Browser, type Locator, type Page, type TestInfo } from '@playwright/test'
import { expectNoAxeViolations, signIn, watchConsole } from './helpers.ts'

// The citizen tablet (/tableta), end to end: a facilitator plans a session and prepares a tablet
// from the console; the tablet — a second browser context, never signed in as staff — is paired
// with the code and used by citizens one after another. Every test plans its own session: the
// database is shared by the whole run.

const TABLET = { width: 800, height: 1100 } // portrait tablet
const PIN = '2468'
const TASKS = ['Inicie su solicitud de pensión.', 'Adjunte la foto de su DNI.', 'Envíe la solicitud.']

let counter = 0
const unique = (label: string) => `${label} ${Date.now().toString(36)}-${++counter}`

// ------------------------------------------------------------------ staff side

type Plan = { title: string; kind: 'Prueba de usabilidad' | 'Taller de co-creación'; guide: RegExp; tasks?: string[] }

const USABILITY = (title: string): Plan => ({ title, kind: 'Prueba de usabilidad', guide: /^Prueba de usabilidad:/, tasks: TASKS })

/** Plans a session at /sesiones/nueva (INT-001, one version, Lima, the facilitator herself); returns its id. */
async function planSession(page: Page, plan: Plan) {
  await page.goto('/sesiones/nueva')
  await expect(page.getByRole('heading', { level: 1, name: 'Planificar sesión' })).toBeVisible()
  await page.getByLabel('Título').fill(plan.title)
  await page.getByRole('group', { name: 'Tipo de sesión' }).getByRole('radio', { name: plan.kind, exact: true }).check()
  await page.getByLabel('Fecha', { exact: true }).fill('2026-05-20')
  await page.getByLabel('Región', { exact: true }).selectOption('Lima Metropolitana')
  await page.getByLabel('Lugar', { exact: true }).fill('Centro de Atención ONP Lima, Jesús María')
  await page.getByLabel('Intervención', { exact: true }).selectOption({ label: 'INT-001 · Solicitud de pensión virtual' })
  await page
    .getByRole('group', { name: 'Versiones de prototipo que se prueban' })
    .getByRole('checkbox', { name: 'Formulario simplificado v2', exact: true })
    .check()
  const me = page.getByRole('group', { name: 'Facilitación' }).getByRole('checkbox', { name: 'Rosa Huamán' })
  await expect(me).toBeChecked() // the person planning is proposed as facilitator
  await me.check()
  await page.getByRole('group', { name: 'Guion' }).getByRole('radio', { name: plan.guide }).check()
  if (plan.tasks) await page.getByLabel('Tareas (una por línea)').fill(plan.tasks.join('\n'))
  await page.getByRole('button', { name: 'Planificar sesión' }).click()
  await expect(page).toHaveURL(/\/sesiones\/\d+\?creada=1$/)
  await expect(page.getByRole('heading', { level: 1, name: plan.title })).toBeVisible()
  return Number(/\/sesiones\/(\d+)/.exec(page.url())![1])
}

/** On the session's console, prepares a tablet with a PIN; returns the 6-digit pairing code. */
async function prepareTablet(page: Page, sessionId: number, pin = PIN) {
  if (!new URL(page.url()).pathname.endsWith(`/sesiones/${sessionId}/consola`)) await page.goto(`/sesiones/${sessionId}/consola`)
  await expect(page.getByRole('heading', { level: 1, name: 'Consola de la sesión' })).toBeVisible()
  await page.getByLabel('PIN de facilitación (4 a 8 números)').fill(pin)
  await page.getByRole('button', { name: 'Preparar tableta' }).click()
  const code = page.getByTestId('pairing-code')
  await expect(code).toHaveText(/^\s*\d{6}\s*$/)
  return (await code.textContent())!.trim()
}

const participantsOf = (page: Page) =>
  page.locator('.card').filter({ has: page.getByRole('heading', { level: 2, name: 'Participantes', exact: true }) }).getByRole('listitem')

// ------------------------------------------------------------------ tablet side

/** A second browser context at tablet size, with nothing of the staff's cookies. */
async function openTablet(browser: Browser, testInfo: TestInfo, viewport = TABLET) {
  const context = await browser.newContext({ ...testInfo.project.use, viewport })
  const page = await context.newPage()
  return { context, page }
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 })
const pressed = (page: Page) => page.locator('[aria-pressed="true"]')
const options = (page: Page) => page.getByRole('main').getByRole('group').getByRole('button')
const questionNav = (page: Page) => page.getByRole('navigation', { name: 'Navegación de preguntas' })
const forward = (page: Page) => questionNav(page).getByRole('button', { name: /^(Continuar|Terminé la tarea|Prefiero no responder)/ })
const back = (page: Page) => questionNav(page).getByRole('button', { name: /Atrás$/ })
const WELCOME = 'Bienvenida, bienvenido'

async function pair(tablet: Page, code: string) {
  await tablet.goto('/tableta')
  await expect(h1(tablet)).toHaveText('Preparar esta tableta')
  await tablet.getByLabel('Código de la sesión').fill(code)
  await tablet.getByRole('button', { name: 'Conectar tableta' }).click()
  await expect(h1(tablet)).toHaveText(WELCOME)
}

/** Welcome → consent (tap) → who (self): the first question is on screen. */
async function startCitizen(tablet: Page, check = false) {
  await expect(h1(tablet)).toHaveText(WELCOME)
  await expect(pressed(tablet)).toHaveCount(0)
  if (check) await expectAccessibleScreen(tablet, 'welcome')
  await tablet.getByRole('button', { name: 'Empezar' }).click()
  await expect(h1(tablet)).toHaveText('Su permiso')
  await expect(tablet.getByText('Sus respuestas se guardan con un código, sin su nombre.', { exact: false })).toBeVisible()
  if (check) await expectAccessibleScreen(tablet, 'consent')
  await tablet.getByRole('button', { name: 'Sí, acepto participar' }).click()
  await expect(h1(tablet)).toHaveText('¿Quién está respondiendo?')
  await expect(pressed(tablet)).toHaveCount(0)
  if (check) await expectAccessibleScreen(tablet, 'who')
  await tablet.getByRole('button', { name: 'Yo mismo o yo misma' }).click()
  await expect(tablet.getByText(/^Pregunta 1 de \d+$/)).toBeVisible()
}

/** Every button, link and field visible on the screen is at least 48×48 CSS px (WCAG 2.5.5 for older hands). */
async function expectTouchTargets(page: Page, where: string) {
  const small: string[] = []
  for (const element of await page.locator('button, a, input, select, textarea, [role=button]').all()) {
    if (!(await element.isVisible())) continue
    if ((await element.getAttribute('type')) === 'hidden') continue
    const box = await element.boundingBox()
    if (!box || (box.width <= 1 && box.height <= 1)) continue // visually hidden
    if (box.width < 48 - 0.01 || box.height < 48 - 0.01) {
      const name = (await element.getAttribute('aria-label')) ?? (await element.innerText().catch(() => '')) ?? ''
      small.push(`${await element.evaluate((e) => e.tagName.toLowerCase())} «${name.trim().slice(0, 50)}» ${box.width.toFixed(1)}×${box.height.toFixed(1)}`)
    }
  }
  expect(small, `touch targets under 48×48 px on the ${where} screen`).toEqual([])
}

async function expectAccessibleScreen(page: Page, where: string) {
  await expectNoAxeViolations(page)
  await expectTouchTargets(page, where)
}

/** No horizontal scrolling, and the forward button can be scrolled to and is not covered. */
async function expectFits(page: Page, button: Locator, where: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow, `horizontal overflow on ${where}`).toBeLessThanOrEqual(1)
  // Scrolled to as a person would, into the middle (the saved-answer bar is fixed at the bottom).
  await button.evaluate((el) => el.scrollIntoView({ block: 'center' }))
  await expect(button).toBeInViewport()
  const onTop = await button.evaluate((el) => {
    const r = el.getBoundingClientRect()
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
    return hit !== null && (hit === el || el.contains(hit))
  })
  expect(onTop, `${where}: the button is not covered by anything`).toBe(true)
}

async function expectFitsEverywhere(page: Page, button: Locator, where: string) {
  for (const viewport of [
    { width: 1100, height: 800 }, // landscape
    { width: 400, height: 550 }, // the portrait tablet at 200 % zoom
  ]) {
    await page.setViewportSize(viewport)
    await expectFits(page, button, `${where} at ${viewport.width}×${viewport.height}`)
  }
  await page.setViewportSize(TABLET)
  await expectFits(page, button, `${where} at ${TABLET.width}×${TABLET.height}`)
}

// ------------------------------------------------------------------ the usability guide, screen by screen

type Kind = 'profile' | 'task' | 'seq' | 'sus' | 'csat' | 'nps' | 'comment'
type Screen = { kind: Kind; text?: string }
const SEQ_TEXT = 'En general, ¿qué tan fácil o difícil le resultó esta tarea?'
const USABILITY_SCREENS: Screen[] = [
  { kind: 'profile', text: '¿Cuántos años tiene?' },
  { kind: 'profile', text: '¿Qué tan cómodo o cómoda se siente usando el celular o la computadora?' },
  { kind: 'profile', text: '¿Cómo prefiere hacer sus trámites con la ONP?' },
  { kind: 'profile', text: '¿En qué región vive?' },
  ...TASKS.flatMap((text): Screen[] => [{ kind: 'task', text }, { kind: 'seq', text: SEQ_TEXT }]),
  ...Array.from({ length: 10 }, (): Screen => ({ kind: 'sus' })),
  { kind: 'csat', text: '¿Qué tan satisfecho o satisfecha está con lo que acaba de usar?' },
  { kind: 'nps', text: '¿Qué tan probable es que recomiende este servicio a un familiar o amistad?' },
  { kind: 'comment', text: '¿Hay algo más que quiera contarnos?' },
]
const TOTAL = USABILITY_SCREENS.length // 23; 20 of them are answered on the tablet (the 3 tasks are not)

const COMMENT_LABEL = 'Puede escribir aquí, o pedir a quien facilita que lo escriba por usted.'

async function expectOnQuestion(tablet: Page, index: number) {
  const screen = USABILITY_SCREENS[index]!
  await expect(tablet.getByText(`Pregunta ${index + 1} de ${TOTAL}`, { exact: true })).toBeVisible()
  if (screen.text) await expect(h1(tablet)).toHaveText(screen.text)
  await expect(tablet).toHaveURL(/\/tableta$/)
}

/**
 * Answers screen `index`: picks the first or last option, presses «Terminé la tarea» on a task, and
 * writes or skips the comment. Returns the label picked (null when nothing is picked).
 */
async function answerScreen(tablet: Page, index: number, how: { pick: 'first' | 'last'; comment?: string; check?: boolean }) {
  const screen = USABILITY_SCREENS[index]!
  await expectOnQuestion(tablet, index)
  await expect(pressed(tablet), `nothing pre-selected on question ${index + 1}`).toHaveCount(0)
  if (screen.kind === 'task') {
    await expect(forward(tablet)).toHaveAccessibleName(/^Terminé la tarea/)
    if (how.check) await expectAccessibleScreen(tablet, 'task')
    await forward(tablet).click()
    return null
  }
  if (screen.kind === 'comment') {
    const box = tablet.getByLabel(COMMENT_LABEL)
    await expect(box).toHaveValue('')
    await expect(forward(tablet)).toHaveAccessibleName(/^Prefiero no responder/)
    if (how.check) await expectAccessibleScreen(tablet, 'open comment')
    if (how.comment) {
      await box.fill(how.comment)
      await box.press('Tab') // leaving the box stores the comment
      await expect(forward(tablet)).toHaveAccessibleName(/^Continuar/)
    }
    await forward(tablet).click()
    return how.comment ?? null
  }
  await expect(forward(tablet)).toBeDisabled()
  const option = how.pick === 'first' ? options(tablet).first() : options(tablet).last()
  const label = (await option.innerText()).trim()
  await option.click()
  await expect(option).toHaveAttribute('aria-pressed', 'true')
  await expect(pressed(tablet)).toHaveCount(1)
  await expect(forward(tablet)).toBeEnabled()
  if (how.check) await expectAccessibleScreen(tablet, screen.kind)
  await forward(tablet).click()
  return label
}

async function finishCitizen(tablet: Page, check = false) {
  await expect(h1(tablet)).toHaveText('¡Muchas gracias!')
  if (check) await expectAccessibleScreen(tablet, 'thanks')
  await expect(tablet.getByText('Guardando…')).toHaveCount(0)
  await tablet.getByRole('button', { name: 'Terminar' }).click()
  await expect(h1(tablet)).toHaveText(WELCOME)
  await expect(pressed(tablet)).toHaveCount(0)
  await expect(tablet.getByRole('main')).not.toContainText('Pregunta')
}

// ------------------------------------------------------------------ the journeys

test.describe('the citizen tablet', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'facilitator')
  })

  test('a facilitator plans a usability test, prepares a tablet in the console, and the tablet pairs with the code', async ({ page, browser }, testInfo) => {
    const done = watchConsole(page)
    const title = unique('Tableta: formulario simplificado')
    const id = await planSession(page, USABILITY(title))
    await expect(page.getByRole('status')).toContainText('Sesión planificada.')
    const preview = page.locator('ol.guide-preview > li')
    await expect(preview).toHaveCount(TOTAL)
    for (const task of TASKS) await expect(preview.filter({ hasText: `Tarea: ${task}` })).toHaveCount(1)

    await page.getByRole('link', { name: 'Abrir consola' }).click()
    await expect(page).toHaveURL(new RegExp(`/sesiones/${id}/consola$`))
    await expect(page.getByText('Ninguna tableta conectada.')).toBeVisible()
    const code = await prepareTablet(page, id)
    await expect(page.getByRole('img', { name: `Código QR para conectar la tableta con el código ${code}` })).toBeVisible()

    const { context, page: tablet } = await openTablet(browser, testInfo)
    try {
      const tabletDone = watchConsole(tablet)
      await tablet.goto('/tableta')
      await expect(h1(tablet)).toHaveText('Preparar esta tableta')
      await expect(tablet.getByRole('link')).toHaveCount(0) // nothing leads out of the kiosk
      await expectAccessibleScreen(tablet, 'pairing')
      await tablet.getByLabel('Código de la sesión').fill(code)
      await tablet.getByRole('button', { name: 'Conectar tableta' }).click()
      await expect(h1(tablet)).toHaveText(WELCOME)
      await expect(tablet).toHaveURL(/\/tableta$/)
      const cookies = await context.cookies()
      expect(cookies.map((c) => c.name)).toContain('katapulta_tableta')
      expect(cookies.map((c) => c.name)).not.toContain('katapulta_sesion')
      // The same code does not pair a second tablet.
      const { context: other, page: second } = await openTablet(browser, testInfo)
      try {
        await second.goto(`/tableta?codigo=${code}`)
        await expect(second.getByLabel('Código de la sesión')).toHaveValue(code)
        await second.getByRole('button', { name: 'Conectar tableta' }).click()
        await expect(second.getByRole('alert')).toHaveText('Ese código no es válido. Pida a la persona que facilita un código nuevo.')
        await expectAccessibleScreen(second, 'pairing (error)')
      } finally {
        await other.close()
      }
      tabletDone()
    } finally {
      await context.close()
    }

    await page.reload()
    await expect(page.getByTestId(/^tablet-\d+$/)).toHaveCount(1)
    await expect(page.getByTestId(/^tablet-\d+$/)).toContainText('Tableta 1: esperando a la siguiente persona')
    done()
  })

  test('two citizens answer one after the other; the second never sees the first one’s answers', async ({ page, browser }, testInfo) => {
    test.setTimeout(240_000)
    const done = watchConsole(page)
    const id = await planSession(page, USABILITY(unique('Tableta: dos personas')))
    const code = await prepareTablet(page, id)
    const { context, page: tablet } = await openTablet(browser, testInfo)
    try {
      const tabletDone = watchConsole(tablet)
      await pair(tablet, code)

      // First citizen: the first option everywhere, skips the comment. Each kind of screen passes axe.
      await startCitizen(tablet, true)
      const checked = new Set<Kind>()
      const first: (string | null)[] = []
      for (const [i, screen] of USABILITY_SCREENS.entries()) {
        const check = !checked.has(screen.kind)
        checked.add(screen.kind)
        first.push(await answerScreen(tablet, i, { pick: 'first', check }))
        if (i === 0) {
          // The answer leaves at once; the bar at the bottom says so.
          const saved = tablet.getByRole('status').filter({ hasText: 'Respuesta guardada' })
          await expect(saved).toBeVisible()
          const box = (await saved.boundingBox())!
          expect(Math.abs(box.y + box.height - TABLET.height)).toBeLessThanOrEqual(1)
          // This browser has no Spanish voice. Nothing moves by itself while the person reads (the
          // buttons stay where a finger is about to tap); pressing «Escuchar» says there is no voice.
          const onward = tablet.getByRole('navigation', { name: 'Navegación de preguntas' }).getByRole('button').last()
          const before = (await onward.boundingBox())!.y
          await tablet.waitForTimeout(2000)
          expect((await onward.boundingBox())!.y).toBe(before)
          const noVoice = tablet.getByRole('status').filter({ hasText: 'no tiene una voz en español' })
          await expect(noVoice).toHaveCount(0)
          const spanishVoice = await tablet.evaluate(() => speechSynthesis.getVoices().some((v) => v.lang.toLowerCase().startsWith('es')))
          if (!spanishVoice) {
            await tablet.getByRole('button', { name: 'Escuchar' }).click()
            await expect(noVoice).toBeVisible()
          }
        }
      }
      await finishCitizen(tablet, true)

      // Browser Back on the welcome screen stays there, with nothing of the first person.
      await tablet.goBack()
      await expect(tablet).toHaveURL(/\/tableta$/)
      await expect(h1(tablet)).toHaveText(WELCOME)
      await expect(pressed(tablet)).toHaveCount(0)

      // Second citizen: the last option everywhere, writes a comment. Nothing is pre-selected;
      // «Atrás» and browser Back show only this person's own answers.
      await startCitizen(tablet)
      const second: (string | null)[] = []
      const comment = 'La letra grande me ayudó mucho.'
      for (const [i, screen] of USABILITY_SCREENS.entries()) {
        if (i === 0) {
          // «Atrás» on the first question goes to «¿Quién está respondiendo?», with this person's own choice.
          await back(tablet).click()
          await expect(h1(tablet)).toHaveText('¿Quién está respondiendo?')
          await expect(pressed(tablet)).toHaveCount(1)
          await expect(pressed(tablet)).toHaveText('Yo mismo o yo misma')
          await tablet.getByRole('button', { name: 'Yo mismo o yo misma' }).click()
        }
        second.push(await answerScreen(tablet, i, { pick: 'last', comment }))
        if (i === 3) {
          // Meanwhile the console follows the tablet.
          await expect(async () => {
            await page.reload()
            await expect(page.getByTestId(/^tablet-\d+$/)).toContainText('4 de 20 respuestas', { timeout: 1000 })
          }).toPass({ timeout: 20_000 })
        }
        if ([1, 5, 11, 20, 21].includes(i) && i + 1 < TOTAL) {
          // On the next screen: «Atrás» shows this screen again with only this person's answer.
          await expectOnQuestion(tablet, i + 1)
          await back(tablet).click()
          await expectOnQuestion(tablet, i)
          const mine = second[i]
          if (mine === null || screen.kind === 'task') {
            await expect(pressed(tablet)).toHaveCount(0)
          } else {
            await expect(pressed(tablet)).toHaveCount(1)
            await expect(pressed(tablet)).toHaveText(mine!)
            if (first[i] !== mine) await expect(options(tablet).and(tablet.getByRole('button', { name: first[i]!, exact: true }))).toHaveAttribute('aria-pressed', 'false')
          }
          await forward(tablet).click()
          await expectOnQuestion(tablet, i + 1)
          await expect(pressed(tablet)).toHaveCount(0)
        }
        if ([2, 9, 16].includes(i)) {
          // Browser Back neither leaves the kiosk nor brings back an earlier screen.
          await expectOnQuestion(tablet, i + 1)
          await tablet.goBack()
          await expectOnQuestion(tablet, i + 1)
          await expect(pressed(tablet)).toHaveCount(0)
          await tablet.goBack()
          await expectOnQuestion(tablet, i + 1)
        }
      }
      expect(second.at(-1)).toBe(comment)
      // The second person answered differently everywhere a choice was made.
      for (const [i, screen] of USABILITY_SCREENS.entries()) {
        if (!['task', 'comment'].includes(screen.kind)) expect(second[i], `question ${i + 1}`).not.toBe(first[i])
      }
      await finishCitizen(tablet)
      tabletDone()
    } finally {
      await context.close()
    }

    // The console lists both people with their answer counts; both turns are over.
    await page.goto(`/sesiones/${id}/consola`)
    const people = participantsOf(page)
    await expect(async () => {
      await page.reload()
      await expect(people).toHaveCount(2, { timeout: 1000 })
      await expect(people.nth(0)).toContainText('19 de 20', { timeout: 1000 })
      await expect(people.nth(1)).toContainText('20 de 20', { timeout: 1000 })
      await expect(people.filter({ hasText: 'turno terminado' })).toHaveCount(2, { timeout: 1000 })
    }).toPass({ timeout: 20_000 })
    await expect(people.nth(0)).toContainText('Formulario simplificado v2')
    await expect(page.getByTestId(/^tablet-\d+$/)).toContainText('esperando a la siguiente persona')
    done()
  })

  test('ranking and card sort on the tablet, by mouse, by keyboard and by buttons; every screen fits portrait, landscape and 200 % zoom', async ({ page, browser }, testInfo) => {
    test.setTimeout(180_000)
    const done = watchConsole(page)
    const id = await planSession(page, { title: unique('Tableta: taller de canales'), kind: 'Taller de co-creación', guide: /^Taller de co-creación:/ })

    // The guide builder: a ranking, a card sort and an idea vote from the bank, with their texts.
    await page.getByRole('link', { name: 'Editar guion' }).click()
    await expect(page).toHaveURL(new RegExp(`/sesiones/${id}/guion$`))
    await expect(page.getByRole('heading', { level: 1, name: 'Guion de la sesión' })).toBeVisible()
    await expect(page.locator('[id^="DndLiveRegion"]')).toBeAttached() // the builder is running
    await expect(page.getByRole('heading', { level: 2, name: /^Preguntas y tareas/ })).toContainText('(6)')
    const bank = page.getByRole('region', { name: 'Agregar desde el banco de preguntas' })

    const RANKING_TEXT = '¿Qué canal prefiere para hablar con la ONP?'
    const [PHONE, WHATSAPP, OFFICE] = ['Atención por teléfono', 'Atención por WhatsApp', 'Atención en oficina'] as const
    await bank.getByRole('button', { name: 'Ordenar (ranking)' }).click()
    await expect(page.getByLabel('Texto de la pregunta 7', { exact: true })).toBeFocused()
    await page.getByLabel('Texto de la pregunta 7', { exact: true }).fill(RANKING_TEXT)
    for (const [j, label] of [PHONE, WHATSAPP, OFFICE].entries()) await page.getByLabel(`Elemento ${j + 1} de la pregunta 7`, { exact: true }).fill(label)

    const SORT_TEXT = '¿Cómo prefiere hacer cada trámite?'
    const CARDS = ['Constancia de aportes', 'Estado de mi trámite', 'Cita en oficina'] as const
    const GROUPS = ['Lo hago por internet', 'Prefiero ir a la oficina'] as const
    await bank.getByRole('button', { name: 'Clasificar tarjetas' }).click()
    await page.getByLabel('Texto de la pregunta 8', { exact: true }).fill(SORT_TEXT)
    for (const [j, label] of CARDS.entries()) await page.getByLabel(`Tarjeta ${j + 1} de la pregunta 8`, { exact: true }).fill(label)
    for (const [j, label] of GROUPS.entries()) await page.getByLabel(`Grupo ${j + 1} de la pregunta 8`, { exact: true }).fill(label)

    await bank.getByRole('button', { name: 'Votar ideas' }).click()
    const IDEAS = ['Citas por WhatsApp', 'Llamada de vuelta', 'Video tutorial'] as const
    for (const [j, label] of IDEAS.entries()) await page.getByLabel(`Idea ${j + 1} de la pregunta 9`, { exact: true }).fill(label)

    await page.getByRole('button', { name: 'Guardar guion' }).click()
    await expect(page).toHaveURL(new RegExp(`/sesiones/${id}/guion\\?guardado=1$`))
    await expect(page.getByRole('status').filter({ hasText: 'Guion guardado.' })).toBeVisible()
    await expect(page.getByRole('heading', { level: 2, name: /^Preguntas y tareas/ })).toContainText('(9)')
    await expect(page.getByLabel('Texto de la pregunta 7', { exact: true })).toHaveValue(RANKING_TEXT)

    const code = await prepareTablet(page, id)
    const { context, page: tablet } = await openTablet(browser, testInfo)
    try {
      const tabletDone = watchConsole(tablet)
      await pair(tablet, code)
      await startCitizen(tablet)
      const total = 9
      const nextQuestion = async (n: number) => expect(tablet.getByText(`Pregunta ${n} de ${total}`, { exact: true })).toBeVisible()

      // Profile (4), CSAT, comment.
      for (let n = 1; n <= 4; n++) {
        await nextQuestion(n)
        await options(tablet).first().click()
        await forward(tablet).click()
      }
      await nextQuestion(5)
      await expect(options(tablet)).toHaveCount(5)
      await expectFitsEverywhere(tablet, forward(tablet), 'the CSAT faces')
      await options(tablet).nth(3).click()
      await expectFitsEverywhere(tablet, forward(tablet), 'the CSAT faces (answered)')
      await forward(tablet).click()
      await nextQuestion(6)
      await expect(forward(tablet)).toHaveAccessibleName(/^Prefiero no responder/)
      await forward(tablet).click()

      // ---- Ranking
      await nextQuestion(7)
      await expect(h1(tablet)).toHaveText(RANKING_TEXT)
      const handle = (label: string) => tablet.getByRole('button', { name: new RegExp(`^Puesto \\d: ${label}\\. Arrastrar$`) })
      const expectOrder = async (order: readonly string[]) => {
        for (const [i, label] of order.entries()) await expect(handle(label)).toHaveAccessibleName(`Puesto ${i + 1}: ${label}. Arrastrar`)
      }
      await expect(tablet.locator('[id^="DndDescribedBy"]')).toBeAttached()
      await expectOrder([PHONE, WHATSAPP, OFFICE])
      await expect(forward(tablet)).toBeDisabled()
      await expect(pressed(tablet)).toHaveCount(0)
      await expectAccessibleScreen(tablet, 'ranking')
      const liveRegion = tablet.locator('[id^="DndLiveRegion"]')

      // (a) Mouse: drag «teléfono» from the top down onto «oficina».
      {
        const from = (await handle(PHONE).boundingBox())!
        const to = (await handle(OFFICE).boundingBox())!
        const sx = from.x + from.width / 2
        const sy = from.y + from.height / 2
        await tablet.mouse.move(sx, sy)
        await tablet.mouse.down()
        await tablet.mouse.move(sx + 2, sy + 8, { steps: 2 }) // past the 6 px activation distance
        await expect(tablet.locator('li.kiosk-rank-item.is-dragging')).toHaveCount(1)
        await tablet.mouse.move(to.x + to.width / 2, to.y + to.height / 2 + 4, { steps: 15 })
        await tablet.mouse.up()
      }
      await expect(liveRegion).toContainText(`Soltó «${PHONE}» en el puesto 3.`)
      await expectOrder([WHATSAPP, OFFICE, PHONE])
      await expect(forward(tablet)).toBeEnabled() // the order is an answer
      await expect(tablet.getByRole('status').filter({ hasText: 'Respuesta guardada' })).toBeVisible()

      // (b) Keyboard: Space on «WhatsApp», one down, Space.
      await handle(WHATSAPP).focus()
      await expect(handle(WHATSAPP)).toBeFocused()
      await tablet.keyboard.press('Space')
      await expect(tablet.locator('li.kiosk-rank-item.is-dragging')).toHaveCount(1)
      // (dnd-kit follows «Tomó…» at once with the place it is over: the last announcement says where it is.)
      await expect(liveRegion).toContainText(`«${WHATSAPP}»`)
      await tablet.keyboard.press('ArrowDown')
      await expect(liveRegion).toContainText(`«${WHATSAPP}» pasa al puesto 2.`)
      await tablet.keyboard.press('Space')
      await expect(tablet.locator('li.kiosk-rank-item.is-dragging')).toHaveCount(0)
      await expectOrder([OFFICE, WHATSAPP, PHONE])

      // (c) Buttons: «Subir» teléfono, then «Bajar» oficina.
      await tablet.getByRole('button', { name: `Subir: ${PHONE}` }).click()
      await expectOrder([OFFICE, PHONE, WHATSAPP])
      await tablet.getByRole('button', { name: `Bajar: ${OFFICE}` }).click()
      await expectOrder([PHONE, OFFICE, WHATSAPP])
      await expect(tablet.getByRole('button', { name: `Subir: ${PHONE}` })).toBeDisabled()
      await expect(tablet.getByRole('button', { name: `Bajar: ${WHATSAPP}` })).toBeDisabled()
      await expectAccessibleScreen(tablet, 'ranking (answered)')
      await expectFitsEverywhere(tablet, forward(tablet), 'the ranking')
      await forward(tablet).click()

      // ---- Card sort
      await nextQuestion(8)
      await expect(h1(tablet)).toHaveText(SORT_TEXT)
      await expect(tablet.locator('[id^="DndDescribedBy"]')).toBeAttached()
      const unsorted = tablet.getByRole('region', { name: 'Tarjetas por ordenar' })
      const online = tablet.getByRole('region', { name: GROUPS[0] })
      const office = tablet.getByRole('region', { name: GROUPS[1] })
      const cardIn = (group: Locator, card: string) => group.getByRole('button', { name: card, exact: true })
      const dragOf = (card: string) => tablet.getByRole('button', { name: `Arrastrar: ${card}`, exact: true })
      for (const card of CARDS) await expect(cardIn(unsorted, card)).toBeVisible()
      await expect(forward(tablet)).toBeDisabled()
      await expect(pressed(tablet)).toHaveCount(0)
      await expectAccessibleScreen(tablet, 'card sort')
      await expectFitsEverywhere(tablet, forward(tablet), 'the card sort')

      // (a) Mouse: «Constancia de aportes» into «Lo hago por internet».
      {
        const from = (await dragOf(CARDS[0]).boundingBox())!
        const to = (await online.boundingBox())!
        const sx = from.x + from.width / 2
        const sy = from.y + from.height / 2
        await tablet.mouse.move(sx, sy)
        await tablet.mouse.down()
        await tablet.mouse.move(sx + 8, sy + 2, { steps: 2 })
        await expect(tablet.locator('li.kiosk-sort-card.is-dragging')).toHaveCount(1)
        await tablet.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 })
        await expect(online).toHaveClass(/is-over/)
        await tablet.mouse.up()
      }
      await expect(cardIn(online, CARDS[0])).toBeVisible()
      await expect(cardIn(unsorted, CARDS[0])).toHaveCount(0)

      // (b) Keyboard: Space on «Estado de mi trámite», arrows until over «Prefiero ir a la oficina», Space.
      await dragOf(CARDS[1]).focus()
      await tablet.keyboard.press('Space')
      await expect(tablet.locator('li.kiosk-sort-card.is-dragging')).toHaveCount(1)
      await expect(liveRegion).toContainText('Sobre el grupo «Tarjetas por ordenar».')
      // Each arrow goes to the next group: first «Lo hago por internet», then «Prefiero ir a la oficina».
      await tablet.keyboard.press('ArrowDown')
      await expect(online).toHaveClass(/is-over/)
      await expect(liveRegion).toContainText(`Sobre el grupo «${GROUPS[0]}».`)
      await tablet.keyboard.press('ArrowRight')
      await expect(office).toHaveClass(/is-over/)
      await expect(online).not.toHaveClass(/is-over/)
      await expect(liveRegion).toContainText(`Sobre el grupo «${GROUPS[1]}».`)
      await tablet.keyboard.press('ArrowDown') // the last group: it stays there
      await expect(office).toHaveClass(/is-over/)
      expect(await tablet.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1)
      await tablet.keyboard.press('Space')
      await expect(cardIn(office, CARDS[1])).toBeVisible()
      await expect(cardIn(unsorted, CARDS[1])).toHaveCount(0)
      await expect(forward(tablet)).toBeDisabled() // one card is still unsorted

      // (c) Tap the card, then «Poner en «…»».
      await cardIn(unsorted, CARDS[2]).click()
      await expect(cardIn(unsorted, CARDS[2])).toHaveAttribute('aria-pressed', 'true')
      await expect(tablet.getByText(`Tarjeta elegida: ${CARDS[2]}. Ahora toque un grupo.`)).toBeVisible()
      await expectAccessibleScreen(tablet, 'card sort (card picked)')
      await tablet.getByRole('button', { name: `Poner en «${GROUPS[0]}»` }).click()
      await expect(cardIn(online, CARDS[2])).toBeVisible()
      await expect(cardIn(unsorted, CARDS[2])).toHaveCount(0)
      await expect(tablet.getByRole('button', { name: /^Poner en/ })).toHaveCount(0)
      await expect(forward(tablet)).toBeEnabled()
      await expect(tablet.getByRole('status').filter({ hasText: 'Respuesta guardada' })).toBeVisible()
      await expectAccessibleScreen(tablet, 'card sort (answered)')
      await forward(tablet).click()

      // ---- Idea vote
      await nextQuestion(9)
      await expect(h1(tablet)).toHaveText('¿Cuál de estas ideas le ayudaría más?')
      await expect(pressed(tablet)).toHaveCount(0)
      await expect(options(tablet)).toHaveText([...IDEAS])
      await expectAccessibleScreen(tablet, 'idea vote')
      await options(tablet).filter({ hasText: IDEAS[1] }).click()
      await expect(tablet.getByText('Elija hasta 1 · 1 elegidas de 1')).toBeVisible()
      await expect(pressed(tablet)).toHaveText([IDEAS[1]])
      await expectAccessibleScreen(tablet, 'idea vote (answered)')
      await forward(tablet).click()
      await finishCitizen(tablet)
      tabletDone()
    } finally {
      await context.close()
    }

    // 4 profile answers, CSAT, ranking, card sort and idea vote: 8 of the 9 questions (no comment).
    await page.goto(`/sesiones/${id}/consola`)
    const people = participantsOf(page)
    await expect(async () => {
      await page.reload()
      await expect(people).toHaveCount(1, { timeout: 1000 })
      await expect(people.first()).toContainText('8 de 9', { timeout: 1000 })
    }).toPass({ timeout: 20_000 })
    done()
  })

  test('after 3 idle minutes the tablet asks «¿Sigue ahí?»; continuing keeps the question, the countdown resets the tablet', async ({ page, browser }, testInfo) => {
    test.setTimeout(120_000)
    const id = await planSession(page, USABILITY(unique('Tableta: inactividad')))
    const code = await prepareTablet(page, id)
    const { context, page: tablet } = await openTablet(browser, testInfo)
    try {
      const tabletDone = watchConsole(tablet)
      await tablet.clock.install()
      await pair(tablet, code)
      await startCitizen(tablet)
      const age = await answerScreen(tablet, 0, { pick: 'last' })
      expect(age).toBe('70 años o más')
      await expectOnQuestion(tablet, 1)
      const skill = options(tablet).nth(1)
      await skill.click()
      await expect(skill).toHaveAttribute('aria-pressed', 'true')
      await expect(tablet.getByRole('status').filter({ hasText: 'Respuesta guardada' })).toBeVisible()

      // 3 minutes without a touch: the dialog and its countdown.
      const dialog = tablet.getByRole('alertdialog', { name: '¿Sigue ahí?' })
      await expect(dialog).toBeHidden()
      await tablet.clock.fastForward('02:50')
      await expect(dialog).toBeHidden()
      await tablet.clock.fastForward('00:11')
      await expect(dialog).toBeVisible()
      await expect(dialog).toContainText('La tableta se reiniciará en 30 segundos para cuidar sus respuestas.')
      await expect(dialog.getByRole('button', { name: 'Sí, quiero continuar' })).toBeFocused()
      await tablet.clock.runFor(5000)
      await expect(dialog).toContainText('La tableta se reiniciará en 25 segundos')
      await expectAccessibleScreen(tablet, 'idle dialog')

      // «Sí, quiero continuar»: the same question, with this person's choice.
      await dialog.getByRole('button', { name: 'Sí, quiero continuar' }).click()
      await expect(dialog).toBeHidden()
      await expectOnQuestion(tablet, 1)
      await expect(skill).toHaveAttribute('aria-pressed', 'true')
      await expect(pressed(tablet)).toHaveCount(1)
      // Continuing reset the 3 minutes.
      await tablet.clock.fastForward('02:00')
      await expect(dialog).toBeHidden()

      // Nobody answers: when the countdown runs out the tablet is ready for the next person.
      await tablet.clock.fastForward('01:01')
      await expect(dialog).toBeVisible()
      await tablet.clock.runFor(10_000)
      await expect(dialog).toContainText('La tableta se reiniciará en 20 segundos')
      await tablet.clock.runFor(21_000)
      await expect(dialog).toBeHidden()
      await expect(h1(tablet)).toHaveText(WELCOME)
      await expect(pressed(tablet)).toHaveCount(0)
      const screen = tablet.getByRole('main')
      await expect(screen).not.toContainText('Pregunta')
      await expect(screen).not.toContainText(USABILITY_SCREENS[1]!.text!)
      await expect(screen).not.toContainText('Muy difícil')

      // The next person starts from zero.
      await startCitizen(tablet)
      await expectOnQuestion(tablet, 0)
      await expect(pressed(tablet)).toHaveCount(0)
      tabletDone()
    } finally {
      await context.close()
    }

    // The person who walked away: two answers, turn ended by the reset.
    await page.goto(`/sesiones/${id}/consola`)
    const people = participantsOf(page)
    await expect(async () => {
      await page.reload()
      await expect(people).toHaveCount(2, { timeout: 1000 })
      await expect(people.first()).toContainText('2 de 20', { timeout: 1000 })
      await expect(people.first()).toContainText('turno terminado', { timeout: 1000 })
    }).toPass({ timeout: 20_000 })
  })

  test('leaving kiosk mode needs the PIN: 5 wrong PINs lock the tablet; the right PIN unpairs it; a paired tablet gets 403 on staff pages', async ({ page, browser }, testInfo) => {
    test.setTimeout(120_000)
    const id = await planSession(page, USABILITY(unique('Tableta: PIN')))

    // A tablet that gets the PIN wrong five times.
    const { context, page: tablet } = await openTablet(browser, testInfo)
    try {
      await pair(tablet, await prepareTablet(page, id))
      await tablet.getByRole('button', { name: 'Salir del modo quiosco' }).click()
      await expect(tablet.getByRole('heading', { level: 2, name: 'Salir del modo quiosco' })).toBeVisible()
      const pin = tablet.getByLabel('PIN de facilitación')
      await expect(pin).toHaveAttribute('type', 'password')
      await expectAccessibleScreen(tablet, 'exit PIN')
      const tryPin = async (value: string, message: string) => {
        await pin.fill(value)
        await tablet.getByRole('button', { name: 'Salir', exact: true }).click()
        await expect(tablet.getByRole('alert')).toHaveText(message)
        await expect(h1(tablet)).toHaveText(WELCOME)
      }
      await tryPin('1111', 'PIN incorrecto. Le quedan 4 intentos.')
      await expectAccessibleScreen(tablet, 'exit PIN (wrong PIN)')
      await tryPin('2222', 'PIN incorrecto. Le quedan 3 intentos.')
      await tryPin('3333', 'PIN incorrecto. Le quedan 2 intentos.')
      await tryPin('4444', 'PIN incorrecto. Le queda 1 intento.')
      await tryPin('5555', 'PIN incorrecto. Por seguridad la tableta queda bloqueada 5 minutos.')
      // Locked: even the right PIN is refused.
      await tryPin(PIN, 'Demasiados intentos. La tableta está bloqueada 5 minutos más.')
      await expectAccessibleScreen(tablet, 'exit PIN (locked)')
      await tablet.getByRole('button', { name: 'Cancelar' }).click()
      await expect(tablet.getByRole('button', { name: 'Salir del modo quiosco' })).toBeVisible()
      // Still in kiosk mode: the tablet still answers.
      await tablet.reload()
      await expect(h1(tablet)).toHaveText(WELCOME)
      expect((await context.cookies()).map((c) => c.name)).toContain('katapulta_tableta')
    } finally {
      await context.close()
    }
    await page.goto(`/sesiones/${id}/consola`)
    await expect(page.getByTestId(/^tablet-\d+$/)).toContainText('bloqueada')

    // A freshly paired tablet: staff pages answer 403; the right PIN leaves kiosk mode.
    const fresh = await openTablet(browser, testInfo)
    try {
      const t2 = fresh.page
      await pair(t2, await prepareTablet(page, id))
      for (const path of ['/intervenciones', '/', '/sesiones/' + id + '/consola', '/ingresar']) {
        const response = await t2.goto(path)
        expect(response?.status(), path).toBe(403)
        await expect(h1(t2)).toHaveText('No tiene permiso para ver esta página')
        await expect(t2.getByText('Esta tableta está en modo quiosco para una sesión.', { exact: false })).toBeVisible()
      }
      await t2.goto('/tableta')
      await expect(h1(t2)).toHaveText(WELCOME)
      await t2.getByRole('button', { name: 'Salir del modo quiosco' }).click()
      await t2.getByLabel('PIN de facilitación').fill(PIN)
      await t2.getByRole('button', { name: 'Salir', exact: true }).click()
      await expect(h1(t2)).toHaveText('Preparar esta tableta')
      await expect(t2).toHaveURL(/\/tableta\?salida=1$/)
      await expect(t2.getByRole('status').filter({ hasText: 'La tableta salió del modo quiosco.' })).toBeVisible()
      await expectAccessibleScreen(t2, 'pairing (after exit)')
      expect((await fresh.context.cookies()).map((c) => c.name)).not.toContain('katapulta_tableta')
      // Without the tablet cookie, staff pages ask to sign in instead of refusing.
      const response = await t2.goto('/intervenciones')
      expect(response?.status()).toBe(200)
      await expect(t2).toHaveURL(/\/ingresar\?volver=%2Fintervenciones$/)
      await expect(t2.getByRole('heading', { level: 1, name: 'Ingresar' })).toBeVisible()
      // And /tableta is back to pairing.
      await t2.goto('/tableta')
      await expect(h1(t2)).toHaveText('Preparar esta tableta')
    } finally {
      await fresh.context.close()
    }
    // The console no longer lists the tablet that left.
    await page.reload()
    await expect(page.getByTestId(/^tablet-\d+$/)).toHaveCount(1)
  })
})
