import { useEffect } from 'react'
import { Form, useActionData, useNavigation, useSearchParams } from 'react-router'
import { createTabletT } from '#app/lib/tablet-messages.ts'

const t = createTabletT('es-PE')

/** The tablet before it is bound to a session: one field for the code from the console. */
export function PairingScreen({ code }: { code: string }) {
  const result = useActionData() as { ok: boolean; message?: string } | undefined
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const exited = searchParams.get('salida') !== null
  // Out of kiosk mode: the offline copy of the session's pages goes too (unsent answers stay queued).
  useEffect(() => {
    if (!exited || !('serviceWorker' in navigator)) return
    void navigator.serviceWorker.getRegistrations().then((list) => Promise.all(list.map((r) => r.unregister())))
    void caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('katapulta-tableta')).map((k) => caches.delete(k))))
  }, [exited])
  return (
    <main id="contenido" className="kiosk kiosk-pairing">
      <h1>{t('pairing.title')}</h1>
      {searchParams.get('salida') ? (
        <p className="notice" role="status">
          La tableta salió del modo quiosco.
        </p>
      ) : null}
      <p>{t('pairing.intro')}</p>
      <Form method="post" replace className="stack">
        <input type="hidden" name="intent" value="pair" />
        <label htmlFor="code">{t('pairing.codeLabel')}</label>
        <input
          id="code"
          name="code"
          className="kiosk-code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={6}
          required
          defaultValue={code}
          aria-describedby={result?.message ? 'pair-error' : undefined}
        />
        {result?.message ? (
          <p className="alert" role="alert" id="pair-error">
            {result.message}
          </p>
        ) : null}
        <button type="submit" className="kiosk-button kiosk-primary" disabled={navigation.state === 'submitting'}>
          {t('pairing.submit')}
        </button>
      </Form>
    </main>
  )
}
