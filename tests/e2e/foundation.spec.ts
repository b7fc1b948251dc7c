import { expect, test } from '@playwright/test'
import { ACCOUNTS, expectNoAxeViolations, PASSWORD, signIn, watchConsole } from './helpers.ts'

test('a page without a session leads to the sign-in page, which passes axe', async ({ page }) => {
  const done = watchConsole(page)
  await page.goto('/intervenciones')
  await expect(page).toHaveURL(/\/ingresar\?volver=%2Fintervenciones/)
  await expect(page.getByRole('heading', { level: 1, name: 'Ingresar' })).toBeVisible()
  await expectNoAxeViolations(page)
  done()
})

test('a wrong password shows a Spanish message and keeps the email', async ({ page }) => {
  await page.goto('/ingresar')
  await page.getByLabel('Correo').fill(ACCOUNTS.facilitator)
  await page.getByLabel('Contraseña').fill('no-es-la-contraseña')
  await page.getByRole('button', { name: 'Ingresar' }).click()
  await expect(page.getByRole('alert')).toHaveText('El correo o la contraseña no son correctos.')
  await expect(page.getByLabel('Correo')).toHaveValue(ACCOUNTS.facilitator)
  await expectNoAxeViolations(page)
})

test('empty fields are flagged beside each field', async ({ page }) => {
  await page.goto('/ingresar')
  await page.getByRole('button', { name: 'Ingresar' }).click()
  // The browser's own required check stops an empty submit; the server check is proven in vitest.
  await expect(page).toHaveURL(/\/ingresar$/)
  await page.getByLabel('Correo').fill('no-es-correo')
  await page.getByLabel('Correo').blur()
  await expect(page.getByText('Escriba un correo válido, por ejemplo nombre@katapulta.pe.')).toBeVisible()
})

for (const role of ['admin', 'facilitator', 'manager'] as const) {
  test(`${role} signs in, sees the lab's figures, and signs out`, async ({ page }) => {
    const done = watchConsole(page)
    await signIn(page, role)
    const lab = page.getByTestId('lab-figures')
    await expect(lab).toContainText('Intervenciones')
    await expect(lab).toContainText('Ciudadanos escuchados')
    await expect(page.getByTestId('channel-figures')).toContainText('293,890')
    await expect(page.getByTestId('channel-figures')).toContainText('41,000')
    await expect(page.getByTestId('channel-figures')).toContainText('57,147')
    await expect(page.getByRole('navigation', { name: 'Principal' })).toContainText('Intervenciones')
    await expectNoAxeViolations(page)
    await page.getByRole('button', { name: 'Cerrar sesión' }).click()
    await expect(page.getByRole('status')).toHaveText('Cerró su sesión.')
    await page.goto('/')
    await expect(page).toHaveURL(/\/ingresar/)
    done()
  })
}

test('an unknown address shows the Spanish 404 page inside the layout', async ({ page }) => {
  await signIn(page, 'manager')
  const response = await page.goto('/no-existe/en/absoluto')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'No encontramos esta página' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Principal' })).toBeVisible()
  await expect(page.locator('body')).not.toContainText(/\bat \S+ \(|\.tsx?:\d+|Error:/)
  await expectNoAxeViolations(page)
})

test('the session cookie is HttpOnly and SameSite=Lax', async ({ page, context }) => {
  await signIn(page, 'facilitator')
  const cookie = (await context.cookies()).find((c) => c.name === 'katapulta_sesion')
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' })
  expect(PASSWORD).not.toBe(cookie?.value)
})
