import os from 'node:os'

/**
 * Who ran a command, for the audit log's `by` ("CLI:root"): commands have no
 * web session, so the "Nhật ký" page names the OS user instead.
 */
export function cliActor(): string {
  let user: string | undefined
  try {
    user = os.userInfo().username
  } catch {
    user = process.env.USER ?? process.env.LOGNAME
  }
  return `CLI:${user || '?'}`
}
