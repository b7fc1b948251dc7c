// What a tablet sends, shared by the tablet (which builds it) and the server (which checks it).
// Everything goes through one ordered queue: a consent, then the answers, then the end of the turn.
import { z } from 'zod'
import { ANSWERED_BY } from './domain.ts'

export const AnswerValue = z.union([
  z.number(),
  z.string().max(2000),
  z.array(z.string().max(80)).max(40),
  z.record(z.string().max(80), z.string().max(80)),
])
export type AnswerValue = z.infer<typeof AnswerValue>

const ClientId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'identificador inválido')

export const AnswerPayload = z
  .object({
    type: z.literal('answer').optional(),
    clientId: ClientId,
    // The tablet's own key for the person (works offline); participantId for callers that know it.
    participantKey: ClientId.optional(),
    participantId: z.number().int().positive().optional(),
    questionId: z.number().int().positive(),
    value: AnswerValue,
    answeredBy: z.enum(ANSWERED_BY),
    answeredAt: z.iso.datetime(),
  })
  .refine((a) => a.participantKey !== undefined || a.participantId !== undefined, 'falta el participante')
export type AnswerPayload = z.infer<typeof AnswerPayload>

export const SyncItem = z.union([
  z.object({ type: z.literal('consent'), participantKey: ClientId, method: z.literal('tap'), at: z.iso.datetime() }),
  z.object({ type: z.literal('end_turn'), participantKey: ClientId }),
  z.object({ type: z.literal('heartbeat'), pending: z.number().int().min(0).max(100_000), conflicts: z.number().int().min(0).max(100_000) }),
  AnswerPayload,
])
export type SyncItem = z.infer<typeof SyncItem>

export type AnswerResult =
  | { status: 'saved' | 'duplicate'; responseId: number }
  | { status: 'conflict' | 'invalid'; message: string }

export type SyncResult = AnswerResult | { status: 'ok'; participantId?: number }
