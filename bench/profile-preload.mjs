// Preloaded into the server by `bench/load.ts --profile` (node --import ./bench/profile-preload.mjs
// server.js): SIGUSR2 starts the V8 CPU profiler, SIGTERM stops it, writes the profile to
// $BENCH_PROFILE_OUT and exits. So the profile covers the measured load only, not start-up,
// pairing or warm-up.
import fs from 'node:fs'
import inspector from 'node:inspector'

const session = new inspector.Session()
session.connect()
let started = false
process.on('SIGUSR2', () => {
  session.post('Profiler.enable', () => session.post('Profiler.start', () => (started = true)))
})
process.on('SIGTERM', () => {
  if (!started) process.exit(0)
  session.post('Profiler.stop', (error, result) => {
    if (!error && process.env.BENCH_PROFILE_OUT) fs.writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(result.profile))
    process.exit(0)
  })
})
