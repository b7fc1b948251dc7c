// Every route of app/routes.ts, flattened with its full path and module, for tests that walk them all.
import routes from '#app/routes.ts'

type ConfigEntry = { path?: string; index?: boolean; file: string; children?: ConfigEntry[] }
export type FlatRoute = { path: string; file: string }

function flatten(entries: ConfigEntry[], parent = ''): FlatRoute[] {
  return entries.flatMap((entry) => {
    const path = entry.path ? `${parent}/${entry.path}`.replace(/\/+/g, '/') : parent || '/'
    const own = entry.path !== undefined || entry.index ? [{ path, file: entry.file }] : []
    return [...own, ...flatten(entry.children ?? [], entry.path ? path : parent)]
  })
}

export const allRoutes: FlatRoute[] = flatten(routes as ConfigEntry[])

/** A concrete URL for a route pattern, with sample params (real demo ids where it matters). */
export function samplePath(pattern: string, params: Record<string, string> = {}): string {
  return pattern
    .replace(/:(\w+)\??/g, (_, name: string) => params[name] ?? '1')
    .replace('*', 'no-existe')
}

export function paramsOf(pattern: string, path: string): Record<string, string> {
  const names = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!)
  const re = new RegExp('^' + pattern.replace(/:(\w+)\??/g, '([^/]+)').replace('*', '(.*)') + '$')
  const match = path.match(re)
  const params: Record<string, string> = {}
  names.forEach((n, i) => (params[n] = match?.[i + 1] ?? ''))
  if (pattern.includes('*')) params['*'] = match?.[names.length + 1] ?? ''
  return params
}

type RouteModule = { loader?: (a: never) => unknown; action?: (a: never) => unknown }
const modules = import.meta.glob<RouteModule>('../../app/routes/**/*.{ts,tsx}')

export async function importRoute(file: string): Promise<RouteModule> {
  const load = modules[`../../app/${file}`]
  if (!load) throw new Error(`route module app/${file} not found`)
  return load()
}
