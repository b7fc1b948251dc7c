import { format, parse } from 'date-fns'
import { es } from 'date-fns/locale'

const integer = new Intl.NumberFormat('es-PE', { maximumFractionDigits: 0 })
const decimal = new Intl.NumberFormat('es-PE', { minimumFractionDigits: 1, maximumFractionDigits: 1 })

export const formatInteger = (n: number) => integer.format(n)
export const formatDecimal = (n: number) => decimal.format(n)
/** A rate 0–1 as a whole percentage: 0.6 → "60 %". */
export const formatPercent = (rate: number) => `${integer.format(Math.round(rate * 100))} %`

/** "2020-04" → "abr. 2020" */
export function formatMonth(month: string): string {
  return format(parse(month, 'yyyy-MM', new Date(2000, 0, 1)), 'MMM yyyy', { locale: es })
}

/** "2026-12-04" → "4 de diciembre de 2026" */
export function formatDate(isoDate: string): string {
  return format(parse(isoDate.slice(0, 10), 'yyyy-MM-dd', new Date(2000, 0, 1)), "d 'de' MMMM 'de' yyyy", { locale: es })
}

/** An ISO timestamp in Lima's time (UTC−5, no daylight saving): "4 dic. 2026, 10:32". */
export function formatDateTime(iso: string): string {
  const lima = new Date(Date.parse(iso) - 5 * 60 * 60 * 1000)
  const local = new Date(lima.getUTCFullYear(), lima.getUTCMonth(), lima.getUTCDate(), lima.getUTCHours(), lima.getUTCMinutes())
  return format(local, "d MMM yyyy, HH:mm", { locale: es })
}
