import { data, Form, Link, useSearchParams } from 'react-router'
import type { Route } from './+types/compare'
import { requireUser } from '#app/.server/auth.ts'
import { listTaskLabels, listVersionsForPicker, metricsByVersion, versionMetrics } from '#app/.server/metrics.ts'
import { csvDownload, csvResponse, metricsCsv } from '#app/.server/metrics-csv.ts'
import { IntervalBars } from '#app/components/charts/interval-bars.tsx'
import { MetricsTable } from '#app/components/metrics-table.tsx'
import { parseSegment, SEGMENT_KEYS, SEGMENT_LABELS } from '#app/lib/segments.ts'
import { completionVerdict, susVerdict, type Verdict } from '#app/lib/verdicts.ts'
import { SelectField, labelledOptions } from '#app/components/select-field.tsx'

export const meta: Route.MetaFunction = () => [{ title: 'Comparar versiones · Katapulta' }]

export const middleware: Route.MiddlewareFunction[] = [csvDownload(loader)]

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request)
  const search = new URL(request.url).searchParams
  const picker = await listVersionsForPicker()
  const label = (id: number) => {
    const v = picker.find((p) => p.id === id)
    return v ? `${v.prototypeName} v${v.number} (${v.code})` : String(id)
  }
  const requested = search.getAll('v')
  const ids = [...new Set(requested.map(Number))]
  const segment = parseSegment(search.get('segmento'))
  const base = { picker, selected: ids, segment }
  if (requested.length === 0) return { ...base, comparison: null, error: null }
  if (ids.some((id) => !picker.some((p) => p.id === id)) || ids.length < 2 || ids.length > 4) {
    return data({ ...base, comparison: null, error: 'Elija de 2 a 4 versiones distintas de la lista.' }, { status: 400 })
  }
  const [rows, split] = await Promise.all([metricsByVersion(ids), segment ? versionMetrics(ids, segment) : Promise.resolve([])])
  const tasks = await listTaskLabels(rows.flatMap((r) => r.seq.map((s) => s.taskQuestionId)))
  if (search.get('formato') === 'csv') return csvResponse(metricsCsv(segment ? split : rows, label, tasks, segment), 'comparacion.csv')

  // Each version against the first one chosen.
  const [baseline, ...others] = rows
  const verdicts = others.map((r) => {
    const list: Verdict[] = []
    if (baseline!.completion && r.completion) {
      list.push(
        completionVerdict(
          { label: label(baseline!.versionId), successes: baseline!.completion.successes, attempts: baseline!.completion.attempts },
          { label: label(r.versionId), successes: r.completion.successes, attempts: r.completion.attempts },
          baseline!.participants + r.participants,
        ),
      )
    }
    if (baseline!.sus && r.sus) {
      list.push(susVerdict({ label: label(baseline!.versionId), ...baseline!.sus }, { label: label(r.versionId), ...r.sus }))
    }
    return { versionId: r.versionId, verdicts: list }
  })
  const labels = Object.fromEntries(ids.map((id) => [id, label(id)]))
  return { ...base, comparison: { rows, split, tasks, labels, verdicts }, error: null }
}

export default function Compare({ loaderData }: Route.ComponentProps) {
  const { picker, selected, segment, comparison, error } = loaderData
  const [searchParams] = useSearchParams()
  const csvParams = new URLSearchParams(searchParams)
  csvParams.set('formato', 'csv')
  const groups = [...new Map(picker.map((p) => [`${p.code} · ${p.prototypeName}`, picker.filter((x) => x.prototypeId === p.prototypeId)])).entries()]
  const label = (id: number) => comparison?.labels[id] ?? String(id)

  return (
    <>
      <p className="breadcrumb no-print">
        <Link to="/tableros/portafolio">Tableros</Link>
      </p>
      <h1>Comparar versiones</h1>
      <Form method="get" className="card no-print stack" aria-label="Elegir versiones">
        <fieldset className="field">
          <legend>Elija de 2 a 4 versiones (la primera es la referencia)</legend>
          <div className="picker-groups">
            {groups.map(([title, versions]) => (
              <div key={title} className="picker-group">
                <p className="muted">{title}</p>
                <div className="checks">
                  {versions.map((v) => (
                    <label key={v.id}>
                      <input type="checkbox" name="v" value={v.id} defaultChecked={selected.includes(v.id)} />v{v.number}
                      <span className="visually-hidden">
                        {' '}
                        de {v.prototypeName} ({v.code})
                      </span>
                    </label>
                  ))}
                </div>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="field-row">
          <SelectField
            id="segmento"
            label="Separar por"
            defaultValue={segment ?? ''}
            empty="Sin separar"
            options={labelledOptions(SEGMENT_KEYS, SEGMENT_LABELS)}
          />
        </div>
        <div className="filter-buttons">
          <button type="submit" className="button">
            Comparar
          </button>
          {comparison ? (
            <a href={`?${csvParams.toString()}`} className="button button-secondary" download>
              Descargar CSV
            </a>
          ) : null}
        </div>
        {error ? (
          <p className="alert" role="alert">
            {error}
          </p>
        ) : null}
      </Form>

      {comparison ? (
        <>
          <section aria-labelledby="verdict-title">
            <h2 id="verdict-title">¿Hay diferencia?</h2>
            <ul className="verdicts">
              {comparison.verdicts.flatMap((v) =>
                v.verdicts.map((x, i) => (
                  <li key={`${v.versionId}-${i}`} className={x.distinguishable ? 'verdict verdict-yes' : 'verdict'}>
                    {x.text}
                  </li>
                )),
              )}
              {comparison.verdicts.every((v) => v.verdicts.length === 0) ? <li>Estas versiones aún no tienen resultados comparables.</li> : null}
            </ul>
          </section>
          <MetricsTable rows={comparison.rows} label={label} tasks={comparison.tasks} segment={null} caption="Versiones lado a lado" />
          <div className="chart-grid">
            <IntervalBars
              title="Tareas completadas (%)"
              unit=" %"
              max={100}
              data={comparison.rows.filter((r) => r.completion).map((r) => ({ label: label(r.versionId), value: r.completion!.rate * 100, low: r.completion!.low * 100, high: r.completion!.high * 100, n: r.participants }))}
            />
            <IntervalBars
              title="SUS (0 a 100)"
              unit=""
              max={100}
              color="#b34700"
              data={comparison.rows.filter((r) => r.sus).map((r) => ({ label: label(r.versionId), value: r.sus!.mean, low: Math.max(0, r.sus!.low), high: Math.min(100, r.sus!.high), n: r.sus!.n }))}
            />
          </div>
          {segment ? (
            <>
              <h2>Por {SEGMENT_LABELS[segment].toLowerCase()}</h2>
              <p className="muted">Se ocultan los grupos con menos de 5 participantes.</p>
              {comparison.split.length === 0 ? (
                <p>Ningún grupo llega a 5 participantes.</p>
              ) : (
                <MetricsTable rows={comparison.split} label={label} tasks={comparison.tasks} segment={segment} caption={`Versiones por ${SEGMENT_LABELS[segment].toLowerCase()}`} />
              )}
            </>
          ) : null}
        </>
      ) : null}
    </>
  )
}
