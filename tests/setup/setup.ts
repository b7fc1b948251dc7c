// Runs before every vitest file: a fresh in-memory, migrated SQLite database per file, msw
// refusing any request to the outside, and console.error turned into a failure.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { server } from '#tests/mocks/server.ts'

process.env.APP_ENV = 'test'
process.env.DATABASE_PATH = ':memory:'
// Uploaded files of this test file go to its own temporary folder.
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'katapulta-test-'))
delete (globalThis as { katapultaDb?: unknown }).katapultaDb

const originalError = console.error
console.error = (...args: unknown[]) => {
  originalError(...args)
  throw new Error(`console.error was called: ${args.map(String).join(' ')}`)
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => {
  server.close()
  fs.rmSync(process.env.DATA_DIR!, { recursive: true, force: true })
})
