// The answer a tablet sends, shared by the tablet (which builds it) and the server (which checks it).
import { z } from 'zod'
import { ANSWERED_BY } from './domain.ts'

export const AnswerValue = z.union([
  z.number(),
  z.string().max(2000),
  z.array(z.string().max(80)).max(40),
  z.record(z.string().max(80), z.string().max(80)),
])
export type AnswerValue = z.infer<typeof AnswerValue>

export const AnswerPayload = z.object({
  clientId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'clientId inválido'),
  participantId: z.number().int().positive(),
  questionId: z.number().int().positive(),
  value: AnswerValue,
  answeredBy: z.enum(ANSWERED_BY),
  answeredAt: z.iso.datetime(),
})
export type AnswerPayload = z.infer<typeof AnswerPayload>

export type AnswerResult =
  | { status: 'saved' | 'duplicate'; responseId: number }
  | { status: 'conflict' | 'invalid'; message: string }
