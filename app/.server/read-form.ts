import { data } from 'react-router'

// The largest array index a form of ours names (`links[2].url`): the longest lists are a few dozen.
const MAX_INDEX = 100
// All array slots one request may make conform build, summed over every list of the form.
const MAX_ARRAY_SLOTS = 1000

/**
 * The form of an action's request. A body that is no form (another content type, a broken
 * multipart body) is a 400, not a 500. Field names no form of ours sends are dropped before conform
 * or zod see them:
 * - conform's own `__intent__` and `__state__` (the app uses none of its intent buttons): conform
 *   JSON-parses them and throws on anything else;
 * - array indexes past MAX_INDEX, or more array slots than MAX_ARRAY_SLOTS in all: from
 *   `x[10000000]=1` conform builds a sparse array that zod then walks slot by slot and that
 *   `submission.reply()` sends back whole — seconds of CPU and megabytes of answer for 14 bytes.
 */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw data({ message: 'La solicitud no trae un formulario válido.' }, { status: 400 })
  }
  return sanitizeForm(form)
}

export function sanitizeForm(form: FormData): FormData {
  const out = new FormData()
  const lists = new Map<string, number>()
  let slots = 0
  for (const [name, value] of form) {
    if (name === '__intent__' || name === '__state__') continue
    const grow = new Map<string, number>()
    let ok = true
    // Every `[n]` of the name, with the path of the list it indexes (as conform reads names).
    for (const m of name.matchAll(/\[(\d+)\]/g)) {
      const index = Number(m[1])
      if (!Number.isSafeInteger(index) || index > MAX_INDEX) {
        ok = false
        break
      }
      const list = name.slice(0, m.index)
      grow.set(list, Math.max(grow.get(list) ?? 0, index + 1))
    }
    if (!ok) continue
    let extra = 0
    for (const [list, size] of grow) extra += Math.max(0, size - (lists.get(list) ?? 0))
    if (slots + extra > MAX_ARRAY_SLOTS) continue
    slots += extra
    for (const [list, size] of grow) lists.set(list, Math.max(lists.get(list) ?? 0, size))
    out.append(name, value)
  }
  return out
}
