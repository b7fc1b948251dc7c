import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

const COLORS = ['#0b4f6c', '#b34700', '#1b6e3a', '#6b2fa3', '#a4161a']

/** Monthly series as lines; the page shows the same figures as a table. */
export function LineSeries({ data, series, title }: { data: Record<string, string | number>[]; series: { key: string; label: string }[]; title: string }) {
  return (
    <figure className="chart" role="img" aria-label={`${title}. Los valores están en la tabla de abajo.`}>
      <figcaption aria-hidden="true">{title}</figcaption>
      <div className="chart-box">
        <ResponsiveContainer width="100%" height={280}>
          <LineChart data={data} margin={{ top: 12, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" tick={{ fontSize: 13 }} minTickGap={24} />
            <YAxis tick={{ fontSize: 13 }} width={72} tickFormatter={(v: number) => new Intl.NumberFormat('es-PE', { notation: 'compact' }).format(v)} />
            <Tooltip formatter={(v) => new Intl.NumberFormat('es-PE').format(Number(v))} />
            <Legend />
            {series.map((s, i) => (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={COLORS[i % COLORS.length]} strokeWidth={2} dot={false} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  )
}
