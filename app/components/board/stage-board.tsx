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
import { Link, useFetcher } from 'react-router'
import { MoveStageControl } from '#app/components/move-stage-control.tsx'
import { STAGES, STAGE_LABELS, type Stage } from '#app/lib/domain.ts'

export type BoardCard = { code: string; title: string; stage: Stage; ownerName: string | null; prototypeCount: number }

const isStage = (value: unknown): value is Stage => STAGES.includes(value as Stage)

// Arrow keys jump a picked-up card to the previous or next stage's column, in stage order.
const columnCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const forward = event.code === 'ArrowRight' || event.code === 'ArrowDown'
  const backward = event.code === 'ArrowLeft' || event.code === 'ArrowUp'
  if (!forward && !backward) return undefined
  event.preventDefault()
  const from = context.over?.id ?? (context.active?.data.current as { stage?: Stage } | undefined)?.stage
  const index = STAGES.indexOf(isStage(from) ? from : 'discover')
  const next = STAGES[Math.min(STAGES.length - 1, Math.max(0, index + (forward ? 1 : -1)))]!
  const rect = context.droppableRects.get(next)
  if (!rect) return undefined
  return { x: rect.left + 8, y: rect.top + 56 }
}

const stageName = (id: unknown) => (isStage(id) ? STAGE_LABELS[id] : 'ninguna etapa')

export function StageBoard({ cards, editable }: { cards: BoardCard[]; editable: boolean }) {
  const fetcher = useFetcher<{ ok: boolean; message?: string }>()
  // The stage each card shows: the server's, or where it was just dropped while the save runs.
  const [placed, setPlaced] = useState<Record<string, Stage>>({})
  const [activeCode, setActiveCode] = useState<string | null>(null)
  useEffect(() => setPlaced({}), [cards])

  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 180, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates }),
  )
  const stageOf = (card: BoardCard) => placed[card.code] ?? card.stage
  const titleOf = (code: unknown) => cards.find((c) => c.code === code)?.title ?? String(code)

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Tomó ${active.id}, «${titleOf(active.id)}». Use las flechas para cambiar de etapa.`,
    onDragOver: ({ active, over }) => `${active.id} está sobre la etapa ${stageName(over?.id)}.`,
    onDragEnd: ({ active, over }) =>
      over ? `Soltó ${active.id} en la etapa ${stageName(over.id)}.` : `Soltó ${active.id} fuera de las etapas; no se movió.`,
    onDragCancel: ({ active }) => `Se canceló el movimiento. ${active.id} se queda en su etapa.`,
  }

  function onDragEnd(event: DragEndEvent) {
    setActiveCode(null)
    const card = cards.find((c) => c.code === event.active.id)
    const to = event.over?.id
    if (!card || !isStage(to) || to === stageOf(card)) return
    setPlaced((p) => ({ ...p, [card.code]: to }))
    fetcher.submit({ intent: 'move', code: card.code, stage: to, via: 'drag' }, { method: 'post' })
  }

  const activeCard = cards.find((c) => c.code === activeCode)
  if (!editable) {
    return (
      <div className="stage-board">
        {STAGES.map((stage) => (
          <StageColumn key={stage} stage={stage} cards={cards.filter((c) => c.stage === stage)} editable={false} />
        ))}
      </div>
    )
  }
  return (
    <DndContext
      sensors={sensors}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'Para mover una intervención, pulse espacio o Enter. Cambie de etapa con las flechas, suéltela con espacio o Enter, o cancele con Escape.',
        },
      }}
      onDragStart={(e) => setActiveCode(String(e.active.id))}
      onDragCancel={() => setActiveCode(null)}
      onDragEnd={onDragEnd}
    >
      {fetcher.data && !fetcher.data.ok ? (
        <p className="alert" role="alert">
          {fetcher.data.message}
        </p>
      ) : null}
      <div className="stage-board">
        {STAGES.map((stage) => (
          <StageColumn key={stage} stage={stage} cards={cards.filter((c) => stageOf(c) === stage)} editable />
        ))}
      </div>
      <DragOverlay>{activeCard ? <CardBody card={activeCard} /> : null}</DragOverlay>
    </DndContext>
  )
}

function StageColumn({ stage, cards, editable }: { stage: Stage; cards: BoardCard[]; editable: boolean }) {
  const { setNodeRef, isOver } = useDroppable({ id: stage, disabled: !editable })
  return (
    <section ref={setNodeRef} className={`stage-column${isOver ? ' is-over' : ''}`} aria-labelledby={`col-${stage}`} data-stage={stage}>
      <h2 id={`col-${stage}`}>
        {STAGE_LABELS[stage]} <span className="count">({cards.length})</span>
      </h2>
      <ul>
        {cards.map((card) =>
          editable ? (
            <DraggableCard key={card.code} card={card} stage={stage} />
          ) : (
            <li key={card.code} className="board-card" data-code={card.code}>
              <CardBody card={card} />
            </li>
          ),
        )}
      </ul>
    </section>
  )
}

function DraggableCard({ card, stage }: { card: BoardCard; stage: Stage }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: card.code, data: { stage } })
  return (
    <li className={`board-card${isDragging ? ' is-dragging' : ''}`} data-code={card.code}>
      <button
        ref={setNodeRef}
        type="button"
        className="drag-handle"
        {...attributes}
        {...listeners}
        aria-roledescription="tarjeta arrastrable"
        aria-label={`Mover ${card.code}, ${card.title}, ahora en ${STAGE_LABELS[stage]}`}
      >
        <span aria-hidden="true">⠿</span>
      </button>
      <CardBody card={card} />
      <MoveStageControl code={card.code} stage={stage} />
    </li>
  )
}

function CardBody({ card }: { card: BoardCard }) {
  return (
    <div className="board-card-body">
      <Link to={`/intervenciones/${card.code}`} className="code">
        {card.code}
      </Link>
      <p>{card.title}</p>
      <p className="muted">
        {card.ownerName ?? 'Sin responsable'} · {card.prototypeCount} {card.prototypeCount === 1 ? 'prototipo' : 'prototipos'}
      </p>
    </div>
  )
}
