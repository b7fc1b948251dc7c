import { z } from 'zod'

// The only module that reads process.env. Safe local defaults; production must set its secrets.
// APP_ENV, not NODE_ENV, says whether this is a real deployment: react-router-serve always sets
// NODE_ENV=production, also for the local demo that `npm start` serves.
const DEV_SECRET = 'katapulta-local-development-secret-change-me'

const EnvSchema = z
  .object({
    APP_ENV: z.enum(['local', 'test', 'production']).default('local'),
    // Set to "development" only by `react-router dev` (Vite's dev server).
    NODE_ENV: z.string().optional(),
    DATABASE_PATH: z.string().min(1).default('data/katapulta.db'),
    DATA_DIR: z.string().min(1).optional(),
    SESSION_SECRET: z.string().min(32).default(DEV_SECRET),
    DNI_HMAC_SECRET: z.string().min(32).default(DEV_SECRET),
  })
  .superRefine((env, ctx) => {
    if (env.APP_ENV !== 'production') return
    for (const key of ['SESSION_SECRET', 'DNI_HMAC_SECRET'] as const) {
      if (env[key] === DEV_SECRET) {
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} must be set in production` })
      }
    }
  })

function parseEnv() {
  const parsed = EnvSchema.safeParse(process.env)
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  const env = parsed.data
  const dataDir = env.DATA_DIR ?? (env.DATABASE_PATH === ':memory:' ? 'data' : dirname(env.DATABASE_PATH))
  return { ...env, DATA_DIR: dataDir, isProduction: env.APP_ENV === 'production', isViteDev: env.NODE_ENV === 'development' }
}

function dirname(file: string) {
  const i = file.lastIndexOf('/')
  return i <= 0 ? '.' : file.slice(0, i)
}

export const env = parseEnv()
