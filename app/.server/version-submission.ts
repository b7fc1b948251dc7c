import { parseWithZod } from '@conform-to/zod/v4'
import { z } from 'zod'
import { data } from 'react-router'
import { VersionForm, type VersionInput } from '#app/lib/forms/prototype.ts'
import { DomainError } from './interventions.ts'
import { checkUploads, MAX_FILES_PER_VERSION, MAX_UPLOAD_BYTES, storeUploads, UploadError, type StoredFile } from './uploads.ts'
import { notFound } from './http.ts'
import { readForm } from './read-form.ts'

const MAX_BODY_BYTES = MAX_FILES_PER_VERSION * MAX_UPLOAD_BYTES + 1024 * 1024

/**
 * The shared path of publishing and editing a version: refuse oversized bodies before reading
 * them, validate the fields (zod) and the files (by content), store the files, run `save`, and
 * remove the stored files again if the save is refused, so nothing partial stays on disk.
 */
export async function handleVersionSubmission<T>(
  request: Request,
  save: (input: VersionInput, files: StoredFile[], formData: FormData) => Promise<T> | T,
) {
  const length = Number(request.headers.get('Content-Length') ?? '0')
  if (length > MAX_BODY_BYTES) {
    return { ok: false as const, response: data({ status: 'error', error: { '': ['Los archivos pesan demasiado: cada uno puede pesar hasta 5 MB.'] } }, { status: 413 }) }
  }
  let formData: FormData
  try {
    formData = await readForm(request)
  } catch {
    return { ok: false as const, response: data({ status: 'error', error: { '': ['No pudimos leer el formulario. Intente de nuevo.'] } }, { status: 400 }) }
  }
  const submission = parseWithZod(formData, { schema: VersionForm })
  const reply = (formErrors: string[]) => submission.reply({ formErrors })
  if (submission.status !== 'success') return { ok: false as const, response: data(submission.reply(), { status: 400 }) }

  const files = formData.getAll('files').filter((f): f is File => f instanceof File && !(f.name === '' && f.size === 0))
  let stored: ReturnType<typeof storeUploads> | null = null
  try {
    stored = storeUploads(await checkUploads(files))
    const result = await save(submission.value, stored.stored, formData)
    return { ok: true as const, result }
  } catch (error) {
    stored?.cleanup()
    if (error instanceof UploadError) return { ok: false as const, response: data(reply([error.message]), { status: 400 }) }
    if (error instanceof DomainError) {
      if (error.status === 404) notFound(error.message)
      return { ok: false as const, response: data(reply([error.message]), { status: error.status }) }
    }
    throw error
  }
}

export const CarryForm = z.object({ carryArtifactIds: z.array(z.coerce.number().int().positive()).default([]) })
