import { z } from 'zod'

// Long passwords that still appear at the top of breach lists (compared in lower case).
const COMMON = [
  '123456789012', '1234567890123', '12345678901234', '111111111111', '000000000000', '123123123123',
  'qwertyuiop12', 'qwertyuiop123', 'qwerty123456', 'qwertyuiopasdf', 'asdfghjkl123', '1q2w3e4r5t6y',
  '1qaz2wsx3edc', 'zaq12wsxcde3', '1234qwerasdf', 'abcdefghijkl', 'abc123456789', 'password1234',
  'password12345', 'passwordpassword', 'passw0rd1234', 'p@ssw0rd1234', 'p@ssword1234', 'iloveyou1234',
  'welcome12345', 'letmein12345', 'superman1234', 'football1234', 'baseball1234', 'princess1234',
  'sunshine1234', 'monkey123456', 'dragon123456', 'master123456', 'trustno12345', 'administrator',
  'administrador', 'contraseña123', 'contrasena123', 'contraseña1234', 'contrasena1234', 'bienvenido123',
  'bienvenido2026', 'temporal1234', 'cambiar12345', 'cambiame1234', 'onp123456789', 'peru12345678',
  'lima12345678', 'katapulta2026', 'katapulta-demo-2026', 'katapulta123', 'laboratorio123',
]
const COMMON_SET = new Set(COMMON)

/** A password a person sets (or an admin sets for them): 12+ characters and not a common one. */
export const NewPassword = z
  .string({ error: 'Escriba una contraseña.' })
  .min(12, 'La contraseña debe tener al menos 12 caracteres.')
  .max(200, 'La contraseña es demasiado larga.')
  .refine((p) => !COMMON_SET.has(p.toLowerCase()), 'Esa contraseña es muy común: elija otra, por ejemplo una frase de varias palabras.')
  .refine((p) => new Set(p).size > 3, 'Use una contraseña con más variedad de caracteres.')
