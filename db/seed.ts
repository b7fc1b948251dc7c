// npm run db:seed [-- --reset]
// Loads the demo data into an empty database. A database that already holds data is refused;
// with --reset the existing file is first moved aside (kept as a .bak file), never overwritten.
import fs from 'node:fs'
import { env } from '../app/.server/env.ts'
import { DEMO_PASSWORD, hashPassword } from '../app/.server/passwords.ts'
import { openDatabase } from './connection.ts'
import { ManifestError } from './prototype-library.ts'
import { isEmptyDatabase, seedDemoData } from './seed-demo.ts'

export async function loadDemoData(file: string) {
  const started = performance.now()
  const db = openDatabase(file)
  try {
    if (!isEmptyDatabase(db)) return null
    const summary = seedDemoData(db, await hashPassword(DEMO_PASSWORD))
    return { summary, ms: Math.round(performance.now() - started) }
  } finally {
    db.$client.close()
  }
}

function moveAside(file: string) {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const db = openDatabase(file)
  db.$client.pragma('wal_checkpoint(TRUNCATE)')
  db.$client.close()
  const backup = `${file}.${stamp}.bak`
  fs.renameSync(file, backup)
  for (const suffix of ['-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.rmSync(file + suffix)
  return backup
}

async function main() {
  const file = env.DATABASE_PATH
  if (env.isProduction) {
    console.error('No se cargan datos de demostración en producción.')
    process.exit(1)
  }
  if (process.argv.includes('--reset') && fs.existsSync(file)) {
    console.log(`Base anterior guardada como ${moveAside(file)}`)
  }
  const result = await loadDemoData(file)
  if (!result) {
    console.error(
      `La base ${file} ya tiene datos: no se cargan los datos de demostración.\n` +
        'Para empezar de nuevo, ejecute "npm run db:seed -- --reset" (la base actual se guarda como copia .bak).',
    )
    process.exit(1)
  }
  console.log(`Datos de demostración cargados en ${file} en ${result.ms} ms:`, result.summary)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error instanceof ManifestError ? `Manifiesto inválido: ${error.message}` : error)
    process.exit(1)
  })
}
