import { Link, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/new'
import { requireUser } from '#app/.server/auth.ts'
import { fileArtifactsOf, getVersion, listInsightsOf, listKitManifests, publishVersion, requirePrototype } from '#app/.server/prototypes.ts'
import { CarryForm, handleVersionSubmission } from '#app/.server/version-submission.ts'
import { DomainError } from '#app/.server/interventions.ts'
import { VersionForm } from '#app/components/version-form.tsx'

export const meta: Route.MetaFunction = () => [{ title: 'Publicar versión · Katapulta' }]

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request, 'facilitator', 'admin')
  const { intervention, prototype } = await requirePrototype(params.code, params.prototypeId)
  const from = Number(new URL(request.url).searchParams.get('desde'))
  const source = Number.isSafeInteger(from) && from > 0 ? await getVersion(prototype.id, from) : null
  const nextNumber = (prototype.versions[0]?.number ?? 0) + 1
  return { intervention, prototype, source, nextNumber, insights: await listInsightsOf(intervention.id), kits: await listKitManifests() }
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, 'facilitator', 'admin')
  const { intervention, prototype } = await requirePrototype(params.code, params.prototypeId)
  const outcome = await handleVersionSubmission(request, async (input, files, formData) => {
    if (intervention.status === 'archived') throw new DomainError('La intervención está archivada: reactívela para publicar versiones.', 409)
    // Files kept from the version this one started from: same stored file, a new artifact row.
    const carry = CarryForm.parse({ carryArtifactIds: formData.getAll('carryArtifactIds') })
    const from = Number(new URL(request.url).searchParams.get('desde'))
    const source = Number.isSafeInteger(from) && from > 0 ? prototype.versions.find((v) => v.number === from) : undefined
    const carried = source ? await fileArtifactsOf(source.id, carry.carryArtifactIds) : []
    const kept = carried.map((a) => ({ kind: a.kind as 'image' | 'pdf', title: a.title, filePath: a.filePath!, mimeType: a.mimeType!, sizeBytes: a.sizeBytes! }))
    return publishVersion(intervention.id, prototype.id, input, [...kept, ...files], user)
  })
  if (!outcome.ok) return outcome.response
  return redirect(`/intervenciones/${intervention.code}/prototipos/${prototype.id}/versiones/${outcome.result.number}?publicada=1`)
}

export default function NewVersion({ loaderData, actionData }: Route.ComponentProps) {
  const { intervention, prototype, source, nextNumber, insights, kits } = loaderData
  const [searchParams] = useSearchParams()
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/intervenciones/${intervention.code}`}>{intervention.code}</Link> ›{' '}
        <Link to={`/intervenciones/${intervention.code}/prototipos/${prototype.id}`}>{prototype.name}</Link>
      </p>
      <h1>
        Publicar {prototype.name} v{nextNumber}
      </h1>
      {searchParams.get('creado') ? <p className="notice" role="status">Prototipo creado. Publique su primera versión.</p> : null}
      {source ? (
        <p className="muted">
          Partiendo de v{source.number}: revise el texto de cambios y los archivos antes de publicar.
        </p>
      ) : null}
      <VersionForm
        lastResult={actionData as never}
        submitLabel={`Publicar v${nextNumber}`}
        insights={insights}
        kits={kits}
        carryFiles={source?.artifacts.filter((a) => a.kind === 'image' || a.kind === 'pdf')}
        defaults={{
          changelog: source?.changelog ?? '',
          status: nextNumber === 1 ? 'draft' : (source?.status ?? 'draft'),
          insightIds: [],
          links: source?.artifacts.filter((a) => a.kind === 'link').map((a) => ({ title: a.title, url: a.url ?? '' })) ?? [],
          kitManifestId: null,
        }}
      />
    </>
  )
}
