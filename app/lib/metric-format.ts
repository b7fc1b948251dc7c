// How each dashboard figure reads, shared by the page and its CSV so both say the same numbers.
import { formatDecimal, formatInteger, formatPercent } from './format.ts'

type Completion = { successes: number; attempts: number; rate: number; low: number; high: number } | null
type Mean = { mean: number; low: number; high: number; n: number } | null

const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x))
const interval = (low: number, high: number, f: (x: number) => string) => (Number.isFinite(low) && Number.isFinite(high) ? `${f(low)}–${f(high)}` : 'sin intervalo (n = 1)')

export const MIN_N = 5

export function completionText(c: Completion) {
  if (!c) return null
  return { value: formatPercent(c.rate), detail: `${c.successes} de ${c.attempts}; IC 95 %: ${formatPercent(c.low)}–${formatPercent(c.high)}` }
}

export function meanText(m: Mean, bounds: [number, number]) {
  if (!m) return null
  return { value: formatDecimal(m.mean), detail: `IC 95 %: ${interval(clip(m.low, ...bounds), clip(m.high, ...bounds), formatDecimal)}; n = ${formatInteger(m.n)}` }
}

export function csatText(c: { value: number; n: number } | null) {
  return c ? { value: `${formatInteger(Math.round(c.value))} %`, detail: `n = ${formatInteger(c.n)}` } : null
}

export function npsText(c: { value: number; n: number } | null) {
  return c ? { value: formatInteger(Math.round(c.value)), detail: `n = ${formatInteger(c.n)}` } : null
}
