import fs from 'node:fs'
import path from 'node:path'
import type { z } from 'zod'
import { PrototypeManifest, VersionManifest } from '../app/lib/prototype-manifest.ts'

export type LibraryPrototype = {
  slug: string
  prototype: PrototypeManifest
  versions: { file: string; manifest: VersionManifest }[]
}

export class ManifestError extends Error {}

function readManifest<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  let json: unknown
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ManifestError(`${file}: no es JSON válido (${(error as Error).message})`)
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const field = issue.path.length > 0 ? issue.path.join('.') : '(raíz)'
    throw new ManifestError(`${file}: campo "${field}": ${issue.message}`)
  }
  return parsed.data
}

/** Reads and validates prototypes/: one folder per prototype, prototype.json plus v1.json, v2.json… */
export function loadPrototypeLibrary(dir = path.resolve('prototypes')): LibraryPrototype[] {
  const slugs = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
  return slugs.map((slug) => {
    const folder = path.join(dir, slug)
    const rel = (f: string) => path.relative(process.cwd(), path.join(folder, f))
    if (!fs.existsSync(path.join(folder, 'prototype.json'))) {
      throw new ManifestError(`${rel('prototype.json')}: falta el archivo del prototipo`)
    }
    const prototype = readManifest(rel('prototype.json'), PrototypeManifest)
    const versions = fs
      .readdirSync(folder)
      .filter((f) => /^v\d+\.json$/.test(f))
      .sort((a, b) => Number(a.slice(1, -5)) - Number(b.slice(1, -5)))
      .map((f) => {
        const manifest = readManifest(rel(f), VersionManifest)
        if (`v${manifest.version}.json` !== f) {
          throw new ManifestError(`${rel(f)}: campo "version": dice ${manifest.version} pero el archivo es ${f}`)
        }
        return { file: `${slug}/${f}`, manifest }
      })
    if (versions.length === 0) throw new ManifestError(`${rel('v1.json')}: el prototipo no tiene ninguna versión`)
    return { slug, prototype, versions }
  })
}
