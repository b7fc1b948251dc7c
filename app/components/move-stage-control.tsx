import { Form } from 'react-router'
import { STAGES, STAGE_LABELS, type Stage } from '#app/lib/domain.ts'

/** "Mover a…": a plain form, so a card changes stage also without JavaScript or a pointer. */
export function MoveStageControl({ code, stage, action }: { code: string; stage: Stage; action?: string }) {
  const id = `mover-${code}`
  return (
    <Form method="post" action={action} className="move-stage">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="code" value={code} />
      <label htmlFor={id}>Mover a…</label>
      <select id={id} name="stage" defaultValue={stage}>
        {STAGES.map((s) => (
          <option key={s} value={s}>
            {STAGE_LABELS[s]}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-secondary button-small">
        Mover<span className="visually-hidden"> {code}</span>
      </button>
    </Form>
  )
}
