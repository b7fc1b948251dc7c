import type { Route } from './+types/home'
import { requireUser } from '#app/.server/auth.ts'
import { getLabFigures } from '#app/.server/lab-figures.ts'
import { formatInteger, formatMonth } from '#app/lib/format.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Tablero del laboratorio · Katapulta' }]

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request)
  return { figures: await getLabFigures() }
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { figures } = loaderData
  const lab = [
    { label: 'Intervenciones', value: figures.interventions },
    { label: 'Prototipos', value: figures.prototypes, note: `${formatInteger(figures.versions)} versiones` },
    { label: 'Sesiones realizadas', value: figures.sessionsHeld },
    { label: 'Ciudadanos escuchados', value: figures.citizensHeard },
  ]
  return (
    <>
      <h1>Tablero del laboratorio</h1>
      <section aria-labelledby="lab-title">
        <h2 id="lab-title">El laboratorio en cifras</h2>
        <ul className="figure-grid" data-testid="lab-figures">
          {lab.map((f) => (
            <li key={f.label} className="figure-card">
              <span className="figure-value">{formatInteger(f.value)}</span>
              <span className="figure-label">{f.label}</span>
              {f.note ? <span className="figure-note">{f.note}</span> : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="channels-title">
        <h2 id="channels-title">Resultados de los canales de atención</h2>
        {figures.channels.length === 0 ? (
          <p>Aún no hay indicadores de canal registrados.</p>
        ) : (
          <ul className="figure-grid" data-testid="channel-figures">
            {figures.channels.map((c) => (
              <li key={c.metric} className="figure-card">
                <span className="figure-value">{formatInteger(c.value)}</span>
                <span className="figure-label">{c.label}</span>
                <span className="figure-note">
                  {c.headline === 'total'
                    ? `Total de ${formatMonth(c.firstMonth)} a ${formatMonth(c.lastMonth)}`
                    : c.headline === 'monthlyAverage'
                      ? `Promedio mensual, ${formatMonth(c.firstMonth)} a ${formatMonth(c.lastMonth)}`
                      : `Últimos 12 meses, hasta ${formatMonth(c.lastMonth)}`}
                  {c.previous12 !== null
                    ? ` · ${c.value >= c.previous12 ? `${formatInteger(c.value - c.previous12)} más` : `${formatInteger(c.previous12 - c.value)} menos`} que los 12 meses anteriores`
                    : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
