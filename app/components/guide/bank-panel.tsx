import { useState } from 'react'
import type { QuestionDraft } from '#app/lib/question-bank.ts'
import { BANK_BLOCKS, BANK_BLOCK_LABELS, bankDrafts, isBlockPresent, taskWithSeq, type BankBlock, type BuilderItem } from './drafts.ts'

/** "Agregar desde el banco de preguntas": ready-made blocks appended at the end of the guide. */
export function BankPanel({ items, onAdd }: { items: BuilderItem[]; onAdd: (drafts: QuestionDraft[], what: string) => void }) {
  const [taskText, setTaskText] = useState('')
  const [taskError, setTaskError] = useState<string | null>(null)

  function addTask() {
    const text = taskText.trim()
    if (!text) {
      setTaskError('Escriba el texto de la tarea.')
      document.getElementById('bank-task-text')?.focus()
      return
    }
    onAdd(taskWithSeq(text), 'una tarea y su SEQ')
    setTaskText('')
    setTaskError(null)
  }

  function addBlock(block: BankBlock) {
    const drafts = bankDrafts(block, items)
    if (drafts.length > 0) onAdd(drafts, BANK_BLOCK_LABELS[block].label)
  }

  return (
    <section aria-labelledby="bank-title" className="guide-bank">
      <h2 id="bank-title" tabIndex={-1}>Agregar desde el banco de preguntas</h2>
      <p className="hint">Cada bloque se agrega al final del guion; después puede moverlo y editar sus textos.</p>
      <div className="guide-bank-task">
        <div className="field">
          <label htmlFor="bank-task-text">Tarea (se agrega seguida de su SEQ)</label>
          <p className="hint" id="bank-task-hint">
            Lo que pedirá a la persona, por ejemplo: «Adjunte la foto de su DNI.»
          </p>
          <input
            id="bank-task-text"
            type="text"
            value={taskText}
            onChange={(e) => setTaskText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                addTask()
              }
            }}
            aria-invalid={taskError ? true : undefined}
            aria-describedby={`bank-task-hint${taskError ? ' bank-task-error' : ''}`}
          />
          {taskError ? (
            <p id="bank-task-error" className="guide-field-error" role="alert">
              {taskError}
            </p>
          ) : null}
        </div>
        <button type="button" className="button guide-btn" onClick={addTask}>
          Agregar tarea con su SEQ
        </button>
      </div>
      <ul className="guide-bank-list">
        {BANK_BLOCKS.map((block) => {
          const present = isBlockPresent(block, items)
          return (
            <li key={block}>
              <button
                type="button"
                className="button button-secondary guide-btn"
                disabled={present}
                aria-describedby={`bank-${block}-hint`}
                onClick={() => addBlock(block)}
              >
                {BANK_BLOCK_LABELS[block].label}
              </button>
              <span id={`bank-${block}-hint`} className="hint">
                {present ? 'Ya está en el guion.' : BANK_BLOCK_LABELS[block].hint}
              </span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
