// Helpers for integration tests: real Requests against route loaders and actions, on the
// per-file in-memory database that tests/setup/setup.ts prepared.
import { RouterContextProvider } from 'react-router'
import { db } from '#app/.server/db.ts'
import { DEMO_PASSWORD, hashPassword } from '#app/.server/passwords.ts'
import { signIn } from '#app/.server/auth.ts'
import { DEMO_USERS, isEmptyDatabase, seedDemoData } from '#db/seed-demo.ts'
import type { Role } from '#app/lib/domain.ts'

export { db }

export const BASE = 'http://localhost'

let seeded = false
/** Loads the demo data once per test file. */
export async function seedOnce() {
  if (seeded || !isEmptyDatabase(db)) return
  seedDemoData(db, await hashPassword(DEMO_PASSWORD))
  seeded = true
}

export async function cookieFor(role: Role): Promise<string> {
  const email = DEMO_USERS.find((u) => u.role === role)!.email
  const result = await signIn({ email, password: DEMO_PASSWORD, ipAddress: '127.0.0.1', userAgent: 'vitest' })
  if (!result.ok) throw new Error(`could not sign in as ${role}: ${result.message}`)
  return result.setCookie.split(';')[0]!
}

export function get(path: string, cookie?: string) {
  return new Request(BASE + path, { headers: cookie ? { Cookie: cookie } : {} })
}

export function post(path: string, fields: Record<string, string | string[]>, cookie?: string) {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v)
  }
  return new Request(BASE + path, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE, ...(cookie ? { Cookie: cookie } : {}) },
  })
}

/** The arguments React Router passes a loader or action. */
export function args(request: Request, params: Record<string, string> = {}) {
  return { request, params, context: new RouterContextProvider(), unstable_pattern: '' } as never
}

/** Runs a loader or action and returns what it returned or threw (a Response or data). */
export async function run<T>(fn: () => Promise<T>): Promise<{ status: number; headers: Headers; data: unknown }> {
  try {
    return normalize(await fn())
  } catch (thrown) {
    return normalize(thrown)
  }
}

function normalize(value: unknown): { status: number; headers: Headers; data: unknown } {
  if (value instanceof Response) return { status: value.status, headers: value.headers, data: null }
  if (value && typeof value === 'object' && 'type' in value && (value as { type: unknown }).type === 'DataWithResponseInit') {
    const d = value as unknown as { data: unknown; init: ResponseInit | null }
    return { status: d.init?.status ?? 200, headers: new Headers(d.init?.headers), data: d.data }
  }
  if (value instanceof Error) throw value
  return { status: 200, headers: new Headers(), data: value }
}

/** A multipart POST, as a browser sends a form with files. */
export function postMultipart(path: string, fields: Record<string, string | string[] | File | File[]>, cookie?: string, headers: Record<string, string> = {}) {
  const body = new FormData()
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v)
  }
  return new Request(BASE + path, { method: 'POST', body, headers: { Origin: BASE, ...(cookie ? { Cookie: cookie } : {}), ...headers } })
}

/** The JSON-ish data a route returned, as text, for message assertions. */
export const text = (value: unknown) => JSON.stringify(value)
