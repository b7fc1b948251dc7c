import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { env } from './env.ts'

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024
export const MAX_FILES_PER_VERSION = 10

export type StoredFile = { kind: 'image' | 'pdf'; title: string; filePath: string; mimeType: string; sizeBytes: number }

// The type is read from the file's first bytes, never from its name or the browser's claim.
const SIGNATURES: { mime: string; ext: string; kind: 'image' | 'pdf'; test: (b: Buffer) => boolean }[] = [
  { mime: 'image/png', ext: 'png', kind: 'image', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', ext: 'jpg', kind: 'image', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/webp', ext: 'webp', kind: 'image', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { mime: 'image/gif', ext: 'gif', kind: 'image', test: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  { mime: 'application/pdf', ext: 'pdf', kind: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
]

export function sniffType(bytes: Buffer) {
  return SIGNATURES.find((s) => s.test(bytes)) ?? null
}

export const uploadsDir = () => path.resolve(env.DATA_DIR, 'uploads')

export class UploadError extends Error {}

/** Checks each file; throws an UploadError with a Spanish message naming the file at fault. */
export async function checkUploads(files: File[]) {
  if (files.length > MAX_FILES_PER_VERSION) throw new UploadError(`Suba como máximo ${MAX_FILES_PER_VERSION} archivos a la vez.`)
  const checked: { file: File; bytes: Buffer; type: (typeof SIGNATURES)[number] }[] = []
  for (const file of files) {
    const name = file.name || 'sin nombre'
    if (file.size === 0) throw new UploadError(`El archivo «${name}» está vacío.`)
    if (file.size > MAX_UPLOAD_BYTES) throw new UploadError(`El archivo «${name}» pesa más de 5 MB.`)
    const bytes = Buffer.from(await file.arrayBuffer())
    const type = sniffType(bytes)
    if (!type) throw new UploadError(`El archivo «${name}» no es una imagen (PNG, JPG, WebP, GIF) ni un PDF.`)
    checked.push({ file, bytes, type })
  }
  return checked
}

/**
 * Writes checked files under the data folder with random names (temp file, then rename, so no
 * half-written file is ever visible). Returns the rows to store and a cleanup for a failed save.
 */
export function storeUploads(checked: Awaited<ReturnType<typeof checkUploads>>) {
  const dir = uploadsDir()
  fs.mkdirSync(dir, { recursive: true })
  const written: string[] = []
  const cleanup = () => {
    for (const f of written) fs.rmSync(f, { force: true })
  }
  try {
    const stored: StoredFile[] = checked.map(({ file, bytes, type }) => {
      const name = `${crypto.randomUUID()}.${type.ext}`
      const target = path.join(dir, name)
      const temp = `${target}.part`
      fs.writeFileSync(temp, bytes, { flag: 'wx' })
      written.push(temp)
      fs.renameSync(temp, target)
      written.push(target)
      return {
        kind: type.kind,
        title: (file.name || name).slice(0, 200),
        filePath: `uploads/${name}`,
        mimeType: type.mime,
        sizeBytes: bytes.length,
      }
    })
    return { stored, cleanup }
  } catch (error) {
    cleanup()
    throw error
  }
}

/** The absolute path of a stored file, refusing anything that would leave the uploads folder. */
export function resolveStoredFile(filePath: string) {
  const full = path.resolve(env.DATA_DIR, filePath)
  if (!full.startsWith(uploadsDir() + path.sep)) return null
  return full
}
