import { type RouteConfig, index, layout, route } from '@react-router/dev/routes'

// The URL map of DESIGN.md. Every staff page sits under the staff layout, whose loader
// signs the visitor in; each page's own loader and action still check the role it needs.
export default [
  route('ingresar', 'routes/sign-in.tsx'),
  route('salir', 'routes/sign-out.tsx'),
  layout('routes/staff-layout.tsx', [
    index('routes/home.tsx'),
    route('*', 'routes/not-found.tsx'),
  ]),
] satisfies RouteConfig
