// The fuzzers' signed-in staff: a real sign-in once per role, then kept valid whatever the fuzzed
// requests do to it (sign out, deactivate or demote the account, change its password). Before each
// request the session row and the user row are checked; if either was changed, both are put back as
// they were right after the sign-in, so the cookie works again without signing in anew (no argon2).
import type BetterSqlite3 from 'better-sqlite3'

type Row = Record<string, unknown>

export type StaffSessions = { cookie(role: string): Promise<string>; repairs: Record<string, number> }

export async function staffSessions(
  sqlite: BetterSqlite3.Database,
  signIn: (input: { email: string; password: string; ipAddress: string; userAgent: string | null }) => Promise<{ ok: true; setCookie: string } | { ok: false; message: string }>,
  accounts: Record<string, { email: string; password: string }>,
): Promise<StaffSessions> {
  const held = new Map<string, { cookie: string; user: Row; session: Row }>()
  const repairs: Record<string, number> = {}
  for (const [role, account] of Object.entries(accounts)) {
    const result = await signIn({ ...account, ipAddress: '127.0.0.1', userAgent: 'fuzz' })
    if (!result.ok) throw new Error(`could not sign in as ${role}: ${result.message}`)
    const user = sqlite.prepare('select * from users where email = ?').get(account.email) as Row
    const session = sqlite.prepare('select * from login_sessions where user_id = ? order by rowid desc limit 1').get(user.id) as Row
    held.set(role, { cookie: result.setCookie.split(';')[0]!, user, session })
    repairs[role] = 0
  }
  const valid = sqlite.prepare('select count(*) from login_sessions s join users u on u.id = s.user_id where s.id = ? and u.id = ? and u.active = 1 and u.role = ? and u.email = ?').pluck()
  return {
    repairs,
    async cookie(role: string) {
      const h = held.get(role)
      if (!h) throw new Error(`no session for ${role}`)
      if (valid.get(h.session.id, h.user.id, h.user.role, h.user.email) === 1) return h.cookie
      repairs[role]!++
      const now = Date.now()
      sqlite.transaction(() => {
        // Another account may have taken the email meanwhile: it gets another one, ours gets its email back.
        sqlite.prepare("update users set email = 'fuzz-' || id || '-' || email where email = ? and id <> ?").run(h.user.email, h.user.id)
        const userColumns = Object.keys(h.user).filter((c) => c !== 'id')
        sqlite.prepare(`update users set ${userColumns.map((c) => `"${c}" = ?`).join(', ')} where id = ?`).run(...userColumns.map((c) => h.user[c]), h.user.id)
        sqlite.prepare('delete from login_sessions where id = ?').run(h.session.id)
        const session: Row = { ...h.session, expires_at: new Date(now + 12 * 3600_000).toISOString(), last_seen_at: new Date(now).toISOString() }
        const columns = Object.keys(session)
        sqlite.prepare(`insert into login_sessions (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => session[c]))
      })()
      if (valid.get(h.session.id, h.user.id, h.user.role, h.user.email) !== 1) throw new Error(`could not restore the ${role} session`)
      return h.cookie
    },
  }
}
