import { z } from 'zod'

export const SignInForm = z.object({
  email: z
    .string({ error: 'Escriba su correo.' })
    .trim()
    .min(1, 'Escriba su correo.')
    .max(254, 'El correo es demasiado largo.')
    .pipe(z.email({ error: 'Escriba un correo válido, por ejemplo nombre@katapulta.pe.' })),
  password: z
    .string({ error: 'Escriba su contraseña.' })
    .min(1, 'Escriba su contraseña.')
    .max(200, 'La contraseña es demasiado larga.'),
  redirectTo: z.string().optional(),
})
