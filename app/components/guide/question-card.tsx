import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { useState, type KeyboardEvent, type ReactNode } from 'react'
import {
  EDITABLE_OPTION_KINDS,
  LANGUAGE_CODE_PATTERN,
  isMisplacedSeq,
  kindLabel,
  languageName,
  nextOptionValue,
  optionNoun,
  optionPrefix,
  taskOf,
  type BuilderItem,
  type DraftConfig,
  type Option,
} from './drafts.ts'

type ItemDraft = BuilderItem['draft']

/** A short, one-line version of a question's text for labels and announcements. */
export function shortText(draft: ItemDraft, max = 60): string {
  const text = draft.text.trim().replace(/\s+/g, ' ')
  if (!text) return `${kindLabel(draft)} sin texto`
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

const Hidden = ({ children }: { children: ReactNode }) => <span className="visually-hidden">{children}</span>

export type CardProps = {
  item: BuilderItem
  index: number
  items: BuilderItem[]
  problems: string[] | undefined
  canUp: boolean
  canDown: boolean
  removeLabel: string
  onChange: (key: string, update: (draft: ItemDraft) => ItemDraft) => void
  onMoveUp: (index: number) => void
  onMoveDown: (index: number) => void
  onRemove: (index: number) => void
  focusLater: (id: string) => void
}

/** One question or task of the guide, editable, with its drag handle and Subir / Bajar / Quitar. */
export function SortableQuestion(props: CardProps) {
  const { item, index, items, problems, canUp, canDown, removeLabel } = props
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: item.key })
  const n = index + 1
  const key = item.key
  const update = (fn: (draft: ItemDraft) => ItemDraft) => props.onChange(key, fn)
  const errorsId = `${key}-errors`
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`guide-item${isDragging ? ' is-dragging' : ''}${problems ? ' has-problems' : ''}`}
      data-kind={item.draft.kind}
    >
      <div className="guide-item-head">
        <button
          ref={setActivatorNodeRef}
          type="button"
          className="guide-handle"
          {...attributes}
          {...listeners}
          aria-roledescription="pregunta reordenable"
          aria-label={`Mover: ${shortText(item.draft)} (pregunta ${n} de ${items.length})`}
        >
          <span aria-hidden="true">⠿</span>
        </button>
        <h3 id={`${key}-title`} tabIndex={-1} className="guide-item-title">
          <span className="guide-num">{n}.</span> {kindLabel(item.draft)}
        </h3>
        <div className="guide-item-actions">
          <button id={`${key}-up`} type="button" className="button button-secondary guide-btn" disabled={!canUp} onClick={() => props.onMoveUp(index)}>
            Subir<Hidden> la pregunta {n}</Hidden>
          </button>
          <button id={`${key}-down`} type="button" className="button button-secondary guide-btn" disabled={!canDown} onClick={() => props.onMoveDown(index)}>
            Bajar<Hidden> la pregunta {n}</Hidden>
          </button>
          <button id={`${key}-remove`} type="button" className="button button-secondary guide-btn guide-remove" onClick={() => props.onRemove(index)}>
            {removeLabel}
            <Hidden> (pregunta {n})</Hidden>
          </button>
        </div>
      </div>
      {problems ? (
        <ul id={errorsId} className="guide-item-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <div className="field">
        <label htmlFor={`${key}-text`}>
          {item.draft.kind === 'task' ? 'Lo que se pide a la persona' : 'Texto de la pregunta'}
          <Hidden> {n}</Hidden>
        </label>
        <textarea
          id={`${key}-text`}
          rows={2}
          value={item.draft.text}
          onChange={(e) => update((d) => ({ ...d, text: e.target.value }))}
          aria-invalid={problems ? true : undefined}
          aria-describedby={problems ? errorsId : undefined}
        />
      </div>
      <KindDetails item={item} index={index} items={items} update={update} focusLater={props.focusLater} />
      <TranslationsEditor item={item} index={index} update={update} focusLater={props.focusLater} />
    </li>
  )
}

function KindDetails({
  item,
  index,
  items,
  update,
  focusLater,
}: {
  item: BuilderItem
  index: number
  items: BuilderItem[]
  update: (fn: (draft: ItemDraft) => ItemDraft) => void
  focusLater: (id: string) => void
}) {
  const { kind, config } = item.draft
  const n = index + 1
  if (EDITABLE_OPTION_KINDS.includes(kind)) {
    const options = config.options ?? []
    return (
      <>
        <OptionsEditor item={item} n={n} list="options" update={update} focusLater={focusLater} />
        {kind === 'card_sort' ? <OptionsEditor item={item} n={n} list="groups" update={update} focusLater={focusLater} /> : null}
        {kind === 'idea_vote' ? (
          <div className="field guide-narrow">
            <label htmlFor={`${item.key}-max`}>
              Cuántas ideas puede elegir cada persona<Hidden> (pregunta {n})</Hidden>
            </label>
            <input
              id={`${item.key}-max`}
              type="number"
              inputMode="numeric"
              min={1}
              max={Math.max(1, options.length)}
              value={config.maxChoices ?? ''}
              onChange={(e) => {
                const value = e.target.value === '' ? undefined : Number(e.target.value)
                update((d) => ({ ...d, config: { ...d.config, maxChoices: value } }))
              }}
            />
          </div>
        ) : null}
      </>
    )
  }
  return <p className="guide-note">{fixedDescription(item, index, items)}</p>
}

function fixedDescription(item: BuilderItem, index: number, items: BuilderItem[]): ReactNode {
  const { kind, config } = item.draft
  const options = config.options ?? []
  switch (kind) {
    case 'task':
      return 'Facilitación marca si la persona la completó; la SEQ que la sigue mide qué tan fácil le resultó.'
    case 'seq': {
      const task = taskOf(items, item)
      if (!task) return <strong className="guide-warn">Esta SEQ ya no tiene su tarea: quítela o agregue una tarea con su SEQ desde el banco.</strong>
      const taskNumber = items.indexOf(task) + 1
      return (
        <>
          Evalúa la tarea {taskNumber}: «{shortText(task.draft, 80)}». Escala fija de 7 puntos, de «Muy difícil» a «Muy fácil».
          {isMisplacedSeq(items, index) ? (
            <strong className="guide-warn">
              {' '}
              Esta SEQ está antes de su tarea (pregunta {taskNumber}): muévala debajo de la tarea o el guion no se podrá guardar.
            </strong>
          ) : null}
        </>
      )
    }
    case 'sus':
      return `Ítem ${config.item ?? '?'} de 10 · redacción ${config.wording === 'standard' ? 'estándar' : 'en positivo'}, escala de 5 puntos. Es un ítem validado: cambie su texto solo si es imprescindible.`
    case 'umux_lite':
      return `Ítem ${config.item ?? '?'} de 2 · escala de 1 a 7, de «Totalmente en desacuerdo» a «Totalmente de acuerdo».`
    case 'csat':
      return 'Escala fija de 5 caritas, de «Muy insatisfecho» a «Muy satisfecho».'
    case 'nps':
      return 'Escala fija de 0 a 10.'
    case 'open_comment':
      return 'Respuesta libre.'
    default: {
      const shown = options.slice(0, 5).map((o) => o.label).join(', ')
      const more = options.length > 5 ? ` y ${options.length - 5} más` : ''
      return `Opciones fijas (sirven para comparar grupos de personas): ${shown}${more}.`
    }
  }
}

function OptionsEditor({
  item,
  n,
  list,
  update,
  focusLater,
}: {
  item: BuilderItem
  n: number
  list: 'options' | 'groups'
  update: (fn: (draft: ItemDraft) => ItemDraft) => void
  focusLater: (id: string) => void
}) {
  const options = item.draft.config[list] ?? []
  const noun = optionNoun(item.draft.kind, list)
  const idOf = (j: number) => `${item.key}-${list}-${j}`
  const setOptions = (fn: (o: Option[]) => Option[]) => update((d) => ({ ...d, config: { ...d.config, [list]: fn(d.config[list] ?? []) } }))
  return (
    <fieldset className="guide-options">
      <legend>
        {noun.plural}
        <Hidden> de la pregunta {n}</Hidden>
      </legend>
      <ol>
        {options.map((option, j) => (
          <li key={`${option.value}-${j}`}>
            <label htmlFor={idOf(j)}>
              {capitalize(noun.singular)} {j + 1}
              <Hidden> de la pregunta {n}</Hidden>
            </label>
            <input
              id={idOf(j)}
              type="text"
              value={option.label}
              onChange={(e) => {
                const label = e.target.value
                setOptions((o) => o.map((x, k) => (k === j ? { ...x, label } : x)))
              }}
            />
            <button
              type="button"
              className="button button-secondary guide-btn"
              onClick={() => {
                setOptions((o) => o.filter((_, k) => k !== j))
                focusLater(options.length > 1 ? idOf(Math.min(j, options.length - 2)) : `${item.key}-${list}-add`)
              }}
            >
              Quitar<Hidden> {noun.singular} {j + 1} de la pregunta {n}</Hidden>
            </button>
          </li>
        ))}
      </ol>
      <button
        id={`${item.key}-${list}-add`}
        type="button"
        className="button button-secondary guide-btn"
        onClick={() => {
          setOptions((o) => [...o, { value: nextOptionValue(o, optionPrefix(item.draft.kind, list)), label: '' }])
          focusLater(idOf(options.length))
        }}
      >
        Agregar {noun.singular}
        <Hidden> a la pregunta {n}</Hidden>
      </button>
    </fieldset>
  )
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
// lang attributes only for two-letter codes, which every assistive technology knows.
const langAttribute = (code: string) => (/^[a-z]{2}(-[A-Z]{2})?$/.test(code) ? code : undefined)

function TranslationsEditor({
  item,
  index,
  update,
  focusLater,
}: {
  item: BuilderItem
  index: number
  update: (fn: (draft: ItemDraft) => ItemDraft) => void
  focusLater: (id: string) => void
}) {
  const n = index + 1
  const key = item.key
  const translations = item.draft.config.translations ?? {}
  const [adding, setAdding] = useState(false)
  const [code, setCode] = useState('')
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)

  const setTranslations = (fn: (t: NonNullable<DraftConfig['translations']>) => DraftConfig['translations']) =>
    update((d) => {
      const next = fn({ ...(d.config.translations ?? {}) })
      const { translations: _, ...config } = d.config
      return { ...d, config: next && Object.keys(next).length > 0 ? { ...config, translations: next } : config }
    })

  function add() {
    const lang = code.trim()
    if (!LANGUAGE_CODE_PATTERN.test(lang)) return setError('Use un código de idioma como «qu» (quechua), «ay» (aimara) o «es-PE».')
    if (translations[lang]) return setError(`Esta pregunta ya tiene una traducción al ${languageName(lang)} (${lang}).`)
    if (!text.trim()) return setError('Escriba el texto traducido.')
    setTranslations((t) => ({ ...t, [lang]: { text } }))
    setAdding(false)
    setCode('')
    setText('')
    setError(null)
    focusLater(`${key}-tr-${lang}`)
  }

  function cancel() {
    setAdding(false)
    setError(null)
    focusLater(`${key}-tr-open`)
  }

  const onEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault()
      add()
    }
  }

  return (
    <div className="guide-translations">
      {Object.entries(translations).map(([lang, t]) => (
        <div className="field guide-translation" key={lang}>
          <label htmlFor={`${key}-tr-${lang}`}>
            Traducción al {languageName(lang)} ({lang})<Hidden> de la pregunta {n}</Hidden>
          </label>
          <textarea
            id={`${key}-tr-${lang}`}
            rows={2}
            lang={langAttribute(lang)}
            value={t.text}
            onChange={(e) => {
              const value = e.target.value
              setTranslations((all) => ({ ...all, [lang]: { ...all[lang], text: value } }))
            }}
          />
          <div>
            <button
              type="button"
              className="button button-secondary guide-btn"
              onClick={() => {
                setTranslations((all) => {
                  delete all[lang]
                  return all
                })
                focusLater(`${key}-tr-open`)
              }}
            >
              Quitar traducción<Hidden> al {languageName(lang)} de la pregunta {n}</Hidden>
            </button>
          </div>
        </div>
      ))}
      {adding ? (
        <div className="guide-add-translation" role="group" aria-labelledby={`${key}-tr-new`}>
          <p id={`${key}-tr-new`} className="guide-subtitle">
            Nueva traducción<Hidden> de la pregunta {n}</Hidden>
          </p>
          <div className="field-row">
            <div className="field guide-lang">
              <label htmlFor={`${key}-tr-code`}>Código de idioma</label>
              <p className="hint" id={`${key}-tr-code-hint`}>
                Por ejemplo, qu para quechua o ay para aimara.
              </p>
              <input
                id={`${key}-tr-code`}
                type="text"
                autoComplete="off"
                spellCheck={false}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                onKeyDown={onEnter}
                aria-describedby={`${key}-tr-code-hint${error ? ` ${key}-tr-error` : ''}`}
              />
            </div>
            <div className="field field-wide">
              <label htmlFor={`${key}-tr-text`}>Texto traducido</label>
              <textarea
                id={`${key}-tr-text`}
                rows={2}
                lang={langAttribute(code.trim())}
                value={text}
                onChange={(e) => setText(e.target.value)}
                aria-describedby={error ? `${key}-tr-error` : undefined}
              />
            </div>
          </div>
          {error ? (
            <p id={`${key}-tr-error`} className="guide-field-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="actions">
            <button type="button" className="button guide-btn" onClick={add}>
              Agregar<Hidden> la traducción</Hidden>
            </button>
            <button type="button" className="button button-secondary guide-btn" onClick={cancel}>
              Cancelar<Hidden> la traducción</Hidden>
            </button>
          </div>
        </div>
      ) : (
        <button
          id={`${key}-tr-open`}
          type="button"
          className="button button-secondary guide-btn"
          onClick={() => {
            setAdding(true)
            focusLater(`${key}-tr-code`)
          }}
        >
          Agregar traducción<Hidden> a la pregunta {n}</Hidden>
        </button>
      )}
    </div>
  )
}

/** The same question for reading only (a closed session). */
export function ReadOnlyQuestion({ item, index, items }: { item: BuilderItem; index: number; items: BuilderItem[] }) {
  const { kind, config, text } = item.draft
  const translations = Object.entries(config.translations ?? {})
  return (
    <li className="guide-item" data-kind={kind}>
      <h3 className="guide-item-title">
        <span className="guide-num">{index + 1}.</span> {kindLabel(item.draft)}
      </h3>
      <p className="guide-text">{text}</p>
      {EDITABLE_OPTION_KINDS.includes(kind) ? (
        <>
          <p className="guide-note">
            {optionNoun(kind, 'options').plural}: {(config.options ?? []).map((o) => o.label).join(' · ')}
          </p>
          {kind === 'card_sort' ? <p className="guide-note">Grupos: {(config.groups ?? []).map((o) => o.label).join(' · ')}</p> : null}
          {kind === 'idea_vote' ? <p className="guide-note">Cada persona elige hasta {config.maxChoices ?? 1}.</p> : null}
        </>
      ) : (
        <p className="guide-note">{fixedDescription(item, index, items)}</p>
      )}
      {translations.length > 0 ? (
        <dl className="guide-translations-read">
          {translations.map(([lang, t]) => (
            <div key={lang}>
              <dt>
                {capitalize(languageName(lang))} ({lang})
              </dt>
              <dd lang={langAttribute(lang)}>{t.text}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  )
}
