// Child process of tests/integration/fault.test.ts: stores tablet answers through the app's own
// saveAnswer on the database file of DATABASE_PATH, 25 at a time through groupCommit as the answers'
// endpoint does, and writes "<clientId> <value>" to stdout after each one is acknowledged (its group
// committed), until the test kills it with SIGKILL. Run as `node --import tsx tests/integration/fault-child.ts`.
const { db, groupCommit } = await import('#app/.server/db.ts')
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
process.stdout.write('ready\n')

// One answer per (participant, question): a new clientId for an answered question would replace the
// earlier answer by design, and this test is about acknowledged answers surviving a crash. People
// are added as needed, so the child keeps going until it is killed (bounded all the same).
const people: number[] = []
const personFor = (n: number) => (people[n] ??= addParticipant(session.id, { consent: { method: 'tap', deviceId: device.id } }, null).id)
const GROUP = 25
for (let k = 0; k < 200_000; k += GROUP) {
  await Promise.all(
    Array.from({ length: GROUP }, (_, j) => {
      const n = k + j
      const question = questions[n % questions.length]!
      const value = 1 + (n % 5)
      const clientId = `fault-${process.pid}-${n}`
      const payload = { clientId, participantId: personFor(Math.floor(n / questions.length)), questionId: question.id, value, answeredBy: 'self' as const, answeredAt: new Date().toISOString() }
      return groupCommit(() => saveAnswer(device, payload)).then(({ httpStatus }) => {
        if (httpStatus !== 201) throw new Error(`answer ${n}: ${httpStatus}`)
        // A pipe's write is synchronous on Linux: once it returns, the parent can read the acknowledgement.
        process.stdout.write(`${clientId} ${value}\n`)
      })
    }),
  )
}
process.stdout.write('done\n')

export {}
