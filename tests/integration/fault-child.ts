// Child process of tests/integration/fault.test.ts: stores tablet answers through the app's own
// saveAnswer on the database file of DATABASE_PATH, and writes "<clientId> <value>" to stdout after
// each one is acknowledged (saveAnswer returned 201, i.e. its transaction committed), until the test
// kills it with SIGKILL. Run as `node --import tsx tests/integration/fault-child.ts`.
const { db } = await import('#app/.server/db.ts')
const { pairTablet, preparePairing, getDevice, saveAnswer } = await import('#app/.server/tablet.ts')
const { addParticipant } = await import('#app/.server/sessions.ts')

const sqlite = db.$client
const session = sqlite.prepare("select id, instrument_version_id v from sessions where status = 'planned' order by id limit 1").get() as { id: number; v: number }
const questions = sqlite.prepare("select id, kind from questions where instrument_version_id = ? and kind in ('csat', 'sus') order by position").all(session.v) as { id: number; kind: string }[]
const facilitator = sqlite.prepare("select id, email, name, role from users where role = 'facilitator' limit 1").get() as { id: number; email: string; name: string; role: 'facilitator' }

const { code } = await preparePairing(session.id, { pin: '2468', language: 'es-PE' }, facilitator)
const paired = await pairTablet(code)
if (!paired.ok) throw new Error(paired.message)
const device = (await getDevice(new Request('http://localhost/tableta/respuestas', { headers: { Cookie: paired.setCookie.split(';')[0]! } })))!
const people = Array.from({ length: 400 }, () => addParticipant(session.id, { consent: { method: 'tap', deviceId: device.id } }, null).id)
process.stdout.write('ready\n')

// One answer per (participant, question): a new clientId for an answered question would replace the
// earlier answer by design, and this test is about acknowledged answers surviving a crash.
for (let k = 0; k < people.length * questions.length; k++) {
  const question = questions[k % questions.length]!
  const value = 1 + (k % 5)
  const clientId = `fault-${process.pid}-${k}`
  const { httpStatus } = saveAnswer(device, {
    clientId,
    participantId: people[Math.floor(k / questions.length)]!,
    questionId: question.id,
    value,
    answeredBy: 'self',
    answeredAt: new Date().toISOString(),
  })
  if (httpStatus !== 201) throw new Error(`answer ${k}: ${httpStatus}`)
  // A pipe's write is synchronous on Linux: once it returns, the parent can read the acknowledgement.
  process.stdout.write(`${clientId} ${value}\n`)
}
process.stdout.write('done\n')

export {}
