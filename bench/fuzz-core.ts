// The engine of the action fuzzers (bench/fuzz.ts and tests/integration/fuzz.test.ts): fast-check
// form bodies for a route's action — random keys and values, huge strings, unicode, numbers as
// strings, repeated keys (arrays), conform-style paths (`links[2].url`), missing intent, the route's
// own intents with garbage fields, multipart bodies and malformed ones (a broken multipart body,
// JSON or plain text where a form is expected) — and the checks on every answer:
//   - nothing answers 5xx or throws anything but a Response / data(): an Error out of an action is a
//     500 in the real server;
//   - nothing logs with console.error (the server would log an error);
//   - a rejected request (4xx) changes nothing in the database: per-table write counters (temporary
//     triggers) say which tables a request wrote, a content hash of those tables says whether they
//     really changed (see Fingerprint). Row counts and max ids of every table are reported alongside.
// Only a few tables may change on a rejection, by design: login_attempts on a refused sign-in or a
// wrong tablet pairing code (they feed the rate limits) and login_sessions (sliding expiry of the
// staff session).
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import type BetterSqlite3 from 'better-sqlite3'
import { RouterContextProvider } from 'react-router'

export type FlatRoute = { path: string; file: string }
type ConfigEntry = { path?: string; index?: boolean; file: string; children?: ConfigEntry[] }

/** app/routes.ts flattened to full paths and files (as tests/setup/routes.ts does). */
export function flattenRoutes(entries: ConfigEntry[], parent = ''): FlatRoute[] {
  return entries.flatMap((entry) => {
    const full = entry.path ? `${parent}/${entry.path}`.replace(/\/+/g, '/') : parent || '/'
    const own = entry.path !== undefined || entry.index ? [{ path: full, file: entry.file }] : []
    return [...own, ...flattenRoutes(entry.children ?? [], entry.path ? full : parent)]
  })
}

export const concretePath = (pattern: string, params: Record<string, string>) =>
  pattern.replace(/:(\w+)\??/g, (_, name: string) => encodeURIComponent(params[name] ?? '1')).replace('*', 'no-existe')

// ---------------------------------------------------------------- what the generator knows

export type Pools = {
  fields: string[]
  intents: string[]
  values: string[]
  /** The keys of each z.object({…}) of the forms and the route, with the literal a key must have (intent: 'create'). */
  groups: { name: string; keys: string[]; literals: Record<string, string> }[]
  /** The groups of the schemas the route file itself names (imports or defines). */
  own: Pools['groups']
  /** Field → the values of the domain list its z.enum(…) names. */
  enums: Record<string, string[]>
}

/** The top-level keys of every `z.object({ … })` in a source text, with their z.literal values. */
export function objectShapes(source: string): Pools['groups'] {
  const groups: Pools['groups'] = []
  for (const m of source.matchAll(/z\s*\.object\(\{/g)) {
    let depth = 1
    let i = m.index! + m[0].length
    const start = i
    while (i < source.length && depth > 0) {
      const ch = source[i]!
      if (ch === '{' || ch === '(' || ch === '[') depth++
      else if (ch === '}' || ch === ')' || ch === ']') depth--
      i++
    }
    const body = source.slice(start, i - 1)
    // Keys at depth 0 of the object literal.
    const keys: string[] = []
    const literals: Record<string, string> = {}
    let d = 0
    let token = ''
    for (let k = 0; k < body.length; k++) {
      const ch = body[k]!
      if (ch === '{' || ch === '(' || ch === '[') d++
      else if (ch === '}' || ch === ')' || ch === ']') d--
      if (d === 0 && (ch === ',' || k === body.length - 1)) {
        const entry = (ch === ',' ? token : token + ch).trim()
        const key = /^(?:\/\/[^\n]*\n\s*)*(\w+)\s*:/.exec(entry)?.[1]
        if (key) {
          keys.push(key)
          const literal = /^\w+\s*:\s*z\.literal\('([^']*)'/.exec(entry.replace(/^(?:\/\/[^\n]*\n\s*)*/, ''))?.[1]
          if (literal !== undefined) literals[key] = literal
        }
        token = ''
      } else token += ch
    }
    const name = [...source.slice(0, m.index).matchAll(/\bconst (\w+)\s*=/g)].at(-1)?.[1] ?? ''
    if (keys.length > 0) groups.push({ name, keys, literals })
  }
  return groups
}

/**
 * Field names, intents and enum values, read from the source so that the fuzzer keeps up with the
 * app: every zod field of app/lib/forms/*.ts, every `name="…"` of the route file, every `case '…'`,
 * z.literal('…') and hidden intent value, and every enum list of app/lib/domain.ts.
 */
export function discoverPools(repoRoot: string, routeFile: string, domain: Record<string, unknown>): Pools {
  const domainLists = Object.values(domain).filter((v): v is readonly string[] => Array.isArray(v) && v.every((x) => typeof x === 'string'))
  const formsDir = path.join(repoRoot, 'app', 'lib', 'forms')
  const forms = fs.readdirSync(formsDir).map((f) => fs.readFileSync(path.join(formsDir, f), 'utf8')).join('\n')
  const own = fs.readFileSync(path.join(repoRoot, 'app', routeFile), 'utf8')
  // The route with the app modules it imports (one level): their field names and schemas count as its own.
  const imported = [...own.matchAll(/from '#app\/((?:\.server|components|lib)\/[^']+)'/g)]
    .map((m) => path.join(repoRoot, 'app', m[1]!))
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f, 'utf8'))
  const route = [own, ...imported].join('\n')
  const fields = new Set<string>(['intent'])
  for (const m of forms.matchAll(/^\s+(\w+):\s*(?:z\.|id\b|ids\(|requiredText|optionalText|isoDate|optionalEnum|NewPassword|Dni|ClientId)/gm)) fields.add(m[1]!)
  for (const m of route.matchAll(/\bname="([^"{}]+)"/g)) fields.add(m[1]!)
  for (const m of route.matchAll(/formData\.get(?:All)?\('([^']+)'\)/g)) fields.add(m[1]!)
  const intents = new Set<string>()
  for (const m of own.matchAll(/case '([\w-]+)'/g)) intents.add(m[1]!)
  for (const m of own.matchAll(/z\.literal\('([\w-]+)'\)/g)) intents.add(m[1]!)
  for (const m of own.matchAll(/name="intent" value="([\w-]+)"/g)) intents.add(m[1]!)
  for (const m of own.matchAll(/intent === '([\w-]+)'/g)) intents.add(m[1]!)
  for (const m of forms.matchAll(/intent: z\.literal\('([\w-]+)'\)/g)) intents.add(m[1]!)
  const values = new Set<string>(domainLists.flat())
  const groups = [...objectShapes(forms), ...objectShapes(route)]
  const routeNames = [...route.matchAll(/\bname="([^"{}]+)"/g)].map((m) => m[1]!)
  const routeGroups = objectShapes(route)
  const ownGroups = [...routeGroups, ...groups.filter((g) => g.name && !routeGroups.includes(g) && new RegExp(`\\b${g.name}\\b`).test(route))]
  if (routeNames.length > 0) {
    const names = { name: routeFile, keys: [...new Set(routeNames)], literals: {} }
    groups.push(names)
    ownGroups.push(names)
  }
  const enums: Record<string, string[]> = {}
  for (const m of (forms + route).matchAll(/(\w+):\s*(?:z\s*\.array\(\s*)?(?:z\.enum|optionalEnum)\(\s*(\w+)/g)) {
    const list = domain[m[2]!]
    if (Array.isArray(list)) enums[m[1]!] = [...new Set([...(enums[m[1]!] ?? []), ...(list as string[])])]
  }
  return { fields: [...fields].sort(), intents: [...intents].sort(), values: [...values].sort(), groups, own: ownGroups, enums }
}

// ---------------------------------------------------------------- the bodies

export type FuzzBody =
  | { kind: 'urlencoded' | 'multipart'; entries: [string, string][]; file?: { name: string; type: string; bytes: number[] } }
  | { kind: 'raw'; contentType: string | null; body: string }

export type FuzzCase = { body: FuzzBody; params: Record<string, string> | null }

const NUMBERISH = ['0', '-1', '1', '2', '3', '7', '10', '1.5', '1e309', '-1e309', 'NaN', 'Infinity', '-0', '0x1f', ' 7 ', '007', '9007199254740993', '99999999999999999999', '1e21', '+1', '1_000']
const SPECIAL = [
  '', ' ', 'on', 'off', 'true', 'false', 'null', 'undefined', '[]', '{}', '[1,2]', '{"a":1}', '__proto__', 'constructor',
  'INT-001', 'INT-002', 'INT-999', 'P-0001', 'P-9999', '2026-02-30', '2026-12-04', '0000-00-00', '9999-12-31', '2026-13-01',
  'https://example.org/x', 'http://127.0.0.1/', 'javascript:alert(1)', 'ftp://x', 'a@b.pe', 'facilitadora@katapulta.pe', 'admin@katapulta.pe',
  'katapulta-demo-2026', 'una-contraseña-muy-larga-2026', '123456', '2468', '12345678', '\u202e\u0000\ufeff', '../../etc/passwd', "' or 1=1 --",
  '<script>alert(1)</script>', 'es-PE', 'qu', 'es', 'zz-ZZ', 'new', 'none', 'ñandú áéíóú', '😀👍🏽', '\ud800', 'a\r\nb', '\t',
  JSON.stringify([{ kind: 'csat', text: '¿Qué tan satisfecho está?' }]),
  JSON.stringify([{ kind: 'task', text: 'Tarea' }, { kind: 'seq', text: 'SEQ', taskIndex: 0 }]),
  JSON.stringify([{ kind: 'single_choice', text: 'x', config: { options: [{ value: 'a', label: 'A' }, { value: 'a', label: 'B' }] } }]),
]
const BAD_KEYS = ['a[', 'a]', 'a..b', '.a', 'a.', '[0]', 'a[-1]', 'a[x]', 'a[1.5]', 'a[]', 'a[][]', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__intent__', '__state__', '', ' ', 'ñ', '😀', 'a\u0000b']
const PARAM_GARBAGE = ['0', '-1', '1.5', 'abc', '99999999999999999999', 'INT-999', 'INT-', '%', 'ñ', '..', ' ', '1e3', 'NaN']

const GUIDES = [
  JSON.stringify([{ kind: 'csat', text: '¿Qué tan satisfecho está?' }]),
  JSON.stringify([{ kind: 'task', text: 'Encuentre su pensión' }, { kind: 'seq', text: '¿Qué tan fácil fue?', taskIndex: 0 }, { kind: 'nps', text: '¿Nos recomendaría?' }]),
  JSON.stringify([{ kind: 'single_choice', text: '¿Cuál?', config: { options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] } }, { kind: 'open_comment', text: 'Comentario' }]),
]

/** A value that could pass for the field, by its name and its enum: most structured bodies are nearly valid. */
function plausible(field: string, pools: Pools, ids: string[]): fc.Arbitrary<string> {
  const f = field.toLowerCase()
  const enumValues = pools.enums[field]
  if (enumValues?.length) return fc.constantFrom(...enumValues)
  if (/(^|\.)(confirm|oralconsent)$/.test(f)) return fc.constant('on')
  if (/ids?$|^id$|number$|revision$/.test(f)) return fc.constantFrom(...ids)
  if (/date|desde|hasta/.test(f)) return fc.constantFrom('2026-12-04', '2027-01-15', '2026-02-28', '2027-12-31')
  if (/email/.test(f)) return fc.constantFrom('nueva.persona@onp.gob.pe', 'facilitadora@katapulta.pe', 'a@b.pe')
  if (/password/.test(f)) return fc.constantFrom('una-contraseña-muy-larga-2026', 'katapulta-demo-2026')
  if (/url/.test(f)) return fc.constantFrom('https://example.org/prototipo', 'http://127.0.0.1/x')
  if (/^pin$/.test(f)) return fc.constantFrom('2468', '1234', '12345678')
  if (/^code$|codigo/.test(f)) return fc.constantFrom('INT-001', 'INT-002', '123456', 'P-0001')
  if (/seconds/.test(f)) return fc.constantFrom('30', '0', '7200')
  if (/^questions$/.test(f)) return fc.constantFrom(...GUIDES)
  if (/^language$/.test(f)) return fc.constantFrom('es-PE', 'qu')
  if (/^to$/.test(f)) return fc.oneof(fc.constantFrom('none', 'new'), fc.constantFrom(...ids))
  if (/^body$/.test(f)) return fc.constant('Usted participa de forma voluntaria; puede retirarse cuando quiera y sus respuestas son anónimas.')
  if (/tasks/.test(f)) return fc.constantFrom('Buscar su pensión\nDescargar la constancia', 'Una tarea')
  return fc.oneof(fc.constantFrom('Texto de prueba', 'Nombre', 'Lima', 'Una observación'), fc.string({ minLength: 1, maxLength: 20 }))
}

/** fast-check arbitrary of the requests one route receives. */
export function caseArbitrary(pools: Pools, params: Record<string, string>, ids: string[], options: { hugeMax?: number; indexMax?: number; raw?: boolean } = {}): fc.Arbitrary<FuzzCase> {
  const hugeMax = options.hugeMax ?? 300_000
  const indexMax = options.indexMax ?? 1_000_000
  const field = fc.constantFrom(...pools.fields)
  const index = fc.oneof({ weight: 8, arbitrary: fc.nat(4) }, { weight: 2, arbitrary: fc.nat(2000) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: indexMax }) })
  const key = fc.oneof(
    { weight: 10, arbitrary: field },
    { weight: 2, arbitrary: fc.tuple(field, index).map(([f, i]) => `${f}[${i}]`) },
    { weight: 1, arbitrary: fc.tuple(field, index, field).map(([f, i, g]) => `${f}[${i}].${g}`) },
    { weight: 1, arbitrary: fc.tuple(field, field).map(([f, g]) => `${f}.${g}`) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_KEYS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  )
  const huge = fc
    .tuple(fc.integer({ min: 1000, max: Math.max(1000, hugeMax) }), fc.constantFrom('a', 'ñ', '😀', '\u0000', '1', '<', ' '))
    .map(([n, ch]) => ch.repeat(Math.ceil(n / ch.length)))
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 3, arbitrary: fc.oneof(fc.integer().map(String), fc.double().map(String), fc.constantFrom(...NUMBERISH)) },
    { weight: 3, arbitrary: fc.constantFrom(...pools.values) },
    { weight: 3, arbitrary: fc.constantFrom(...ids) },
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
    { weight: 1, arbitrary: huge },
  )
  const entries = fc.array(fc.tuple(key, value), { maxLength: 12 })
  const withIntent = fc
    .tuple(fc.option(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...(pools.intents.length ? pools.intents : ['x'])) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }), { nil: undefined }), entries)
    .map(([intent, rest]): [string, string][] => (intent === undefined ? rest : [['intent', intent], ...rest]))
  const file = fc.record({
    name: fc.constantFrom('foto.png', 'doc.pdf', 'x', '../x.png', 'ñ.jpg'),
    type: fc.constantFrom('image/png', 'application/pdf', 'text/plain', ''),
    bytes: fc.array(fc.nat(255), { maxLength: 64 }),
  })
  const raw = fc.oneof(
    fc.record({ contentType: fc.constant('multipart/form-data; boundary=----zz'), body: fc.string({ maxLength: 200 }) }),
    fc.record({ contentType: fc.constant('multipart/form-data'), body: fc.string({ maxLength: 100 }) }),
    fc.record({ contentType: fc.constant('application/json'), body: fc.json({ maxDepth: 3 }) }),
    fc.record({ contentType: fc.constant('text/plain'), body: fc.string({ maxLength: 100 }) }),
    fc.record({ contentType: fc.constant(null), body: fc.string({ maxLength: 100 }) }),
    fc.record({ contentType: fc.constant('application/x-www-form-urlencoded'), body: fc.oneof(fc.string({ unit: 'binary', maxLength: 100 }), fc.constantFrom('%', '%zz', 'a=%E0%A4%A', '&&&==', 'a&b&c', '=x', 'a=1;b=2')) }),
  )
  // Nearly valid: one schema's keys with plausible values (intent included), then a few mutations.
  const any = pools.groups.length > 0 ? pools.groups : [{ name: '', keys: pools.fields, literals: {} }]
  const group = pools.own.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pools.own) }, { weight: 1, arbitrary: fc.constantFrom(...any) }) : fc.constantFrom(...any)
  const structured = group
    .chain((g) =>
      fc.tuple(
        fc.tuple(
          ...g.keys.map((k) =>
            g.literals[k] !== undefined
              ? fc.constant<[string, string][]>([[k, g.literals[k]!]])
              : fc.oneof(
                  { weight: 1, arbitrary: fc.constant<[string, string][]>([]) },
                  { weight: 8, arbitrary: plausible(k, pools, ids).map((v): [string, string][] => [[k, v]]) },
                  { weight: /ids$|channels|tags/i.test(k) ? 3 : 0, arbitrary: fc.array(plausible(k, pools, ids), { minLength: 2, maxLength: 3 }).map((vs) => vs.map((v): [string, string] => [k, v])) },
                ),
          ),
        ),
        fc.oneof({ weight: 2, arbitrary: fc.constant([] as [number, string, string][]) }, { weight: 3, arbitrary: fc.array(fc.tuple(fc.nat(30), key, value), { minLength: 1, maxLength: 2 }) }),
      ),
    )
    .map(([parts, mutations]) => {
      const entries = parts.flat()
      for (const [at, k, v] of mutations) {
        if (entries.length > 0 && at % 3 === 0) entries[at % entries.length]![1] = v
        else if (entries.length > 0 && at % 3 === 1) entries.splice(at % entries.length, 1)
        else entries.push([k, v])
      }
      return entries
    })
    // A schema without an intent of its own is chosen by the route's `intent` field (or none).
    .chain((entries) =>
      entries.some(([k]) => k === 'intent') || pools.intents.length === 0
        ? fc.constant(entries)
        : fc.option(fc.constantFrom(...pools.intents), { nil: undefined }).map((intent): [string, string][] => (intent === undefined ? entries : [['intent', intent], ...entries])),
    )
  const body: fc.Arbitrary<FuzzBody> = fc.oneof(
    { weight: 4, arbitrary: withIntent.map((e) => ({ kind: 'urlencoded' as const, entries: e })) },
    { weight: 5, arbitrary: structured.map((e) => ({ kind: 'urlencoded' as const, entries: e })) },
    { weight: 2, arbitrary: fc.tuple(withIntent, fc.option(file, { nil: undefined })).map(([e, f]) => ({ kind: 'multipart' as const, entries: e, ...(f ? { file: f } : {}) })) },
    { weight: options.raw === false ? 0 : 1, arbitrary: raw.map((r) => ({ kind: 'raw' as const, ...r })) },
  )
  const names = Object.keys(params)
  const paramsArb: fc.Arbitrary<Record<string, string> | null> =
    names.length === 0
      ? fc.constant(null)
      : fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...names), fc.constantFrom(...PARAM_GARBAGE)).map(([n, v]) => ({ ...params, [n]: v })) })
  return fc.record({ body, params: paramsArb })
}

export function buildRequest(url: string, body: FuzzBody, cookie: string | null): Request {
  const origin = new URL(url).origin
  const headers: Record<string, string> = { Origin: origin, ...(cookie ? { Cookie: cookie } : {}) }
  if (body.kind === 'urlencoded') {
    const params = new URLSearchParams()
    for (const [k, v] of body.entries) params.append(k, v)
    return new Request(url, { method: 'POST', body: params, headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } })
  }
  if (body.kind === 'multipart') {
    const form = new FormData()
    for (const [k, v] of body.entries) form.append(k, v)
    if (body.file) form.append('files', new File([new Uint8Array(body.file.bytes)], body.file.name, { type: body.file.type }))
    return new Request(url, { method: 'POST', body: form, headers })
  }
  const raw = body as Extract<FuzzBody, { kind: 'raw' }>
  return new Request(url, { method: 'POST', body: raw.body, headers: { ...headers, ...(raw.contentType ? { 'Content-Type': raw.contentType } : {}) } })
}

/** A short, readable form of a case for reports. */
export function describeCase(c: FuzzCase): string {
  const short = (s: string) => (s.length > 60 ? `${JSON.stringify(s.slice(0, 40))}…(${s.length} chars)` : JSON.stringify(s))
  const params = c.params ? ` params ${JSON.stringify(c.params)}` : ''
  if (c.body.kind === 'raw') return `raw ${c.body.contentType ?? '(no content-type)'} body ${short(c.body.body)}${params}`
  const entries = c.body.entries.map(([k, v]) => `${short(k)}=${short(v)}`).join(' & ')
  return `${c.body.kind} ${entries || '(empty)'}${c.body.kind === 'multipart' && c.body.file ? ` + file ${c.body.file.name}` : ''}${params}`
}

// ---------------------------------------------------------------- calling an action

export type Outcome = { status: number; error?: unknown }

/** Runs an action as React Router would and returns its status; an Error it throws is a 500. */
export async function callAction(action: (args: never) => unknown, request: Request, params: Record<string, string>): Promise<Outcome> {
  const args = { request, params, context: new RouterContextProvider(), unstable_pattern: '' } as never
  const status = (value: unknown): number | null => {
    if (value instanceof Response) return value.status
    if (value && typeof value === 'object' && 'type' in value && (value as { type: unknown }).type === 'DataWithResponseInit') {
      return (value as unknown as { init: ResponseInit | null }).init?.status ?? 200
    }
    return null
  }
  try {
    const value = await action(args)
    return { status: status(value) ?? 200 }
  } catch (thrown) {
    const s = status(thrown)
    return s === null ? { status: 500, error: thrown } : { status: s }
  }
}

// ---------------------------------------------------------------- the database fingerprint

export type Snapshot = { writes: Map<string, number>; counts: Map<string, string> }

/**
 * What the database holds, per table. Temporary triggers (on this connection only; the file's schema
 * is untouched) count the rows each statement writes per table, and roll back with the transaction
 * that wrote them; a table whose count moved is then hashed again, so that a write that put back the
 * same content is no change. Row counts and max ids of every table are kept for the reports.
 */
export class Fingerprint {
  private tables: string[]
  private counts: BetterSqlite3.Statement
  private writes: BetterSqlite3.Statement
  private hashes = new Map<string, { writes: number; hash: string }>()

  constructor(private sqlite: BetterSqlite3.Database) {
    this.tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations' order by name").pluck().all() as string[]
    sqlite.exec('create temp table if not exists fuzz_writes (t text primary key, n integer not null)')
    for (const t of this.tables) {
      sqlite.prepare('insert or ignore into temp.fuzz_writes values (?, 0)').run(t)
      for (const op of ['insert', 'update', 'delete']) {
        sqlite.exec(`create temp trigger if not exists "fuzz_${t}_${op}" after ${op} on main."${t}" begin update temp.fuzz_writes set n = n + 1 where t = '${t}'; end`)
      }
    }
    this.counts = sqlite.prepare(this.tables.map((t) => `select '${t}' t, count(*) n, coalesce(max(rowid), 0) m from main."${t}"`).join(' union all '))
    this.writes = sqlite.prepare('select t, n from temp.fuzz_writes')
  }

  /** Row count and max id of every table. */
  rowCounts(): Map<string, string> {
    return new Map((this.counts.all() as { t: string; n: number; m: number }[]).map((r) => [r.t, `${r.n}/${r.m}`]))
  }

  private writeCounts(): Map<string, number> {
    return new Map((this.writes.all() as { t: string; n: number }[]).map((r) => [r.t, r.n]))
  }

  private hash(t: string): string {
    const hash = crypto.createHash('sha1')
    for (const row of this.sqlite.prepare(`select * from main."${t}" order by rowid`).raw().iterate()) {
      hash.update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? v.toString('hex') : v)))
    }
    return hash.digest('hex')
  }

  /** Call before a request. */
  before(): Snapshot {
    const writes = this.writeCounts()
    for (const t of this.tables) {
      const n = writes.get(t) ?? 0
      if (this.hashes.get(t)?.writes !== n) this.hashes.set(t, { writes: n, hash: this.hash(t) })
    }
    return { writes, counts: this.rowCounts() }
  }

  /** Call after it: the tables whose content changed, and those whose row count or max id moved. */
  after(before: Snapshot): { changed: string[]; counted: string[] } {
    const writes = this.writeCounts()
    const touched = this.tables.filter((t) => writes.get(t) !== before.writes.get(t))
    if (touched.length === 0) return { changed: [], counted: [] }
    const changed: string[] = []
    for (const t of touched) {
      const hash = this.hash(t)
      if (hash !== this.hashes.get(t)!.hash) changed.push(t)
      this.hashes.set(t, { writes: writes.get(t) ?? 0, hash })
    }
    const counts = this.rowCounts()
    return { changed, counted: this.tables.filter((t) => counts.get(t) !== before.counts.get(t)) }
  }
}

/** Tables a rejected request may still write, by design. */
export function allowedOnRejection(routeFile: string): Set<string> {
  const allowed = new Set(['login_sessions'])
  if (routeFile === 'routes/sign-in.tsx') allowed.add('login_attempts')
  // A wrong PIN on a tablet counts the failure (and locks the tablet after five, with an audit entry);
  // a wrong pairing code counts against the address (login_attempts).
  if (routeFile === 'routes/tablet/index.tsx') for (const t of ['tablet_devices', 'audit_log', 'login_attempts']) allowed.add(t)
  return allowed
}

// ---------------------------------------------------------------- one route, one role

export type Failure = { kind: '5xx' | 'threw' | 'console.error' | 'changed on 4xx' | 'slow'; status: number; detail: string; counterexample: string; seed: number; path: string | null }
export type RouteStats = { route: string; file: string; role: string; runs: number; statuses: Record<string, number>; rejectedWithWrites: number; slowestMs: number; failure: Failure | null }

export type FuzzTarget = {
  route: FlatRoute
  action: (args: never) => unknown
  params: Record<string, string>
  pools: Pools
  ids: string[]
}

export async function fuzzRoute(
  target: FuzzTarget,
  role: string,
  session: () => Promise<string>,
  fingerprint: Fingerprint,
  options: { numRuns: number; seed: number; base?: string; slowMs?: number; hugeMax?: number; indexMax?: number; raw?: boolean },
): Promise<RouteStats> {
  const base = options.base ?? 'http://localhost'
  const allowed = allowedOnRejection(target.route.file)
  const slowMs = options.slowMs ?? 3000
  const stats: RouteStats = { route: target.route.path, file: target.route.file, role, runs: 0, statuses: {}, rejectedWithWrites: 0, slowestMs: 0, failure: null }
  const originalError = console.error
  const property = fc.asyncProperty(caseArbitrary(target.pools, target.params, target.ids, options), async (c) => {
    const cookie = await session()
    const params = c.params ?? target.params
    const url = base + concretePath(target.route.path, params)
    const request = buildRequest(url, c.body, cookie)
    const logged: unknown[] = []
    const before = fingerprint.before()
    const t0 = performance.now()
    console.error = (...args: unknown[]) => void logged.push(args)
    let outcome: Outcome
    try {
      outcome = await callAction(target.action, request, params)
    } finally {
      console.error = originalError
    }
    const ms = performance.now() - t0
    const { changed, counted } = fingerprint.after(before)
    stats.runs++
    stats.slowestMs = Math.max(stats.slowestMs, ms)
    const bucket = `${Math.floor(outcome.status / 100)}xx`
    stats.statuses[bucket] = (stats.statuses[bucket] ?? 0) + 1
    const fail = (kind: Failure['kind'], detail: string) => {
      throw Object.assign(new Error(`${kind}: ${detail}`), { fuzz: { kind, status: outcome.status, detail } })
    }
    if (outcome.error !== undefined) fail('threw', String((outcome.error as Error)?.stack ?? outcome.error).split('\n').slice(0, 4).join(' | '))
    if (outcome.status >= 500) fail('5xx', `status ${outcome.status}`)
    if (logged.length > 0) fail('console.error', logged.map((a) => String(a)).join(' ').slice(0, 300))
    if (outcome.status >= 400 && outcome.status < 500) {
      const unexpected = changed.filter((t) => !allowed.has(t))
      if (changed.length > 0) stats.rejectedWithWrites++
      if (unexpected.length > 0) fail('changed on 4xx', `status ${outcome.status} changed ${unexpected.join(', ')} (row count/max id moved in: ${counted.join(', ') || 'none'})`)
    }
    if (ms > slowMs) fail('slow', `${ms.toFixed(0)} ms (status ${outcome.status})`)
  })
  const result = await fc.check(property, { numRuns: options.numRuns, seed: options.seed, endOnFailure: false, interruptAfterTimeLimit: 10 * 60_000 })
  if (result.failed) {
    const info = (result.errorInstance as { fuzz?: { kind: Failure['kind']; status: number; detail: string } } | null)?.fuzz
    const c = result.counterexample?.[0] as FuzzCase | undefined
    stats.failure = {
      kind: info?.kind ?? 'threw',
      status: info?.status ?? 0,
      detail: info?.detail ?? String(result.errorInstance ?? '').slice(0, 300),
      counterexample: c ? describeCase(c) : '(none)',
      seed: result.seed,
      path: result.counterexamplePath,
    }
  }
  return stats
}
