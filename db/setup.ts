// Run by `npm start` and `npm run dev`: migrates the database (creating it if missing) and, in
// development, loads the demo data when it is empty. It never touches a database that holds data.
import { env } from '../app/.server/env.ts'
import { openDatabase } from './connection.ts'
import { ManifestError } from './prototype-library.ts'
import { loadDemoData } from './seed.ts'

async function main() {
  if (env.isProduction) {
    openDatabase(env.DATABASE_PATH).$client.close()
    console.log(`Base de datos ${env.DATABASE_PATH} migrada (producción: sin datos de demostración).`)
    return
  }
  const result = await loadDemoData(env.DATABASE_PATH)
  if (result) console.log(`Base de datos ${env.DATABASE_PATH} creada con datos de demostración en ${result.ms} ms.`)
  else console.log(`Base de datos ${env.DATABASE_PATH} migrada; ya tenía datos, no se cargó la demostración.`)
}

main().catch((error) => {
  console.error(error instanceof ManifestError ? `Manifiesto inválido: ${error.message}` : error)
  process.exit(1)
})
