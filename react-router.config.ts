import type { Config } from '@react-router/dev/config'

export default {
  appDirectory: 'app',
  // BUILD_DIR lets two builds (e.g. two test runs) live side by side; server.js reads the same.
  buildDirectory: process.env.BUILD_DIR ?? 'build',
  ssr: true,
  // Opt in to v8 behaviour now, so the upgrade to React Router 8 (Node 22) is a version bump.
  future: {
    v8_middleware: true,
    v8_splitRouteModules: true,
    v8_viteEnvironmentApi: true,
    v8_passThroughRequests: true,
    v8_trailingSlashAwareDataRequests: true,
  },
} satisfies Config
