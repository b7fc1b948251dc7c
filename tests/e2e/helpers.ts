import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

export const PASSWORD = 'katapulta-demo-2026'
export const ACCOUNTS = {
  admin: 'admin@katapulta.pe',
  facilitator: 'facilitadora@katapulta.pe',
  manager: 'gerente@katapulta.pe',
} as const

export async function signIn(page: Page, role: keyof typeof ACCOUNTS) {
  await page.goto('/ingresar')
  await page.getByLabel('Correo').fill(ACCOUNTS[role])
  await page.getByLabel('Contraseña').fill(PASSWORD)
  await page.getByRole('button', { name: 'Ingresar' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Tablero del laboratorio' })).toBeVisible()
}

/** Fails on any WCAG 2.2 A/AA violation axe can find on the page as it is now. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  expect(summary, 'axe violations').toEqual([])
}

/** Collects console errors and failed requests; call the returned function at the end of a test. */
export function watchConsole(page: Page) {
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  return () => expect(problems, 'browser console errors').toEqual([])
}
