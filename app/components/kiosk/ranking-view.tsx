// Ranking: order the options by dragging (mouse, touch or keyboard) or with Subir/Bajar buttons.
import { DndContext, KeyboardSensor, MouseSensor, TouchSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core'
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import type { TFunction } from 'i18next'
import { useState } from 'react'

type Option = { value: string; label: string }

export default function RankingView({ options, value, onChange, t }: { options: Option[]; value: string[] | undefined; onChange: (v: string[]) => void; t: TFunction }) {
  const [order, setOrder] = useState<string[]>(() => (value && value.length === options.length ? value : options.map((o) => o.value)))
  const label = (v: string) => options.find((o) => o.value === v)?.label ?? v
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  )
  const commit = (next: string[]) => {
    setOrder(next)
    onChange(next)
  }
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return
    commit(arrayMove(order, order.indexOf(String(active.id)), order.indexOf(String(over.id))))
  }
  const position = (id: unknown) => order.indexOf(String(id)) + 1
  return (
    <div className="stack">
      <p className="kiosk-hint">{t('ranking.instructions')}</p>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{
          screenReaderInstructions: { draggable: 'Pulse espacio para tomar la opción, flechas arriba y abajo para moverla, y espacio para soltarla.' },
          announcements: {
            onDragStart: ({ active }) => `Tomó «${label(String(active.id))}», en el puesto ${position(active.id)}.`,
            onDragOver: ({ active, over }) => (over ? `«${label(String(active.id))}» pasa al puesto ${position(over.id)}.` : ''),
            onDragEnd: ({ active, over }) => (over ? `Soltó «${label(String(active.id))}» en el puesto ${position(over.id)}.` : 'Se soltó sin cambios.'),
            onDragCancel: ({ active }) => `Se canceló. «${label(String(active.id))}» vuelve a su puesto.`,
          },
        }}
      >
        <SortableContext items={order} strategy={verticalListSortingStrategy}>
          <ol className="kiosk-ranking">
            {order.map((v, i) => (
              <RankItem
                key={v}
                id={v}
                label={label(v)}
                position={i + 1}
                t={t}
                onUp={i > 0 ? () => commit(arrayMove(order, i, i - 1)) : undefined}
                onDown={i < order.length - 1 ? () => commit(arrayMove(order, i, i + 1)) : undefined}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      <button type="button" className="kiosk-button" onClick={() => onChange(order)} aria-pressed={Boolean(value)}>
        Este orden está bien
      </button>
    </div>
  )
}

function RankItem(props: { id: string; label: string; position: number; t: TFunction; onUp?: () => void; onDown?: () => void }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: props.id })
  return (
    <li ref={setNodeRef} style={{ transform: CSS.Transform.toString(transform), transition }} className={`kiosk-rank-item${isDragging ? ' is-dragging' : ''}`} data-value={props.id}>
      <button type="button" className="kiosk-drag" {...attributes} {...listeners} aria-roledescription="opción ordenable" aria-label={`${props.t('ranking.position', { position: props.position })}: ${props.label}. Arrastrar`}>
        <span aria-hidden="true">⠿</span>
      </button>
      <span className="kiosk-rank-label">
        <strong>{props.position}.</strong> {props.label}
      </span>
      <button type="button" className="kiosk-small" onClick={props.onUp} disabled={!props.onUp} aria-label={`${props.t('ranking.up')}: ${props.label}`}>
        ▲ {props.t('ranking.up')}
      </button>
      <button type="button" className="kiosk-small" onClick={props.onDown} disabled={!props.onDown} aria-label={`${props.t('ranking.down')}: ${props.label}`}>
        ▼ {props.t('ranking.down')}
      </button>
    </li>
  )
}
