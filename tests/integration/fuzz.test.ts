// Every action of app/routes.ts receives random and malformed form bodies (fast-check, the engine
// of bench/fuzz.ts in a smaller dose), as the facilitator and as the admin: none may answer 5xx,
// throw, or log an error, and a rejected request (4xx) must change nothing in the database.
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import * as domain from '#app/lib/domain.ts'
import { signIn } from '#app/.server/auth.ts'
import { DEMO_PASSWORD } from '#app/.server/passwords.ts'
import { DEMO_USERS } from '#db/seed-demo.ts'
import { allRoutes, importRoute, samplePath, paramsOf } from '#tests/setup/routes.ts'
import { db, seedOnce } from '#tests/setup/app.ts'
import { buildRequest, callAction, discoverPools, Fingerprint, fuzzRoute, type FuzzBody } from '../../bench/fuzz-core.ts'
import { staffSessions, type StaffSessions } from '../../bench/fuzz-session.ts'

const RUNS = 20
const SEED = 20261204
const ROLES = ['facilitator', 'admin'] as const

const withAction = allRoutes.filter((r) => /export\s+(async\s+)?function\s+action\b/.test(fs.readFileSync(path.join('app', r.file), 'utf8')))

let sessions: StaffSessions
let fingerprint: Fingerprint
let params: Record<string, string>
let ids: string[]

beforeAll(async () => {
  await seedOnce()
  const sqlite = db.$client
  const accounts = Object.fromEntries(ROLES.map((role) => [role, { email: DEMO_USERS.find((u) => u.role === role)!.email, password: DEMO_PASSWORD }]))
  sessions = await staffSessions(sqlite, signIn, accounts)
  fingerprint = new Fingerprint(sqlite)
  const version = sqlite
    .prepare(
      `select i.id iid, i.code, p.id prototypeId, max(v.number) number from interventions i join prototypes p on p.intervention_id = i.id
       join prototype_versions v on v.prototype_id = p.id where i.status = 'active' group by p.id order by i.id, p.id limit 1`,
    )
    .get() as { iid: number; code: string; prototypeId: number; number: number }
  const session = sqlite.prepare("select id from sessions order by status = 'planned' desc, id limit 1").pluck().get() as number
  params = { code: version.code, prototypeId: String(version.prototypeId), number: String(version.number), id: String(session), artifactId: '1' }
  ids = [...new Set(['1', '2', '3', ...(sqlite.prepare('select id from users union select id from participants order by 1 desc limit 6').pluck().all() as number[]).map(String)])]
})

describe('fuzzed form bodies', () => {
  test('every action of app/routes.ts is fuzzed', () => {
    expect(withAction.length).toBeGreaterThanOrEqual(15)
  })

  for (const route of withAction) {
    test(`${route.path} (${route.file})`, async () => {
      const { action } = await importRoute(route.file)
      const concrete = samplePath(route.path, params)
      const routeParams = paramsOf(route.path, concrete)
      const pools = discoverPools(process.cwd(), route.file, domain)
      for (const [k, role] of ROLES.entries()) {
        const stats = await fuzzRoute({ route, action: action!, params: routeParams, pools, ids }, role, () => sessions.cookie(role), fingerprint, {
          numRuns: RUNS,
          seed: SEED + k,
          hugeMax: 50_000,
        })
        const f = stats.failure
        expect(f, f ? `${role}: ${f.kind} — ${f.detail}\nminimal counterexample: ${f.counterexample}\n(seed ${f.seed}, path ${f.path})` : '').toBeNull()
        expect(stats.runs).toBeGreaterThanOrEqual(RUNS)
      }
    })
  }
})

// What bench/fuzz.ts found, fixed in app/.server/read-form.ts and app/lib/forms/session.ts: each was a
// 500 (or, for the sparse array, seconds of CPU and a reply of megabytes) before.
describe('bodies the fuzzer found', () => {
  const urlencoded = (entries: [string, string][]): FuzzBody => ({ kind: 'urlencoded', entries })
  const cases: { name: string; file: string; body: FuzzBody }[] = [
    { name: 'a body that is no form (text/plain)', file: 'routes/interventions/new.tsx', body: { kind: 'raw', contentType: 'text/plain', body: 'hola' } },
    { name: 'a POST without a content type', file: 'routes/admin/consent.tsx', body: { kind: 'raw', contentType: null, body: '' } },
    { name: 'a broken multipart body', file: 'routes/sessions/console.tsx', body: { kind: 'raw', contentType: 'multipart/form-data; boundary=----zz', body: 'garbage' } },
    { name: "conform's __state__ with a value that is not JSON", file: 'routes/sign-in.tsx', body: urlencoded([['email', 'a@b.pe'], ['password', 'x'], ['__state__', '0x1f']]) },
    { name: "conform's __intent__ with a value that is not one of its intents", file: 'routes/interventions/board.tsx', body: urlencoded([['__intent__', '{"type":1}']]) },
    { name: 'an unparsable session date', file: 'routes/sessions/new.tsx', body: urlencoded([['title', 'Sesión'], ['date', 'new']]) },
    { name: 'a list index of ten million (a sparse array)', file: 'routes/interventions/new.tsx', body: urlencoded([['title', 'T'], ['service', 'S'], ['ownerId', '1'], ['channels[10000000]', 'web']]) },
    { name: 'a list index of ten million on the sign-in page (echoed back in the reply)', file: 'routes/sign-in.tsx', body: urlencoded([['email', 'a@b.pe'], ['password', 'x'], ['x[10000000]', '1']]) },
  ]
  for (const c of cases) {
    test(`${c.name}: 400, nothing stored, at once`, async () => {
      const route = allRoutes.find((r) => r.file === c.file)!
      const { action } = await importRoute(c.file)
      const url = `http://localhost${samplePath(route.path, params)}`
      const before = fingerprint.before()
      const t0 = performance.now()
      const outcome = await callAction(action!, buildRequest(url, c.body, await sessions.cookie('admin')), paramsOf(route.path, new URL(url).pathname))
      expect(outcome.error).toBeUndefined()
      expect(outcome.status).toBe(400)
      expect(performance.now() - t0).toBeLessThan(1000)
      expect(fingerprint.after(before).changed.filter((t) => t !== 'login_attempts' && t !== 'login_sessions')).toEqual([])
    })
  }
})
