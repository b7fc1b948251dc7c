// The citizen tablet's own words, as an i18next catalogue. es-PE is complete; another language only
// needs its own block (keys it lacks fall back to es-PE). Question texts are translated per question.
import i18next, { type TFunction } from 'i18next'

const esPE = {
  pairing: {
    title: 'Preparar esta tableta',
    intro: 'Escriba el código de 6 números que aparece en la consola de la persona que facilita.',
    codeLabel: 'Código de la sesión',
    submit: 'Conectar tableta',
  },
  common: {
    listen: 'Escuchar',
    stopListening: 'Dejar de escuchar',
    noSpanishVoice: 'Esta tableta no tiene una voz en español para leer en voz alta. Pida ayuda a la persona que facilita.',
    back: 'Atrás',
    next: 'Continuar',
    progress: 'Pregunta {{current}} de {{total}}',
    saved: 'Respuesta guardada',
    saving: 'Guardando…',
    savedOnTablet: 'Guardado en la tableta; se enviará al volver la conexión.',
    retrying: 'Reintentando el envío…',
    skip: 'Prefiero no responder',
    conflicts: 'Para quien facilita: {{count}} envíos de esta tableta fueron rechazados y quedan guardados aquí para revisarlos.',
  },
  welcome: {
    title: 'Bienvenida, bienvenido',
    body: 'Gracias por ayudarnos a mejorar los servicios de la ONP. Le haremos algunas preguntas, una por pantalla. No hay respuestas buenas ni malas.',
    start: 'Empezar',
  },
  consent: {
    title: 'Su permiso',
    textLabel: 'Texto del consentimiento',
    accept: 'Sí, acepto participar',
    decline: 'No deseo participar',
    oral: 'Aceptó de palabra (lo confirma quien facilita)',
    declined: 'Está bien. Gracias por su tiempo. Puede devolver la tableta.',
    pinPrompt: 'Quien facilita escribe su PIN para confirmar el consentimiento oral.',
  },
  who: {
    title: '¿Quién está respondiendo?',
    self: 'Yo mismo o yo misma',
    facilitator: 'La persona que facilita me lee las preguntas',
    companion: 'Un familiar o acompañante me ayuda',
  },
  task: {
    label: 'Tarea {{number}}',
    instructions: 'Haga esta tarea en el prototipo. Cuando termine, o si no puede seguir, toque Continuar.',
    done: 'Terminé la tarea',
  },
  scale: {
    sus: 'Marque qué tan de acuerdo está',
    nps: '0 es nada probable y 10 es muy probable',
    npsLow: 'Nada probable',
    npsHigh: 'Muy probable',
  },
  choice: {
    pickOne: 'Elija una opción',
    pickMany: 'Elija una o varias opciones',
    pickUpTo: 'Elija hasta {{count}}',
    chosen: '{{count}} elegidas de {{max}}',
  },
  ranking: {
    instructions: 'Ordene de la más importante (arriba) a la menos importante (abajo). Arrastre, o use los botones Subir y Bajar.',
    up: 'Subir',
    down: 'Bajar',
    position: 'Puesto {{position}}',
  },
  cardSort: {
    instructions: 'Ponga cada tarjeta en el grupo que le parezca. Arrastre la tarjeta, o tóquela y luego toque el grupo.',
    unsorted: 'Tarjetas por ordenar',
    moveTo: 'Poner en «{{group}}»',
    selected: 'Tarjeta elegida: {{card}}. Ahora toque un grupo.',
  },
  comment: {
    placeholder: 'Puede escribir aquí, o pedir a quien facilita que lo escriba por usted.',
  },
  thanks: {
    title: '¡Muchas gracias!',
    body: 'Sus respuestas nos ayudan a mejorar los servicios de la ONP. Por favor, devuelva la tableta a la persona que facilita.',
    finish: 'Terminar',
    resetIn: 'La tableta se preparará para la siguiente persona en {{seconds}} segundos.',
  },
  idle: {
    title: '¿Sigue ahí?',
    body: 'La tableta se reiniciará en {{seconds}} segundos para cuidar sus respuestas.',
    continue: 'Sí, quiero continuar',
  },
  closed: {
    title: 'La sesión terminó',
    body: 'Gracias. Esta tableta ya no recibe respuestas para esta sesión.',
  },
  exit: {
    open: 'Salir del modo quiosco',
    title: 'Salir del modo quiosco',
    pinLabel: 'PIN de facilitación',
    submit: 'Salir',
    cancel: 'Cancelar',
  },
} as const

export type TabletMessages = typeof esPE

export const TABLET_CATALOGUE = { 'es-PE': esPE } as const

/** A translator for the tablet's words in `language`, falling back to es-PE. Synchronous. */
export function createTabletT(language: string): TFunction {
  const instance = i18next.createInstance()
  void instance.init({
    lng: language,
    fallbackLng: 'es-PE',
    resources: Object.fromEntries(Object.entries(TABLET_CATALOGUE).map(([lng, messages]) => [lng, { translation: messages }])),
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return instance.t
}
