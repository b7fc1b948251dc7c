import fs from 'node:fs'
import type { Route } from './+types/artifact-file'
import { requireUser } from '#app/.server/auth.ts'
import { notFound } from '#app/.server/http.ts'
import { getArtifactFile } from '#app/.server/prototypes.ts'
import { resolveStoredFile } from '#app/.server/uploads.ts'

// An uploaded image or PDF, only for signed-in staff, with the type that was checked at upload.
export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request)
  const id = Number(params.artifactId)
  const artifact = Number.isSafeInteger(id) && id > 0 ? await getArtifactFile(id) : null
  const full = artifact?.filePath && artifact.mimeType ? resolveStoredFile(artifact.filePath) : null
  if (!artifact || !full || !fs.existsSync(full)) notFound('No existe ese archivo.')
  const body = fs.readFileSync(full)
  const filename = encodeURIComponent(artifact.title)
  return new Response(body, {
    headers: {
      'Content-Type': artifact.mimeType!,
      'Content-Length': String(body.length),
      'Content-Disposition': `inline; filename*=UTF-8''${filename}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=3600',
      // Images can never run anything; PDFs open in the browser's own viewer, which a CSP sandbox would blank.
      ...(artifact.kind === 'image' ? { 'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'" } : {}),
    },
  })
}
