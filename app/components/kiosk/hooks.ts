import { useCallback, useEffect, useRef, useState } from 'react'

/**
 * Reads text aloud with a Spanish voice: Peru's if the tablet has it, else any Spanish one.
 * `available` is false when the browser has no speech or no Spanish voice, so the screen can say so.
 */
export function useSpeech(language: string) {
  const [available, setAvailable] = useState(true)
  const [speaking, setSpeaking] = useState(false)
  const voiceRef = useRef<SpeechSynthesisVoice | null>(null)

  useEffect(() => {
    if (typeof window === 'undefined' || !('speechSynthesis' in window)) {
      setAvailable(false)
      return
    }
    const pick = () => {
      const voices = window.speechSynthesis.getVoices()
      const lang = language.toLowerCase()
      voiceRef.current =
        voices.find((v) => v.lang.toLowerCase() === lang) ??
        voices.find((v) => v.lang.toLowerCase() === 'es-pe') ??
        voices.find((v) => /^es-(419|us|mx|co|cl|ar)/i.test(v.lang)) ??
        voices.find((v) => v.lang.toLowerCase().startsWith('es')) ??
        null
      // Voices load late in some browsers: only say "none" once the list has arrived.
      if (voices.length > 0) setAvailable(Boolean(voiceRef.current))
    }
    pick()
    window.speechSynthesis.addEventListener('voiceschanged', pick)
    const timer = setTimeout(() => {
      if (window.speechSynthesis.getVoices().length === 0) setAvailable(false)
    }, 1500)
    return () => {
      clearTimeout(timer)
      window.speechSynthesis.removeEventListener('voiceschanged', pick)
      window.speechSynthesis.cancel()
    }
  }, [language])

  const speak = useCallback((text: string) => {
    if (!('speechSynthesis' in window) || !voiceRef.current) {
      setAvailable(false)
      return
    }
    window.speechSynthesis.cancel()
    const utterance = new SpeechSynthesisUtterance(text)
    utterance.voice = voiceRef.current
    utterance.lang = voiceRef.current.lang
    utterance.rate = 0.9
    utterance.onend = () => setSpeaking(false)
    utterance.onerror = () => setSpeaking(false)
    setSpeaking(true)
    window.speechSynthesis.speak(utterance)
  }, [])

  const stop = useCallback(() => {
    if ('speechSynthesis' in window) window.speechSynthesis.cancel()
    setSpeaking(false)
  }, [])

  return { available, speaking, speak, stop }
}

export const IDLE_MS = 3 * 60 * 1000
export const COUNTDOWN_SECONDS = 30

/**
 * After 3 minutes without a touch or key, shows a 30-second countdown; if nobody continues,
 * calls onTimeout (the tablet then clears everything of that person).
 */
export function useIdleReset(active: boolean, onTimeout: () => void) {
  const [countdown, setCountdown] = useState<number | null>(null)
  const timers = useRef<{ idle?: ReturnType<typeof setTimeout>; tick?: ReturnType<typeof setInterval> }>({})
  const timeoutRef = useRef(onTimeout)
  timeoutRef.current = onTimeout

  const stop = useCallback(() => {
    clearTimeout(timers.current.idle)
    clearInterval(timers.current.tick)
    timers.current = {}
  }, [])

  const arm = useCallback(() => {
    stop()
    setCountdown(null)
    timers.current.idle = setTimeout(() => {
      let left = COUNTDOWN_SECONDS
      setCountdown(left)
      timers.current.tick = setInterval(() => {
        left -= 1
        if (left > 0) return setCountdown(left)
        stop()
        setCountdown(null)
        timeoutRef.current()
      }, 1000)
    }, IDLE_MS)
  }, [stop])

  useEffect(() => {
    if (!active) {
      stop()
      setCountdown(null)
      return
    }
    arm()
    // During the countdown only the "continue" button counts as activity.
    const activity = () => {
      if (!timers.current.tick) arm()
    }
    const events = ['pointerdown', 'keydown', 'touchstart'] as const
    for (const e of events) window.addEventListener(e, activity, { passive: true })
    return () => {
      stop()
      for (const e of events) window.removeEventListener(e, activity)
    }
  }, [active, arm, stop])

  return { countdown, keepGoing: arm }
}
