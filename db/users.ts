// Staff accounts from the command line, for a first production admin and for replacing the demo
// password (refused in production until changed). The password is read from standard input.
//   echo 'una-contraseña-larga' | npm run users -- create ana@onp.gob.pe "Ana Quispe" admin
//   echo 'una-contraseña-larga' | npm run users -- password admin@katapulta.pe
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { env } from '../app/.server/env.ts'
import { hashPassword } from '../app/.server/passwords.ts'
import { NewPassword } from '../app/lib/password-policy.ts'
import { ROLES } from '../app/lib/domain.ts'
import { openDatabase } from './connection.ts'
import { users } from './schema.ts'

const Password = NewPassword
async function readStdin() {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
}

async function main() {
  const [command, email, ...rest] = process.argv.slice(2)
  if (!command || !email || !['create', 'password'].includes(command)) {
    console.error('Uso: npm run users -- create <correo> "<nombre>" <admin|facilitator|manager>\n     npm run users -- password <correo>\n(la contraseña se lee de la entrada estándar)')
    process.exit(2)
  }
  const password = Password.safeParse(await readStdin())
  if (!password.success) {
    console.error(password.error.issues[0]!.message)
    process.exit(2)
  }
  const db = openDatabase(env.DATABASE_PATH)
  const normalized = email.trim().toLowerCase()
  const passwordHash = await hashPassword(password.data)
  if (command === 'create') {
    const [name, role] = rest
    const parsedRole = z.enum(ROLES).safeParse(role)
    if (!name || !parsedRole.success) {
      console.error('Indique el nombre entre comillas y un rol: admin, facilitator o manager.')
      process.exit(2)
    }
    await db.insert(users).values({ email: normalized, name, role: parsedRole.data, passwordHash })
    console.log(`Cuenta ${normalized} creada.`)
  } else {
    const updated = await db
      .update(users)
      .set({ passwordHash, updatedAt: new Date().toISOString() })
      .where(eq(users.email, normalized))
      .returning({ id: users.id })
    if (updated.length === 0) {
      console.error(`No existe la cuenta ${normalized}.`)
      process.exit(1)
    }
    console.log(`Contraseña de ${normalized} cambiada.`)
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
