/** The messages of one field, linked to it through aria-describedby by conform. */
export function FieldErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  return (
    <div id={id} className="field-errors" aria-live="polite">
      {errors?.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  )
}
