import { http, HttpResponse } from 'msw'
import { expect, test } from 'vitest'
import { server } from '#tests/mocks/server.ts'

// Guards the harness itself: a request to the outside that no handler expects fails the test,
// while a handler registered for a service answers it.
test('an unexpected request to an outside service is refused', async () => {
  const originalError = console.error
  console.error = () => {}
  try {
    await expect(fetch('https://api.ejemplo.pe/datos')).rejects.toThrow()
  } finally {
    console.error = originalError
  }
})

test('a request a handler expects is answered by msw, not the network', async () => {
  server.use(http.get('https://api.ejemplo.pe/datos', () => HttpResponse.json({ ok: true })))
  const response = await fetch('https://api.ejemplo.pe/datos')
  expect(await response.json()).toEqual({ ok: true })
})
