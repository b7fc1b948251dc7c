// What a difference between two versions means, said in plain Spanish for managers.
import { compareCompletion, compareMeans, type MeanSummary } from './scoring.ts'

import { formatDecimal, formatPercent } from './format.ts'

const pct = formatPercent
const pValue = (p: number) => (p < 0.001 ? `p < ${(0.001).toLocaleString('es-PE')}` : `p = ${p.toLocaleString('es-PE', { maximumFractionDigits: 3, minimumFractionDigits: 3 })}`)
const people = (n: number) => (n === 1 ? '1 participante' : `${n} participantes`)
export const ALPHA = 0.05
export const MIN_N = 5

export type Verdict = { distinguishable: boolean; text: string; p: number | null; difference: number | null }

/** Completion of b against a (N−1 two-proportion test). `participants` is how many people both had. */
export function completionVerdict(
  a: { label: string; successes: number; attempts: number },
  b: { label: string; successes: number; attempts: number },
  participants: number,
): Verdict {
  if (a.attempts < MIN_N || b.attempts < MIN_N) {
    return { distinguishable: false, p: null, difference: null, text: `Con ${people(participants)} aún hay muy pocos intentos para comparar la tasa de tareas completadas.` }
  }
  const r = compareCompletion({ successes: a.successes, n: a.attempts }, { successes: b.successes, n: b.attempts })
  const rates = `(${pct(b.successes / b.attempts)} frente a ${pct(a.successes / a.attempts)}; ${pValue(r.p)})`
  if (r.p < ALPHA) {
    const better = r.difference > 0
    return {
      distinguishable: true,
      p: r.p,
      difference: r.difference,
      text: `${b.label} completa ${better ? 'más' : 'menos'} tareas que ${a.label} ${rates}. Con ${people(participants)}, es poco probable que la diferencia sea casualidad.`,
    }
  }
  return {
    distinguishable: false,
    p: r.p,
    difference: r.difference,
    text: `Con ${people(participants)} aún no se puede afirmar que ${b.label} sea ${r.difference >= 0 ? 'mejor' : 'peor'} que ${a.label} en tareas completadas ${rates}.`,
  }
}

/** SUS of b against a (Welch's t-test on the per-person scores). */
export function susVerdict(a: { label: string } & MeanSummary, b: { label: string } & MeanSummary): Verdict {
  const total = a.n + b.n
  if (a.n < MIN_N || b.n < MIN_N) {
    return { distinguishable: false, p: null, difference: null, text: `Con ${people(total)} que respondieron el SUS aún no se puede comparar: hacen falta al menos ${MIN_N} por versión.` }
  }
  const r = compareMeans(a, b)
  const means = `(${formatDecimal(b.mean)} frente a ${formatDecimal(a.mean)}; ${pValue(r.p)})`
  if (r.p < ALPHA) {
    return {
      distinguishable: true,
      p: r.p,
      difference: r.difference,
      text: `${b.label} tiene un SUS ${r.difference > 0 ? 'más alto' : 'más bajo'} que ${a.label} ${means}. Con ${people(total)}, es poco probable que sea casualidad.`,
    }
  }
  return {
    distinguishable: false,
    p: r.p,
    difference: r.difference,
    text: `Con ${people(total)} aún no se puede afirmar que ${b.label} tenga un SUS ${r.difference >= 0 ? 'mejor' : 'peor'} que ${a.label} ${means}.`,
  }
}
