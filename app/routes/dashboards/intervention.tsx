import { Form, Link, useSearchParams } from 'react-router'
import type { Route } from './+types/intervention'
import { requireUser } from '#app/.server/auth.ts'
import { notFound } from '#app/.server/http.ts'
import { getInterventionByCode } from '#app/.server/interventions.ts'
import { listTaskLabels, listVersionsOf, versionMetrics } from '#app/.server/metrics.ts'
import { csvDownload, csvResponse, metricsCsv } from '#app/.server/metrics-csv.ts'
import { IntervalBars } from '#app/components/charts/interval-bars.tsx'
import { MetricsTable } from '#app/components/metrics-table.tsx'
import { parseSegment, SEGMENT_KEYS, SEGMENT_LABELS } from '#app/lib/segments.ts'
import { SelectField, labelledOptions } from '#app/components/select-field.tsx'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Tablero ${data?.intervention.code ?? ''} · Katapulta` }]

export const middleware: Route.MiddlewareFunction[] = [csvDownload(loader)]

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request)
  const intervention = await getInterventionByCode(params.code)
  if (!intervention) notFound('No existe esa intervención.')
  const search = new URL(request.url).searchParams
  const segment = parseSegment(search.get('segmento'))
  const prototypeId = Number(search.get('prototipo')) || null
  const all = await listVersionsOf(intervention.id)
  const versions = prototypeId ? all.filter((v) => v.prototypeId === prototypeId) : all
  const ids = versions.map((v) => v.id)
  const [overall, split] = await Promise.all([versionMetrics(ids), segment ? versionMetrics(ids, segment) : Promise.resolve([])])
  const tasks = await listTaskLabels(overall.flatMap((r) => r.seq.map((s) => s.taskQuestionId)))
  const labels = Object.fromEntries(versions.map((v) => [v.id, `${v.prototypeName} v${v.number}`]))
  if (search.get('formato') === 'csv') {
    const csv = metricsCsv(segment ? split : overall, (id) => labels[id] ?? String(id), tasks, segment)
    return csvResponse(csv, `tablero-${intervention.code}${segment ? `-${segment}` : ''}.csv`)
  }
  const prototypes = [...new Map(all.map((v) => [v.prototypeId, v.prototypeName])).entries()].map(([id, name]) => ({ id, name }))
  return { intervention: { code: intervention.code, title: intervention.title }, overall, split, segment, tasks, labels, prototypes, prototypeId }
}

export default function InterventionDashboard({ loaderData }: Route.ComponentProps) {
  const { intervention, overall, split, segment, tasks, labels, prototypes, prototypeId } = loaderData
  const [searchParams] = useSearchParams()
  const label = (id: number) => labels[id] ?? String(id)
  const csvParams = new URLSearchParams(searchParams)
  csvParams.set('formato', 'csv')
  const withCompletion = overall.filter((r) => r.completion)
  const withSus = overall.filter((r) => r.sus)
  return (
    <>
      <p className="breadcrumb no-print">
        <Link to="/tableros/portafolio">Tableros</Link> › <Link to={`/intervenciones/${intervention.code}`}>{intervention.code}</Link>
      </p>
      <h1>
        Tablero de {intervention.code}: {intervention.title}
      </h1>
      <Form method="get" className="filters card no-print" aria-label="Filtrar el tablero">
        <SelectField
          id="prototipo"
          label="Prototipo"
          defaultValue={prototypeId ?? ''}
          empty="Todos"
          options={prototypes.map((p) => ({ value: p.id, label: p.name }))}
        />
        <SelectField
          id="segmento"
          label="Separar por"
          defaultValue={segment ?? ''}
          empty="Sin separar"
          options={labelledOptions(SEGMENT_KEYS, SEGMENT_LABELS)}
        />
        <div className="filter-buttons">
          <button type="submit" className="button">
            Aplicar
          </button>
          <a href={`?${csvParams.toString()}`} className="button button-secondary" download>
            Descargar CSV
          </a>
        </div>
      </Form>

      {overall.length === 0 ? (
        <p>Aún no hay respuestas de ciudadanos para las versiones de esta intervención.</p>
      ) : (
        <>
          <p className="muted">
            Cada cifra lleva su n y su intervalo de confianza del 95 %. Con menos de 5 participantes una cifra es solo indicativa; la nota SUS
            aparece solo cuando todo su intervalo cae en una misma nota.
          </p>
          <MetricsTable rows={overall} label={label} tasks={tasks} segment={null} caption="Resultados por versión, en orden" />
          <div className="chart-grid">
            {withCompletion.length > 0 ? (
              <IntervalBars
                title="Tareas completadas (%)"
                unit=" %"
                max={100}
                data={withCompletion.map((r) => ({ label: label(r.versionId), value: r.completion!.rate * 100, low: r.completion!.low * 100, high: r.completion!.high * 100, n: r.participants }))}
              />
            ) : null}
            {withSus.length > 0 ? (
              <IntervalBars
                title="SUS (0 a 100)"
                unit=""
                max={100}
                color="#b34700"
                data={withSus.map((r) => ({ label: label(r.versionId), value: r.sus!.mean, low: Math.max(0, r.sus!.low), high: Math.min(100, r.sus!.high), n: r.sus!.n }))}
              />
            ) : null}
            {tasks.map((t) => {
              const data = overall.flatMap((r) => {
                const s = r.seq.find((x) => x.taskQuestionId === t.id)
                return s ? [{ label: label(r.versionId), value: s.mean, low: Math.max(1, s.low), high: Math.min(7, s.high), n: s.n }] : []
              })
              return data.length > 0 ? <IntervalBars key={t.id} title={`SEQ ${t.label} (1 a 7)`} unit="" max={7} color="#1b6e3a" data={data} /> : null
            })}
          </div>
          {segment ? (
            <>
              <h2>Por {SEGMENT_LABELS[segment].toLowerCase()}</h2>
              <p className="muted">Se ocultan los grupos con menos de 5 participantes.</p>
              {split.length === 0 ? (
                <p>Ningún grupo llega a 5 participantes.</p>
              ) : (
                <MetricsTable rows={split} label={label} tasks={tasks} segment={segment} caption={`Resultados por versión y ${SEGMENT_LABELS[segment].toLowerCase()}`} />
              )}
            </>
          ) : null}
        </>
      )}
    </>
  )
}
