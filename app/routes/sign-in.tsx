import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useNavigation, useSearchParams } from 'react-router'
import { refuseTablet } from '#app/.server/tablet.ts'
import { clientAddress } from '#app/.server/security.ts'
import type { Route } from './+types/sign-in'
import { getUser, safeRedirectPath, signIn } from '#app/.server/auth.ts'
import { FieldErrors } from '#app/components/field-errors.tsx'
import { SignInForm } from '#app/lib/forms/sign-in.ts'
import { readForm } from '#app/.server/read-form.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Ingresar · Katapulta' }]

export async function loader({ request }: Route.LoaderArgs) {
  await refuseTablet(request)
  if (await getUser(request)) throw redirect('/')
  return null
}

export async function action({ request }: Route.ActionArgs) {
  await refuseTablet(request)
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: SignInForm })
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  }
  const result = await signIn({
    email: submission.value.email,
    password: submission.value.password,
    ipAddress: clientAddress(request),
    userAgent: request.headers.get('User-Agent'),
  })
  if (!result.ok) {
    return data(submission.reply({ formErrors: [result.message], hideFields: ['password'] }), {
      status: result.status,
    })
  }
  return redirect(safeRedirectPath(submission.value.redirectTo), { headers: { 'Set-Cookie': result.setCookie } })
}

export default function SignIn({ actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'sign-in',
    lastResult: actionData,
    constraint: { email: { required: true }, password: { required: true } },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInForm }),
  })
  const signedOut = searchParams.get('salida') === '1'

  return (
    <main id="contenido" className="page page-narrow sign-in">
      <p className="brand-line">Katapulta · Laboratorio de innovación de la ONP</p>
      <h1>Ingresar</h1>
      <p>Espacio de trabajo del equipo del laboratorio. Las personas que dan su opinión usan la tableta.</p>
      {signedOut ? (
        <p className="notice" role="status">
          Cerró su sesión.
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        {form.errors ? (
          <div className="alert" role="alert" id={form.errorId}>
            {form.errors.join(' ')}
          </div>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get('volver') ?? '/'} />
        <div className="field">
          <label htmlFor={fields.email.id}>Correo</label>
          <input {...getInputProps(fields.email, { type: 'email' })} autoComplete="username" />
          <FieldErrors id={fields.email.errorId} errors={fields.email.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.password.id}>Contraseña</label>
          <input {...getInputProps(fields.password, { type: 'password' })} autoComplete="current-password" />
          <FieldErrors id={fields.password.errorId} errors={fields.password.errors} />
        </div>
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          {navigation.state === 'submitting' ? 'Ingresando…' : 'Ingresar'}
        </button>
      </Form>
    </main>
  )
}
