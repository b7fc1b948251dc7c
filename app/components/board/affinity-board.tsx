import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core'
import { useEffect, useState } from 'react'
import { Form, Link, useFetcher } from 'react-router'
import { INSIGHT_SEVERITIES, INSIGHT_SEVERITY_LABELS, OBSERVATION_TAG_LABELS, type ObservationTag } from '#app/lib/domain.ts'

export type Card = {
  id: number
  clusterId: number | null
  text: string
  source: 'observation' | 'comment'
  tags: ObservationTag[]
  participantCode: string | null
  versionLabel: string | null
  taskText: string | null
  sessionTitle: string
}
export type Cluster = { id: number; name: string; insightId: number | null }

const NONE = 'none'
const NEW = 'new'
const zoneId = (clusterId: number | null) => (clusterId === null ? NONE : `c${clusterId}`)

export function AffinityBoard(props: { code: string; cards: Card[]; clusters: Cluster[]; versions: { id: number; label: string }[]; editable: boolean }) {
  const { cards, clusters, editable } = props
  const fetcher = useFetcher<{ ok: boolean; message?: string }>()
  // Where each card shows while its move is being saved.
  const [placed, setPlaced] = useState<Record<number, number | null>>({})
  const [active, setActive] = useState<number | null>(null)
  useEffect(() => setPlaced({}), [cards])
  const clusterOf = (c: Card) => (c.id in placed ? placed[c.id]! : c.clusterId)
  const zones = [NONE, ...clusters.map((c) => zoneId(c.id)), NEW]
  const zoneName = (id: unknown) => (id === NONE ? 'Sin agrupar' : id === NEW ? 'Nuevo grupo' : clusters.find((c) => zoneId(c.id) === id)?.name || 'Grupo sin nombre')
  const cardText = (id: unknown) => cards.find((c) => c.id === Number(id))?.text.slice(0, 60) ?? ''

  // Arrow keys jump a picked-up card to the previous or next group.
  const coordinates: KeyboardCoordinateGetter = (event, { context }) => {
    const forward = event.code === 'ArrowRight' || event.code === 'ArrowDown'
    if (!forward && event.code !== 'ArrowLeft' && event.code !== 'ArrowUp') return undefined
    event.preventDefault()
    const current = String(context.over?.id ?? zoneId((context.active?.data.current as { clusterId: number | null } | undefined)?.clusterId ?? null))
    const index = Math.max(0, zones.indexOf(current))
    const next = zones[Math.min(zones.length - 1, Math.max(0, index + (forward ? 1 : -1)))]!
    const rect = context.droppableRects.get(next)
    return rect ? { x: rect.left + 8, y: rect.top + 48 } : undefined
  }
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 180, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: coordinates }),
  )
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Tomó la tarjeta «${cardText(active.id)}». Use las flechas para elegir un grupo.`,
    onDragOver: ({ over }) => (over ? `Sobre ${zoneName(over.id)}.` : 'Fuera de los grupos.'),
    onDragEnd: ({ active, over }) => (over ? `Soltó «${cardText(active.id)}» en ${zoneName(over.id)}.` : 'Se soltó fuera de los grupos; no se movió.'),
    onDragCancel: () => 'Se canceló el movimiento.',
  }
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setActive(null)
    const card = cards.find((c) => c.id === Number(active.id))
    if (!card || !over) return
    const target = String(over.id)
    const to = target === NONE ? null : target === NEW ? NEW : Number(target.slice(1))
    if (to === clusterOf(card)) return
    if (to !== NEW) setPlaced((p) => ({ ...p, [card.id]: to }))
    fetcher.submit({ intent: 'move', cardId: String(card.id), to: to === null ? NONE : String(to), via: 'js' }, { method: 'post' })
  }

  const columns: { zone: string; cluster: Cluster | null }[] = [{ zone: NONE, cluster: null }, ...clusters.map((c) => ({ zone: zoneId(c.id), cluster: c }))]
  const board = (
    <div className="affinity-board">
      {fetcher.data && !fetcher.data.ok ? (
        <p className="alert" role="alert">
          {fetcher.data.message}
        </p>
      ) : null}
      <div className="affinity-columns">
        {columns.map(({ zone, cluster }) => (
          <Zone key={zone} id={zone} title={cluster ? cluster.name || 'Grupo sin nombre' : 'Sin agrupar'} editable={editable}>
            {cluster ? <ClusterTools code={props.code} cluster={cluster} clusters={clusters} cards={cards.filter((c) => clusterOf(c) === cluster.id)} versions={props.versions} editable={editable} /> : null}
            <ul className="affinity-cards">
              {cards
                .filter((c) => clusterOf(c) === (cluster?.id ?? null))
                .map((c) => (
                  <CardItem key={c.id} card={c} clusters={clusters} editable={editable} />
                ))}
            </ul>
          </Zone>
        ))}
        {editable ? (
          <Zone id={NEW} title="Nuevo grupo" editable>
            <p className="muted">Suelte aquí una tarjeta para empezar un grupo nuevo.</p>
          </Zone>
        ) : null}
      </div>
    </div>
  )
  if (!editable) return board
  const activeCard = cards.find((c) => c.id === active)
  return (
    <DndContext
      sensors={sensors}
      accessibility={{
        announcements,
        screenReaderInstructions: { draggable: 'Para mover una tarjeta, pulse espacio o Enter. Cambie de grupo con las flechas, suéltela con espacio o Enter, o cancele con Escape.' },
      }}
      onDragStart={(e) => setActive(Number(e.active.id))}
      onDragCancel={() => setActive(null)}
      onDragEnd={onDragEnd}
    >
      {board}
      <DragOverlay>{activeCard ? <div className="affinity-card is-overlay">{activeCard.text}</div> : null}</DragOverlay>
    </DndContext>
  )
}

function Zone({ id, title, editable, children }: { id: string; title: string; editable: boolean; children: React.ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id, disabled: !editable })
  return (
    <section ref={setNodeRef} className={`affinity-zone${isOver ? ' is-over' : ''}${id === NEW ? ' affinity-new' : ''}`} aria-label={title} data-zone={id}>
      <h2>{title}</h2>
      {children}
    </section>
  )
}

function CardItem({ card, clusters, editable }: { card: Card; clusters: Cluster[]; editable: boolean }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: card.id, data: { clusterId: card.clusterId }, disabled: !editable })
  return (
    <li className={`affinity-card${isDragging ? ' is-dragging' : ''}`} data-card={card.id}>
      {editable ? (
        <button ref={setNodeRef} type="button" className="drag-handle" {...attributes} {...listeners} aria-roledescription="tarjeta arrastrable" aria-label={`Mover tarjeta: ${card.text.slice(0, 80)}`}>
          <span aria-hidden="true">⠿</span>
        </button>
      ) : null}
      <p className="affinity-text">{card.source === 'comment' ? `«${card.text}»` : card.text}</p>
      <p className="muted affinity-meta">
        {card.source === 'comment' ? 'Comentario' : 'Observación'}
        {card.tags.map((t) => ` · ${OBSERVATION_TAG_LABELS[t]}`).join('')}
        {card.participantCode ? ` · ${card.participantCode}` : ''}
        {card.versionLabel ? ` · ${card.versionLabel}` : ''}
        {card.taskText ? ` · Tarea: ${card.taskText}` : ''}
      </p>
      {editable ? (
        <Form method="post" className="move-stage">
          <input type="hidden" name="intent" value="move" />
          <input type="hidden" name="cardId" value={card.id} />
          <label htmlFor={`move-${card.id}`}>Mover a…</label>
          <select id={`move-${card.id}`} name="to" defaultValue={card.clusterId ?? NONE}>
            <option value={NONE}>Sin agrupar</option>
            {clusters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name || `Grupo ${c.id}`}
              </option>
            ))}
            <option value={NEW}>Nuevo grupo</option>
          </select>
          <button type="submit" className="button button-secondary button-small">
            Mover<span className="visually-hidden"> la tarjeta</span>
          </button>
        </Form>
      ) : null}
    </li>
  )
}

function ClusterTools(props: { code: string; cluster: Cluster; clusters: Cluster[]; cards: Card[]; versions: { id: number; label: string }[]; editable: boolean }) {
  const { cluster, editable } = props
  if (cluster.insightId) {
    return (
      <p>
        <Link to={`/intervenciones/${props.code}/hallazgos/${cluster.insightId}`}>Ver el hallazgo</Link>
      </p>
    )
  }
  if (!editable) return null
  const others = props.clusters.filter((c) => c.id !== cluster.id && !c.insightId)
  return (
    <div className="cluster-tools">
      <Form method="post" className="move-stage">
        <input type="hidden" name="intent" value="rename" />
        <input type="hidden" name="clusterId" value={cluster.id} />
        <label htmlFor={`name-${cluster.id}`}>Nombre del grupo</label>
        <input id={`name-${cluster.id}`} name="name" defaultValue={cluster.name} maxLength={160} required />
        <button type="submit" className="button button-secondary button-small">
          Renombrar
        </button>
      </Form>
      {others.length > 0 ? (
        <Form method="post" className="move-stage">
          <input type="hidden" name="intent" value="merge" />
          <input type="hidden" name="sourceId" value={cluster.id} />
          <label htmlFor={`merge-${cluster.id}`}>Unir con</label>
          <select id={`merge-${cluster.id}`} name="targetId">
            {others.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name || `Grupo ${c.id}`}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-secondary button-small">
            Unir
          </button>
        </Form>
      ) : null}
      {props.cards.length > 1 ? (
        <details>
          <summary>Separar tarjetas</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="split" />
            <input type="hidden" name="clusterId" value={cluster.id} />
            {props.cards.map((c) => (
              <label key={c.id} className="check">
                <input type="checkbox" name="cardIds" value={c.id} /> {c.text.slice(0, 80)}
              </label>
            ))}
            <label htmlFor={`split-name-${cluster.id}`}>Nombre del grupo nuevo</label>
            <input id={`split-name-${cluster.id}`} name="name" maxLength={160} />
            <button type="submit" className="button button-secondary button-small">
              Separar en un grupo nuevo
            </button>
          </Form>
        </details>
      ) : null}
      {props.cards.length > 0 ? (
        <details>
          <summary>Convertir en hallazgo</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="insight" />
            <input type="hidden" name="clusterId" value={cluster.id} />
            <label htmlFor={`title-${cluster.id}`}>Hallazgo</label>
            <input id={`title-${cluster.id}`} name="title" defaultValue={cluster.name} maxLength={200} required />
            <label htmlFor={`desc-${cluster.id}`}>Descripción (opcional)</label>
            <textarea id={`desc-${cluster.id}`} name="description" rows={2} />
            <fieldset>
              <legend>Severidad</legend>
              <div className="checks">
                {INSIGHT_SEVERITIES.map((s) => (
                  <label key={s}>
                    <input type="radio" name="severity" value={s} required /> {INSIGHT_SEVERITY_LABELS[s]}
                  </label>
                ))}
              </div>
            </fieldset>
            {props.versions.length > 0 ? (
              <fieldset>
                <legend>Versiones en las que se observó</legend>
                <div className="checks">
                  {props.versions.map((v) => (
                    <label key={v.id}>
                      <input type="checkbox" name="versionIds" value={v.id} /> {v.label}
                    </label>
                  ))}
                </div>
              </fieldset>
            ) : null}
            <button type="submit" className="button button-small">
              Crear hallazgo
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  )
}
