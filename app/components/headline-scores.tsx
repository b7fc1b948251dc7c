import type { MetricsRow } from '#app/.server/metrics.ts'

type HeadlineScores = Pick<MetricsRow, 'participants' | 'completion' | 'sus'>
import { formatDecimal, formatInteger } from '#app/lib/format.ts'

const pct = (x: number) => `${Math.round(x * 100)} %`

/** n beside every figure, and its 95 % interval; below n = 5 the figure is marked as indicative. */
export function HeadlineScoresView({ scores }: { scores: HeadlineScores }) {
  if (scores.participants === 0 && !scores.completion && !scores.sus) {
    return <p>Aún no hay respuestas de ciudadanos para esta versión.</p>
  }
  return (
    <dl className="summary">
      <div>
        <dt>Participantes</dt>
        <dd>{formatInteger(scores.participants)}</dd>
      </div>
      <div>
        <dt>Tareas completadas</dt>
        <dd>
          {scores.completion ? (
            <>
              {pct(scores.completion.rate)}{' '}
              <span className="muted">
                ({scores.completion.successes} de {scores.completion.attempts} intentos; IC 95 %: {pct(scores.completion.low)}–{pct(scores.completion.high)})
              </span>
              {scores.completion.attempts < 5 ? <span className="badge">indicativo</span> : null}
            </>
          ) : (
            '—'
          )}
        </dd>
      </div>
      <div>
        <dt>SUS</dt>
        <dd>
          {scores.sus ? (
            <>
              {formatDecimal(scores.sus.mean)}{' '}
              <span className="muted">
                (n = {scores.sus.n}
                {Number.isFinite(scores.sus.low) ? `; IC 95 %: ${formatDecimal(Math.max(0, scores.sus.low))}–${formatDecimal(Math.min(100, scores.sus.high))}` : ''})
              </span>
              {scores.sus.n < 5 ? <span className="badge">indicativo</span> : null}
            </>
          ) : (
            '—'
          )}
        </dd>
      </div>
    </dl>
  )
}
