// The guide builder's list, as pure functions (no React): the items the builder edits, their
// conversion to and from the drafts the server saves, moves that keep each SEQ after its task,
// the question bank's blocks, and validation messages in Spanish with their question number.
import type { z } from 'zod'
import { InstrumentForm, type QuestionDraftInput } from '#app/lib/forms/instrument.ts'
import type { QuestionKind } from '#app/lib/domain.ts'
import {
  csat,
  ideaVote,
  nps,
  openComment,
  profileQuestions,
  seqAfter,
  susPositive,
  task,
  umuxLite,
  type QuestionDraft,
} from '#app/lib/question-bank.ts'

export type Draft = QuestionDraftInput
export type DraftConfig = Draft['config']
export type Option = { value: string; label: string }

/**
 * One question or task while it is edited. An SEQ names its task by key (not by position), so
 * moving things around never loses the link; positions are computed again when saving.
 */
export type BuilderItem = { key: string; draft: Omit<Draft, 'taskIndex'>; taskKey?: string }

export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  task: 'Tarea',
  seq: 'SEQ (facilidad de la tarea)',
  sus: 'SUS',
  csat: 'CSAT (caritas)',
  nps: 'NPS (0 a 10)',
  umux_lite: 'UMUX-Lite',
  single_choice: 'Una opción',
  multiple_choice: 'Varias opciones',
  ranking: 'Ordenar (ranking)',
  card_sort: 'Clasificar tarjetas',
  idea_vote: 'Votar ideas',
  open_comment: 'Comentario abierto',
  profile_age_band: 'Perfil: edad',
  profile_digital_skill: 'Perfil: habilidad digital',
  profile_channel: 'Perfil: canal preferido',
  profile_region: 'Perfil: región',
}

/** "SUS (ítem 3)", "UMUX-Lite (ítem 2)", "Tarea"… */
export function kindLabel(draft: { kind: QuestionKind; config?: { item?: number } }): string {
  if (draft.kind === 'sus') return draft.config?.item ? `SUS (ítem ${draft.config.item})` : 'SUS'
  if (draft.kind === 'umux_lite') return draft.config?.item ? `UMUX-Lite (ítem ${draft.config.item})` : 'UMUX-Lite'
  return QUESTION_KIND_LABELS[draft.kind]
}

/** Kinds whose options the facilitator writes. Scales and profile answers are fixed: results depend on their values. */
export const EDITABLE_OPTION_KINDS: QuestionKind[] = ['single_choice', 'multiple_choice', 'ranking', 'card_sort', 'idea_vote']

/** Kinds that only make sense complete (the score needs every item): removing one removes them all. */
export const GROUPED_KINDS: QuestionKind[] = ['sus', 'umux_lite']

export const LANGUAGE_CODE_PATTERN = /^[a-z]{2,3}(-[A-Z]{2})?$/
const LANGUAGE_NAMES: Record<string, string> = {
  qu: 'quechua',
  quz: 'quechua cusqueño',
  quy: 'quechua ayacuchano',
  ay: 'aimara',
  cni: 'asháninka',
  agr: 'awajún',
  es: 'español',
  en: 'inglés',
}
export function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? LANGUAGE_NAMES[code.split('-')[0]!] ?? code
}

// ------------------------------------------------------------------ items ↔ drafts

export function fromDrafts(drafts: Draft[], prefix = 'q'): BuilderItem[] {
  const keys = drafts.map((_, i) => `${prefix}${i + 1}`)
  return drafts.map(({ taskIndex, ...draft }, i) => ({
    key: keys[i]!,
    draft: { ...draft, config: draft.config ?? {} },
    ...(draft.kind === 'seq' && taskIndex !== undefined && keys[taskIndex] ? { taskKey: keys[taskIndex] } : {}),
  }))
}

export function toDraftList(items: BuilderItem[]): Draft[] {
  const indexByKey = new Map(items.map((item, i) => [item.key, i]))
  return items.map((item) => {
    const taskIndex = item.taskKey === undefined ? undefined : indexByKey.get(item.taskKey)
    return taskIndex === undefined ? { ...item.draft } : { ...item.draft, taskIndex }
  })
}

/** The task an SEQ evaluates, if it is still in the list. */
export function taskOf(items: BuilderItem[], item: BuilderItem): BuilderItem | undefined {
  return item.taskKey === undefined ? undefined : items.find((i) => i.key === item.taskKey)
}

/** An SEQ whose task is missing or comes after it: the server would refuse the guide. */
export function isMisplacedSeq(items: BuilderItem[], index: number): boolean {
  const item = items[index]
  if (!item || item.draft.kind !== 'seq') return false
  const taskIndex = items.findIndex((i) => i.key === item.taskKey)
  return taskIndex < 0 || taskIndex >= index
}

// ------------------------------------------------------------------ moving and removing

/** The SEQs that follow task `index` directly: they travel with it. */
function blockEnd(items: BuilderItem[], index: number): number {
  const head = items[index]
  let end = index
  if (head?.draft.kind !== 'task') return end
  while (items[end + 1]?.draft.kind === 'seq' && items[end + 1]!.taskKey === head.key) end++
  return end
}

/** True when position k sits between a task and the SEQs that follow it directly. */
function splitsBlock(list: BuilderItem[], k: number): boolean {
  const at = list[k]
  if (!at || at.draft.kind !== 'seq' || !at.taskKey) return false
  for (let j = k - 1; j >= 0; j--) {
    const before = list[j]!
    if (before.key === at.taskKey) return true
    if (before.draft.kind !== 'seq' || before.taskKey !== at.taskKey) return false
  }
  return false
}

/**
 * Moves the item at `from` to where the item at `to` is (like arrayMove). A task takes the SEQs
 * right after it along; nothing but an SEQ lands between a task and its SEQ.
 */
export function moveItem(items: BuilderItem[], from: number, to: number): BuilderItem[] {
  if (from === to || !items[from] || !items[to]) return items
  const end = blockEnd(items, from)
  if (to >= from && to <= end) return items
  const block = items.slice(from, end + 1)
  const over = items[to]!
  const rest = [...items.slice(0, from), ...items.slice(end + 1)]
  const down = to > from
  let at = rest.indexOf(over) + (down ? 1 : 0)
  if (block[0]!.draft.kind !== 'seq') {
    while (splitsBlock(rest, at)) at += down ? 1 : -1
  }
  return [...rest.slice(0, at), ...block, ...rest.slice(at)]
}

/** "Subir": above the item (or task with its SEQ) just before. */
export function moveUp(items: BuilderItem[], index: number): BuilderItem[] {
  return index > 0 ? moveItem(items, index, index - 1) : items
}

/** "Bajar": below the item (or task with its SEQ) just after. */
export function moveDown(items: BuilderItem[], index: number): BuilderItem[] {
  const end = blockEnd(items, index)
  return end + 1 < items.length ? moveItem(items, index, end + 1) : items
}

export function canMoveDown(items: BuilderItem[], index: number): boolean {
  return blockEnd(items, index) + 1 < items.length
}

/** The keys "Quitar" removes: a task with its SEQs; the whole SUS or UMUX-Lite; otherwise the item. */
export function keysToRemove(items: BuilderItem[], index: number): string[] {
  const item = items[index]
  if (!item) return []
  if (item.draft.kind === 'task') return [item.key, ...items.filter((i) => i.taskKey === item.key).map((i) => i.key)]
  if (GROUPED_KINDS.includes(item.draft.kind)) return items.filter((i) => i.draft.kind === item.draft.kind).map((i) => i.key)
  return [item.key]
}

export function removeItem(items: BuilderItem[], index: number): BuilderItem[] {
  const keys = new Set(keysToRemove(items, index))
  return items.filter((i) => !keys.has(i.key))
}

// ------------------------------------------------------------------ options

const OPTION_PREFIX: Partial<Record<QuestionKind, string>> = { idea_vote: 'idea', card_sort: 'tarjeta' }

/**
 * A new option's value: short, unique within the list, and stable — editing the label later does
 * not change it, so answers and comparisons keep matching the same option.
 */
export function nextOptionValue(existing: Option[], prefix: string): string {
  const used = new Set(existing.map((o) => o.value))
  let n = existing.length + 1
  while (used.has(`${prefix}-${n}`)) n++
  return `${prefix}-${n}`
}

export function optionPrefix(kind: QuestionKind, list: 'options' | 'groups'): string {
  return list === 'groups' ? 'grupo' : (OPTION_PREFIX[kind] ?? 'opcion')
}

export function optionNoun(kind: QuestionKind, list: 'options' | 'groups'): { singular: string; plural: string } {
  if (list === 'groups') return { singular: 'grupo', plural: 'Grupos' }
  if (kind === 'card_sort') return { singular: 'tarjeta', plural: 'Tarjetas' }
  if (kind === 'idea_vote') return { singular: 'idea', plural: 'Ideas' }
  if (kind === 'ranking') return { singular: 'elemento', plural: 'Elementos a ordenar' }
  return { singular: 'opción', plural: 'Opciones' }
}

// ------------------------------------------------------------------ the question bank

export const BANK_BLOCKS = [
  'sus',
  'csat',
  'nps',
  'umux_lite',
  'profile',
  'open_comment',
  'idea_vote',
  'single_choice',
  'multiple_choice',
  'ranking',
  'card_sort',
] as const
export type BankBlock = (typeof BANK_BLOCKS)[number]

export const BANK_BLOCK_LABELS: Record<BankBlock, { label: string; hint: string }> = {
  sus: { label: 'SUS (10 ítems)', hint: 'Escala de usabilidad, versión en español en positivo.' },
  csat: { label: 'CSAT (caritas)', hint: 'Satisfacción con 5 caritas.' },
  nps: { label: 'NPS (0 a 10)', hint: '¿Lo recomendaría?' },
  umux_lite: { label: 'UMUX-Lite (2 ítems)', hint: 'Utilidad y facilidad de uso.' },
  profile: { label: 'Preguntas de perfil', hint: 'Edad, habilidad digital, canal preferido y región.' },
  open_comment: { label: 'Comentario abierto', hint: '¿Algo más que quiera contarnos?' },
  idea_vote: { label: 'Votar ideas', hint: 'Elegir entre varias ideas.' },
  single_choice: { label: 'Una opción', hint: 'Plantilla para escribir.' },
  multiple_choice: { label: 'Varias opciones', hint: 'Plantilla para escribir.' },
  ranking: { label: 'Ordenar (ranking)', hint: 'Plantilla para escribir.' },
  card_sort: { label: 'Clasificar tarjetas', hint: 'Plantilla con tarjetas y grupos.' },
}

const placeholders = (prefix: string, word: string, n: number): Option[] =>
  Array.from({ length: n }, (_, i) => ({ value: `${prefix}-${i + 1}`, label: `${word} ${i + 1}` }))

/** The bank's drafts for a block, leaving out what the guide already has when it may appear only once. */
export function bankDrafts(block: BankBlock, current: BuilderItem[]): QuestionDraft[] {
  const has = (kind: QuestionKind) => current.some((i) => i.draft.kind === kind)
  switch (block) {
    case 'sus':
      return has('sus') ? [] : susPositive()
    case 'umux_lite':
      return has('umux_lite') ? [] : umuxLite()
    case 'csat':
      return [csat()]
    case 'nps':
      return [nps()]
    case 'profile':
      return profileQuestions().filter((d) => !has(d.kind))
    case 'open_comment':
      return [openComment()]
    case 'idea_vote':
      return [ideaVote('¿Cuál de estas ideas le ayudaría más?', ['Idea 1', 'Idea 2', 'Idea 3'], 1)]
    case 'single_choice':
    case 'multiple_choice':
      return [{ kind: block, text: '', config: { options: placeholders('opcion', 'Opción', 3) } }]
    case 'ranking':
      return [{ kind: 'ranking', text: '', config: { options: placeholders('opcion', 'Elemento', 3) } }]
    case 'card_sort':
      return [{ kind: 'card_sort', text: '', config: { options: placeholders('tarjeta', 'Tarjeta', 3), groups: placeholders('grupo', 'Grupo', 2) } }]
  }
}

/** Whether a block would add nothing (e.g. the guide already has the SUS). */
export function isBlockPresent(block: BankBlock, current: BuilderItem[]): boolean {
  return (block === 'sus' || block === 'umux_lite' || block === 'profile') && bankDrafts(block, current).length === 0
}

/** A task followed by its SEQ. */
export function taskWithSeq(text: string): QuestionDraft[] {
  return [task(text), seqAfter(0)]
}

/** Bank drafts as items with fresh keys; their taskIndex (relative to the block) becomes a taskKey. */
export function toItems(drafts: QuestionDraft[], newKey: () => string): BuilderItem[] {
  const keys = drafts.map(() => newKey())
  return drafts.map(({ taskIndex, ...d }, i) => ({
    key: keys[i]!,
    draft: { kind: d.kind, text: d.text, config: structuredClone(d.config) },
    ...(taskIndex !== undefined && keys[taskIndex] ? { taskKey: keys[taskIndex] } : {}),
  }))
}

// ------------------------------------------------------------------ validation messages

type Issue = z.core.$ZodIssue

/** Spanish for zod's own messages; the schema's messages (already Spanish) take precedence. */
export const spanishFallback = (issue: z.core.$ZodRawIssue): string => {
  switch (issue.code) {
    case 'invalid_type':
      return 'Falta un dato o no tiene el formato esperado.'
    case 'too_small':
      return issue.origin === 'array' ? `Agregue al menos ${issue.minimum}.` : `Use un número desde ${issue.minimum}.`
    case 'too_big':
      return issue.origin === 'array' ? `Use como máximo ${issue.maximum}.` : `Use un número hasta ${issue.maximum}.`
    case 'invalid_key':
      return 'Use un código de idioma como "qu" o "es-PE".'
    default:
      return 'Revise este dato.'
  }
}

export type GuideProblem = { index: number | null; message: string }

/** Each problem with its question number and kind, e.g. "Pregunta 3 (Una opción), opción 2: …". */
export function describeIssues(issues: readonly Issue[], questions: unknown): GuideProblem[] {
  const list = Array.isArray(questions) ? (questions as unknown[]) : []
  const seen = new Set<string>()
  const problems: GuideProblem[] = []
  for (const issue of issues) {
    const [root, index, ...rest] = issue.path
    let message = issue.message
    if (issue.code === 'invalid_key' && issue.issues[0]?.message) message = issue.issues[0].message
    let problem: GuideProblem
    if (root !== 'questions' || typeof index !== 'number') {
      problem = {
        index: null,
        message: issue.code === 'invalid_type' && root === 'questions' ? 'El guion enviado no tiene el formato esperado.' : message,
      }
    } else if (rest[0] === 'taskIndex' && issue.code === 'custom') {
      problem = { index, message } // "La pregunta N (SEQ) debe ir después de la tarea que evalúa."
    } else {
      const q = list[index] as { kind?: unknown; config?: { item?: unknown } } | undefined
      const kind = typeof q?.kind === 'string' && q.kind in QUESTION_KIND_LABELS ? (q.kind as QuestionKind) : null
      const item = typeof q?.config?.item === 'number' ? q.config.item : undefined
      let where = `Pregunta ${index + 1}${kind ? ` (${kindLabel({ kind, config: { item } })})` : ''}`
      if (rest[0] === 'config' && (rest[1] === 'options' || rest[1] === 'groups') && typeof rest[2] === 'number') {
        where += `, ${optionNoun(kind ?? 'single_choice', rest[1]).singular} ${rest[2] + 1}`
      } else if (rest[0] === 'config' && rest[1] === 'translations' && typeof rest[2] === 'string') {
        where += `, traducción «${rest[2]}»`
      }
      problem = { index, message: `${where}: ${message}` }
    }
    if (seen.has(problem.message)) continue
    seen.add(problem.message)
    problems.push(problem)
  }
  return problems
}

/** Validates a guide as the server does; the drafts ready to save, or the problems. */
export function validateGuide(questions: unknown): { ok: true; questions: Draft[] } | { ok: false; problems: GuideProblem[] } {
  const parsed = InstrumentForm.safeParse({ questions }, { error: spanishFallback })
  if (parsed.success) return { ok: true, questions: parsed.data.questions }
  return { ok: false, problems: describeIssues(parsed.error.issues, questions) }
}
