export type SelectOption = { value: string | number; label: string }

/** Options from a list of values and their Spanish labels (STAGES with STAGE_LABELS, …). */
export function labelledOptions<T extends string>(values: readonly T[], labels: Record<T, string>): SelectOption[] {
  return values.map((value) => ({ value, label: labels[value] }))
}

/**
 * A labelled <select> in its .field: the filters and the small forms of the staff pages (not the
 * conform forms, whose fields carry their own ids and errors). `empty` adds a first option with
 * the value "" («Todas», «Sin dato», …).
 */
export function SelectField({
  id,
  name = id,
  label,
  options,
  empty,
  defaultValue,
  className,
}: {
  id: string
  name?: string
  label: string
  options: readonly SelectOption[]
  empty?: string
  defaultValue?: string | number
  className?: string
}) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}
