import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Form, useActionData, useFetcher } from 'react-router'
import type { TFunction } from 'i18next'
import type { AnswerValue } from '#app/lib/tablet-answer.ts'
import type { AnsweredBy } from '#app/lib/domain.ts'
import { createTabletT } from '#app/lib/tablet-messages.ts'
import { useIdleReset, useSpeech } from './hooks.ts'
import { newClientId, useOutbox } from './outbox.ts'
import { localizedOptions, localizedText, QuestionView, type TabletQuestion } from './question-views.tsx'

type FlowData = { mode: 'flow'; language: string; consentText: string; questions: TabletQuestion[] }
type ClosedData = { mode: 'closed'; language: string }

export function TabletApp({ data }: { data: FlowData | ClosedData }) {
  const t = useMemo(() => createTabletT(data.language), [data.language])
  // Answers leave through the outbox, which outlives each person's screens.
  const outbox = useOutbox()
  const [round, setRound] = useState(0)
  useKioskHistory()
  // The tablet's pages keep working offline once loaded (public/tableta-sw.js).
  useEffect(() => {
    if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/tableta-sw.js', { scope: '/tableta' }).catch(() => {})
  }, [])

  if (data.mode === 'closed') {
    return (
      <main id="contenido" className="kiosk">
        <h1>{t('closed.title')}</h1>
        <p>{t('closed.body')}</p>
        <ExitKiosk t={t} />
      </main>
    )
  }
  return (
    <>
      {/* A new key for each person: nothing of the previous one survives in memory or on screen. */}
      <Flow key={round} data={data} t={t} outbox={outbox} onReset={() => setRound((r) => r + 1)} />
      <OutboxStatus t={t} outbox={outbox} />
    </>
  )
}

/** Browser Back must never leave the kiosk or bring back an earlier screen. */
function useKioskHistory() {
  useEffect(() => {
    window.history.pushState({ kiosk: true }, '', window.location.pathname)
    const trap = () => window.history.pushState({ kiosk: true }, '', window.location.pathname)
    window.addEventListener('popstate', trap)
    return () => window.removeEventListener('popstate', trap)
  }, [])
}

type Step = { name: 'welcome' } | { name: 'consent' } | { name: 'declined' } | { name: 'who' } | { name: 'question'; index: number } | { name: 'thanks' }

function Flow({ data, t, outbox, onReset }: { data: FlowData; t: TFunction; outbox: ReturnType<typeof useOutbox>; onReset: () => void }) {
  const [step, setStep] = useState<Step>({ name: 'welcome' })
  // The tablet's own key for this person: it works offline, and the server maps it to a participant.
  const [participantKey, setParticipantKey] = useState<string | null>(null)
  // Nobody is marked until the person taps one: a screen reader must not hear a choice already made.
  const [answeredBy, setAnsweredBy] = useState<AnsweredBy | null>(null)
  const [answers, setAnswers] = useState<Record<number, AnswerValue>>({})
  const [draft, setDraft] = useState(false)
  const consent = useFetcher<{ ok: boolean; participantId?: number; message?: string }>()
  const questions = data.questions
  const headingRef = useRef<HTMLHeadingElement>(null)
  const speech = useSpeech(data.language)
  // "No Spanish voice" is said once someone presses Escuchar: shown by itself, a second or two after
  // a screen appears, it pushed the buttons down under a finger about to tap them.
  const [listenPressed, setListenPressed] = useState(false)

  // Oral consent is confirmed on the server with the PIN; then the person may answer.
  const [pendingOralKey, setPendingOralKey] = useState<string | null>(null)
  useEffect(() => {
    if (consent.state === 'idle' && consent.data?.ok && pendingOralKey && participantKey === null) {
      setParticipantKey(pendingOralKey)
      setStep({ name: 'who' })
    }
  }, [consent.state, consent.data, pendingOralKey, participantKey])

  // Tap consent works offline: it goes first into the queue, and the answers follow it.
  const acceptByTap = () => {
    const key = newClientId()
    void outbox.send({ type: 'consent', participantKey: key, method: 'tap', at: new Date().toISOString() })
    setParticipantKey(key)
    setStep({ name: 'who' })
  }

  // Each new screen: stop reading, and move focus to its heading for screen readers and keyboards.
  useEffect(() => {
    speech.stop()
    setDraft(false)
    headingRef.current?.focus()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step])

  const finish = useCallback(() => {
    if (participantKey !== null) void outbox.send({ type: 'end_turn', participantKey })
    onReset()
  }, [participantKey, outbox, onReset])

  const idle = useIdleReset(step.name !== 'welcome', finish)

  const answer = (q: TabletQuestion, value: AnswerValue) => {
    if (participantKey === null) return
    setAnswers((a) => ({ ...a, [q.id]: value }))
    void outbox.send({ type: 'answer', clientId: newClientId(), participantKey, questionId: q.id, value, answeredBy: answeredBy ?? 'self', answeredAt: new Date().toISOString() })
  }

  const next = () => {
    if (step.name !== 'question') return
    setStep(step.index + 1 < questions.length ? { name: 'question', index: step.index + 1 } : { name: 'thanks' })
  }
  const back = () => {
    if (step.name === 'question') setStep(step.index > 0 ? { name: 'question', index: step.index - 1 } : { name: 'who' })
  }

  let body: React.ReactNode
  let readAloud = ''
  switch (step.name) {
    case 'welcome':
      readAloud = `${t('welcome.title')}. ${t('welcome.body')}`
      body = (
        <>
          <h1 ref={headingRef} tabIndex={-1}>
            {t('welcome.title')}
          </h1>
          <p className="kiosk-lead">{t('welcome.body')}</p>
          <button type="button" className="kiosk-button kiosk-primary" onClick={() => setStep({ name: 'consent' })}>
            {t('welcome.start')}
          </button>
          {outbox.conflicts > 0 ? <p className="kiosk-note">{t('common.conflicts', { count: outbox.conflicts })}</p> : null}
          <ExitKiosk t={t} />
        </>
      )
      break
    case 'consent':
      readAloud = `${t('consent.title')}. ${data.consentText}`
      body = (
        <ConsentScreen
          t={t}
          text={data.consentText}
          fetcher={consent}
          headingRef={headingRef}
          onAccept={acceptByTap}
          onOralKey={setPendingOralKey}
          onDecline={() => setStep({ name: 'declined' })}
        />
      )
      break
    case 'declined':
      readAloud = t('consent.declined')
      body = (
        <>
          <h1 ref={headingRef} tabIndex={-1}>
            {t('consent.declined')}
          </h1>
          <button type="button" className="kiosk-button kiosk-primary" onClick={onReset}>
            {t('thanks.finish')}
          </button>
        </>
      )
      break
    case 'who':
      readAloud = `${t('who.title')} ${t('who.self')}. ${t('who.facilitator')}. ${t('who.companion')}.`
      body = (
        <>
          <h1 ref={headingRef} tabIndex={-1}>
            {t('who.title')}
          </h1>
          <div className="kiosk-options kiosk-options-column" role="group">
            {(['self', 'facilitator', 'companion'] as const).map((who) => (
              <button
                key={who}
                type="button"
                className="kiosk-option"
                aria-pressed={answeredBy === who}
                onClick={() => {
                  setAnsweredBy(who)
                  setStep(questions.length > 0 ? { name: 'question', index: 0 } : { name: 'thanks' })
                }}
              >
                {t(`who.${who}`)}
              </button>
            ))}
          </div>
        </>
      )
      break
    case 'question': {
      const q = questions[step.index]!
      const number = step.index + 1
      const text = localizedText(q, data.language)
      const taskNumber = questions.slice(0, step.index + 1).filter((x) => x.kind === 'task').length
      const options = localizedOptions(q, data.language)
      readAloud = q.kind === 'task' ? `${t('task.label', { number: taskNumber })}. ${text}. ${t('task.instructions')}` : `${text}. ${options.map((o) => o.label).join('. ')}`
      const answered = answers[q.id] !== undefined
      const optional = q.kind === 'open_comment' || q.kind === 'task'
      body = (
        <>
          <p className="kiosk-progress">
            <progress max={questions.length} value={number} aria-hidden="true" />
            <span>{t('common.progress', { current: number, total: questions.length })}</span>
          </p>
          {q.kind === 'task' ? <p className="kiosk-task-label">{t('task.label', { number: taskNumber })}</p> : null}
          <h1 ref={headingRef} tabIndex={-1}>
            {text}
          </h1>
          {q.kind === 'task' ? <p className="kiosk-lead">{t('task.instructions')}</p> : null}
          <QuestionView question={q} language={data.language} value={answers[q.id]} onAnswer={(v) => answer(q, v)} onDraft={setDraft} t={t} />
          <nav className="kiosk-nav" aria-label="Navegación de preguntas">
            <button type="button" className="kiosk-button" onClick={back}>
              ← {t('common.back')}
            </button>
            <button type="button" className="kiosk-button kiosk-primary" onClick={next} disabled={!answered && !optional}>
              {q.kind === 'task' ? t('task.done') : q.kind === 'open_comment' && !answered && !draft ? t('common.skip') : t('common.next')} →
            </button>
          </nav>
        </>
      )
      break
    }
    case 'thanks':
      readAloud = `${t('thanks.title')} ${t('thanks.body')}`
      body = <ThanksScreen t={t} headingRef={headingRef} onFinish={finish} />
      break
  }

  return (
    <main id="contenido" className="kiosk">
      <div className="kiosk-toolbar">
        <button
          type="button"
          className="kiosk-button kiosk-listen"
          onClick={() => {
            setListenPressed(true)
            if (speech.speaking) speech.stop()
            else speech.speak(readAloud)
          }}
          aria-pressed={speech.speaking}
        >
          <SpeakerIcon /> {speech.speaking ? t('common.stopListening') : t('common.listen')}
        </button>
      </div>
      {listenPressed && !speech.available ? (
        <p className="kiosk-note" role="status">
          {t('common.noSpanishVoice')}
        </p>
      ) : null}
      {body}
      {idle.countdown !== null ? (
        <div className="kiosk-dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body">
          <div className="kiosk-dialog-box">
            <h2 id="idle-title">{t('idle.title')}</h2>
            <p id="idle-body" aria-live="polite">
              {t('idle.body', { seconds: idle.countdown })}
            </p>
            <button type="button" className="kiosk-button kiosk-primary" onClick={idle.keepGoing} autoFocus>
              {t('idle.continue')}
            </button>
          </div>
        </div>
      ) : null}
    </main>
  )
}

function ConsentScreen(props: {
  t: TFunction
  text: string
  fetcher: ReturnType<typeof useFetcher<{ ok: boolean; participantId?: number; message?: string }>>
  headingRef: React.RefObject<HTMLHeadingElement | null>
  onAccept: () => void
  onOralKey: (key: string) => void
  onDecline: () => void
}) {
  const { t, fetcher } = props
  const [oral, setOral] = useState(false)
  const [oralKey] = useState(newClientId)
  const busy = fetcher.state !== 'idle'
  return (
    <>
      <h1 ref={props.headingRef} tabIndex={-1}>
        {t('consent.title')}
      </h1>
      {/* A scrolling box: focusable so the keyboard can scroll it, and named for screen readers. */}
      <div className="kiosk-consent" tabIndex={0} role="region" aria-label={t('consent.textLabel')}>
        {props.text.split(/\n\s*\n/).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      {fetcher.data && !fetcher.data.ok ? (
        <p className="alert" role="alert">
          {fetcher.data.message}
        </p>
      ) : null}
      <div className="kiosk-options kiosk-options-column">
        <button type="button" className="kiosk-button kiosk-primary" disabled={busy} onClick={props.onAccept}>
          {t('consent.accept')}
        </button>
        <button type="button" className="kiosk-button" onClick={props.onDecline} disabled={busy}>
          {t('consent.decline')}
        </button>
        <button type="button" className="kiosk-button kiosk-secondary" onClick={() => setOral((o) => !o)} aria-expanded={oral}>
          {t('consent.oral')}
        </button>
      </div>
      {oral ? (
        <fetcher.Form method="post" action="/tableta" className="stack kiosk-pin" onSubmit={() => props.onOralKey(oralKey)}>
          <input type="hidden" name="intent" value="consent" />
          <input type="hidden" name="method" value="oral" />
          <input type="hidden" name="participantKey" value={oralKey} />
          <label htmlFor="oral-pin">{t('consent.pinPrompt')}</label>
          <input id="oral-pin" name="pin" type="password" inputMode="numeric" autoComplete="off" pattern="\d{4,8}" required />
          <button type="submit" className="kiosk-button" disabled={busy}>
            {t('common.next')}
          </button>
        </fetcher.Form>
      ) : null}
    </>
  )
}

const THANKS_SECONDS = 20

function ThanksScreen({ t, headingRef, onFinish }: { t: TFunction; headingRef: React.RefObject<HTMLHeadingElement | null>; onFinish: () => void }) {
  const [left, setLeft] = useState(THANKS_SECONDS)
  const finishRef = useRef(onFinish)
  finishRef.current = onFinish
  useEffect(() => {
    const timer = setInterval(() => setLeft((s) => s - 1), 1000)
    return () => clearInterval(timer)
  }, [])
  useEffect(() => {
    if (left <= 0) finishRef.current()
  }, [left])
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {t('thanks.title')}
      </h1>
      <p className="kiosk-lead">{t('thanks.body')}</p>
      <button type="button" className="kiosk-button kiosk-primary" onClick={onFinish}>
        {t('thanks.finish')}
      </button>
      <p className="kiosk-hint">{t('thanks.resetIn', { seconds: Math.max(0, left) })}</p>
    </>
  )
}

function SpeakerIcon() {
  return (
    <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false" className="icon">
      <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
      <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" stroke="currentColor" strokeWidth="2" fill="none" strokeLinecap="round" />
    </svg>
  )
}

function OutboxStatus({ t, outbox }: { t: TFunction; outbox: ReturnType<typeof useOutbox> }) {
  // Shown while answers wait or travel, and for a few seconds after each one is saved.
  const [recent, setRecent] = useState(false)
  useEffect(() => {
    if (!outbox.savedAt) return
    setRecent(true)
    const timer = setTimeout(() => setRecent(false), 4000)
    return () => clearTimeout(timer)
  }, [outbox.savedAt])
  if (outbox.state === 'idle' && outbox.pending === 0 && !recent) return <p className="visually-hidden" role="status" aria-live="polite" data-pending={0} />
  const offline = outbox.state === 'waiting' || (typeof navigator !== 'undefined' && !navigator.onLine && outbox.pending > 0)
  const message = offline ? t('common.savedOnTablet') : outbox.state === 'sending' || outbox.pending > 0 ? t('common.saving') : t('common.saved')
  return (
    <p className={`kiosk-save-status kiosk-save-${offline ? 'waiting' : outbox.state}`} role="status" aria-live="polite" data-pending={outbox.pending}>
      {message}
    </p>
  )
}

function ExitKiosk({ t }: { t: TFunction }) {
  const [open, setOpen] = useState(false)
  const result = useActionData() as { ok: boolean; intent?: string; message?: string } | undefined
  const failed = result && !result.ok && result.intent === 'exit'
  useEffect(() => {
    if (failed) setOpen(true)
  }, [result, failed])
  return (
    <div className="kiosk-exit">
      {!open ? (
        <button type="button" className="kiosk-link" onClick={() => setOpen(true)}>
          {t('exit.open')}
        </button>
      ) : (
        <Form method="post" action="/tableta" className="stack kiosk-pin" replace>
          <h2>{t('exit.title')}</h2>
          <input type="hidden" name="intent" value="exit" />
          <label htmlFor="exit-pin">{t('exit.pinLabel')}</label>
          <input id="exit-pin" name="pin" type="password" inputMode="numeric" autoComplete="off" required />
          {failed ? (
            <p className="alert" role="alert">
              {result.message}
            </p>
          ) : null}
          <div className="kiosk-nav">
            <button type="button" className="kiosk-button" onClick={() => setOpen(false)}>
              {t('exit.cancel')}
            </button>
            <button type="submit" className="kiosk-button kiosk-primary">
              {t('exit.submit')}
            </button>
          </div>
        </Form>
      )}
    </div>
  )
}
