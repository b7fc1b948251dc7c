import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import {
  artifacts,
  insights,
  kitManifests,
  prototypes,
  prototypeVersions,
  responses,
  users,
  versionAddressedInsights,
} from '#db/schema.ts'
import { VERSION_FROZEN_MESSAGE, type PrototypeInput, type VersionInput } from '#app/lib/forms/prototype.ts'
import type { VersionStatus } from '#app/lib/domain.ts'
import { recordAudit } from './audit.ts'
import type { SessionUser } from './auth.ts'
import { db } from './db.ts'
import { notFound } from './http.ts'
import { DomainError, getInterventionByCode } from './interventions.ts'
import type { StoredFile } from './uploads.ts'


export async function getPrototype(interventionId: number, prototypeId: number) {
  const prototype = await db.query.prototypes.findFirst({
    where: and(eq(prototypes.id, prototypeId), eq(prototypes.interventionId, interventionId)),
  })
  if (!prototype) return null
  const versions = await db
    .select({
      id: prototypeVersions.id,
      number: prototypeVersions.number,
      status: prototypeVersions.status,
      changelog: prototypeVersions.changelog,
      createdAt: prototypeVersions.createdAt,
      by: users.name,
      responseCount: sql<number>`(select count(*) from responses r where r.version_id = "prototype_versions"."id")`,
    })
    .from(prototypeVersions)
    .leftJoin(users, eq(users.id, prototypeVersions.createdBy))
    .where(eq(prototypeVersions.prototypeId, prototype.id))
    .orderBy(desc(prototypeVersions.number))
  return { ...prototype, versions }
}

export function createPrototype(interventionId: number, input: PrototypeInput, user: SessionUser) {
  return db.transaction((tx) => {
    const row = tx
      .insert(prototypes)
      .values({ interventionId, name: input.name, channel: input.channel, fidelity: input.fidelity, description: input.description, createdBy: user.id })
      .returning({ id: prototypes.id })
      .get()
    recordAudit({ actor: user, action: 'prototype.create', entityType: 'prototype', entityId: row.id }, tx)
    return row
  })
}

export async function isVersionFrozen(versionId: number) {
  const [row] = await db.select({ id: responses.id }).from(responses).where(eq(responses.versionId, versionId)).limit(1)
  return Boolean(row)
}

export async function getVersion(prototypeId: number, number: number) {
  const version = await db.query.prototypeVersions.findFirst({
    where: and(eq(prototypeVersions.prototypeId, prototypeId), eq(prototypeVersions.number, number)),
  })
  if (!version) return null
  const [files, addressed, author, frozen] = await Promise.all([
    db
      .select({
        id: artifacts.id,
        kind: artifacts.kind,
        title: artifacts.title,
        url: artifacts.url,
        mimeType: artifacts.mimeType,
        sizeBytes: artifacts.sizeBytes,
        kitPath: kitManifests.path,
        kitManifest: kitManifests.manifest,
      })
      .from(artifacts)
      .leftJoin(kitManifests, eq(kitManifests.id, artifacts.kitManifestId))
      .where(eq(artifacts.versionId, version.id))
      .orderBy(asc(artifacts.id)),
    db
      .select({ id: insights.id, title: insights.title, severity: insights.severity })
      .from(versionAddressedInsights)
      .innerJoin(insights, eq(insights.id, versionAddressedInsights.insightId))
      .where(eq(versionAddressedInsights.versionId, version.id)),
    version.createdBy ? db.query.users.findFirst({ where: eq(users.id, version.createdBy), columns: { name: true } }) : null,
    isVersionFrozen(version.id),
  ])
  return { ...version, artifacts: files, addressedInsights: addressed, author: author?.name ?? null, frozen }
}

export async function listInsightsOf(interventionId: number) {
  return db
    .select({ id: insights.id, title: insights.title, severity: insights.severity, status: insights.status })
    .from(insights)
    .where(eq(insights.interventionId, interventionId))
    .orderBy(insights.id)
}

export async function listKitManifests() {
  return db
    .select({ id: kitManifests.id, path: kitManifests.path, title: kitManifests.title })
    .from(kitManifests)
    .orderBy(kitManifests.path)
}

function checkReferences(
  tx: Parameters<Parameters<typeof db.transaction>[0]>[0],
  interventionId: number,
  input: Pick<VersionInput, 'insightIds' | 'kitManifestId'>,
) {
  if (input.insightIds.length > 0) {
    const found = tx
      .select({ id: insights.id })
      .from(insights)
      .where(and(inArray(insights.id, input.insightIds), eq(insights.interventionId, interventionId)))
      .all()
    if (found.length !== new Set(input.insightIds).size) throw new DomainError('Uno de los hallazgos elegidos no es de esta intervención.')
  }
  if (input.kitManifestId) {
    const kit = tx.select({ id: kitManifests.id }).from(kitManifests).where(eq(kitManifests.id, input.kitManifestId)).get()
    if (!kit) throw new DomainError('El prototipo de la biblioteca elegido no existe.')
  }
}

function addArtifacts(
  tx: Parameters<Parameters<typeof db.transaction>[0]>[0],
  versionId: number,
  input: Pick<VersionInput, 'links' | 'kitManifestId'>,
  files: StoredFile[],
) {
  for (const link of input.links) tx.insert(artifacts).values({ versionId, kind: 'link', title: link.title || link.url, url: link.url }).run()
  for (const f of files) tx.insert(artifacts).values({ versionId, ...f }).run()
  if (input.kitManifestId) {
    const kit = tx.select().from(kitManifests).where(eq(kitManifests.id, input.kitManifestId)).get()!
    tx.insert(artifacts).values({ versionId, kind: 'kit', title: `Prototipo interactivo: ${kit.title}`, kitManifestId: kit.id }).run()
  }
}

/** Publishes the next version (v1, v2…) of a prototype with its changelog, insights and artifacts. */
export function publishVersion(interventionId: number, prototypeId: number, input: VersionInput, files: StoredFile[], user: SessionUser) {
  return db.transaction((tx) => {
    checkReferences(tx, interventionId, input)
    const last = tx
      .select({ max: sql<number | null>`max(${prototypeVersions.number})` })
      .from(prototypeVersions)
      .where(eq(prototypeVersions.prototypeId, prototypeId))
      .get()
    const number = (last?.max ?? 0) + 1
    const version = tx
      .insert(prototypeVersions)
      .values({ prototypeId, number, changelog: input.changelog, status: input.status, createdBy: user.id })
      .returning({ id: prototypeVersions.id, number: prototypeVersions.number })
      .get()
    addArtifacts(tx, version.id, input, files)
    for (const insightId of new Set(input.insightIds)) {
      tx.insert(versionAddressedInsights).values({ versionId: version.id, insightId }).run()
      tx.update(insights).set({ status: 'addressed' }).where(and(eq(insights.id, insightId), eq(insights.status, 'open'))).run()
    }
    recordAudit({ actor: user, action: 'version.publish', entityType: 'prototype_version', entityId: version.id, detail: { prototypeId, number } }, tx)
    return version
  })
}

/** Edits a version nobody has answered about yet; once answered it is frozen (409). */
export function updateVersion(
  interventionId: number,
  versionId: number,
  input: VersionInput & { removeArtifactIds: number[] },
  files: StoredFile[],
  user: SessionUser,
) {
  return db.transaction((tx) => {
    const answered = tx.select({ id: responses.id }).from(responses).where(eq(responses.versionId, versionId)).limit(1).get()
    if (answered) throw new DomainError(VERSION_FROZEN_MESSAGE, 409)
    checkReferences(tx, interventionId, input)
    tx.update(prototypeVersions).set({ changelog: input.changelog, status: input.status }).where(eq(prototypeVersions.id, versionId)).run()
    if (input.removeArtifactIds.length > 0) {
      tx.delete(artifacts).where(and(eq(artifacts.versionId, versionId), inArray(artifacts.id, input.removeArtifactIds))).run()
    }
    addArtifacts(tx, versionId, input, files)
    tx.delete(versionAddressedInsights).where(eq(versionAddressedInsights.versionId, versionId)).run()
    for (const insightId of new Set(input.insightIds)) {
      tx.insert(versionAddressedInsights).values({ versionId, insightId }).run()
      tx.update(insights).set({ status: 'addressed' }).where(and(eq(insights.id, insightId), eq(insights.status, 'open'))).run()
    }
    recordAudit({ actor: user, action: 'version.update', entityType: 'prototype_version', entityId: versionId }, tx)
  })
}

/** A version's lifecycle status may change even when frozen: it describes the version, not what citizens saw. */
export function setVersionStatus(versionId: number, status: VersionStatus, user: SessionUser) {
  return db.transaction((tx) => {
    tx.update(prototypeVersions).set({ status }).where(eq(prototypeVersions.id, versionId)).run()
    recordAudit({ actor: user, action: 'version.status', entityType: 'prototype_version', entityId: versionId, detail: { status } }, tx)
  })
}

/** Stored files of a version that are about to be removed (to delete them from disk after the commit). */
export async function filesOf(versionId: number, artifactIds: number[]) {
  if (artifactIds.length === 0) return []
  return db
    .select({ filePath: artifacts.filePath })
    .from(artifacts)
    .where(and(eq(artifacts.versionId, versionId), inArray(artifacts.id, artifactIds)))
}

export async function getArtifactFile(artifactId: number) {
  return db.query.artifacts.findFirst({ where: eq(artifacts.id, artifactId) })
}

/** The intervention and prototype named by a URL, or the Spanish 404 page. */
export async function requirePrototype(code: string, prototypeIdParam: string) {
  const intervention = await getInterventionByCode(code)
  if (!intervention) notFound('No existe esa intervención.')
  const id = Number(prototypeIdParam)
  const prototype = Number.isSafeInteger(id) && id > 0 ? await getPrototype(intervention.id, id) : null
  if (!prototype) notFound('No existe ese prototipo en esta intervención.')
  return { intervention, prototype }
}

export async function requireVersion(prototypeId: number, numberParam: string) {
  const number = Number(numberParam)
  const version = Number.isSafeInteger(number) && number > 0 ? await getVersion(prototypeId, number) : null
  if (!version) notFound('No existe esa versión del prototipo.')
  return version
}

/** Artifacts of another version to carry into a new one (same stored file, new row). */
export async function fileArtifactsOf(versionId: number, ids: number[]) {
  if (ids.length === 0) return []
  return db
    .select({ title: artifacts.title, filePath: artifacts.filePath, mimeType: artifacts.mimeType, sizeBytes: artifacts.sizeBytes, kind: artifacts.kind })
    .from(artifacts)
    .where(and(eq(artifacts.versionId, versionId), inArray(artifacts.id, ids), inArray(artifacts.kind, ['image', 'pdf'])))
}

/** True when no artifact row points at this stored file any more (so it may leave the disk). */
export async function isFileUnreferenced(filePath: string) {
  const [row] = await db.select({ id: artifacts.id }).from(artifacts).where(eq(artifacts.filePath, filePath)).limit(1)
  return !row
}
