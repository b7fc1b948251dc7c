import { type RouteConfig, index, layout, prefix, route } from '@react-router/dev/routes'

// The URL map of DESIGN.md. Every staff page sits under the staff layout, whose loader
// signs the visitor in; each page's own loader and action still check the role it needs.
export default [
  route('ingresar', 'routes/sign-in.tsx'),
  route('salir', 'routes/sign-out.tsx'),
  layout('routes/staff-layout.tsx', [
    index('routes/home.tsx'),
    ...prefix('intervenciones', [
      index('routes/interventions/list.tsx'),
      route('nueva', 'routes/interventions/new.tsx'),
      route('tablero', 'routes/interventions/board.tsx'),
      route(':code', 'routes/interventions/detail.tsx'),
      route(':code/editar', 'routes/interventions/edit.tsx'),
      route(':code/sintesis', 'routes/synthesis/board.tsx'),
      route(':code/hallazgos/:id', 'routes/synthesis/insight.tsx'),
      route(':code/prototipos/nuevo', 'routes/prototypes/new.tsx'),
      route(':code/prototipos/:prototypeId', 'routes/prototypes/detail.tsx'),
      route(':code/prototipos/:prototypeId/comparar', 'routes/prototypes/compare.tsx'),
      route(':code/prototipos/:prototypeId/versiones/nueva', 'routes/versions/new.tsx'),
      route(':code/prototipos/:prototypeId/versiones/:number', 'routes/versions/detail.tsx'),
      route(':code/prototipos/:prototypeId/versiones/:number/editar', 'routes/versions/edit.tsx'),
    ]),
    ...prefix('sesiones', [
      index('routes/sessions/list.tsx'),
      route('nueva', 'routes/sessions/new.tsx'),
      route(':id', 'routes/sessions/detail.tsx'),
      route(':id/guion', 'routes/sessions/guide.tsx'),
      route(':id/consola', 'routes/sessions/console.tsx'),
    ]),
    ...prefix('tableros', [
      route('intervenciones/:code', 'routes/dashboards/intervention.tsx'),
      route('comparar', 'routes/dashboards/compare.tsx'),
      route('portafolio', 'routes/dashboards/portfolio.tsx'),
    ]),
    ...prefix('admin', [
      index('routes/admin/index.tsx'),
      route('usuarios', 'routes/admin/users.tsx'),
      route('consentimiento', 'routes/admin/consent.tsx'),
      route('privacidad', 'routes/admin/privacy.tsx'),
      route('auditoria', 'routes/admin/audit.tsx'),
    ]),
    route('*', 'routes/not-found.tsx'),
  ]),
  // The citizen tablet (kiosk): no staff layout, its own device token, nothing else reachable.
  route('tableta', 'routes/tablet/index.tsx'),
  route('tableta/respuestas', 'routes/tablet/answers.ts'),
  // Uploaded artifacts, served only to signed-in staff (a resource route: no page around it).
  route('archivos/:artifactId', 'routes/artifact-file.ts'),
] satisfies RouteConfig
