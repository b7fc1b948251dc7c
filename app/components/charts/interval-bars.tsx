import { Bar, BarChart, CartesianGrid, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

export type IntervalDatum = { label: string; value: number; low: number; high: number; n: number }

/**
 * Bars with their 95 % interval as error bars. The same numbers are always in a table beside it,
 * so the chart itself is one image for assistive technology.
 */
export function IntervalBars({ data, max, unit, title, color = '#0b4f6c' }: { data: IntervalDatum[]; max: number; unit: string; title: string; color?: string }) {
  const rows = data.map((d) => ({ ...d, error: [Math.max(0, d.value - d.low), Math.max(0, d.high - d.value)] }))
  const summary = data.map((d) => `${d.label}: ${d.value.toFixed(0)}${unit} (n = ${d.n})`).join('; ')
  return (
    <figure className="chart" role="img" aria-label={`${title}. ${summary}`}>
      <figcaption aria-hidden="true">{title}</figcaption>
      <div className="chart-box">
        <ResponsiveContainer width="100%" height={280}>
          <BarChart data={rows} margin={{ top: 12, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 13 }} interval={0} angle={-18} textAnchor="end" height={64} tickFormatter={(l: string) => (l.length > 24 ? `${l.slice(0, 10)}…${l.slice(-12)}` : l)} />
            <YAxis domain={[0, max]} tick={{ fontSize: 14 }} unit={unit} width={56} />
            <Tooltip formatter={(v) => [`${Number(v).toFixed(1)}${unit}`, title]} />
            <Bar dataKey="value" fill={color} isAnimationActive={false}>
              <ErrorBar dataKey="error" width={10} strokeWidth={2} stroke="#1a1f24" direction="y" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  )
}
