// `npm test`: unit and integration tests (vitest), then browser tests (Playwright), then one
// closing line summing both: "N passed, N failed". Exits non-zero if anything failed or did not run.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!fs.existsSync(chromium)) {
  console.error(`Browser tests need Chromium at ${chromium}. Install it with: apt-get install -y chromium`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}

const results = 'tests/.results'
fs.rmSync(results, { recursive: true, force: true })
fs.mkdirSync(results, { recursive: true })

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1

const typecheckStatus = run('npm', ['run', 'typecheck', '--silent'])
const vitestStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${results}/unit.json`])
const e2eStatus = run('npx', ['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts'])

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

const unit = read(`${results}/unit.json`)
const e2e = read(`${results}/e2e.json`)
let passed = 0
let failed = typecheckStatus === 0 ? 0 : 1
if (unit) {
  passed += unit.numPassedTests
  failed += unit.numFailedTests
} else failed += 1
if (e2e) {
  passed += e2e.stats.expected + (e2e.stats.flaky ?? 0)
  failed += e2e.stats.unexpected
} else failed += 1

console.log(`\ntypecheck: ${typecheckStatus === 0 ? 'ok' : 'FAILED'}`)
console.log(`vitest: ${unit ? `${unit.numPassedTests} passed, ${unit.numFailedTests} failed` : 'did not run'}`)
console.log(`playwright: ${e2e ? `${e2e.stats.expected} passed, ${e2e.stats.unexpected} failed, ${e2e.stats.skipped} skipped` : 'did not run'}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(typecheckStatus === 0 && vitestStatus === 0 && e2eStatus === 0 && failed === 0 && passed > 0 ? 0 : 1)
