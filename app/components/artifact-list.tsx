type Artifact = {
  id: number
  kind: 'link' | 'image' | 'pdf' | 'kit'
  title: string
  url: string | null
  mimeType: string | null
  sizeBytes: number | null
  kitPath: string | null
  kitManifest: Record<string, unknown> | null
}

const kb = (bytes: number | null) => (bytes ? `${Math.max(1, Math.round(bytes / 1024))} KB` : '')

/** A version's artifacts, with a preview of uploaded images and PDFs. */
export function ArtifactList({ artifacts }: { artifacts: Artifact[] }) {
  if (artifacts.length === 0) return <p>Esta versión no tiene artefactos.</p>
  return (
    <ul className="artifact-list">
      {artifacts.map((a) => (
        <li key={a.id} className="card">
          {a.kind === 'link' ? (
            <p>
              Enlace:{' '}
              <a href={a.url ?? '#'} rel="noopener noreferrer nofollow" target="_blank">
                {a.title}
                <span className="visually-hidden"> (se abre en otra pestaña)</span>
              </a>{' '}
              <span className="muted">{a.url}</span>
            </p>
          ) : a.kind === 'image' ? (
            <figure>
              <a href={`/archivos/${a.id}`} target="_blank" rel="noopener">
                <img src={`/archivos/${a.id}`} alt={`Imagen: ${a.title}`} className="artifact-preview" loading="lazy" />
              </a>
              <figcaption>
                {a.title} <span className="muted">({kb(a.sizeBytes)})</span>
              </figcaption>
            </figure>
          ) : a.kind === 'pdf' ? (
            <figure>
              <object data={`/archivos/${a.id}`} type="application/pdf" className="artifact-pdf" aria-label={`PDF: ${a.title}`}>
                <p>Su navegador no muestra el PDF aquí.</p>
              </object>
              <figcaption>
                <a href={`/archivos/${a.id}`} target="_blank" rel="noopener">
                  Abrir PDF: {a.title}
                </a>{' '}
                <span className="muted">({kb(a.sizeBytes)})</span>
              </figcaption>
            </figure>
          ) : (
            <KitSummary title={a.title} path={a.kitPath} manifest={a.kitManifest} />
          )}
        </li>
      ))}
    </ul>
  )
}

function KitSummary({ title, path, manifest }: { title: string; path: string | null; manifest: Record<string, unknown> | null }) {
  const screens = (manifest?.screens as { id: string; title: string }[] | undefined) ?? []
  const tasks = (manifest?.tasks as { id: string; prompt: string }[] | undefined) ?? []
  return (
    <div>
      <p>
        {title} <span className="muted">(prototypes/{path})</span>
      </p>
      <p className="muted">
        {screens.length} {screens.length === 1 ? 'pantalla' : 'pantallas'}: {screens.map((s) => s.title).join(' → ')}
      </p>
      {tasks.length > 0 ? <p className="muted">Tareas: {tasks.map((t) => t.prompt).join('; ')}</p> : null}
    </div>
  )
}
