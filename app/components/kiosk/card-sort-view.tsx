// Card sort: put each card into a group by dragging it (mouse, touch or keyboard), or by touching
// the card and then the group.
import {
  DndContext,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core'
import type { TFunction } from 'i18next'
import { useState } from 'react'

type Option = { value: string; label: string }
const UNSORTED = '__sin_grupo__'
const STEP: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }

/**
 * With the keyboard, each arrow press takes the card to the next (→ ↓) or previous (← ↑) group, in
 * reading order, centred in it — instead of dnd-kit's 25 px steps, which needed a dozen presses per
 * group and could push the card off the screen.
 */
function groupByGroup(order: string[]): KeyboardCoordinateGetter {
  return (event, { context: { over, collisionRect, droppableRects } }) => {
    const step = STEP[event.code]
    if (!step || !collisionRect) return undefined
    event.preventDefault()
    const ids = order.filter((id) => droppableRects.has(id))
    const at = ids.indexOf(String(over?.id ?? ''))
    const next = ids[Math.min(ids.length - 1, Math.max(0, at + step))]
    const rect = next === undefined ? undefined : droppableRects.get(next)
    if (!rect) return undefined
    return { x: rect.left + (rect.width - collisionRect.width) / 2, y: rect.top + (rect.height - collisionRect.height) / 2 }
  }
}

export default function CardSortView(props: { cards: Option[]; groups: Option[]; value: Record<string, string> | undefined; onChange: (v: Record<string, string>) => void; t: TFunction }) {
  const { cards, groups, t } = props
  const [placement, setPlacement] = useState<Record<string, string>>(() => props.value ?? {})
  const [picked, setPicked] = useState<string | null>(null)
  const order = [UNSORTED, ...groups.map((g) => g.value)]
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: groupByGroup(order) }),
  )
  const label = (v: string, list: Option[]) => list.find((o) => o.value === v)?.label ?? v
  const place = (card: string, group: string) => {
    const next = { ...placement }
    if (group === UNSORTED) delete next[card]
    else next[card] = group
    setPlacement(next)
    setPicked(null)
    if (cards.every((c) => next[c.value])) props.onChange(next)
  }
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over) place(String(active.id), String(over.id))
  }
  const columns = [{ value: UNSORTED, label: t('cardSort.unsorted') }, ...groups]
  return (
    <div className="stack">
      <p className="kiosk-hint">{t('cardSort.instructions')}</p>
      <p className="kiosk-hint" aria-live="polite">
        {picked ? t('cardSort.selected', { card: label(picked, cards) }) : ''}
      </p>
      <DndContext
        sensors={sensors}
        onDragEnd={onDragEnd}
        accessibility={{
          screenReaderInstructions: { draggable: 'Pulse espacio para tomar la tarjeta, pase de un grupo al siguiente con las flechas y pulse espacio para soltarla en el grupo.' },
          announcements: {
            onDragStart: ({ active }) => `Tomó la tarjeta «${label(String(active.id), cards)}».`,
            onDragOver: ({ over }) => (over ? `Sobre el grupo «${label(String(over.id), columns)}».` : 'Fuera de los grupos.'),
            onDragEnd: ({ active, over }) => (over ? `Puso «${label(String(active.id), cards)}» en «${label(String(over.id), columns)}».` : 'Se soltó fuera de los grupos.'),
            onDragCancel: () => 'Se canceló.',
          },
        }}
      >
        <div className="kiosk-card-sort">
          {columns.map((g) => (
            <Group key={g.value} group={g} onPickGroup={picked ? () => place(picked, g.value) : undefined} t={t}>
              {cards
                .filter((c) => (placement[c.value] ?? UNSORTED) === g.value)
                .map((c) => (
                  <SortCard key={c.value} card={c} picked={picked === c.value} onPick={() => setPicked(picked === c.value ? null : c.value)} />
                ))}
            </Group>
          ))}
        </div>
      </DndContext>
    </div>
  )
}

function Group(props: { group: Option; onPickGroup?: () => void; t: TFunction; children: React.ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: props.group.value })
  return (
    <section ref={setNodeRef} className={`kiosk-group${isOver ? ' is-over' : ''}`} aria-label={props.group.label} data-group={props.group.value}>
      <h2>{props.group.label}</h2>
      <ul>{props.children}</ul>
      {props.onPickGroup ? (
        <button type="button" className="kiosk-small" onClick={props.onPickGroup}>
          {props.t('cardSort.moveTo', { group: props.group.label })}
        </button>
      ) : null}
    </section>
  )
}

function SortCard({ card, picked, onPick }: { card: Option; picked: boolean; onPick: () => void }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: card.value })
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined
  return (
    <li className={`kiosk-sort-card${isDragging ? ' is-dragging' : ''}`} style={style} data-card={card.value}>
      <button type="button" className="kiosk-card-pick" aria-pressed={picked} onClick={onPick}>
        {card.label}
      </button>
      <button ref={setNodeRef} type="button" className="kiosk-drag" {...attributes} {...listeners} aria-roledescription="tarjeta arrastrable" aria-label={`Arrastrar: ${card.label}`}>
        <span aria-hidden="true">⠿</span>
      </button>
    </li>
  )
}
