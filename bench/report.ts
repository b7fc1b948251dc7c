// The RESULTS.md sections of bench/load.ts, bench/fault.ts, bench/weight.ts and bench/fuzz.ts
// (bench/run.ts writes them after the dashboards' part).
import path from 'node:path'
import type { FaultReport } from './fault.ts'
import type { FuzzReport } from './fuzz.ts'
import { fmt, table } from './lib.ts'
import type { LoadReport, LoadRun } from './load.ts'
import { GOAL_P99_MS, GOAL_RATIO } from './load.ts'
import type { WeightReport } from './weight.ts'

const kb = (bytes: number) => (bytes / 1024).toFixed(1)
const yes = (ok: boolean) => (ok ? 'met' : '**missed**')

function runRow(label: string, r: LoadRun): string[] {
  const codes = Object.entries(r.statusCodes)
    .map(([c, n]) => `${c}: ${n.toLocaleString('en')}`)
    .join(', ')
  return [label, String(r.connections), `${r.duration} s`, fmt(r.rps, 0), r.requests.toLocaleString('en'), String(r.p50), String(r.p90), String(r.p99), String(r.max), String(r.errors), String(r.timeouts), String(r.non2xx), codes]
}

export function loadSection(r: LoadReport): string[] {
  const md: string[] = ['## Tablet answers over HTTP (bench/load.ts)', '']
  md.push(
    `The built app (\`build-bench/\`, \`node server.js\` on a free 127.0.0.1 port, its own database data/bench/load.db with the demo data) receives ` +
      `POST /tableta/respuestas from autocannon: ${r.connections} connections for ${r.duration} s after a warm-up, each connection one of ${r.devices} tablets ` +
      `prepared, paired and given a participant (tap consent) through the app's own HTTP actions in ${r.pairingSeconds.toFixed(1)} s; each request a fresh clientId ` +
      `and a valid value for one of the ${r.questions} scale questions (SEQ, SUS, CSAT, NPS) of the planned session's guide. The limit is a bare node:http + ` +
      `better-sqlite3 server (bench/bare-server.ts: WAL, synchronous=FULL, UNIQUE client id, INSERT … ON CONFLICT DO NOTHING) under the same load. ` +
      `Latencies in ms.`,
    '',
  )
  const rows = [runRow('app', r.app), runRow('bare', r.bare)]
  if (r.small) rows.push(runRow('app (realistic)', r.small.app), runRow('bare (realistic)', r.small.bare))
  md.push(...table(['server', 'connections', 'time', 'req/s', 'requests', 'p50', 'p90', 'p99', 'max', 'errors', 'timeouts', 'non-2xx', 'status codes'], rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l']))
  md.push('')
  md.push(`- **app/bare throughput: ${(r.ratio * 100).toFixed(0)} %** (goal ≥ ${GOAL_RATIO * 100} %: ${yes(r.goals.ratio)})`)
  if (r.ratio > 1) {
    md.push(
      '- the app passes this limit because answers that arrive together share one commit (`groupCommit`, app/.server/db.ts: one wait for the disk for all of them), ' +
        'while the bare server commits, and waits for the disk, once per answer; the app still acknowledges each answer only after its commit (see the crash test below)',
    )
  }
  md.push(`- **app p99 at ${r.connections} connections: ${r.app.p99} ms** (goal < ${GOAL_P99_MS} ms: ${yes(r.goals.p99)})`)
  if (r.small) md.push(`- with ${r.small.app.connections} connections (a realistic number of tablets): app ${fmt(r.small.app.rps, 0)} req/s, p99 ${r.small.app.p99} ms; bare ${fmt(r.small.bare.rps, 0)} req/s, p99 ${r.small.bare.p99} ms`)
  md.push(
    `- with a closed loop of ${r.connections} connections, mean latency ≈ connections / throughput (Little's law): p99 < ${GOAL_P99_MS} ms needs at least ${Math.ceil((r.connections * 1000) / GOAL_P99_MS).toLocaleString('en')} req/s`,
  )
  for (const c of r.checks) md.push(`- ${c}`)
  if (r.profile) {
    md.push('', `### Profile of the app under this load`, '')
    md.push(
      'A second, brief run (8 s after a 2 s warm-up) with the V8 CPU profiler on during the load only (bench/profile-preload.mjs); its throughput is not comparable (the profiler costs time).',
      '',
    )
    if (r.profile.cpuPerRequestMs) md.push(`- server CPU per answer: ${r.profile.cpuPerRequestMs.toFixed(2)} ms (busy ${(r.profile.busyMs / 1000).toFixed(1)} s of ${(r.profile.totalMs / 1000).toFixed(1)} s)`, '')
    md.push(...table(['self time by package', 'share'], r.profile.areas.slice(0, 12).map((a) => [a.area, `${(a.share * 100).toFixed(1)} %`]), ['l', 'r']))
    md.push('')
    md.push(...table(['inclusive time of', 'share'], r.profile.inclusive.filter((a) => a.share >= 0.002).map((a) => [`\`${a.name}\``, `${(a.share * 100).toFixed(1)} %`]), ['l', 'r']))
    md.push('')
  }
  md.push('')
  return md
}

export function faultSection(r: FaultReport): string[] {
  const md: string[] = ['## Crash safety of answers (bench/fault.ts)', '']
  md.push(
    `${r.connections} tablets' worth of keep-alive connections post answers (each to its own participant and question, so that no answer replaces another) ` +
      `to the built app; after ${r.killAtSeconds.toFixed(1)} s the server's node process (pid ${r.killedPid}, spawned directly, no npm wrapper) gets SIGKILL, ` +
      `is started again on the same port and database (${r.downMs} ms down) and the load goes on; ${r.seconds.toFixed(1)} s in all. ` +
      `Answers that got no response are then sent again once with the same clientId, as a tablet's queue does. Then the file is opened and checked.`,
    '',
  )
  const c = r.check
  md.push(
    ...table(
      ['what', 'count'],
      [
        ['answers sent', r.sent.toLocaleString('en')],
        ['acknowledged (2xx), in all', r.acked.toLocaleString('en')],
        ['… before the kill', r.ackedBeforeKill.toLocaleString('en')],
        ['… after the restart (incl. resends)', r.ackedAfterRestart.toLocaleString('en')],
        ['no response (in flight at the kill, or refused while down)', `${r.noResponse.toLocaleString('en')} (${Object.entries(r.errors).map(([e, n]) => `${e} ${n}`).join(', ') || '–'})`],
        ['non-2xx responses', Object.keys(r.non2xx).length ? JSON.stringify(r.non2xx) : '0'],
        ['resent: stored now (201)', String(r.retried.saved)],
        ['resent: already stored before the kill (200 duplicate)', String(r.retried.duplicate)],
        ['resent: anything else', String(r.retried.other)],
        ['killed process gone (pid and port)', r.killedGone ? 'yes' : '**no**'],
        ['acknowledged answers in the database', `${c.ackedInDb.toLocaleString('en')} of ${r.acked.toLocaleString('en')}`],
        ['acknowledged but missing', String(c.missing)],
        ['client ids stored twice', String(c.doubled)],
        ['stored with another value than sent', String(c.wrongValue)],
        ['stored but never acknowledged', String(c.unackedButStored)],
        ['PRAGMA integrity_check', c.integrity],
      ],
      ['l', 'r'],
    ),
  )
  md.push('', `Result: **${r.ok ? 'every acknowledged answer is in the database exactly once; the file is intact' : 'FAILED'}**.`, '')
  return md
}

export function weightSection(r: WeightReport): string[] {
  const md: string[] = ['## Page weight (bench/weight.ts)', '']
  md.push(
    `JavaScript a first load downloads, from the build (\`build-bench/\`, manifest ${r.version}): React Router's manifest file, the client entry, the modules of the page's route chain ` +
      `and all their static imports (read from the chunks and checked against the manifest). gzip at zlib's default level, as \`compression\` serves them. ` +
      `Chunks loaded on demand (dynamic \`import()\`) are listed apart and are not in the first load.`,
    '',
  )
  md.push(
    ...table(
      ['page', 'route chain', 'files', 'KB', 'KB gzip', 'goal', 'recharts in it'],
      r.pages.map((p) => [
        `${p.page} \`${p.url}\``,
        p.routes.join(' › '),
        String(p.firstLoad.length),
        kb(p.firstLoadBytes),
        `**${kb(p.firstLoadGzip)}**`,
        p.goalKb === null ? '' : `≤ ${p.goalKb}: ${yes(p.firstLoadGzip / 1024 <= p.goalKb)}`,
        p.recharts.length ? p.recharts.map((f) => path.posix.basename(f)).join(', ') : 'no',
      ]),
      ['l', 'l', 'r', 'r', 'r', 'l', 'l'],
    ),
  )
  md.push('')
  const tablet = r.pages.find((p) => p.page === 'tablet')
  if (tablet) {
    md.push('Tablet, first load, per file:', '')
    md.push(...table(['file', 'KB', 'KB gzip'], tablet.firstLoad.map((c) => [path.posix.basename(c.file), kb(c.bytes), kb(c.gzip)]), ['l', 'r', 'r']))
    md.push('')
    md.push('Loaded on demand by the tablet (not in its first load):', '')
    md.push(
      ...table(
        ['chunk', 'imported by', 'extra files', 'extra KB gzip'],
        tablet.lazy.map((l) => [path.posix.basename(l.chunk), path.posix.basename(l.from), l.extra.map((c) => path.posix.basename(c.file)).join(', '), kb(l.extraGzip)]),
        ['l', 'l', 'l', 'r'],
      ),
    )
    md.push('')
  }
  for (const c of r.checks) md.push(`- ${c}`)
  md.push('')
  return md
}

export function fuzzSection(r: FuzzReport): string[] {
  const md: string[] = ['## Fuzzed actions (bench/fuzz.ts)', '']
  const total = r.routes.reduce((a, s) => a + s.runs, 0)
  md.push(
    `Every action of app/routes.ts gets ${r.runs.toLocaleString('en')} fast-check form bodies per role (seed ${r.seed}) — random keys and values, huge strings, unicode, numbers as strings, ` +
      `repeated keys, conform paths with large indexes, the route's intents with plausible or garbage fields, multipart and malformed bodies — as the demo facilitator and as the demo admin, ` +
      `each route in its own process on its own copy of the demo database. Checked on every request: no 5xx, no thrown error, no console.error, and a 4xx changes no table ` +
      `(temporary per-table write counters, then a content hash of the written tables); by design a refused sign-in still records the attempt (login_attempts) and a staff session slides its expiry (login_sessions). ` +
      `${total.toLocaleString('en')} requests in ${r.seconds.toFixed(0)} s; counts include fast-check's shrinking runs when a case failed.`,
    '',
  )
  const rows = r.routes.map((s) => [
    `\`${s.route}\``,
    s.role,
    String(s.runs),
    String(s.statuses['2xx'] ?? 0),
    String(s.statuses['3xx'] ?? 0),
    String(s.statuses['4xx'] ?? 0),
    String(s.statuses['5xx'] ?? 0),
    String(s.rejectedWithWrites),
    s.slowestMs.toFixed(0),
    s.failure ? `**${s.failure.kind}**` : 'ok',
  ])
  md.push(...table(['route', 'as', 'requests', '2xx', '3xx', '4xx', '5xx', '4xx that wrote (allowed tables)', 'slowest ms', 'result'], rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l']))
  md.push('')
  const failures = r.routes.filter((s) => s.failure)
  if (failures.length === 0 && r.errors.length === 0) md.push('No failures.', '')
  for (const s of failures) md.push(`- ✗ \`${s.route}\` as ${s.role}: ${s.failure!.kind} — ${s.failure!.detail}; minimal counterexample: \`${s.failure!.counterexample}\``)
  for (const e of r.errors) md.push(`- ✗ ${e}`)
  md.push('')
  return md
}
