import fs from 'node:fs'
import { Link, redirect } from 'react-router'
import type { Route } from './+types/edit'
import { requireUser } from '#app/.server/auth.ts'
import { DomainError } from '#app/.server/interventions.ts'
import {
  filesOf,
  isFileUnreferenced,
  listInsightsOf,
  listKitManifests,
  requirePrototype,
  requireVersion,
  updateVersion,
} from '#app/.server/prototypes.ts'
import { resolveStoredFile } from '#app/.server/uploads.ts'
import { handleVersionSubmission } from '#app/.server/version-submission.ts'
import { VersionForm } from '#app/components/version-form.tsx'
import { VERSION_FROZEN_MESSAGE } from '#app/lib/forms/prototype.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Editar versión · Katapulta' }]

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request, 'facilitator', 'admin')
  const { intervention, prototype } = await requirePrototype(params.code, params.prototypeId)
  const version = await requireVersion(prototype.id, params.number)
  return { intervention, prototype, version, insights: await listInsightsOf(intervention.id), kits: await listKitManifests() }
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, 'facilitator', 'admin')
  const { intervention, prototype } = await requirePrototype(params.code, params.prototypeId)
  const version = await requireVersion(prototype.id, params.number)
  let removedFiles: (string | null)[] = []
  const outcome = await handleVersionSubmission(request, async (input, files) => {
    if (intervention.status === 'archived') throw new DomainError('La intervención está archivada: reactívela para editar versiones.', 409)
    removedFiles = (await filesOf(version.id, input.removeArtifactIds)).map((f) => f.filePath)
    updateVersion(intervention.id, version.id, input, files, user)
  })
  if (!outcome.ok) return outcome.response
  // After the commit: files no artifact points at any more leave the disk.
  for (const filePath of removedFiles) {
    const full = filePath && (await isFileUnreferenced(filePath)) ? resolveStoredFile(filePath) : null
    if (full) fs.rmSync(full, { force: true })
  }
  return redirect(`/intervenciones/${intervention.code}/prototipos/${prototype.id}/versiones/${version.number}?guardada=1`)
}

export default function EditVersion({ loaderData, actionData }: Route.ComponentProps) {
  const { intervention, prototype, version, insights, kits } = loaderData
  const base = `/intervenciones/${intervention.code}/prototipos/${prototype.id}`
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/intervenciones/${intervention.code}`}>{intervention.code}</Link> › <Link to={base}>{prototype.name}</Link> ›{' '}
        <Link to={`${base}/versiones/${version.number}`}>v{version.number}</Link>
      </p>
      <h1>
        Editar {prototype.name} v{version.number}
      </h1>
      {version.frozen ? (
        <div className="warning" role="alert">
          <p>{VERSION_FROZEN_MESSAGE}</p>
          <p>
            <Link to={`${base}/versiones/nueva?desde=${version.number}`} className="button">
              Publicar nueva versión a partir de v{version.number}
            </Link>
          </p>
        </div>
      ) : (
        <VersionForm
          lastResult={actionData as never}
          submitLabel="Guardar cambios"
          insights={insights}
          kits={kits}
          removable={version.artifacts.map((a) => ({ id: a.id, title: a.title, kind: a.kind }))}
          defaults={{
            changelog: version.changelog,
            status: version.status,
            insightIds: version.addressedInsights.map((i) => i.id),
            links: [],
            kitManifestId: null,
          }}
        />
      )}
    </>
  )
}
