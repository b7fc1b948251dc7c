// Demo data: the real ONP context of DESIGN.md, deterministic (fixed random seed).
import { eq } from 'drizzle-orm'
import type { Db } from './connection.ts'
import * as t from './schema.ts'
import { loadPrototypeLibrary } from './prototype-library.ts'
import { Random } from './random.ts'
import {
  csat,
  ideaVote,
  nps,
  openComment,
  profileQuestions,
  umuxLite,
  usabilityGuide,
  type QuestionDraft,
} from '../app/lib/question-bank.ts'
import {
  AGE_BANDS,
  CHANNEL_METRIC_INFO,
  formatParticipantCode,
  type AgeBand,
  type AnsweredBy,
  type Channel,
  type DigitalSkill,
  type ResponseKind,
  type ObservationTag,
  type SessionKind,
  type Stage,
  type TaskOutcome,
} from '../app/lib/domain.ts'

export const DEMO_USERS = [
  { email: 'admin@katapulta.pe', name: 'Ana Quispe', role: 'admin' },
  { email: 'facilitadora@katapulta.pe', name: 'Rosa Huamán', role: 'facilitator' },
  { email: 'gerente@katapulta.pe', name: 'Carlos Mendoza', role: 'manager' },
] as const

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x))

// ---------------------------------------------------------------- channel results

const FIRST_MONTH = '2020-04'
const MONTHS = 24

function monthAt(i: number) {
  const total = 2020 * 12 + 3 + i
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`
}

/** Splits `total` over weights into integers that add up exactly (largest remainder). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const raw = weights.map((w) => (total * w) / sum)
  const floors = raw.map(Math.floor)
  let left = total - floors.reduce((a, b) => a + b, 0)
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0])
  for (const [, i] of order) {
    if (left-- <= 0) break
    floors[i]!++
  }
  return floors
}

// DESIGN.md's figures: totals from April 2020, pensions per year (41,000, 4,000 more than the
// year before), calls as a monthly average.
export const CHANNEL_TOTALS = {
  virtual_applications: 293_890,
  virtual_pensions_last12: 41_000,
  virtual_pensions_previous12: 37_000,
  virtual_keys: 1_285_856,
  whatsapp_interactions: 528_797,
  phone_calls_monthly_average: 57_147,
} as const

function channelMetricRows(random: Random) {
  const growth = (start: number, i: number) => start + (1 - start) * (i / (MONTHS - 1)) + random.normal(0, 0.04)
  const series = (total: number, start: number, months = MONTHS) =>
    apportion(total, Array.from({ length: months }, (_, i) => Math.max(0.05, growth(start, i))))
  const values = {
    virtual_applications: series(CHANNEL_TOTALS.virtual_applications, 0.35),
    virtual_pensions: [
      ...series(CHANNEL_TOTALS.virtual_pensions_previous12, 0.6, 12),
      ...series(CHANNEL_TOTALS.virtual_pensions_last12, 0.9, 12),
    ],
    virtual_keys: series(CHANNEL_TOTALS.virtual_keys, 0.25),
    whatsapp_interactions: series(CHANNEL_TOTALS.whatsapp_interactions, 0.2),
    phone_calls: series(CHANNEL_TOTALS.phone_calls_monthly_average * MONTHS, 0.85),
  }
  return Object.entries(values).flatMap(([metric, monthly]) =>
    monthly.map((value, i) => ({
      metric: metric as keyof typeof values,
      channel: CHANNEL_METRIC_INFO[metric as keyof typeof values].channel,
      month: monthAt(i),
      value,
    })),
  )
}

// ---------------------------------------------------------------- interventions

type InterventionSpec = {
  code: string
  title: string
  service: string
  problem: string
  hypothesis: string
  targetPopulation: string
  successMetric: string
  channels: Channel[]
  startDate: string
  stages: [Stage, string][]
  prototypes: string[]
  decision?: { decision: 'scale' | 'iterate' | 'discard'; reason: string; at: string }
}

const INTERVENTIONS: InterventionSpec[] = [
  {
    code: 'INT-001',
    title: 'Solicitud de pensión virtual',
    service: 'Solicitud de pensión en ONPVirtual',
    problem:
      'Para solicitar su pensión las personas aseguradas debían ir a una oficina; en la pandemia las oficinas cerraron y muchas personas mayores no sabían hacerlo en línea.',
    hypothesis:
      'Si el formulario en línea tiene pocos pasos, letra grande y palabras simples, la mayoría de personas mayores de 60 años podrá solicitar su pensión sin ayuda.',
    targetPopulation: 'Personas aseguradas de 60 a 70 años que solicitan su pensión por primera vez.',
    successMetric: 'Al menos 80 % de las tareas completadas sin ayuda y SUS de 70 o más.',
    channels: ['web', 'phone'],
    startDate: '2020-04-15',
    stages: [
      ['discover', '2020-04-15'],
      ['define', '2020-05-20'],
      ['ideate', '2020-07-01'],
      ['prototype', '2020-09-01'],
      ['validate', '2021-02-15'],
    ],
    prototypes: ['onpvirtual-formulario-simplificado', 'whatsapp-guia-solicitud'],
    decision: {
      decision: 'iterate',
      reason:
        'La v2 subió la tasa de tareas completadas de 60 % a 90 %. Antes de escalar falta validarla en regiones con poca conectividad.',
      at: '2021-06-01',
    },
  },
  {
    code: 'INT-002',
    title: 'Clave virtual sin colas',
    service: 'Emisión de clave virtual',
    problem: 'Obtener la clave virtual exigía ir a una oficina con el DNI; las colas superaban las dos horas.',
    hypothesis: 'Si la clave se obtiene en línea con el DNI y un código por SMS, la mayoría la obtendrá sin ir a una oficina.',
    targetPopulation: 'Personas aseguradas y pensionistas sin clave virtual.',
    successMetric: 'Claves virtuales emitidas en línea por mes; 85 % de tareas completadas.',
    channels: ['web', 'in_person'],
    startDate: '2020-05-04',
    stages: [
      ['discover', '2020-05-04'],
      ['define', '2020-06-01'],
      ['ideate', '2020-07-15'],
      ['prototype', '2020-10-01'],
      ['validate', '2021-06-01'],
      ['implement', '2021-10-01'],
    ],
    prototypes: ['clave-virtual-tres-pasos', 'clave-virtual-video-tutorial'],
    decision: {
      decision: 'scale',
      reason: 'La v2 logró que 85 % completara el registro y un SUS cercano a 71; se implementa a nivel nacional.',
      at: '2021-09-28',
    },
  },
  {
    code: 'INT-003',
    title: 'WhatsApp ONP: consultas de trámite',
    service: 'Consultas de trámite por WhatsApp ONP',
    problem: 'Las consultas sobre el estado de un trámite saturaban la atención por teléfono y en oficinas.',
    hypothesis: 'Si un menú de WhatsApp responde las consultas frecuentes, la mitad de ellas se resolverá sin un asesor.',
    targetPopulation: 'Personas con un trámite en curso que usan WhatsApp.',
    successMetric: 'Porcentaje de consultas resueltas sin derivar a un asesor.',
    channels: ['whatsapp'],
    startDate: '2020-06-10',
    stages: [
      ['discover', '2020-06-10'],
      ['define', '2020-07-20'],
      ['ideate', '2020-09-01'],
      ['prototype', '2021-07-01'],
    ],
    prototypes: ['whatsapp-menu-conversacional', 'whatsapp-respuestas-audio'],
  },
  {
    code: 'INT-004',
    title: 'ONP Te Escucha: menos espera al teléfono',
    service: 'Atención telefónica ONP Te Escucha',
    problem: 'Quien llama a ONP Te Escucha espera sin saber cuánto falta y muchas llamadas se cortan.',
    hypothesis: 'Si la persona sabe cuánto esperará o puede pedir que la llamen, menos llamadas se abandonarán.',
    targetPopulation: 'Personas que llaman a ONP Te Escucha, en especial mayores de 65 años.',
    successMetric: 'Tasa de llamadas abandonadas por debajo de 10 %.',
    channels: ['phone'],
    startDate: '2021-03-01',
    stages: [
      ['discover', '2021-03-01'],
      ['define', '2021-05-03'],
      ['ideate', '2021-09-01'],
    ],
    prototypes: ['te-escucha-devolucion-llamada', 'te-escucha-mensajes-espera'],
  },
  {
    code: 'INT-005',
    title: 'Citas presenciales en agencias',
    service: 'Atención presencial con cita previa',
    problem: 'Quien necesita atención presencial no sabe cuándo ir y la agencia no sabe cuántas personas llegarán.',
    hypothesis: 'Si la cita se pide por teléfono, WhatsApp o web, la espera en la agencia bajará a menos de 30 minutos.',
    targetPopulation: 'Personas que necesitan atención presencial en agencias de Lima y regiones.',
    successMetric: 'Tiempo de espera en agencia menor a 30 minutos.',
    channels: ['in_person', 'phone', 'whatsapp'],
    startDate: '2022-02-01',
    stages: [['discover', '2022-02-01']],
    prototypes: [],
  },
]

// ---------------------------------------------------------------- sessions

type VersionProfile = { completion: number; sus: number; seq: number; csat: number; nps: number; umux: number }

const VERSION_PROFILES: Record<string, VersionProfile> = {
  'onpvirtual-formulario-simplificado@1': { completion: 0.6, sus: 58, seq: 4.4, csat: 3.2, nps: 5.5, umux: 4.2 },
  'onpvirtual-formulario-simplificado@2': { completion: 0.9, sus: 74, seq: 5.9, csat: 4.2, nps: 8.2, umux: 5.8 },
  'clave-virtual-tres-pasos@1': { completion: 0.7, sus: 63, seq: 4.9, csat: 3.6, nps: 6.5, umux: 4.8 },
  'clave-virtual-tres-pasos@2': { completion: 0.85, sus: 71, seq: 5.6, csat: 4.0, nps: 7.6, umux: 5.5 },
  'whatsapp-menu-conversacional@1': { completion: 0.6, sus: 60, seq: 4.5, csat: 3.3, nps: 6.0, umux: 4.4 },
  'whatsapp-menu-conversacional@2': { completion: 0.8, sus: 70, seq: 5.4, csat: 4.1, nps: 7.8, umux: 5.4 },
  'te-escucha-devolucion-llamada@1': { completion: 0.8, sus: 68, seq: 5.2, csat: 4.0, nps: 7.2, umux: 5.6 },
  'te-escucha-mensajes-espera@1': { completion: 0.7, sus: 62, seq: 4.8, csat: 3.4, nps: 6.1, umux: 4.6 },
}

const COMMENTS: Record<string, string[]> = {
  'onpvirtual-formulario-simplificado@1': [
    'No encontré dónde subir la foto de mi DNI.',
    'Las letras son pequeñas, tuve que acercarme mucho.',
    'Me gustaría que alguien me explique por teléfono.',
    'Es más corto que antes, pero me perdí en los documentos.',
    'No sabía si ya había enviado la solicitud.',
  ],
  'onpvirtual-formulario-simplificado@2': [
    'Ahora sí vi el botón para adjuntar.',
    'Me dio confianza ver el número para llamar.',
    'Fácil, lo podría hacer mi esposa también.',
    'Quisiera que me llegue un mensaje por WhatsApp.',
    'Muy claro, gracias.',
  ],
  'clave-virtual-tres-pasos@1': [
    'El código por SMS tardó mucho en llegar.',
    'No entendí qué era la fecha de emisión del DNI.',
    'Bien, pero la letra es chica.',
  ],
  'clave-virtual-tres-pasos@2': [
    'Me sirvió poder pedir otro código.',
    'Ahora se lee mejor.',
    'Rápido, no tuve que ir a la oficina.',
  ],
  'whatsapp-menu-conversacional@1': [
    'Son demasiadas opciones, no sé cuál elegir.',
    'Quiero hablar con una persona.',
    'Me gusta que responda rápido.',
  ],
  'whatsapp-menu-conversacional@2': [
    'Con cuatro opciones es más fácil.',
    'Bien que pueda escribir 0 para hablar con alguien.',
    'Me gustaría recibir audios.',
  ],
  'te-escucha-devolucion-llamada@1': [
    'Prefiero que me llamen, así no espero.',
    'Que me llamen en la mañana, en la tarde trabajo.',
    'Me da miedo que no me llamen.',
  ],
  'te-escucha-mensajes-espera@1': [
    'Saber cuánto falta me tranquiliza.',
    'El mensaje se repite mucho.',
    'No sabía que debía tener mi DNI a la mano.',
  ],
}

const OBSERVATIONS: { text: string; tags: ObservationTag[] }[] = [
  { text: 'Busca el botón de adjuntar en la parte de abajo de la pantalla y no lo encuentra.', tags: ['pain'] },
  { text: '"¿Y ahora qué hago?" — se detiene después de llenar sus datos.', tags: ['quote', 'pain'] },
  { text: 'Pide a su hija que le lea el paso de documentos.', tags: ['pain'] },
  { text: 'Sugiere que el formulario diga cuánto falta para terminar.', tags: ['idea'] },
  { text: 'Completa el envío sin ayuda y sonríe al ver la confirmación.', tags: ['positive'] },
  { text: '"Esto lo puedo hacer desde mi casa" — al terminar la tarea.', tags: ['quote', 'positive'] },
  { text: 'Se acerca mucho a la pantalla para leer el texto legal.', tags: ['pain'] },
  { text: 'Propone recibir el número de expediente por WhatsApp.', tags: ['idea'] },
  { text: 'Duda entre "Continuar" y "Guardar"; toca los dos.', tags: ['pain'] },
  { text: 'Reconoce el logo de la ONP y dice que eso le da confianza.', tags: ['positive'] },
]

type SessionSpec = {
  intervention: string
  title: string
  kind: SessionKind
  date: string
  place: string
  region: string
  status: 'planned' | 'closed'
  instrument: keyof typeof INSTRUMENTS
  versions: string[]
  participants: number
  withAdmin?: boolean
}

const INSTRUMENTS = {
  pension: {
    name: 'Guion de validación — Solicitud de pensión',
    drafts: usabilityGuide([
      'Inicie su solicitud de pensión.',
      'Adjunte la foto de su DNI.',
      'Envíe la solicitud y diga el número de expediente.',
    ]),
  },
  key: {
    name: 'Guion de validación — Clave virtual',
    drafts: usabilityGuide([
      'Obtenga su clave virtual con su DNI.',
      'Pida que le envíen otra vez el código.',
      'Ingrese a ONPVirtual con su nueva clave.',
    ]),
  },
  whatsapp: {
    name: 'Guion del taller — Menú de WhatsApp ONP',
    drafts: [
      ...profileQuestions(),
      ideaVote(
        '¿Cuáles de estas ideas le ayudarían más? Elija hasta 2.',
        ['Menú con pocas opciones', 'Respuestas con audio', 'Hablar con una persona en cualquier momento', 'Recordatorios de mi trámite'],
        2,
      ),
      csat(),
      openComment(),
    ] satisfies QuestionDraft[],
  },
  phone: {
    name: 'Guion de entrevista — Espera en ONP Te Escucha',
    drafts: [...profileQuestions(), csat(), nps(), ...umuxLite(), openComment()] satisfies QuestionDraft[],
  },
} as const

const SESSIONS: SessionSpec[] = [
  {
    intervention: 'INT-001',
    title: 'Validación del formulario simplificado v1',
    kind: 'usability_test',
    date: '2021-03-10',
    place: 'Centro de Atención ONP Lima, Jesús María',
    region: 'Lima Metropolitana',
    status: 'closed',
    instrument: 'pension',
    versions: ['onpvirtual-formulario-simplificado@1'],
    participants: 10,
  },
  {
    intervention: 'INT-001',
    title: 'Validación del formulario simplificado v2',
    kind: 'usability_test',
    date: '2021-05-12',
    place: 'Centro de Atención ONP Lima, Jesús María',
    region: 'Lima Metropolitana',
    status: 'closed',
    instrument: 'pension',
    versions: ['onpvirtual-formulario-simplificado@2'],
    participants: 10,
  },
  {
    intervention: 'INT-001',
    title: 'Validación de la v2 en Arequipa',
    kind: 'usability_test',
    date: '2021-05-20',
    place: 'Oficina ONP Arequipa',
    region: 'Arequipa',
    status: 'closed',
    instrument: 'pension',
    versions: ['onpvirtual-formulario-simplificado@2'],
    participants: 10,
    withAdmin: true,
  },
  {
    intervention: 'INT-002',
    title: 'Clave virtual: v1 y v2 lado a lado',
    kind: 'usability_test',
    date: '2021-08-18',
    place: 'Oficina ONP Trujillo',
    region: 'La Libertad',
    status: 'closed',
    instrument: 'key',
    versions: ['clave-virtual-tres-pasos@1', 'clave-virtual-tres-pasos@2'],
    participants: 16,
  },
  {
    intervention: 'INT-003',
    title: 'Taller de co-creación del menú de WhatsApp',
    kind: 'cocreation_workshop',
    date: '2021-10-06',
    place: 'Casa del Adulto Mayor de Wanchaq',
    region: 'Cusco',
    status: 'closed',
    instrument: 'whatsapp',
    versions: ['whatsapp-menu-conversacional@1', 'whatsapp-menu-conversacional@2'],
    participants: 12,
    withAdmin: true,
  },
  {
    intervention: 'INT-004',
    title: 'Entrevistas sobre la espera telefónica',
    kind: 'interview',
    date: '2022-01-19',
    place: 'Oficina ONP Piura',
    region: 'Piura',
    status: 'closed',
    instrument: 'phone',
    versions: ['te-escucha-mensajes-espera@1', 'te-escucha-devolucion-llamada@1'],
    participants: 8,
  },
  {
    intervention: 'INT-001',
    title: 'Validación de la v2 con conectividad limitada',
    kind: 'usability_test',
    date: '2027-01-14',
    place: 'Oficina ONP Huancayo',
    region: 'Junín',
    status: 'planned',
    instrument: 'pension',
    versions: ['onpvirtual-formulario-simplificado@2'],
    participants: 0,
  },
]

const INSIGHTS = [
  {
    intervention: 'INT-001',
    title: 'No encuentran cómo adjuntar el DNI',
    description: 'En la v1, 6 de 10 personas buscaron el botón de adjuntar al final de la pantalla y no lo vieron.',
    severity: 'critical',
    concerns: ['onpvirtual-formulario-simplificado@1'],
    addressedBy: 'onpvirtual-formulario-simplificado@2',
  },
  {
    intervention: 'INT-001',
    title: 'Quieren poder llamar a alguien durante el trámite',
    description: 'Varias personas pidieron ayuda telefónica a mitad del formulario.',
    severity: 'high',
    concerns: ['onpvirtual-formulario-simplificado@1'],
    addressedBy: 'onpvirtual-formulario-simplificado@2',
  },
  {
    intervention: 'INT-001',
    title: 'Quieren la confirmación por WhatsApp',
    description: 'En la v2 varias personas pidieron recibir el número de expediente por WhatsApp.',
    severity: 'medium',
    concerns: ['onpvirtual-formulario-simplificado@2'],
  },
  {
    intervention: 'INT-002',
    title: 'El código por SMS llega tarde',
    description: 'En la v1 el código tardó más de 2 minutos para un tercio de las personas.',
    severity: 'high',
    concerns: ['clave-virtual-tres-pasos@1'],
    addressedBy: 'clave-virtual-tres-pasos@2',
  },
  {
    intervention: 'INT-003',
    title: 'Demasiadas opciones en el menú',
    description: 'Con 9 opciones las personas no sabían cuál elegir y pedían un asesor.',
    severity: 'critical',
    concerns: ['whatsapp-menu-conversacional@1'],
    addressedBy: 'whatsapp-menu-conversacional@2',
  },
  {
    intervention: 'INT-004',
    title: 'Llegan a la llamada sin su DNI',
    description: 'Las personas no sabían qué tener a mano y la llamada se alargaba.',
    severity: 'medium',
    concerns: ['te-escucha-mensajes-espera@1'],
    addressedBy: 'te-escucha-mensajes-espera@2',
  },
] as const

const CONSENT_TEXT = `Le invitamos a participar en una prueba del laboratorio Katapulta de la ONP.

Vamos a mostrarle una idea para mejorar un servicio y le pediremos su opinión. No estamos evaluándole a usted: evaluamos el servicio. No hay respuestas buenas ni malas.

Sus respuestas se guardan con un código, sin su nombre. Las usamos solo para mejorar los servicios de la ONP, según la Ley 29733 de Protección de Datos Personales. Puede dejar de participar en cualquier momento, sin ninguna consecuencia para sus trámites.

Puede pedir ver, corregir o borrar sus datos a la ONP cuando quiera.`

// ---------------------------------------------------------------- the loader

export type SeedSummary = { users: number; interventions: number; prototypes: number; versions: number; sessions: number; participants: number; responses: number; observations: number; channelMetrics: number }

/** Loads the demo data into an empty, migrated database in one transaction. */
export function seedDemoData(db: Db, passwordHash: string): SeedSummary {
  const random = new Random(20200401)
  const library = loadPrototypeLibrary()
  const summary: SeedSummary = { users: 0, interventions: 0, prototypes: 0, versions: 0, sessions: 0, participants: 0, responses: 0, observations: 0, channelMetrics: 0 }

  db.transaction((tx) => {
    const userIds: Record<string, number> = {}
    for (const u of DEMO_USERS) {
      const row = tx.insert(t.users).values({ ...u, passwordHash }).returning({ id: t.users.id }).get()
      userIds[u.role] = row.id
      summary.users++
    }
    const facilitator = userIds.facilitator!
    const admin = userIds.admin!

    const consent = tx.insert(t.consentTexts).values({ version: 1, body: CONSENT_TEXT, createdBy: admin, createdAt: '2020-04-01T14:00:00.000Z' }).returning().get()

    // Prototype library → kit manifests.
    const kitIds: Record<string, number> = {}
    for (const p of library) {
      for (const v of p.versions) {
        const row = tx
          .insert(t.kitManifests)
          .values({ path: v.file, slug: p.slug, version: v.manifest.version, title: v.manifest.title, channel: p.prototype.channel, manifest: v.manifest })
          .returning({ id: t.kitManifests.id })
          .get()
        kitIds[`${p.slug}@${v.manifest.version}`] = row.id
      }
    }

    // Interventions, their stage history, prototypes and versions.
    const interventionIds: Record<string, number> = {}
    const versionIds: Record<string, number> = {}
    for (const spec of INTERVENTIONS) {
      const [lastStage, lastDate] = spec.stages[spec.stages.length - 1]!
      const row = tx
        .insert(t.interventions)
        .values({
          code: spec.code,
          title: spec.title,
          service: spec.service,
          problem: spec.problem,
          hypothesis: spec.hypothesis,
          targetPopulation: spec.targetPopulation,
          successMetric: spec.successMetric,
          stage: lastStage,
          ownerId: facilitator,
          startDate: spec.startDate,
          createdAt: `${spec.startDate}T14:00:00.000Z`,
          updatedAt: `${lastDate}T15:00:00.000Z`,
        })
        .returning({ id: t.interventions.id })
        .get()
      interventionIds[spec.code] = row.id
      summary.interventions++
      for (const channel of spec.channels) tx.insert(t.interventionChannels).values({ interventionId: row.id, channel }).run()
      let from: Stage | null = null
      for (const [stage, date] of spec.stages) {
        tx.insert(t.stageChanges).values({ interventionId: row.id, fromStage: from, toStage: stage, changedBy: facilitator, changedAt: `${date}T15:00:00.000Z` }).run()
        from = stage
      }
      if (spec.decision) {
        tx.insert(t.decisions)
          .values({ interventionId: row.id, decision: spec.decision.decision, reason: spec.decision.reason, decidedBy: admin, decidedAt: `${spec.decision.at}T16:00:00.000Z` })
          .run()
      }
      for (const slug of spec.prototypes) {
        const p = library.find((l) => l.slug === slug)
        if (!p) throw new Error(`seed: prototypes/${slug} is missing from the library`)
        const proto = tx
          .insert(t.prototypes)
          .values({
            interventionId: row.id,
            name: p.prototype.name,
            channel: p.prototype.channel,
            fidelity: p.prototype.fidelity,
            description: p.prototype.description,
            librarySlug: slug,
            createdBy: facilitator,
            createdAt: `${spec.stages[Math.min(3, spec.stages.length - 1)]![1]}T15:00:00.000Z`,
          })
          .returning({ id: t.prototypes.id })
          .get()
        summary.prototypes++
        for (const v of p.versions) {
          const key = `${slug}@${v.manifest.version}`
          const isLatest = v.manifest.version === p.versions.length
          const version = tx
            .insert(t.prototypeVersions)
            .values({
              prototypeId: proto.id,
              number: v.manifest.version,
              changelog: v.manifest.changelog,
              status: spec.code === 'INT-002' && isLatest ? 'implemented' : isLatest ? 'testing' : 'validated',
              createdBy: facilitator,
              createdAt: `${spec.stages[Math.min(3, spec.stages.length - 1)]![1].slice(0, 8)}${String(10 + v.manifest.version).padStart(2, '0')}T15:00:00.000Z`,
            })
            .returning({ id: t.prototypeVersions.id })
            .get()
          versionIds[key] = version.id
          summary.versions++
          tx.insert(t.artifacts).values({ versionId: version.id, kind: 'kit', title: `Prototipo interactivo: ${v.manifest.title}`, kitManifestId: kitIds[key]! }).run()
          for (const link of v.manifest.links) {
            tx.insert(t.artifacts).values({ versionId: version.id, kind: 'link', title: link.title, url: link.url }).run()
          }
        }
      }
    }

    // Instruments.
    const instrumentQuestions: Record<string, { id: number; kind: string; taskId: number | null; item?: number; options?: { value: string }[]; maxChoices?: number }[]> = {}
    const instrumentVersionIds: Record<string, number> = {}
    for (const [key, instrument] of Object.entries(INSTRUMENTS)) {
      const inst = tx.insert(t.instruments).values({ name: instrument.name, createdBy: facilitator, createdAt: '2020-09-01T15:00:00.000Z' }).returning().get()
      const iv = tx.insert(t.instrumentVersions).values({ instrumentId: inst.id, number: 1, createdBy: facilitator }).returning().get()
      instrumentVersionIds[key] = iv.id
      const ids: number[] = []
      instrumentQuestions[key] = []
      instrument.drafts.forEach((d: QuestionDraft, position: number) => {
        const taskId = d.taskIndex === undefined ? null : ids[d.taskIndex]!
        const q = tx
          .insert(t.questions)
          .values({ instrumentVersionId: iv.id, position: position + 1, kind: d.kind, text: d.text, taskQuestionId: taskId, config: d.config })
          .returning({ id: t.questions.id })
          .get()
        ids.push(q.id)
        instrumentQuestions[key]!.push({ id: q.id, kind: d.kind, taskId, item: d.config.item, options: d.config.options, maxChoices: d.config.maxChoices })
      })
    }

    // Sessions, participants, consent, answers, observations.
    let participantNumber = 0
    for (const spec of SESSIONS) {
      const session = tx
        .insert(t.sessions)
        .values({
          interventionId: interventionIds[spec.intervention]!,
          title: spec.title,
          kind: spec.kind,
          status: spec.status,
          date: spec.date,
          place: spec.place,
          region: spec.region,
          instrumentVersionId: instrumentVersionIds[spec.instrument]!,
          consentTextId: consent.id,
          createdBy: facilitator,
          createdAt: `${spec.date}T13:00:00.000Z`,
          startedAt: spec.status === 'closed' ? `${spec.date}T14:00:00.000Z` : null,
          closedAt: spec.status === 'closed' ? `${spec.date}T19:00:00.000Z` : null,
        })
        .returning({ id: t.sessions.id })
        .get()
      summary.sessions++
      tx.insert(t.sessionFacilitators).values({ sessionId: session.id, userId: facilitator }).run()
      if (spec.withAdmin) tx.insert(t.sessionFacilitators).values({ sessionId: session.id, userId: admin }).run()
      for (const key of spec.versions) tx.insert(t.sessionVersions).values({ sessionId: session.id, versionId: versionIds[key]! }).run()
      if (spec.participants === 0) continue

      const questions = instrumentQuestions[spec.instrument]!
      const tasks = questions.filter((q) => q.kind === 'task')
      // Per version: exact success counts, so the demo shows DESIGN.md's 60 % → 90 %.
      const outcomesByVersion: Record<string, TaskOutcome[]> = {}
      const susTargets: Record<string, number[]> = {}
      for (const key of spec.versions) {
        const n = Math.ceil((spec.participants - spec.versions.indexOf(key)) / spec.versions.length)
        const attempts = n * tasks.length
        const successes = Math.round(VERSION_PROFILES[key]!.completion * attempts)
        outcomesByVersion[key] = random.shuffle(
          Array.from({ length: attempts }, (_, i): TaskOutcome => (i < successes ? 'completed' : i % 2 === 0 ? 'completed_with_help' : 'not_completed')),
        )
        const raw = Array.from({ length: n }, () => random.normal(VERSION_PROFILES[key]!.sus, 11))
        const shift = VERSION_PROFILES[key]!.sus - raw.reduce((a, b) => a + b, 0) / n
        susTargets[key] = raw.map((x) => clamp(x + shift, 12.5, 100))
      }
      const used: Record<string, number> = {}

      for (let i = 0; i < spec.participants; i++) {
        const versionKey = spec.versions[i % spec.versions.length]!
        const versionId = versionIds[versionKey]!
        const profile = VERSION_PROFILES[versionKey]!
        const nth = (used[versionKey] = (used[versionKey] ?? -1) + 1)
        const ageBand = random.weighted<AgeBand>(AGE_BANDS, [0.06, 0.12, 0.22, 0.34, 0.26])
        const older = ageBand === '60-69' || ageBand === '70+'
        const digitalSkill = random.weighted<DigitalSkill>(['low', 'medium', 'high'], older ? [0.55, 0.35, 0.1] : [0.2, 0.45, 0.35])
        const preferredChannel = random.weighted<Channel>(['web', 'whatsapp', 'phone', 'in_person'], [0.25, 0.3, 0.2, 0.25])
        const region = random.float() < 0.85 ? spec.region : random.pick(['Lima Metropolitana', 'Callao', 'Junín', 'Puno', 'Cusco'])
        const answeredBy: AnsweredBy =
          spec.kind === 'interview' ? 'facilitator' : digitalSkill === 'low' && random.float() < 0.5 ? random.pick(['facilitator', 'companion'] as const) : 'self'
        participantNumber++
        const participant = tx
          .insert(t.participants)
          .values({
            code: formatParticipantCode(participantNumber),
            sessionId: session.id,
            ageBand,
            region,
            digitalSkill,
            preferredChannel,
            assignedVersionId: versionId,
            createdAt: `${spec.date}T${String(14 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}:00.000Z`,
            turnEndedAt: `${spec.date}T${String(14 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15 + 14).padStart(2, '0')}:00.000Z`,
          })
          .returning({ id: t.participants.id })
          .get()
        summary.participants++
        const oral = answeredBy !== 'self' && random.float() < 0.6
        tx.insert(t.consentRecords)
          .values({ participantId: participant.id, consentTextId: consent.id, method: oral ? 'oral' : 'tap', witnessUserId: oral ? facilitator : null, givenAt: `${spec.date}T14:00:00.000Z` })
          .run()

        let minute = 0
        const answer = (q: { id: number; kind: string }, value: { n?: number; text?: string; json?: unknown; kind?: string; by?: AnsweredBy; ms?: number; version?: number | null }) => {
          minute++
          tx.insert(t.responses)
            .values({
              clientId: random.uuid(),
              sessionId: session.id,
              participantId: participant.id,
              versionId: value.version === undefined ? versionId : value.version,
              questionId: q.id,
              kind: (value.kind ?? q.kind) as ResponseKind,
              valueNumber: value.n ?? null,
              valueText: value.text ?? null,
              valueJson: value.json ?? null,
              durationMs: value.ms ?? null,
              answeredBy: value.by ?? answeredBy,
              answeredAt: `${spec.date}T${String(14 + Math.floor(i / 4)).padStart(2, '0')}:${String(Math.min(59, (i % 4) * 15 + Math.floor(minute / 4))).padStart(2, '0')}:${String((minute * 7) % 60).padStart(2, '0')}.000Z`,
            })
            .run()
          summary.responses++
        }

        const susPoints = distributeSus(random, susTargets[versionKey]![nth] ?? profile.sus)
        for (const q of questions) {
          switch (q.kind) {
            case 'profile_age_band':
              answer(q, { text: ageBand, version: null })
              break
            case 'profile_digital_skill':
              answer(q, { text: digitalSkill, version: null })
              break
            case 'profile_channel':
              answer(q, { text: preferredChannel, version: null })
              break
            case 'profile_region':
              answer(q, { text: region, version: null })
              break
            case 'task': {
              const outcome = outcomesByVersion[versionKey]!.pop() ?? 'completed'
              const seconds = clamp(Math.round(random.normal(outcome === 'completed' ? 95 : 170, 35)), 20, 600)
              answer(q, { kind: 'task_outcome', text: outcome, n: outcome === 'completed' ? 1 : 0, by: 'facilitator', ms: seconds * 1000 })
              const seq = questions.find((s) => s.kind === 'seq' && s.taskId === q.id)
              if (seq) answer(seq, { n: clamp(Math.round(random.normal(profile.seq + (outcome === 'completed' ? 0.5 : -1.2), 0.9)), 1, 7) })
              break
            }
            case 'sus':
              answer(q, { n: susPoints[(q.item ?? 1) - 1]! + 1 })
              break
            case 'csat':
              answer(q, { n: clamp(Math.round(random.normal(profile.csat, 0.8)), 1, 5) })
              break
            case 'nps':
              answer(q, { n: clamp(Math.round(random.normal(profile.nps, 2)), 0, 10) })
              break
            case 'umux_lite':
              answer(q, { n: clamp(Math.round(random.normal(profile.umux, 1)), 1, 7) })
              break
            case 'idea_vote': {
              const options = random.shuffle([...(q.options ?? [])]).slice(0, q.maxChoices ?? 1)
              answer(q, { json: options.map((o) => o.value) })
              break
            }
            case 'open_comment':
              if (random.float() < 0.7) answer(q, { text: random.pick(COMMENTS[versionKey] ?? ['Sin comentarios.']) })
              break
          }
        }
      }

      // Observations: about one per participant in usability tests, fewer elsewhere.
      const sessionParticipants = tx.select({ id: t.participants.id }).from(t.participants).where(eq(t.participants.sessionId, session.id)).all()
      const count = spec.kind === 'usability_test' ? spec.participants : Math.ceil(spec.participants / 2)
      for (let k = 0; k < count; k++) {
        const o = OBSERVATIONS[(k * 3 + summary.sessions) % OBSERVATIONS.length]!
        const p = sessionParticipants[k % sessionParticipants.length]!
        const task = tasks.length > 0 ? tasks[k % tasks.length]! : null
        const obs = tx
          .insert(t.observations)
          .values({
            sessionId: session.id,
            participantId: p.id,
            versionId: versionIds[spec.versions[k % spec.versions.length]!]!,
            taskQuestionId: task?.id ?? null,
            text: o.text,
            createdBy: facilitator,
            createdAt: `${spec.date}T${String(14 + Math.floor(k / 4)).padStart(2, '0')}:${String((k % 4) * 15 + 5).padStart(2, '0')}:00.000Z`,
          })
          .returning({ id: t.observations.id })
          .get()
        for (const tag of o.tags) tx.insert(t.observationTags).values({ observationId: obs.id, tag }).run()
        summary.observations++
      }
    }

    for (const spec of INSIGHTS) {
      const insight = tx
        .insert(t.insights)
        .values({
          interventionId: interventionIds[spec.intervention]!,
          title: spec.title,
          description: spec.description,
          severity: spec.severity,
          status: 'addressedBy' in spec ? 'addressed' : 'open',
          createdBy: facilitator,
        })
        .returning({ id: t.insights.id })
        .get()
      for (const key of spec.concerns) tx.insert(t.insightVersions).values({ insightId: insight.id, versionId: versionIds[key]! }).run()
      if ('addressedBy' in spec) tx.insert(t.versionAddressedInsights).values({ versionId: versionIds[spec.addressedBy]!, insightId: insight.id }).run()
    }

    for (const row of channelMetricRows(random)) {
      tx.insert(t.channelMetrics).values(row).run()
      summary.channelMetrics++
    }
  })
  return summary
}

/** Ten SUS item scores (0–4 each, all-positive wording) whose sum × 2.5 is close to `target`. */
function distributeSus(random: Random, target: number): number[] {
  const total = clamp(Math.round(target / 2.5), 0, 40)
  const items = Array.from({ length: 10 }, (_, i) => Math.floor(total / 10) + (i < total % 10 ? 1 : 0))
  random.shuffle(items)
  for (let k = 0; k < 4; k++) {
    const a = random.int(0, 9)
    const b = random.int(0, 9)
    if (a !== b && items[a]! < 4 && items[b]! > 0) {
      items[a]!++
      items[b]!--
    }
  }
  return items
}

/** True when the database holds no lab data and no users. */
export function isEmptyDatabase(db: Db): boolean {
  const users = db.select({ id: t.users.id }).from(t.users).limit(1).all()
  const interventions = db.select({ id: t.interventions.id }).from(t.interventions).limit(1).all()
  return users.length === 0 && interventions.length === 0
}
