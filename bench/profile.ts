// Summarizes a V8 CPU profile (node --cpu-prof) of the server: self time by package or area, the
// busiest functions, and the inclusive time of the functions a tablet answer goes through.
import fs from 'node:fs'

type CallFrame = { functionName: string; url: string; lineNumber: number }
type ProfileNode = { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] }
type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

export type ProfileSummary = { totalMs: number; busyMs: number; cpuPerRequestMs?: number; areas: { area: string; ms: number; share: number }[]; functions: { name: string; ms: number }[]; inclusive: { name: string; ms: number; share: number }[]; lines: string[] }

/** The functions on a tablet answer's path whose inclusive time is worth knowing. */
const WATCHED = ['getDevice', 'saveAnswer', 'applySyncItem', 'unsign', 'sign', 'parse', 'verify', 'importKey', 'hashPassword', 'verifyPassword', 'transaction', 'safeParse', 'json', 'requestHandler', 'handleDocumentRequest', 'handleResourceRequest', 'callRouteHandler', 'runMiddlewarePipeline', 'createRemixRequest', 'sendRemixResponse', 'compression']

function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame
  if (!url) return functionName.startsWith('(') ? functionName : '(native)'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]!
  if (url.includes('/build-bench/server/')) return 'app (server build)'
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`
  return url.replace(/^file:\/\/.*\/work\/[^/]+\//, '')
}

export function summarizeProfile(file: string): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  // Self time from the samples and their time deltas (µs).
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000))
  const totalMs = (profile.endTime - profile.startTime) / 1000
  const idle = [...self.entries()].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)').reduce((a, [, ms]) => a + ms, 0)
  const busyMs = totalMs - idle

  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  // A native function (no url: better-sqlite3's run, zlib, writev) counts for the package that called it.
  const areaOfNode = (id: number): string => {
    const frame = byId.get(id)!.callFrame
    if (frame.url || frame.functionName.startsWith('(')) return areaOf(frame)
    for (let cur = parent.get(id); cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame
      if (f.url) return `${areaOf(f)} (native)`
    }
    return '(native)'
  }
  const areas = new Map<string, number>()
  const functions = new Map<string, number>()
  for (const [id, ms] of self) {
    const node = byId.get(id)!
    if (node.callFrame.functionName === '(idle)') continue
    const area = areaOfNode(id)
    areas.set(area, (areas.get(area) ?? 0) + ms)
    const name = `${node.callFrame.functionName || '(anonymous)'} (${area}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}` : ''})`
    functions.set(name, (functions.get(name) ?? 0) + ms)
  }

  // Inclusive time per watched function name, counting each sample once per name.
  const inclusive = new Map<string, number>()
  for (const [id, ms] of self) {
    const seen = new Set<string>()
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = byId.get(cur)!.callFrame.functionName
      if (WATCHED.includes(name) && !seen.has(name)) {
        seen.add(name)
        inclusive.set(name, (inclusive.get(name) ?? 0) + ms)
      }
    }
  }

  const share = (ms: number) => ms / busyMs
  const sortDesc = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1])
  const summary: ProfileSummary = {
    totalMs,
    busyMs,
    areas: sortDesc(areas).slice(0, 15).map(([area, ms]) => ({ area, ms, share: share(ms) })),
    functions: sortDesc(functions).slice(0, 20).map(([name, ms]) => ({ name, ms })),
    inclusive: sortDesc(inclusive).map(([name, ms]) => ({ name, ms, share: share(ms) })),
    lines: [],
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`
  summary.lines.push(`profile: ${totalMs.toFixed(0)} ms, busy ${busyMs.toFixed(0)} ms`)
  summary.lines.push(`self time by area: ${summary.areas.map((a) => `${a.area} ${pct(a.share)}`).join(', ')}`)
  summary.lines.push(`inclusive: ${summary.inclusive.map((a) => `${a.name} ${pct(a.share)}`).join(', ')}`)
  summary.lines.push(`top functions: ${summary.functions.slice(0, 12).map((f) => `${f.name} ${pct(share(f.ms))}`).join('; ')}`)
  return summary
}
