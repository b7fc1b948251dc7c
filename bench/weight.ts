// Page weight from the build output (build-bench/, built by bench/load.ts or here if missing): for
// the tablet (/tableta) and the dashboards, the gzip size of the JavaScript a first load downloads —
// React Router's manifest file, the client entry, the route modules of the page's route chain (root,
// layout, page) and everything they import statically — with the chunks only loaded on demand
// (dynamic import(), e.g. the tablet's ranking and card-sort views) listed apart. The import graph
// is read from the chunks themselves and checked against the manifest's own `imports` lists.
//
//   npx tsx bench/weight.ts [--reuse-build] [--json out.json]
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import zlib from 'node:zlib'
import { parseArgs } from 'node:util'
import { BUILD_DIR, buildApp, isMain, REPO_ROOT } from './lib.ts'

export const GOAL_TABLET_KB = 150

type ManifestRoute = { id: string; parentId?: string; path?: string; index?: boolean; module: string; imports?: string[]; css?: string[]; clientActionModule?: string; clientLoaderModule?: string }
type Manifest = { entry: { module: string; imports: string[] }; routes: Record<string, ManifestRoute>; url: string; version: string }

export type Chunk = { file: string; bytes: number; gzip: number }
export type PageWeight = {
  page: string
  url: string
  routes: string[]
  firstLoad: Chunk[]
  firstLoadBytes: number
  firstLoadGzip: number
  lazy: { chunk: string; from: string; extra: Chunk[]; extraGzip: number }[]
  css: Chunk[]
  recharts: string[]
  manifestAgrees: boolean
  goalKb: number | null
}
export type WeightReport = { version: string; pages: PageWeight[]; checks: string[] }

const PAGES: { page: string; url: string; route: string; goalKb: number | null }[] = [
  { page: 'tablet', url: '/tableta', route: 'routes/tablet/index', goalKb: GOAL_TABLET_KB },
  { page: 'dashboard: intervention', url: '/tableros/intervenciones/:code', route: 'routes/dashboards/intervention', goalKb: null },
  { page: 'dashboard: compare', url: '/tableros/comparar', route: 'routes/dashboards/compare', goalKb: null },
  { page: 'dashboard: portfolio', url: '/tableros/portafolio', route: 'routes/dashboards/portfolio', goalKb: null },
]

/** The client manifest (window.__reactRouterManifest) of a build, found through the server build. */
export function readManifest(buildDir: string): Manifest {
  const server = fs.readFileSync(path.join(buildDir, 'server', 'index.js'), 'utf8')
  const url = /"url":\s*"(\/assets\/manifest-[^"]+\.js)"/.exec(server)?.[1]
  if (!url) throw new Error(`no client manifest url in ${buildDir}/server/index.js`)
  const window: { __reactRouterManifest?: Manifest } = {}
  vm.runInNewContext(fs.readFileSync(path.join(buildDir, 'client', url), 'utf8'), { window })
  if (!window.__reactRouterManifest) throw new Error(`${url} did not define the manifest`)
  return { ...window.__reactRouterManifest, url }
}

/** Static (`import … from`, `export … from`, `import "…"`) and dynamic (`import("…")`) imports of a chunk. */
export function importsOf(code: string): { static: string[]; dynamic: string[] } {
  const dynamic = [...code.matchAll(/\bimport\(\s*["'](\.{1,2}\/[^"']+\.js)["']\s*\)/g)].map((m) => m[1]!)
  const statics = [
    ...[...code.matchAll(/\bfrom\s*["'](\.{1,2}\/[^"']+\.js)["']/g)].map((m) => m[1]!),
    ...[...code.matchAll(/\bimport\s*["'](\.{1,2}\/[^"']+\.js)["']/g)].map((m) => m[1]!),
  ]
  return { static: [...new Set(statics)], dynamic: [...new Set(dynamic)] }
}

export function analyze(buildDir: string): WeightReport {
  const client = path.join(buildDir, 'client')
  const manifest = readManifest(buildDir)
  const cache = new Map<string, { code: string; bytes: number; gzip: number }>()
  const load = (url: string) => {
    let c = cache.get(url)
    if (!c) {
      const buffer = fs.readFileSync(path.join(client, url))
      c = { code: buffer.toString('utf8'), bytes: buffer.length, gzip: zlib.gzipSync(buffer).length }
      cache.set(url, c)
    }
    return c
  }
  const resolve = (from: string, spec: string) => path.posix.join(path.posix.dirname(from), spec)
  const chunk = (url: string): Chunk => ({ file: url, bytes: load(url).bytes, gzip: load(url).gzip })

  /** Every chunk reachable through static imports, and the dynamic imports met on the way. */
  const closure = (roots: string[]) => {
    const seen = new Set<string>()
    const dynamic: { chunk: string; from: string }[] = []
    const stack = [...roots]
    while (stack.length > 0) {
      const url = stack.pop()!
      if (seen.has(url)) continue
      seen.add(url)
      const { static: s, dynamic: d } = importsOf(load(url).code)
      for (const spec of s) stack.push(resolve(url, spec))
      for (const spec of d) dynamic.push({ chunk: resolve(url, spec), from: url })
    }
    return { files: seen, dynamic }
  }

  const checks: string[] = []
  const pages: PageWeight[] = []
  for (const p of PAGES) {
    const chain: ManifestRoute[] = []
    for (let r: ManifestRoute | undefined = manifest.routes[p.route]; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) chain.unshift(r)
    if (chain.length === 0) throw new Error(`route ${p.route} is not in the manifest`)
    const roots = [manifest.url, manifest.entry.module, ...chain.flatMap((r) => [r.module, ...(r.clientActionModule ? [r.clientActionModule] : []), ...(r.clientLoaderModule ? [r.clientLoaderModule] : [])])]
    const { files, dynamic } = closure(roots)
    // What React Router itself preloads for the page: the entry's and each route's `imports`.
    const preloaded = new Set([manifest.url, manifest.entry.module, ...manifest.entry.imports, ...chain.flatMap((r) => [r.module, ...(r.imports ?? [])])])
    const manifestAgrees = [...preloaded].every((f) => files.has(f)) && [...files].every((f) => preloaded.has(f))
    if (!manifestAgrees) checks.push(`${p.page}: the import graph (${[...files].filter((f) => !preloaded.has(f)).join(', ') || 'nothing more'}) and the manifest's imports (${[...preloaded].filter((f) => !files.has(f)).join(', ') || 'nothing more'}) differ`)
    const firstLoad = [...files].sort().map(chunk)
    const lazy = [...new Map(dynamic.filter((d) => !files.has(d.chunk)).map((d) => [d.chunk, d])).values()].map((d) => {
      const extra = [...closure([d.chunk]).files].filter((f) => !files.has(f)).sort().map(chunk)
      return { chunk: d.chunk, from: d.from, extra, extraGzip: extra.reduce((a, c) => a + c.gzip, 0) }
    })
    const everything = new Set([...files, ...lazy.flatMap((l) => l.extra.map((c) => c.file))])
    const recharts = [...everything].filter((f) => /recharts/.test(load(f).code))
    const css = [...new Set(chain.flatMap((r) => r.css ?? []))].map((url) => chunk(url))
    pages.push({
      page: p.page,
      url: p.url,
      routes: chain.map((r) => r.id),
      firstLoad,
      firstLoadBytes: firstLoad.reduce((a, c) => a + c.bytes, 0),
      firstLoadGzip: firstLoad.reduce((a, c) => a + c.gzip, 0),
      lazy,
      css,
      recharts,
      manifestAgrees,
      goalKb: p.goalKb,
    })
  }
  const tablet = pages.find((p) => p.page === 'tablet')!
  checks.push(
    tablet.recharts.length === 0
      ? 'recharts is in no chunk the tablet loads, first load or lazy (no chunk of it contains the string "recharts")'
      : `WARNING recharts is in chunks the tablet loads: ${tablet.recharts.join(', ')}`,
  )
  return { version: manifest.version, pages, checks }
}

export const kb = (bytes: number) => (bytes / 1024).toFixed(1)

function main() {
  const { values } = parseArgs({ options: { 'reuse-build': { type: 'boolean', default: false }, json: { type: 'string' } } })
  process.chdir(REPO_ROOT)
  const build = buildApp({ reuse: values['reuse-build'] || fs.existsSync(path.join(BUILD_DIR, 'server', 'index.js')) })
  if (!build.reused) console.log(`built ${BUILD_DIR}/ in ${build.seconds.toFixed(1)} s`)
  const report = analyze(BUILD_DIR)
  for (const p of report.pages) {
    const goal = p.goalKb === null ? '' : ` (goal ≤ ${p.goalKb} KB: ${p.firstLoadGzip / 1024 <= p.goalKb ? 'met' : 'MISSED'})`
    console.log(`${p.page} ${p.url}: first load ${p.firstLoad.length} files, ${kb(p.firstLoadBytes)} KB, ${kb(p.firstLoadGzip)} KB gzip${goal}`)
    for (const c of p.firstLoad) console.log(`    ${c.file.padEnd(48)} ${kb(c.gzip).padStart(7)} KB gzip`)
    for (const l of p.lazy) console.log(`  lazy ${l.chunk}: +${kb(l.extraGzip)} KB gzip (${l.extra.map((c) => path.posix.basename(c.file)).join(', ')})`)
  }
  for (const c of report.checks) console.log(c)
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(report, null, 2))
  const tablet = report.pages.find((p) => p.page === 'tablet')!
  if (tablet.recharts.length > 0) process.exit(1)
}

if (isMain(import.meta.url)) main()
