// Shared by the HTTP benchmarks (bench/load.ts, bench/fault.ts, bench/weight.ts): the app built into
// its own folder, a production server on a free loopback port with its own database, and the HTTP
// steps a facilitator and a tablet take (sign in, prepare a tablet, pair it, tap consent).
//
// Everything here talks to 127.0.0.1 only, never to port 3100 and never to the default build/.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import Database from 'better-sqlite3'
import { REPO_ROOT } from './generate.ts'

export { REPO_ROOT }

export const BUILD_DIR = 'build-bench'
export const HOST = '127.0.0.1'
export const FACILITATOR = { email: 'facilitadora@katapulta.pe', password: 'katapulta-demo-2026' }
export const TABLET_PIN = '2468'
const RESERVED_PORTS = new Set([3000, 3100])

// ---------------------------------------------------------------- build and database

/** `BUILD_DIR=build-bench npx react-router build`, unless `reuse` and a build is already there. */
export function buildApp(options: { reuse?: boolean } = {}): { seconds: number; reused: boolean } {
  const serverEntry = path.join(REPO_ROOT, BUILD_DIR, 'server', 'index.js')
  if (options.reuse && fs.existsSync(serverEntry)) return { seconds: 0, reused: true }
  const t0 = performance.now()
  const result = spawnSync('npx', ['react-router', 'build'], {
    cwd: REPO_ROOT,
    env: { ...process.env, BUILD_DIR },
    encoding: 'utf8',
    timeout: 5 * 60_000,
  })
  if (result.status !== 0) throw new Error(`react-router build failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}\n${result.stderr}`)
  return { seconds: (performance.now() - t0) / 1000, reused: false }
}

/** Removes a SQLite file with its -wal and -shm companions. */
export function removeDatabase(file: string) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.resolve(REPO_ROOT, file + suffix), { force: true })
}

/** A fresh database with the demo data: `DATABASE_PATH=<file> npx tsx db/setup.ts`. */
export function setupDatabase(file: string) {
  removeDatabase(file)
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'db/setup.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, APP_ENV: 'local', DATABASE_PATH: file },
    encoding: 'utf8',
    timeout: 2 * 60_000,
  })
  if (result.status !== 0) throw new Error(`db/setup.ts failed:\n${result.stdout}\n${result.stderr}`)
}

/** The demo's planned session and the scale questions of its guide. */
export function plannedSession(file: string): { sessionId: number; questions: ScaleQuestion[] } {
  const db = new Database(path.resolve(REPO_ROOT, file), { readonly: true })
  try {
    const session = db.prepare("select id, instrument_version_id v from sessions where status = 'planned' order by id limit 1").get() as { id: number; v: number } | undefined
    if (!session) throw new Error('the demo data has no planned session')
    const questions = db
      .prepare("select id, kind from questions where instrument_version_id = ? and kind in ('csat', 'nps', 'sus', 'seq', 'umux_lite') order by position, id")
      .all(session.v) as ScaleQuestion[]
    if (questions.length === 0) throw new Error(`the guide of session ${session.id} has no scale question`)
    return { sessionId: session.id, questions }
  } finally {
    db.close()
  }
}

export type ScaleQuestion = { id: number; kind: 'csat' | 'nps' | 'sus' | 'seq' | 'umux_lite' }

const SCALES: Record<ScaleQuestion['kind'], [number, number]> = { csat: [1, 5], sus: [1, 5], nps: [0, 10], seq: [1, 7], umux_lite: [1, 7] }

/** A valid value for a scale question. */
export function scaleValue(kind: ScaleQuestion['kind'], random = Math.random): number {
  const [min, max] = SCALES[kind]
  return min + Math.floor(random() * (max - min + 1))
}

// ---------------------------------------------------------------- ports and the server process

/** A free TCP port on 127.0.0.1 (never 3000 or 3100). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer()
      server.once('error', reject)
      server.listen(0, HOST, () => {
        const address = server.address()
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
      })
    })
    if (port > 0 && !RESERVED_PORTS.has(port)) return port
  }
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, label: string) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return
    await sleep(50)
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}`)
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** True while something accepts TCP connections on the port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, HOST)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

// Servers this process started: ended with it, also when a time limit (bench/run.ts) ends it.
const children = new Set<ChildProcess>()
export function track(child: ChildProcess) {
  children.add(child)
  child.once('exit', () => children.delete(child))
}
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL')
})
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    for (const child of children) child.kill('SIGKILL')
    process.exit(1)
  })
}

/**
 * The production server (`node server.js`) as a direct child: the pid is the node process itself,
 * not an npm wrapper, so a SIGKILL really kills the server.
 */
export class AppServer {
  child: ChildProcess | null = null
  readonly base: string
  private exited: Promise<void> = Promise.resolve()
  log = ''

  constructor(
    readonly port: number,
    readonly databasePath: string,
    readonly extraArgs: string[] = [],
    readonly extraEnv: Record<string, string> = {},
  ) {
    this.base = `http://${HOST}:${port}`
  }

  async start(timeoutMs = 30_000) {
    if (await portOpen(this.port)) throw new Error(`port ${this.port} is already in use`)
    const child = spawn(process.execPath, [...this.extraArgs, 'server.js'], {
      cwd: REPO_ROOT,
      env: { ...process.env, APP_ENV: 'local', NODE_ENV: 'production', BUILD_DIR, PORT: String(this.port), HOST, DATABASE_PATH: this.databasePath, QUIET_LOGS: '1', ...this.extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    track(child)
    child.stdout!.on('data', (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-200_000)))
    child.stderr!.on('data', (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-200_000)))
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()))
    await waitFor(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early:\n${this.log}`)
        const response = await fetch(`${this.base}/ingresar`, { signal: AbortSignal.timeout(2000) })
        await response.arrayBuffer()
        return response.status === 200
      },
      timeoutMs,
      `the server on port ${this.port}`,
    ).catch((error: unknown) => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early:\n${this.log}`)
      throw error
    })
  }

  get pid() {
    return this.child?.pid ?? null
  }

  /** Sends the signal to the node process and waits until it has exited and the port is closed. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000) {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    child.kill(signal)
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    await this.exited
    clearTimeout(timer)
    this.child = null
  }
}

/** True when no process has that pid any more. */
export function processGone(pid: number) {
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

// ---------------------------------------------------------------- HTTP steps of a facilitator and a tablet

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields).toString()
}

function firstCookie(response: Response, name: string): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))
  if (!cookie) throw new Error(`no ${name} cookie in the response (${response.status})`)
  return cookie.split(';')[0]!
}

async function post(base: string, pathname: string, fields: Record<string, string>, cookie?: string) {
  return fetch(base + pathname, {
    method: 'POST',
    body: form(fields),
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, ...(cookie ? { Cookie: cookie } : {}) },
    signal: AbortSignal.timeout(15_000),
  })
}

/** POST /ingresar as the demo facilitator: the staff session cookie. */
export async function signIn(base: string, account = FACILITATOR): Promise<string> {
  const response = await post(base, '/ingresar', { email: account.email, password: account.password })
  await response.arrayBuffer()
  if (response.status !== 302) throw new Error(`sign-in answered ${response.status}`)
  return firstCookie(response, 'katapulta_sesion')
}

/** The console's `prepare_tablet` intent: a 6-digit pairing code, read from the page it renders. */
export async function prepareTablet(base: string, staffCookie: string, sessionId: number): Promise<string> {
  const response = await post(base, `/sesiones/${sessionId}/consola`, { intent: 'prepare_tablet', pin: TABLET_PIN, language: 'es-PE' }, staffCookie)
  const html = await response.text()
  const code = /data-testid="pairing-code">(\d{6})</.exec(html)?.[1]
  if (response.status !== 200 || !code) throw new Error(`prepare_tablet answered ${response.status} without a pairing code`)
  return code
}

/** POST /tableta `intent=pair`: the tablet's device cookie. */
export async function pairTablet(base: string, code: string): Promise<string> {
  const response = await post(base, '/tableta', { intent: 'pair', code })
  await response.arrayBuffer()
  if (response.status !== 302) throw new Error(`pairing answered ${response.status}`)
  return firstCookie(response, 'katapulta_tableta')
}

/**
 * POST /tableta.data `intent=consent&method=tap`, as the tablet's own fetcher does. The `.data`
 * suffix makes React Router answer with the action's data (turbo-stream encoded, e.g.
 * `[{"_1":2},"ok",true,"participantId",57]`) instead of rendering the page; the participant id is
 * the number that follows the "participantId" key.
 */
export async function tapConsent(base: string, tabletCookie: string): Promise<number> {
  const response = await post(base, '/tableta.data', { intent: 'consent', method: 'tap' }, tabletCookie)
  const body = await response.text()
  const id = Number(/"participantId",(\d+)/.exec(body)?.[1])
  if (response.status !== 200 || !Number.isSafeInteger(id) || id <= 0) throw new Error(`consent answered ${response.status}: ${body.slice(0, 200)}`)
  return id
}

export type PairedDevice = { cookie: string; participantId: number }

/** Prepares, pairs and registers `count` tablets, a few at a time. */
export async function pairDevices(base: string, staffCookie: string, sessionId: number, count: number, options: { consent: boolean }): Promise<PairedDevice[]> {
  const devices: PairedDevice[] = []
  const queue = Array.from({ length: count }, (_, i) => i)
  const worker = async () => {
    while (queue.shift() !== undefined) {
      const cookie = await pairTablet(base, await prepareTablet(base, staffCookie, sessionId))
      devices.push({ cookie, participantId: options.consent ? await tapConsent(base, cookie) : 0 })
    }
  }
  await Promise.all(Array.from({ length: Math.min(4, count) }, worker))
  return devices
}

// ---------------------------------------------------------------- small shared formatting

export function table(headers: string[], rows: string[][], align: ('l' | 'r')[]): string[] {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`),
  ]
}

export const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–')

/** True when this module is the script node was started with. */
export function isMain(moduleUrl: string) {
  return process.argv[1] !== undefined && pathToFileURL(path.resolve(process.argv[1])).href === moduleUrl
}
