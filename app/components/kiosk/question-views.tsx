// One question per screen, answered by touch: big buttons with words, faces for satisfaction.
import { lazy, Suspense, useState } from 'react'
import type { TFunction } from 'i18next'
import type { AnswerValue } from '#app/lib/tablet-answer.ts'

export type TabletQuestion = {
  id: number
  kind: string
  text: string
  config: {
    item?: number
    options?: { value: string; label: string }[]
    groups?: { value: string; label: string }[]
    maxChoices?: number
    translations?: Record<string, { text: string; options?: Record<string, string> }>
  }
}

type Option = { value: string; label: string }

// dnd-kit is only downloaded when a ranking or card-sort screen appears.
const RankingView = lazy(() => import('./ranking-view.tsx'))
const CardSortView = lazy(() => import('./card-sort-view.tsx'))

export function localizedOptions(q: TabletQuestion, language: string, key: 'options' | 'groups' = 'options'): Option[] {
  const tr = q.config.translations?.[language]?.options ?? {}
  return (q.config[key] ?? []).map((o) => ({ value: o.value, label: tr[o.value] ?? o.label }))
}

export function localizedText(q: TabletQuestion, language: string) {
  return q.config.translations?.[language]?.text ?? q.text
}

function Face({ value }: { value: number }) {
  // Mouth curve from a frown (1) to a wide smile (5).
  const curve = [-9, -5, 0, 5, 9][value - 1] ?? 0
  return (
    <svg viewBox="0 0 64 64" width="64" height="64" aria-hidden="true" focusable="false" className="face">
      <circle cx="32" cy="32" r="29" fill="#ffd866" stroke="#3b2f00" strokeWidth="3" />
      <circle cx="22" cy="25" r="4" fill="#3b2f00" />
      <circle cx="42" cy="25" r="4" fill="#3b2f00" />
      <path d={`M18 ${42 - curve / 2} Q32 ${42 + curve} 46 ${42 - curve / 2}`} stroke="#3b2f00" strokeWidth="4" fill="none" strokeLinecap="round" />
    </svg>
  )
}

function ChoiceButtons({ options, selected, onPick, faces, layout }: { options: Option[]; selected: (v: string) => boolean; onPick: (v: string) => void; faces?: boolean; layout?: 'row' | 'grid' | 'column' }) {
  return (
    <div className={`kiosk-options kiosk-options-${layout ?? 'column'}`} role="group">
      {options.map((o) => (
        <button key={o.value} type="button" className="kiosk-option" aria-pressed={selected(o.value)} onClick={() => onPick(o.value)}>
          {faces ? <Face value={Number(o.value)} /> : null}
          <span>{o.label}</span>
        </button>
      ))}
    </div>
  )
}

const numbered = (from: number, to: number, labels: Record<number, string> = {}): Option[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ value: String(from + i), label: labels[from + i] ? `${from + i} · ${labels[from + i]}` : String(from + i) }))

/** The answering control of one question. `onAnswer` stores the value (and sends it). */
export function QuestionView(props: {
  question: TabletQuestion
  language: string
  value: AnswerValue | undefined
  onAnswer: (value: AnswerValue) => void
  // While a comment is being written (before it is stored on leaving the box).
  onDraft?: (hasText: boolean) => void
  t: TFunction
}) {
  const { question: q, value, onAnswer, t, language } = props
  const options = localizedOptions(q, language)
  const isSelected = (v: string) => (Array.isArray(value) ? value.includes(v) : String(value) === v)
  switch (q.kind) {
    case 'sus':
    case 'seq':
    case 'umux_lite': {
      const opts = options.length > 0 && q.kind !== 'umux_lite' ? options : numbered(1, 7, Object.fromEntries(options.map((o) => [Number(o.value), o.label])))
      return (
        <>
          {q.kind === 'sus' ? <p className="kiosk-hint">{t('scale.sus')}</p> : null}
          <ChoiceButtons options={opts} selected={isSelected} onPick={(v) => onAnswer(Number(v))} layout={q.kind === 'sus' ? 'column' : 'grid'} />
        </>
      )
    }
    case 'csat':
      return <ChoiceButtons options={options} selected={isSelected} onPick={(v) => onAnswer(Number(v))} faces layout="row" />
    case 'nps':
      return (
        <>
          <p className="kiosk-hint">{t('scale.nps')}</p>
          <ChoiceButtons options={numbered(0, 10)} selected={isSelected} onPick={(v) => onAnswer(Number(v))} layout="grid" />
          <p className="kiosk-scale-ends" aria-hidden="true">
            <span>0 · {t('scale.npsLow')}</span>
            <span>10 · {t('scale.npsHigh')}</span>
          </p>
        </>
      )
    case 'single_choice':
    case 'profile_age_band':
    case 'profile_digital_skill':
    case 'profile_channel':
    case 'profile_region':
      return (
        <>
          <p className="kiosk-hint">{t('choice.pickOne')}</p>
          <ChoiceButtons options={options} selected={isSelected} onPick={onAnswer} layout={options.length > 8 ? 'grid' : 'column'} />
        </>
      )
    case 'multiple_choice':
    case 'idea_vote': {
      const max = q.kind === 'idea_vote' ? (q.config.maxChoices ?? 1) : options.length
      const chosen = Array.isArray(value) ? value : []
      const toggle = (v: string) => {
        const next = chosen.includes(v) ? chosen.filter((x) => x !== v) : chosen.length < max ? [...chosen, v] : chosen
        if (next.length > 0) onAnswer(next)
      }
      return (
        <>
          <p className="kiosk-hint" aria-live="polite">
            {q.kind === 'idea_vote' ? t('choice.pickUpTo', { count: max }) : t('choice.pickMany')} · {t('choice.chosen', { count: chosen.length, max })}
          </p>
          <ChoiceButtons options={options} selected={isSelected} onPick={toggle} />
        </>
      )
    }
    case 'ranking':
      return (
        <Suspense fallback={<p>…</p>}>
          <RankingView options={options} value={Array.isArray(value) ? value : undefined} onChange={onAnswer} t={t} />
        </Suspense>
      )
    case 'card_sort':
      return (
        <Suspense fallback={<p>…</p>}>
          <CardSortView
            cards={options}
            groups={localizedOptions(q, language, 'groups')}
            value={value && typeof value === 'object' && !Array.isArray(value) ? value : undefined}
            onChange={onAnswer}
            t={t}
          />
        </Suspense>
      )
    case 'open_comment':
      return <CommentView value={typeof value === 'string' ? value : ''} onAnswer={onAnswer} onDraft={props.onDraft} t={t} />
    default:
      return null
  }
}

function CommentView({ value, onAnswer, onDraft, t }: { value: string; onAnswer: (v: AnswerValue) => void; onDraft?: (hasText: boolean) => void; t: TFunction }) {
  const [text, setText] = useState(value)
  return (
    <div className="stack">
      <label htmlFor="comment" className="visually-hidden">
        {t('comment.placeholder')}
      </label>
      <textarea
        id="comment"
        className="kiosk-textarea"
        rows={4}
        maxLength={2000}
        value={text}
        placeholder={t('comment.placeholder')}
        onChange={(e) => {
          setText(e.currentTarget.value)
          onDraft?.(e.currentTarget.value.trim().length > 0)
        }}
        onBlur={() => text.trim() && onAnswer(text.trim())}
      />
    </div>
  )
}
