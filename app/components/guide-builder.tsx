import {
  DndContext,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core'
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { Form, useNavigation } from 'react-router'
import { BankPanel } from '#app/components/guide/bank-panel.tsx'
import {
  canMoveDown,
  fromDrafts,
  keysToRemove,
  moveDown,
  moveItem,
  moveUp,
  removeItem,
  toDraftList,
  toItems,
  validateGuide,
  type BuilderItem,
  type Draft,
} from '#app/components/guide/drafts.ts'
import { ReadOnlyQuestion, SortableQuestion, shortText } from '#app/components/guide/question-card.tsx'
import type { QuestionDraft } from '#app/lib/question-bank.ts'

type Props = {
  /** The saved guide, as the server's drafts. */
  initial: Draft[]
  /** A closed session: the guide is shown, not edited. */
  readOnly: boolean
  /** What the server refused on the last save (the edits stay in this component's state). */
  serverErrors?: string[]
}

/** The session guide builder: reorder (drag or Subir/Bajar), edit, add from the bank, save. */
export function GuideBuilder({ initial, readOnly, serverErrors }: Props) {
  const [items, setItems] = useState<BuilderItem[]>(() => fromDrafts(initial))
  const [problems, setProblems] = useState<{ messages: string[]; byKey: Record<string, string[]> } | null>(null)
  const [status, setStatus] = useState('')
  const [, setFocusTick] = useState(0)
  const pendingFocus = useRef<string | null>(null)
  const counter = useRef(0)
  const dropped = useRef<string | null>(null)
  const navigation = useNavigation()
  const saving = navigation.state === 'submitting'

  useEffect(() => {
    if (!pendingFocus.current) return
    document.getElementById(pendingFocus.current)?.focus()
    pendingFocus.current = null
  })
  const focusLater = (id: string) => {
    pendingFocus.current = id
    setFocusTick((t) => t + 1)
  }

  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 180, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  )

  if (readOnly) {
    return items.length === 0 ? (
      <p>Esta sesión no tiene guion.</p>
    ) : (
      <ol className="guide-list guide-list-read">
        {items.map((item, i) => (
          <ReadOnlyQuestion key={item.key} item={item} index={i} items={items} />
        ))}
      </ol>
    )
  }

  const drafts = toDraftList(items)
  const dirty = JSON.stringify(drafts) !== JSON.stringify(initial)
  const indexOf = (id: UniqueIdentifier) => items.findIndex((i) => i.key === id)
  const nameOf = (id: UniqueIdentifier) => {
    const i = indexOf(id)
    return i < 0 ? 'la pregunta' : `la pregunta ${i + 1}, «${shortText(items[i]!.draft)}»`
  }

  function apply(next: BuilderItem[]) {
    setItems(next)
    setProblems(null)
  }

  function change(key: string, update: (draft: BuilderItem['draft']) => BuilderItem['draft']) {
    setItems((list) => list.map((i) => (i.key === key ? { ...i, draft: update(i.draft) } : i)))
    setProblems((p) => (p && p.byKey[key] ? { ...p, byKey: { ...p.byKey, [key]: [] } } : p))
  }

  function move(index: number, direction: 'up' | 'down') {
    const item = items[index]!
    const next = direction === 'up' ? moveUp(items, index) : moveDown(items, index)
    if (next === items) return
    apply(next)
    const at = next.findIndex((i) => i.key === item.key)
    const withSeq = next[at + 1]?.taskKey === item.key && item.draft.kind === 'task' ? ' junto con su SEQ' : ''
    setStatus(`Movió «${shortText(item.draft)}»${withSeq} a la posición ${at + 1} de ${next.length}.`)
    // Keep the focus on the button pressed, or on the other one when it can no longer move that way.
    const stillPossible = direction === 'up' ? at > 0 : canMoveDown(next, at)
    focusLater(`${item.key}-${stillPossible ? direction : direction === 'up' ? 'down' : 'up'}`)
  }

  function remove(index: number) {
    const item = items[index]!
    const removed = keysToRemove(items, index).length
    const next = removeItem(items, index)
    apply(next)
    setStatus(
      removed > 1
        ? `Quitó «${shortText(item.draft)}» y ${removed - 1 === 1 ? 'su SEQ' : `${removed - 1} ítems más del mismo bloque`}.`
        : `Quitó «${shortText(item.draft)}».`,
    )
    const neighbour = next[Math.min(index, next.length - 1)]
    focusLater(neighbour ? `${neighbour.key}-title` : 'bank-title')
  }

  function add(bank: QuestionDraft[], what: string) {
    const added = toItems(bank, () => `n${++counter.current}`)
    const next = [...items, ...added]
    apply(next)
    setStatus(`Agregó ${what} al final del guion (desde la posición ${items.length + 1}).`)
    focusLater(`${added[0]!.key}-text`)
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    dropped.current = null
    if (!over || active.id === over.id) return
    const next = moveItem(items, indexOf(active.id), indexOf(over.id))
    if (next === items) return
    apply(next)
    const at = next.findIndex((i) => i.key === active.id)
    dropped.current = `Soltó ${nameOf(active.id)} en la posición ${at + 1} de ${next.length}.`
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Tomó ${nameOf(active.id)}. Muévala con las flechas arriba y abajo; suéltela con espacio o Enter, o cancele con Escape.`,
    onDragOver: ({ active, over }) =>
      over ? `${capitalize(nameOf(active.id))} está sobre la posición ${indexOf(over.id) + 1} de ${items.length}.` : `${capitalize(nameOf(active.id))} está fuera de la lista.`,
    onDragEnd: ({ active, over }) =>
      dropped.current ?? (over ? `Soltó ${nameOf(active.id)}; se queda en la posición ${indexOf(active.id) + 1}.` : `Soltó ${nameOf(active.id)} fuera de la lista; no se movió.`),
    onDragCancel: ({ active }) => `Se canceló el movimiento. ${capitalize(nameOf(active.id))} vuelve a su lugar.`,
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const result = validateGuide(drafts)
    if (result.ok) {
      setProblems(null)
      return
    }
    event.preventDefault()
    const byKey: Record<string, string[]> = {}
    for (const p of result.problems) {
      const key = p.index === null ? undefined : items[p.index]?.key
      if (key) (byKey[key] ??= []).push(p.message)
    }
    setProblems({ messages: result.problems.map((p) => p.message), byKey })
    focusLater('guide-errors')
  }

  const messages = problems?.messages ?? serverErrors
  return (
    <div className="guide-layout">
      <div className="guide-main">
        {messages && messages.length > 0 ? (
          <div id="guide-errors" className="alert guide-errors" role="alert" tabIndex={-1}>
            <p>No se guardó el guion; sus cambios siguen en esta página. Revise:</p>
            <ul>
              {messages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <section aria-labelledby="guide-list-title">
          <h2 id="guide-list-title">
            Preguntas y tareas <span className="count">({items.length})</span>
          </h2>
          {items.length === 0 ? (
            <p className="guide-empty">Este guion aún no tiene preguntas. Agréguelas desde el banco de preguntas.</p>
          ) : (
            <>
              <p className="hint" id="guide-reorder-hint">
                Para cambiar el orden, arrastre el asa <span aria-hidden="true">⠿</span> o use los botones «Subir» y «Bajar». Una tarea se
                mueve junto con la SEQ que la sigue.
              </p>
              <DndContext
                id="guion"
                sensors={sensors}
                collisionDetection={closestCenter}
                accessibility={{
                  announcements,
                  screenReaderInstructions: {
                    draggable:
                      'Para mover esta pregunta, pulse espacio o Enter. Muévala con las flechas arriba y abajo, suéltela con espacio o Enter, o cancele con Escape. También puede usar los botones Subir y Bajar.',
                  },
                }}
                onDragEnd={onDragEnd}
              >
                <SortableContext items={items.map((i) => i.key)} strategy={verticalListSortingStrategy}>
                  <ol className="guide-list">
                    {items.map((item, i) => (
                      <SortableQuestion
                        key={item.key}
                        item={item}
                        index={i}
                        items={items}
                        problems={problems?.byKey[item.key]?.length ? problems.byKey[item.key] : undefined}
                        canUp={i > 0}
                        canDown={canMoveDown(items, i)}
                        removeLabel={removeLabel(items, i)}
                        onChange={change}
                        onMoveUp={(index) => move(index, 'up')}
                        onMoveDown={(index) => move(index, 'down')}
                        onRemove={remove}
                        focusLater={focusLater}
                      />
                    ))}
                  </ol>
                </SortableContext>
              </DndContext>
            </>
          )}
        </section>
        <p className="visually-hidden" role="status">
          {status}
        </p>
      </div>
      <aside className="guide-side" aria-label="Guardar y agregar preguntas">
        <Form method="post" className="guide-save" onSubmit={onSubmit}>
          <input type="hidden" name="questions" value={JSON.stringify(drafts)} />
          <button type="submit" className="button" disabled={saving}>
            {saving ? 'Guardando…' : 'Guardar guion'}
          </button>
          <p className="hint">{dirty ? 'Hay cambios sin guardar.' : 'No hay cambios sin guardar.'}</p>
        </Form>
        <BankPanel items={items} onAdd={add} />
      </aside>
    </div>
  )
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

function removeLabel(items: BuilderItem[], index: number): string {
  switch (items[index]!.draft.kind) {
    case 'task':
      return keysToRemove(items, index).length > 1 ? 'Quitar tarea y su SEQ' : 'Quitar'
    case 'sus':
      return 'Quitar el SUS (10 ítems)'
    case 'umux_lite':
      return 'Quitar UMUX-Lite (2 ítems)'
    default:
      return 'Quitar'
  }
}
