import { useEffect } from 'react'
import { data, Form, Link, redirect, useRevalidator, useSearchParams } from 'react-router'
import type { Route } from './+types/board'
import { requireUser } from '#app/.server/auth.ts'
import { notFound, pagePath } from '#app/.server/http.ts'
import { DomainError, getInterventionByCode, getInterventionDetail } from '#app/.server/interventions.ts'
import { listVersionsOf } from '#app/.server/metrics.ts'
import {
  createInsight,
  ensureCards,
  listCards,
  listClusters,
  mergeClusters,
  moveCard,
  renameCluster,
  splitCluster,
  undoLastMove,
} from '#app/.server/synthesis.ts'
import { AffinityBoard } from '#app/components/board/affinity-board.tsx'
import { OBSERVATION_TAGS, OBSERVATION_TAG_LABELS } from '#app/lib/domain.ts'
import { BoardAction, BoardFilters, formToObject } from '#app/lib/forms/synthesis.ts'
import { SEGMENT_KEYS, SEGMENT_LABELS } from '#app/lib/segments.ts'
import { readForm } from '#app/.server/read-form.ts'
import { SelectField, labelledOptions } from '#app/components/select-field.tsx'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Síntesis ${data?.intervention.code ?? ''} · Katapulta` }]

async function loadIntervention(code: string) {
  const intervention = await getInterventionByCode(code)
  if (!intervention) notFound('No existe esa intervención.')
  return intervention
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request)
  const intervention = await loadIntervention(params.code)
  ensureCards(intervention.id)
  const f = BoardFilters.parse(Object.fromEntries(new URL(request.url).searchParams))
  const [cards, clusters, versions, detail] = await Promise.all([
    listCards(intervention.id, { session: f.sesion, version: f.version, tag: f.etiqueta, segment: f.segmento, segmentValue: f.valor }),
    listClusters(intervention.id),
    listVersionsOf(intervention.id),
    getInterventionDetail(intervention.id),
  ])
  return {
    intervention: { code: intervention.code, title: intervention.title },
    cards,
    clusters,
    versions: versions.map((v) => ({ id: v.id, label: `${v.prototypeName} v${v.number}` })),
    sessions: detail.sessions.map((s) => ({ id: s.id, title: s.title })),
    filters: f,
    editable: user.role !== 'manager' && intervention.status === 'active',
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, 'facilitator', 'admin')
  const intervention = await loadIntervention(params.code)
  const form = await readForm(request)
  const viaJs = form.get('via') === 'js'
  const parsed = BoardAction.safeParse(formToObject(form))
  if (!parsed.success) return data({ ok: false, message: parsed.error.issues[0]?.message ?? 'Solicitud no válida.' }, { status: 400 })
  const input = parsed.data
  let message = 'Guardado.'
  try {
    switch (input.intent) {
      case 'move':
        moveCard(intervention.id, input.cardId, input.to === 'none' ? null : input.to, user)
        message = 'Tarjeta movida.'
        break
      case 'rename':
        renameCluster(intervention.id, input.clusterId, input.name, user)
        message = 'Grupo renombrado.'
        break
      case 'merge':
        mergeClusters(intervention.id, input.sourceId, input.targetId, user)
        message = 'Grupos unidos.'
        break
      case 'split':
        splitCluster(intervention.id, input.clusterId, input.cardIds, input.name, user)
        message = 'Tarjetas separadas en un grupo nuevo.'
        break
      case 'undo':
        undoLastMove(intervention.id, user)
        message = 'Se deshizo su último movimiento.'
        break
      case 'insight': {
        const id = createInsight(intervention.id, input.clusterId, input, user)
        return redirect(`/intervenciones/${intervention.code}/hallazgos/${id}?creado=1`)
      }
    }
  } catch (error) {
    if (error instanceof DomainError) return data({ ok: false, message: error.message }, { status: error.status })
    throw error
  }
  if (viaJs) return { ok: true, message }
  const back = new URL(pagePath(request), 'http://localhost')
  back.searchParams.set('hecho', message)
  return redirect(back.pathname + back.search)
}

export default function SynthesisBoard({ loaderData, actionData }: Route.ComponentProps) {
  const { intervention, cards, clusters, versions, sessions, filters, editable } = loaderData
  const [searchParams] = useSearchParams()
  const revalidator = useRevalidator()
  // Two facilitators on one board: pick up the other person's moves on focus and every 10 s.
  useEffect(() => {
    const refresh = () => {
      // Not in the middle of someone's drag: new data would move the cards under their hand.
      const dragging = document.querySelector('.affinity-card.is-dragging') !== null
      if (document.visibilityState === 'visible' && revalidator.state === 'idle' && !dragging) void revalidator.revalidate()
    }
    const timer = setInterval(refresh, 10_000)
    window.addEventListener('focus', refresh)
    return () => {
      clearInterval(timer)
      window.removeEventListener('focus', refresh)
    }
  }, [revalidator])
  const done = searchParams.get('hecho')
  const error = actionData && !actionData.ok ? actionData.message : null
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/intervenciones/${intervention.code}`}>
          {intervention.code} · {intervention.title}
        </Link>
      </p>
      <div className="page-head">
        <h1>Síntesis: tablero de afinidad</h1>
        {editable ? (
          <Form method="post">
            <input type="hidden" name="intent" value="undo" />
            <button type="submit" className="button button-secondary">
              Deshacer mi último movimiento
            </button>
          </Form>
        ) : null}
      </div>
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      {error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
      <Form method="get" className="filters card" aria-label="Filtrar tarjetas">
        <SelectField
          id="sesion"
          label="Sesión"
          defaultValue={filters.sesion ?? ''}
          empty="Todas"
          options={sessions.map((s) => ({ value: s.id, label: s.title }))}
        />
        <SelectField
          id="version"
          label="Versión"
          defaultValue={filters.version ?? ''}
          empty="Todas"
          options={versions.map((v) => ({ value: v.id, label: v.label }))}
        />
        <SelectField
          id="etiqueta"
          label="Etiqueta"
          defaultValue={filters.etiqueta ?? ''}
          empty="Todas"
          options={labelledOptions(OBSERVATION_TAGS, OBSERVATION_TAG_LABELS)}
        />
        <SelectField
          id="segmento"
          label="Segmento"
          defaultValue={filters.segmento ?? ''}
          empty="Ninguno"
          options={labelledOptions(SEGMENT_KEYS, SEGMENT_LABELS)}
        />
        <div className="field">
          <label htmlFor="valor">Valor del segmento</label>
          <input id="valor" name="valor" defaultValue={filters.valor ?? ''} placeholder="Por ejemplo: 70+ o low" />
        </div>
        <div className="filter-buttons">
          <button type="submit" className="button">
            Filtrar
          </button>
          <Link to="." className="button button-secondary">
            Limpiar
          </Link>
        </div>
      </Form>
      <p className="muted">
        {cards.length} tarjetas. {editable ? 'Arrastre cada tarjeta a un grupo (ratón, dedo o teclado: espacio y flechas), o use «Mover a…».' : ''}
      </p>
      <AffinityBoard code={intervention.code} cards={cards} clusters={clusters} versions={versions} editable={editable} />
    </>
  )
}
