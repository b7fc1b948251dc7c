import { stringify } from 'csv-stringify/sync'
import { Form, Link, useSearchParams } from 'react-router'
import type { Route } from './+types/portfolio'
import { requireUser } from '#app/.server/auth.ts'
import { csvDownload, csvResponse } from '#app/.server/metrics-csv.ts'
import { getPortfolio } from '#app/.server/portfolio.ts'
import { LineSeries } from '#app/components/charts/line-series.tsx'
import { CHANNEL_LABELS, CHANNEL_METRICS, CHANNEL_METRIC_INFO, CHANNELS, STAGE_LABELS, STAGES, type Channel, type Stage } from '#app/lib/domain.ts'
import { formatInteger, formatMonth, formatPercent } from '#app/lib/format.ts'
import { completionText, meanText, MIN_N } from '#app/lib/metric-format.ts'
import { SelectField, labelledOptions } from '#app/components/select-field.tsx'

export const meta: Route.MetaFunction = () => [{ title: 'Portafolio · Tableros · Katapulta' }]

export const middleware: Route.MiddlewareFunction[] = [csvDownload(loader)]

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request)
  const search = new URL(request.url).searchParams
  const channel = CHANNELS.includes(search.get('canal') as Channel) ? (search.get('canal') as Channel) : null
  const portfolio = await getPortfolio(channel)
  const table = search.get('tabla')
  if (search.get('formato') === 'csv') {
    if (table === 'meses') {
      const rows = portfolio.perMonth.map((m) => [m.month, m.sessions, m.participants])
      return csvResponse('\uFEFF' + stringify([['mes', 'sesiones', 'participantes'], ...rows]), 'portafolio-meses.csv')
    }
    if (table === 'canales') {
      const rows = portfolio.channelByMonth.map((m) => [m.month, ...CHANNEL_METRICS.map((k) => (m as Record<string, unknown>)[k] ?? '')])
      return csvResponse('\uFEFF' + stringify([['mes', ...CHANNEL_METRICS], ...rows]), 'portafolio-canales.csv')
    }
    const rows = portfolio.prototypes.map((p) => [
      p.code,
      p.name,
      p.versionsTested,
      p.participants,
      p.bestCompletion ? `v${p.bestCompletion.version}` : '',
      completionText(p.bestCompletion?.value ?? null)?.value ?? '',
      p.bestSus ? `v${p.bestSus.version}` : '',
      meanText(p.bestSus?.value ?? null, [0, 100])?.value ?? '',
    ])
    return csvResponse(
      '\uFEFF' + stringify([['intervencion', 'prototipo', 'versiones_probadas', 'participantes', 'mejor_version_tareas', 'tareas_completadas', 'mejor_version_sus', 'sus'], ...rows]),
      'portafolio-prototipos.csv',
    )
  }
  return { ...portfolio, channel }
}

export default function Portfolio({ loaderData }: Route.ComponentProps) {
  const { byStage, byChannel, perMonth, inclusion, prototypes, channelByMonth, channel } = loaderData
  const [searchParams] = useSearchParams()
  const csv = (table: string) => {
    const p = new URLSearchParams(searchParams)
    p.set('formato', 'csv')
    p.set('tabla', table)
    return `?${p.toString()}`
  }
  const stageCount = (s: Stage) => byStage.find((r) => r.stage === s)?.n ?? 0
  const share = (part: number, whole: number) => (whole > 0 ? formatPercent(part / whole) : '—')
  return (
    <>
      <h1>Portafolio del laboratorio</h1>
      <nav aria-label="Tableros" className="actions no-print">
        <Link to="/tableros/comparar" className="button button-secondary">
          Comparar versiones
        </Link>
        <Link to="/intervenciones" className="button button-secondary">
          Tablero de cada intervención (desde su página)
        </Link>
      </nav>
      <Form method="get" className="filters card no-print" aria-label="Filtrar el portafolio">
        <SelectField id="canal" label="Canal" defaultValue={channel ?? ''} empty="Todos" options={labelledOptions(CHANNELS, CHANNEL_LABELS)} />
        <div className="filter-buttons">
          <button type="submit" className="button">
            Aplicar
          </button>
        </div>
      </Form>

      <section aria-labelledby="stages-title">
        <h2 id="stages-title">Intervenciones por etapa y canal</h2>
        <div className="table-pair">
          <CountTable
            caption="Intervenciones activas por etapa"
            heading="Etapa"
            rows={STAGES.map((s) => ({ key: s, label: STAGE_LABELS[s], n: stageCount(s) }))}
          />
          <CountTable
            caption="Intervenciones activas por canal"
            heading="Canal"
            rows={CHANNELS.map((c) => ({ key: c, label: CHANNEL_LABELS[c], n: byChannel.find((r) => r.channel === c)?.n ?? 0 }))}
          />
        </div>
      </section>

      <section aria-labelledby="prototypes-title">
        <h2 id="prototypes-title">Prototipos probados y sus mejores resultados</h2>
        <p className="no-print">
          <a href={csv('prototipos')} download>
            Descargar CSV de prototipos
          </a>
        </p>
        {prototypes.length === 0 ? (
          <p>Todavía no hay prototipos con respuestas.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Prototipo</th>
                  <th scope="col" className="num">
                    Versiones probadas
                  </th>
                  <th scope="col" className="num">
                    Participantes
                  </th>
                  <th scope="col">Mejores tareas completadas</th>
                  <th scope="col">Mejor SUS</th>
                </tr>
              </thead>
              <tbody>
                {prototypes.map((p) => {
                  const c = completionText(p.bestCompletion?.value ?? null)
                  const s = meanText(p.bestSus?.value ?? null, [0, 100])
                  return (
                    <tr key={p.prototypeId}>
                      <th scope="row">
                        <Link to={`/tableros/intervenciones/${p.code}?prototipo=${p.prototypeId}`}>{p.name}</Link> <span className="muted">({p.code})</span>
                      </th>
                      <td className="num">{p.versionsTested}</td>
                      <td className="num">
                        {formatInteger(p.participants)}
                        {p.participants < MIN_N ? <span className="badge badge-indicative">indicativo</span> : null}
                      </td>
                      <td>{c ? `${c.value} en v${p.bestCompletion!.version} (${c.detail})` : '—'}</td>
                      <td>{s ? `${s.value} en v${p.bestSus!.version} (${s.detail})` : '—'}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="inclusion-title">
        <h2 id="inclusion-title">Inclusión</h2>
        <ul className="figure-grid">
          <li className="figure-card">
            <span className="figure-value">{share(inclusion.older, inclusion.withAge)}</span>
            <span className="figure-label">de participantes con 60 años o más</span>
            <span className="figure-note">n = {formatInteger(inclusion.withAge)} con edad registrada</span>
          </li>
          <li className="figure-card">
            <span className="figure-value">{share(inclusion.lowSkill, inclusion.withSkill)}</span>
            <span className="figure-label">con habilidad digital baja</span>
            <span className="figure-note">n = {formatInteger(inclusion.withSkill)} con el dato registrado</span>
          </li>
        </ul>
      </section>

      <section aria-labelledby="months-title">
        <h2 id="months-title">Sesiones y ciudadanos escuchados en el tiempo</h2>
        <p className="no-print">
          <a href={csv('meses')} download>
            Descargar CSV por mes
          </a>
        </p>
        <LineSeries
          title="Sesiones y participantes por mes"
          data={perMonth.map((m) => ({ month: formatMonth(m.month), sessions: m.sessions, participants: m.participants }))}
          series={[
            { key: 'participants', label: 'Participantes' },
            { key: 'sessions', label: 'Sesiones' },
          ]}
        />
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Mes</th>
                <th scope="col" className="num">
                  Sesiones
                </th>
                <th scope="col" className="num">
                  Participantes
                </th>
              </tr>
            </thead>
            <tbody>
              {perMonth.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{formatMonth(m.month)}</th>
                  <td className="num">{m.sessions}</td>
                  <td className="num">{m.participants}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="channels-title">
        <h2 id="channels-title">Resultados de los canales en el tiempo</h2>
        <p className="no-print">
          <a href={csv('canales')} download>
            Descargar CSV de canales
          </a>
        </p>
        <LineSeries
          title="Indicadores mensuales de los canales"
          data={channelByMonth.map((m) => ({ ...m, month: formatMonth(m.month) }))}
          series={CHANNEL_METRICS.map((k) => ({ key: k, label: CHANNEL_METRIC_INFO[k].label }))}
        />
        <details>
          <summary>Ver la tabla mensual de los canales</summary>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Mes</th>
                  {CHANNEL_METRICS.map((k) => (
                    <th key={k} scope="col" className="num">
                      {CHANNEL_METRIC_INFO[k].label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {channelByMonth.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{formatMonth(m.month)}</th>
                    {CHANNEL_METRICS.map((k) => {
                      const v = (m as Record<string, unknown>)[k]
                      return (
                        <td key={k} className="num">
                          {typeof v === 'number' ? formatInteger(v) : '—'}
                        </td>
                      )
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>
    </>
  )
}

/** Active interventions counted by one dimension (stage, channel). */
function CountTable({ caption, heading, rows }: { caption: string; heading: string; rows: { key: string; label: string; n: number }[] }) {
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col" className="num">
            Intervenciones
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="num">{r.n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
