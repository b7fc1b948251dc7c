import { Link } from 'react-router'
import type { Route } from './+types/compare'
import { requireUser } from '#app/.server/auth.ts'
import { notFound } from '#app/.server/http.ts'
import { getVersion, requirePrototype } from '#app/.server/prototypes.ts'
import { metricsByVersion } from '#app/.server/metrics.ts'
import { ArtifactList } from '#app/components/artifact-list.tsx'
import { HeadlineScoresView } from '#app/components/headline-scores.tsx'
import { VersionStatusBadge } from '#app/components/labels.tsx'
import { INSIGHT_SEVERITY_LABELS } from '#app/lib/domain.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Comparar versiones · Katapulta' }]

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request)
  const { intervention, prototype } = await requirePrototype(params.code, params.prototypeId)
  const search = new URL(request.url).searchParams
  const numbers = [search.get('a'), search.get('b')].map(Number)
  const versions = await Promise.all(numbers.map((n) => (Number.isSafeInteger(n) && n > 0 ? getVersion(prototype.id, n) : null)))
  if (versions.some((v) => !v)) notFound('Elija dos versiones de este prototipo para compararlas.')
  const [a, b] = versions as NonNullable<(typeof versions)[number]>[]
  const scores = await metricsByVersion([a!.id, b!.id])
  return { intervention, prototype, columns: [a!, b!].map((v, i) => ({ version: v, scores: scores[i]! })) }
}

export default function CompareVersions({ loaderData }: Route.ComponentProps) {
  const { intervention, prototype, columns } = loaderData
  const base = `/intervenciones/${intervention.code}/prototipos/${prototype.id}`
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/intervenciones/${intervention.code}`}>{intervention.code}</Link> › <Link to={base}>{prototype.name}</Link>
      </p>
      <h1>
        {prototype.name}: v{columns[0]!.version.number} y v{columns[1]!.version.number}
      </h1>
      <div className="compare-grid">
        {columns.map(({ version, scores }) => (
          <section key={version.id} aria-labelledby={`v-${version.id}`} className="card">
            <h2 id={`v-${version.id}`}>
              <Link to={`${base}/versiones/${version.number}`}>v{version.number}</Link> <VersionStatusBadge status={version.status} />
            </h2>
            <h3>Qué cambió y por qué</h3>
            <p className="changelog">{version.changelog}</p>
            {version.addressedInsights.length > 0 ? (
              <>
                <h3>Hallazgos que atiende</h3>
                <ul>
                  {version.addressedInsights.map((i) => (
                    <li key={i.id}>
                      {i.title} <span className="muted">({INSIGHT_SEVERITY_LABELS[i.severity]})</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <h3>Resultados</h3>
            <HeadlineScoresView scores={scores} />
            <h3>Artefactos</h3>
            <ArtifactList artifacts={version.artifacts} />
          </section>
        ))}
      </div>
    </>
  )
}
