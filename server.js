// The production server `npm start` runs: the built app behind Express, with static files, gzip,
// and the client's socket address handed to the app in a header the client cannot set.
import compression from 'compression'
import express from 'express'
import morgan from 'morgan'

// Before anything loads React: the production builds of react and react-dom must match.
process.env.NODE_ENV ??= 'production'
const { createRequestHandler } = await import('@react-router/express')
const buildDir = process.env.BUILD_DIR ?? 'build'
const build = await import(new URL(`./${buildDir}/server/index.js`, import.meta.url).href)
const app = express()
app.disable('x-powered-by')
if (process.env.QUIET_LOGS !== '1') app.use(morgan('tiny'))
// The tablets' answers, the busiest URL: straight to the app's own listener, without React Router
// and gzip in between (app/.server/tablet-sync.ts says why), with the same checks and results.
app.all('/tableta/respuestas', build.entry.module.tabletSyncListener)
app.use(compression())

// Static files never reach the app, so they get the (non-CSP) security headers here.
const setHeaders = (res) => {
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'same-origin')
  if (process.env.APP_ENV === 'production') res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
}
app.use('/assets', express.static(`${buildDir}/client/assets`, { immutable: true, maxAge: '1y', setHeaders }))
app.use(express.static(`${buildDir}/client`, { maxAge: '1h', setHeaders }))
app.use((req, _res, next) => {
  req.headers['x-katapulta-client-address'] = req.socket.remoteAddress ?? 'unknown'
  next()
})
app.all('*', createRequestHandler({ build, mode: process.env.NODE_ENV ?? 'production' }))

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'
app.listen(port, host, () => console.log(`Katapulta en http://localhost:${port}`))
