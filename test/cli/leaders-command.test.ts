import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main.js'
import { createServices } from '../../src/cli/services.js'
import type { EngineInput } from '../../src/conversation/types.js'
import { connectEmbedded } from '../../src/storage/embedded.js'
import { listLeaderDestinations } from '../../src/storage/leaders.js'

const NOW = new Date('2025-12-06T02:00:00Z')

describe('dondoc leaders: list and remove leaders\' destinations', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dondoc-leaders-'))
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
  const run = async (...args: string[]) => {
    const out: string[] = []
    const code = await runCli(args, env, { out: (t) => out.push(t), progress: () => undefined, now: () => NOW })
    return { code, text: out.join('\n') }
  }
  const leaderCode = async () => /Mã: (\w+)/.exec((await run('invite', '--leader')).text)![1]!
  /** Talk to the engine on the same embedded database, then let go of it for the next command. */
  const chat = async (inputs: Partial<EngineInput>[]) => {
    const handle = await connectEmbedded(dataDir)
    try {
      const { engine } = createServices({ db: handle.db, config: { logLevel: 'silent' }, now: () => NOW })
      const texts: string[] = []
      for (const i of inputs) {
        const out = await engine.handle({ channel: 'telegram', updateId: `${Math.random()}`, userId: 'lead', chatId: 'lead', chatType: 'private', displayName: 'Chủ tịch Hà', at: NOW, ...i })
        texts.push(out.replies.map((r) => r.text).join('\n'))
      }
      const plan = await handle.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()
      const destinations = (await listLeaderDestinations(handle.db, plan.id)).map((d) => d.chat_id)
      return { texts, destinations }
    } finally {
      await handle.close()
    }
  }

  it('lists the leader and the group they registered; removing the leader drops the group only when asked', async () => {
    expect((await run('plan', 'import', 'test/fixtures/mini-plan.yaml')).code).toBe(0)
    const mine = await leaderCode()
    const forGroup = await leaderCode()
    const other = await leaderCode()
    const setup = await chat([
      { text: mine },
      { text: `/start ${forGroup}`, chatType: 'group', chatId: '-100', chatTitle: 'Lãnh đạo xã' },
      { text: `/start ${other}`, userId: 'pho', chatId: 'pho', displayName: 'Phó Chủ tịch Lan' },
    ])
    expect(setup.destinations).toEqual(['lead', '-100', 'pho'])

    const list = await run('leaders')
    expect(list.code).toBe(0)
    const lines = list.text.split('\n')
    expect(lines[0]).toMatch(/^#1 {2}cá nhân {2}Chủ tịch Hà {2}telegram:lead {2}đăng ký bởi: Chủ tịch Hà \(#1\) {2}từ 09:00 ngày 06\/12\/2025$/)
    expect(lines[1]).toMatch(/^#2 {2}nhóm {2}Lãnh đạo xã {2}telegram:-100 {2}đăng ký bởi: Chủ tịch Hà \(#1\) {2}từ /)
    expect(lines[2]).toMatch(/^#3 {2}cá nhân {2}Phó Chủ tịch Lan /)
    expect(lines[3]).toBe('3 nơi nhận của lãnh đạo')

    // Removing the leader without --with-groups: the group is named, with the command that removes it.
    const removed = await run('leaders', 'remove', '1')
    expect(removed.code).toBe(0)
    expect(removed.text.split('\n')).toEqual([
      'đã gỡ cá nhân #1 Chủ tịch Hà: không còn nhận bản tổng hợp, lệnh lãnh đạo gửi từ đó bị từ chối',
      'đã gỡ lãnh đạo (người liên hệ #1)',
      'người này đã đăng ký 1 nhóm lãnh đạo, các nhóm vẫn nhận bản tổng hợp và dùng được lệnh lãnh đạo:',
      '  #2  Lãnh đạo xã  telegram:-100',
      'gỡ các nhóm này: dondoc leaders remove 2 (lần sau: thêm --with-groups khi gỡ lãnh đạo)',
    ])
    expect((await run('leaders', 'remove', '1')).code).toBe(1)

    const removedGroup = await run('leaders', 'remove', '2')
    expect(removedGroup.text).toBe('đã gỡ nhóm #2 Lãnh đạo xã: không còn nhận bản tổng hợp, lệnh lãnh đạo gửi từ đó bị từ chối')
    const after = await chat([
      { text: '/tonghop', chatType: 'group', chatId: '-100', updateId: 'g1' },
      { text: '/tonghop', updateId: 'p1' },
      { text: '/tonghop', userId: 'pho', chatId: 'pho', updateId: 'p2' },
    ])
    expect(after.destinations).toEqual(['pho'])
    expect(after.texts[0]).toMatch(/^Lệnh này dành cho lãnh đạo/)
    expect(after.texts[1]).toMatch(/^Lệnh này dành cho lãnh đạo/)
    expect(after.texts[2]).not.toMatch(/^Lệnh này dành cho lãnh đạo/)
    expect((await run('leaders')).text).toContain('1 nơi nhận của lãnh đạo')
  }, 120_000)

  it('removes the groups too with --with-groups, and `contacts remove` on a leader names the groups left', async () => {
    const a = await leaderCode()
    const ga = await leaderCode()
    const b = await leaderCode()
    const gb = await leaderCode()
    await chat([
      { text: a, userId: 'a', chatId: 'a', displayName: 'Lãnh đạo A' },
      { text: `/start ${ga}`, userId: 'a', displayName: 'Lãnh đạo A', chatType: 'group', chatId: '-200', chatTitle: 'Nhóm A' },
      { text: b, userId: 'b', chatId: 'b', displayName: 'Lãnh đạo B' },
      { text: `/start ${gb}`, userId: 'b', displayName: 'Lãnh đạo B', chatType: 'group', chatId: '-300', chatTitle: 'Nhóm B' },
    ])
    const ids = (await run('leaders')).text.split('\n').filter((l) => / (a|b|-200|-300) /.test(l.replace(/telegram:/, ' ').replace(/ {2}/g, ' '))).map((l) => Number(/^#(\d+)/.exec(l)![1]))
    const [destA, groupA] = ids
    const withGroups = await run('leaders', 'remove', String(destA), '--with-groups')
    expect(withGroups.text).toContain(`đã gỡ nhóm #${groupA} Nhóm A`)
    const contacts = await run('contacts')
    const contactB = Number(/#(\d+) {2}Lãnh đạo B/.exec(contacts.text)![1])
    const removedB = await run('contacts', 'remove', String(contactB))
    expect(removedB.text).toContain('người này đã đăng ký 1 nhóm lãnh đạo')
    expect(removedB.text).toContain('telegram:-300')
    const after = await chat([{ text: '/tonghop', userId: 'a', chatType: 'group', chatId: '-200', updateId: 'ga1' }])
    // A's group is gone; B's private chat went with B; B's group stays until removed.
    expect(after.destinations).toEqual(['pho', '-300'])
    expect(after.texts[0]).toMatch(/^Lệnh này dành cho lãnh đạo/)
  }, 120_000)
})
