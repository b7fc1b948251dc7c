import crypto from 'node:crypto'
import { and, eq, gte, sql } from 'drizzle-orm'
import { createCookie, data, redirect } from 'react-router'
import { loginAttempts, loginSessions, users } from '#db/schema.ts'
import type { Role } from '#app/lib/domain.ts'
import { recordAudit } from './audit.ts'
import { pagePath } from './http.ts'
import { db } from './db.ts'
import { env } from './env.ts'
import { DEMO_PASSWORD, hashPassword, verifyPassword } from './passwords.ts'
import { refuseTablet } from './tablet.ts'

export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000
export const SESSION_IDLE_MS = 30 * 60 * 1000
const TOUCH_EVERY_MS = 60 * 1000
export const LOGIN_WINDOW_MS = 15 * 60 * 1000
export const LOGIN_MAX_FAILURES = 5

export type SessionUser = { id: number; email: string; name: string; role: Role }

// __Host- needs Secure, which a plain-http local run cannot set; production gets the prefix.
const sessionCookie = createCookie(env.isProduction ? '__Host-katapulta' : 'katapulta_sesion', {
  httpOnly: true,
  sameSite: 'lax',
  secure: env.isProduction,
  path: '/',
  maxAge: SESSION_ABSOLUTE_MS / 1000,
  secrets: [env.SESSION_SECRET],
})

const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex')

// Verifying against a fixed hash when the account does not exist keeps response times alike.
let dummyHash: Promise<string> | undefined

export type SignInResult =
  | { ok: true; user: SessionUser; setCookie: string }
  | { ok: false; status: 400 | 403 | 429; message: string }

export async function signIn(input: {
  email: string
  password: string
  ipAddress: string
  userAgent: string | null
}): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase()
  const since = new Date(Date.now() - LOGIN_WINDOW_MS).toISOString()
  const failuresWhere = (column: typeof loginAttempts.email | typeof loginAttempts.ipAddress, value: string) =>
    and(eq(column, value), eq(loginAttempts.succeeded, false), gte(loginAttempts.at, since))
  const [[byAccount], [byAddress]] = await Promise.all([
    db.select({ n: sql<number>`count(*)` }).from(loginAttempts).where(failuresWhere(loginAttempts.email, email)),
    // Only people signing in count here; tablets never sign in, so a shared office address does not lock them out.
    input.ipAddress === 'unknown'
      ? Promise.resolve([{ n: 0 }])
      : db.select({ n: sql<number>`count(*)` }).from(loginAttempts).where(failuresWhere(loginAttempts.ipAddress, input.ipAddress)),
  ])
  if ((byAccount?.n ?? 0) >= LOGIN_MAX_FAILURES || (byAddress?.n ?? 0) >= LOGIN_MAX_FAILURES) {
    return {
      ok: false,
      status: 429,
      message: 'Demasiados intentos fallidos. Espere 15 minutos antes de volver a intentarlo.',
    }
  }

  const user = await db.query.users.findFirst({ where: eq(users.email, email) })
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword(await (dummyHash ??= hashPassword(crypto.randomUUID())), input.password)

  await db.insert(loginAttempts).values({ email, ipAddress: input.ipAddress, succeeded: Boolean(user && valid) })
  if (!user || !valid) {
    return { ok: false, status: 400, message: 'El correo o la contraseña no son correctos.' }
  }
  if (!user.active) {
    return { ok: false, status: 403, message: 'Esta cuenta está desactivada. Consulte con la administración del laboratorio.' }
  }
  if (env.isProduction && input.password === DEMO_PASSWORD) {
    return {
      ok: false,
      status: 403,
      message: 'Esta cuenta aún usa la contraseña de demostración. Cámbiela antes de usarla en producción.',
    }
  }

  const token = crypto.randomBytes(32).toString('base64url')
  const now = Date.now()
  await db.insert(loginSessions).values({
    id: sha256(token),
    userId: user.id,
    expiresAt: new Date(now + SESSION_ABSOLUTE_MS).toISOString(),
    lastSeenAt: new Date(now).toISOString(),
    ipAddress: input.ipAddress,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  })
  recordAudit({ actor: user, action: 'auth.sign_in' })
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    setCookie: await sessionCookie.serialize(token),
  }
}

async function readToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get('Cookie'))
  return typeof value === 'string' && value.length > 0 ? value : null
}

/** The signed-in staff member, or null. Expires sessions past 12 h or 30 min idle. */
export async function getUser(request: Request): Promise<SessionUser | null> {
  const token = await readToken(request)
  if (!token) return null
  const id = sha256(token)
  const row = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      expiresAt: loginSessions.expiresAt,
      lastSeenAt: loginSessions.lastSeenAt,
    })
    .from(loginSessions)
    .innerJoin(users, eq(users.id, loginSessions.userId))
    .where(eq(loginSessions.id, id))
    .get()
  if (!row) return null
  const now = Date.now()
  const lastSeen = Date.parse(row.lastSeenAt)
  if (!row.active || Date.parse(row.expiresAt) <= now || lastSeen + SESSION_IDLE_MS <= now) {
    await db.delete(loginSessions).where(eq(loginSessions.id, id))
    return null
  }
  if (now - lastSeen > TOUCH_EVERY_MS) {
    await db.update(loginSessions).set({ lastSeenAt: new Date(now).toISOString() }).where(eq(loginSessions.id, id))
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role }
}

/**
 * Every loader and action of a staff page calls this first. Without a session it redirects to
 * /ingresar (remembering where the person was going); with the wrong role it answers 403.
 */
export async function requireUser(request: Request, ...roles: Role[]): Promise<SessionUser> {
  await refuseTablet(request)
  const user = await getUser(request)
  if (!user) {
    const back = pagePath(request)
    throw redirect(back === '/' ? '/ingresar' : `/ingresar?volver=${encodeURIComponent(back)}`)
  }
  if (roles.length > 0 && !roles.includes(user.role)) {
    throw data({ message: 'Su rol no tiene permiso para esta acción.' }, { status: 403 })
  }
  return user
}

/** Deletes the server-side session and returns the header that clears the cookie. */
export async function signOut(request: Request): Promise<string> {
  const token = await readToken(request)
  if (token) {
    const user = await getUser(request)
    await db.delete(loginSessions).where(eq(loginSessions.id, sha256(token)))
    if (user) recordAudit({ actor: user, action: 'auth.sign_out' })
  }
  return sessionCookie.serialize('', { maxAge: 0 })
}

/** Only same-site paths: an open redirect after sign-in would hand a phishing page our trust. */
export function safeRedirectPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/'
  return value
}
