import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main.js'
import { createServices } from '../../src/cli/services.js'
import { connectEmbedded } from '../../src/storage/embedded.js'
import { httpClient, startWebServer } from '../support/web-server.js'

const NOW = new Date('2025-12-02T02:00:00Z')

describe('dondoc invite and dondoc contacts remove write the audit log', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-cli-audit-'))
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
  const run = async (...args: string[]) => {
    const out: string[] = []
    const code = await runCli(args, env, { out: (t) => out.push(t), progress: () => undefined, now: () => NOW })
    return { code, text: out.join('\n') }
  }

  it('names the OS user on the "Nhật ký" page', async () => {
    expect((await run('plan', 'import', 'test/fixtures/mini-plan.yaml')).code).toBe(0)
    const invite = await run('invite', 'KT', '--name', 'Anh Tư')
    expect(invite.code).toBe(0)
    const code = /Mã: (\w+)/.exec(invite.text)![1]!
    // Anh Tư enrols with the code, then the office removes him from the command line.
    let handle = await connectEmbedded(dataDir)
    try {
      const { engine } = createServices({ db: handle.db, config: { logLevel: 'silent' }, now: () => NOW })
      await engine.handle({ channel: 'telegram', updateId: 'u1', userId: 'tu', chatId: 'tu', chatType: 'private', displayName: 'Anh Tư', at: NOW, text: `/start ${code}` })
    } finally {
      await handle.close()
    }
    const contact = Number(/#(\d+) {2}Anh Tư/.exec((await run('contacts')).text)![1])
    expect((await run('contacts', 'remove', String(contact))).code).toBe(0)
    // A failed removal writes nothing.
    expect((await run('contacts', 'remove', '9999')).code).not.toBe(0)

    handle = await connectEmbedded(dataDir)
    const clock = { now: NOW }
    const web = await startWebServer(handle, clock)
    try {
      const rows = await handle.db.selectFrom('audit_log').select(['action', 'operator_id', 'detail']).orderBy('id').execute()
      const user = os.userInfo().username
      expect(rows.map((r) => [r.action, r.operator_id, r.detail.by])).toEqual([
        ['invite_created', null, `CLI:${user}`],
        ['contact_removed', null, `CLI:${user}`],
      ])
      expect(rows[0]!.detail).toMatchObject({ unit: 'KT', leader: false, name: 'Anh Tư' })
      expect(rows[1]!.detail).toMatchObject({ contact })
      const plan = await handle.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()
      const a = httpClient(web.base)
      await a.login((await web.operatorLink(plan.id, 'Chị Lan')).link)
      const page = (await a.get('/nhat-ky')).text
      expect(page).toContain(`<td>dòng lệnh (${user})</td><td>gỡ người liên hệ</td>`)
      expect(page).toContain(`<td>dòng lệnh (${user})</td><td>tạo mã mời</td>`)
    } finally {
      await web.close()
      await handle.close()
    }
  }, 120_000)
})
