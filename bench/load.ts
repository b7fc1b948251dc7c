// Tablet answers over HTTP against the built app, next to a bare node:http + better-sqlite3 server
// as the limit. Builds the app into build-bench/, gives it its own database (data/bench/load.db,
// demo data), signs in as the facilitator, prepares and pairs N tablets for the planned demo
// session and registers one participant per tablet with the tablet's own tap-consent action. Then
// autocannon (200 connections, 20 s) posts answers with a fresh clientId and a valid value each to
// a scale question (SEQ, SUS, CSAT, NPS) of that session's guide; every connection is one tablet:
// its device cookie and its participant. The same load then goes to the bare server.
//
// Then, as a reference, both again with a realistic number of tablets (--small 20 connections, 10 s).
//
//   npx tsx bench/load.ts [--connections 200] [--duration 20] [--devices 200] [--warmup 3]
//                         [--small 20] [--small-duration 10] [--reuse-build] [--profile] [--json out.json]
//
// --profile: the server runs with bench/profile-preload.mjs; the V8 CPU profile of the measured
// run (not start-up, pairing or warm-up) is summarized: self time by package, inclusive time of
// the answer's path (getDevice, saveAnswer, React Router's request handling).
//
// Loopback only (127.0.0.1, free ports, never 3100); every run is bounded by --duration.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import autocannon, { type Client, type Request, type RequestParams, type Result } from 'autocannon'
import Database from 'better-sqlite3'
import { AppServer, buildApp, isMain, track, fmt, freePort, HOST, pairDevices, plannedSession, REPO_ROOT, removeDatabase, scaleValue, setupDatabase, signIn, waitFor, type PairedDevice, type ScaleQuestion } from './lib.ts'
import { summarizeProfile, type ProfileSummary } from './profile.ts'

export const GOAL_RATIO = 0.5
export const GOAL_P99_MS = 100

export type LoadRun = {
  label: string
  connections: number
  duration: number
  requests: number
  rps: number
  p50: number
  p90: number
  p99: number
  max: number
  errors: number
  timeouts: number
  non2xx: number
  statusCodes: Record<string, number>
}

export type LoadReport = {
  connections: number
  duration: number
  devices: number
  questions: number
  build: { seconds: number; reused: boolean }
  pairingSeconds: number
  app: LoadRun
  bare: LoadRun
  ratio: number
  /** The same load from a realistic number of tablets (a session has a handful to a few dozen). */
  small: { app: LoadRun; bare: LoadRun } | null
  goals: { ratio: boolean; p99: boolean }
  checks: string[]
  profile: ProfileSummary | null
}

const DB_FILE = 'data/bench/load.db'
const BARE_DB_FILE = 'data/bench/bare.db'

/** Answer bodies: a fresh clientId, the connection's participant, a scale question, a valid value. */
export function answerRequests(questions: ScaleQuestion[], origin: string, prefix: string): Request[] {
  let sequence = 0
  return [
    {
      method: 'POST',
      path: '/tableta/respuestas',
      setupRequest(request: RequestParams, context: Record<string, unknown>) {
        const device = (request.device ?? context.device) as PairedDevice | undefined
        if (!device) return request
        const question = questions[Math.floor(Math.random() * questions.length)]!
        const clientId = `${prefix}-${(sequence++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`
        context.clientId = clientId
        return {
          ...request,
          headers: { 'Content-Type': 'application/json', Cookie: device.cookie, Origin: origin },
          body: JSON.stringify({
            clientId,
            participantId: device.participantId,
            questionId: question.id,
            value: scaleValue(question.kind),
            answeredBy: 'self',
            answeredAt: new Date().toISOString(),
          }),
        }
      },
    },
  ]
}

/** Gives each autocannon connection one of the devices, in turn. */
function deviceAssigner(devices: PairedDevice[]) {
  let next = 0
  return (client: Client) => {
    const device = devices[next++ % devices.length]!
    for (const request of client.opts.requests ?? []) request.device = device
    // The first request was built before this ran: build it again with the device.
    client.requestIterator.rebuildRequest()
  }
}

export async function cannon(label: string, base: string, devices: PairedDevice[], questions: ScaleQuestion[], connections: number, duration: number): Promise<LoadRun> {
  const result: Result = await autocannon({
    url: base,
    connections,
    duration,
    timeout: 10,
    requests: answerRequests(questions, base, `${label}-${Date.now().toString(36)}`),
    setupClient: deviceAssigner(devices),
  })
  const statusCodes: Record<string, number> = {}
  for (const [code, stat] of Object.entries(result.statusCodeStats)) statusCodes[code] = stat.count
  return {
    label,
    connections,
    duration,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
  }
}

async function startBare(port: number) {
  removeDatabase(BARE_DB_FILE)
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts', '--port', String(port), '--db', BARE_DB_FILE], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  track(child)
  let out = ''
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await waitFor(async () => out.includes('ready'), 20_000, 'the bare server')
  return {
    async stop() {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}

export function describeRun(r: LoadRun) {
  const codes = Object.entries(r.statusCodes)
    .map(([c, n]) => `${c}: ${n}`)
    .join(', ')
  return `${r.label}: ${fmt(r.rps, 0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.requests} requests, ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx (${codes})`
}

async function main() {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '200' },
      duration: { type: 'string', default: '20' },
      devices: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '3' },
      small: { type: 'string', default: '20' },
      'small-duration': { type: 'string', default: '10' },
      'reuse-build': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      json: { type: 'string' },
    },
  })
  const connections = Number(values.connections)
  const duration = Number(values.duration)
  const deviceCount = Number(values.devices)
  const warmup = Number(values.warmup)
  const small = Number(values.small)
  const smallDuration = Number(values['small-duration'])
  if (![connections, duration, deviceCount].every((n) => Number.isInteger(n) && n > 0) || duration > 120 || connections > 1000) {
    throw new Error('--connections, --duration (≤ 120 s) and --devices: positive integers')
  }
  process.chdir(REPO_ROOT)
  const checks: string[] = []

  console.log(`build: BUILD_DIR=build-bench react-router build${values['reuse-build'] ? ' (reused if present)' : ''}`)
  const build = buildApp({ reuse: values['reuse-build'] })
  console.log(`  ${build.reused ? 'reused' : `built in ${build.seconds.toFixed(1)} s`}`)
  setupDatabase(DB_FILE)
  const { sessionId, questions } = plannedSession(DB_FILE)

  const app = new AppServer(await freePort(), DB_FILE)
  await app.start()
  console.log(`app: ${app.base} (pid ${app.pid}), database ${DB_FILE}, session ${sessionId}, ${questions.length} scale questions`)

  const t0 = performance.now()
  const staff = await signIn(app.base)
  const devices = await pairDevices(app.base, staff, sessionId, deviceCount, { consent: true })
  const pairingSeconds = (performance.now() - t0) / 1000
  console.log(`paired ${devices.length} tablets with one tap-consent participant each in ${pairingSeconds.toFixed(1)} s`)

  if (warmup > 0) await cannon('app-warmup', app.base, devices, questions, connections, warmup)
  const appRun = await cannon('app', app.base, devices, questions, connections, duration)
  console.log(describeRun(appRun))
  const appSmall = small > 0 ? await cannon(`app-${small}`, app.base, devices.slice(0, small), questions, small, smallDuration) : null
  if (appSmall) console.log(describeRun(appSmall))
  await app.stop('SIGTERM')
  const serverLog = [...new Set(app.log.split('\n').map((l) => l.replace(/^\(node:\d+\) /, '').trim()))].filter((l) => l && !l.startsWith('Katapulta en http'))
  if (serverLog.length > 0) checks.push(`the app server wrote: ${serverLog.map((l) => `\`${l.slice(0, 300)}\``).join('; ')}`)

  // What the app stored: one row per (participant, question) — a new clientId for a question the
  // person already answered replaces that answer — and an intact file.
  const db = new Database(DB_FILE, { readonly: true })
  const stored = db.prepare('select count(*) n, count(distinct client_id) ids from responses where session_id = ?').get(sessionId) as { n: number; ids: number }
  const integrity = (db.prepare('pragma integrity_check').pluck().get() as string) ?? ''
  db.close()
  checks.push(`app database after the run: ${stored.n} answers of the session (at most ${devices.length} participants × ${questions.length} questions, each answer replaced by the next one to the same question), integrity_check ${integrity}`)

  const barePort = await freePort()
  const bare = await startBare(barePort)
  const bareBase = `http://${HOST}:${barePort}`
  if (warmup > 0) await cannon('bare-warmup', bareBase, devices, questions, connections, warmup)
  const bareRun = await cannon('bare', bareBase, devices, questions, connections, duration)
  console.log(describeRun(bareRun))
  const bareSmall = appSmall ? await cannon(`bare-${small}`, bareBase, devices.slice(0, small), questions, small, smallDuration) : null
  if (bareSmall) console.log(describeRun(bareSmall))
  await bare.stop()
  removeDatabase(BARE_DB_FILE)

  const ratio = appRun.rps / bareRun.rps
  const goals = { ratio: ratio >= GOAL_RATIO, p99: appRun.p99 < GOAL_P99_MS }

  // A goal missed (or --profile): a brief profiled run on the same database and tablets, in a fresh
  // server whose profiler (bench/profile-preload.mjs) runs during the load only. Its throughput is
  // not reported: the profiler slows the server down.
  let profile: ProfileSummary | null = null
  if (values.profile || !goals.ratio || !goals.p99) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'katapulta-prof-')), 'server.cpuprofile')
    const profiled = new AppServer(await freePort(), DB_FILE, ['--import', './bench/profile-preload.mjs'], { BENCH_PROFILE_OUT: file })
    await profiled.start()
    await cannon('profile-warmup', profiled.base, devices, questions, connections, 2)
    process.kill(profiled.pid!, 'SIGUSR2')
    const run = await cannon('profile', profiled.base, devices, questions, connections, Math.min(duration, 8))
    await profiled.stop('SIGTERM')
    if (fs.existsSync(file)) {
      profile = summarizeProfile(file)
      profile.cpuPerRequestMs = profile.busyMs / Math.max(1, run.requests)
      profile.lines.unshift(`profiled run: ${run.requests} answers, ${profile.cpuPerRequestMs.toFixed(2)} ms of server CPU per answer`)
    }
    fs.rmSync(path.dirname(file), { recursive: true, force: true })
  }

  const report: LoadReport = {
    connections,
    duration,
    devices: devices.length,
    questions: questions.length,
    build,
    pairingSeconds,
    app: appRun,
    bare: bareRun,
    ratio,
    small: appSmall && bareSmall ? { app: appSmall, bare: bareSmall } : null,
    goals,
    checks,
    profile,
  }
  console.log(`app/bare throughput ${(ratio * 100).toFixed(0)} % (goal ≥ ${GOAL_RATIO * 100} %): ${report.goals.ratio ? 'met' : 'MISSED'}; app p99 ${appRun.p99} ms (goal < ${GOAL_P99_MS} ms): ${report.goals.p99 ? 'met' : 'MISSED'}`)
  if (profile) for (const line of profile.lines) console.log(`  ${line}`)
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(report, null, 2))
  if (appRun['statusCodes']['500'] || integrity !== 'ok') process.exit(1)
}

if (isMain(import.meta.url)) {
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
