import { useId } from 'react'
import type { MetricsRow } from '#app/.server/metrics.ts'
import { completionText, csatText, meanText, MIN_N, npsText } from '#app/lib/metric-format.ts'
import { formatInteger } from '#app/lib/format.ts'
import { SEGMENT_LABELS, segmentValueLabel, type SegmentKey } from '#app/lib/segments.ts'

type Cell = { value: string; detail: string } | null

function Figure({ cell, indicative }: { cell: Cell; indicative?: boolean }) {
  if (!cell) return <span className="muted">—</span>
  return (
    <>
      <strong>{cell.value}</strong> <span className="muted figure-detail">({cell.detail})</span>
      {indicative ? <span className="badge badge-indicative">indicativo</span> : null}
    </>
  )
}

/** The accessible table of a dashboard: every figure with its n and 95 % interval. */
export function MetricsTable(props: {
  rows: MetricsRow[]
  label: (versionId: number) => string
  tasks: { id: number; label: string }[]
  segment: SegmentKey | null
  caption: string
}) {
  const { rows, segment, tasks } = props
  const captionId = useId()
  // The table can be wider than the page: its scrolling box takes keyboard focus (arrow keys
  // scroll it) and is named by the caption, so keyboard users reach every column too.
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="metrics-table">
        <caption id={captionId}>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Versión</th>
            {segment ? <th scope="col">{SEGMENT_LABELS[segment]}</th> : null}
            <th scope="col" className="num">
              Participantes
            </th>
            <th scope="col">Tareas completadas</th>
            <th scope="col">SUS</th>
            <th scope="col">CSAT</th>
            <th scope="col">NPS</th>
            {tasks.map((t) => (
              <th key={t.id} scope="col">
                SEQ {t.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const indicative = r.participants < MIN_N
            return (
              <tr key={`${r.versionId}-${r.segment}`}>
                <th scope="row">{props.label(r.versionId)}</th>
                {segment ? <td>{segmentValueLabel(segment, r.segment)}</td> : null}
                <td className="num">
                  {formatInteger(r.participants)}
                  {indicative ? <span className="badge badge-indicative">indicativo</span> : null}
                </td>
                <td>
                  <Figure cell={completionText(r.completion)} indicative={indicative} />
                </td>
                <td>
                  <Figure cell={meanText(r.sus, [0, 100])} indicative={indicative} />
                  {r.sus?.grade ? <span className="badge">Nota {r.sus.grade}</span> : null}
                </td>
                <td>
                  <Figure cell={csatText(r.csat)} />
                </td>
                <td>
                  <Figure cell={npsText(r.nps)} />
                </td>
                {tasks.map((t) => (
                  <td key={t.id}>
                    <Figure cell={meanText(r.seq.find((s) => s.taskQuestionId === t.id) ?? null, [1, 7])} />
                  </td>
                ))}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
