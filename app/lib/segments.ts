import { AGE_BAND_LABELS, ANSWERED_BY_LABELS, CHANNEL_LABELS, DIGITAL_SKILL_LABELS } from './domain.ts'

// The ways a dashboard can split its figures.
export const SEGMENT_KEYS = ['age_band', 'digital_skill', 'region', 'channel', 'answered_by'] as const
export type SegmentKey = (typeof SEGMENT_KEYS)[number]

export const SEGMENT_LABELS: Record<SegmentKey, string> = {
  age_band: 'Edad',
  digital_skill: 'Habilidad digital',
  region: 'Región',
  channel: 'Canal preferido',
  answered_by: 'Quién respondió',
}

/** The Spanish name of one segment value, e.g. ('age_band', '70+') → '70 años o más'. */
export function segmentValueLabel(key: SegmentKey, value: string | null): string {
  if (value === null) return 'Sin dato'
  const labels: Record<string, string> =
    key === 'age_band' ? AGE_BAND_LABELS : key === 'digital_skill' ? DIGITAL_SKILL_LABELS : key === 'channel' ? CHANNEL_LABELS : key === 'answered_by' ? ANSWERED_BY_LABELS : {}
  return labels[value] ?? value
}

export function parseSegment(value: string | null): SegmentKey | null {
  return SEGMENT_KEYS.includes(value as SegmentKey) ? (value as SegmentKey) : null
}
