import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices } from '../../src/cli/services.js'
import { GLOBAL_INVITE_WINDOW_MINUTES, MAX_GLOBAL_INVITE_FAILURES } from '../../src/conversation/enrolment.js'
import { pino } from 'pino'
import { createLogger } from '../../src/logger.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { createHarness } from '../support/engine-harness.js'
import { miniPlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

const NOW = new Date('2025-12-02T02:00:00Z')

describe(`invite codes under attack on ${testDatabaseKind}`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('links exactly one person when eight send the same single-use code at the same moment', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    const code = await h.invite('KT')
    const people = Array.from({ length: 8 }, (_, i) => `p${i}`)
    const replies = await Promise.all(people.map((p) => h.say(p, `/start ${code}`)))
    expect(replies.filter((r) => r.includes('Đã liên kết anh/chị với'))).toHaveLength(1)
    expect(replies.filter((r) => r.includes('Mã mời này đã được sử dụng'))).toHaveLength(7)
    const contacts = await t.db.selectFrom('contacts').select(['id', 'user_id']).execute()
    expect(contacts).toHaveLength(1)
    const winner = people[replies.findIndex((r) => r.includes('Đã liên kết'))]
    expect(contacts[0]!.user_id).toBe(winner)
    const invite = await t.db.selectFrom('invites').select(['used_by_contact_id']).executeTakeFirstOrThrow()
    expect(invite.used_by_contact_id).toBe(contacts[0]!.id)
  }, 120_000)

  it('stops checking codes for an hour after too many refused codes from many chats, counting used and expired ones too', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    const used = await h.invite('KT')
    expect(await h.say('owner', used)).toContain('Đã liên kết')
    h.setNow(new Date(NOW.getTime() - 15 * 86_400_000))
    const expired = await h.invite('KT')
    h.setNow(NOW)
    const fresh = await h.invite('KT')
    // The guesses go through an engine whose warnings are kept, to see the burst logged.
    const warnings: { msg: string; refusedInLastHour: number }[] = []
    const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) })
    const engine = createServices({ db: t.db, config: { logLevel: 'warn' }, now: () => NOW, log }).engine
    let seq = 0
    const guess = async (chat: string, text: string) =>
      (await engine.handle({ channel: 'telegram', updateId: `g${++seq}`, userId: chat, chatId: chat, chatType: 'private', at: NOW, text })).replies.map((r) => r.text).join('\n')
    // One attempt per chat: the per-chat limit (5 in 15 minutes) never bites.
    expect(await guess('chat-used', `/start ${used}`)).toContain('Mã mời này đã được sử dụng')
    for (let i = 0; i < MAX_GLOBAL_INVITE_FAILURES - 2; i++) expect(await guess(`guesser-${i}`, `/start ZZZZ${i}`)).toContain('Mã mời không đúng')
    expect(await guess('chat-expired', `/start ${expired}`)).toContain('Mã mời đã hết hạn')
    expect(warnings.map((w) => [w.msg, w.refusedInLastHour])).toEqual([
      ['burst of refused invite codes', MAX_GLOBAL_INVITE_FAILURES / 2],
      ['invite codes paused for this bot: too many refused codes in the last hour', MAX_GLOBAL_INVITE_FAILURES],
    ])

    // A correct code from a chat never seen before is told to wait, and nothing is linked.
    const busy = await h.say('newcomer', `/start ${fresh}`)
    expect(busy).toBe(`Trợ lý Đôn đốc tạm ngừng nhận mã mời vì có quá nhiều mã sai được gửi tới. Vui lòng thử lại sau ${GLOBAL_INVITE_WINDOW_MINUTES} phút hoặc liên hệ Văn phòng thường trực.`)
    expect(await t.db.selectFrom('contacts').select('user_id').where('user_id', '=', 'newcomer').execute()).toEqual([])

    // An hour later the window has moved on: the same code links them.
    h.setNow(new Date(NOW.getTime() + (GLOBAL_INVITE_WINDOW_MINUTES + 1) * 60_000))
    expect(await h.say('newcomer', `/start ${fresh}`)).toContain('Đã liên kết anh/chị với')
  }, 300_000)

  it('keys processed updates by bot: after a token change the new bot\'s update 1 is not a duplicate', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    const log = createLogger('silent')
    const oldBot = createServices({ db: t.db, config: { logLevel: 'silent', telegram: { token: '111:old-secret', apiRoot: 'http://x' } }, now: () => NOW, log }).engine
    const newBot = createServices({ db: t.db, config: { logLevel: 'silent', telegram: { token: '222:new-secret', apiRoot: 'http://x' } }, now: () => NOW, log }).engine
    const input = { channel: 'telegram' as const, updateId: '1', userId: 'u', chatId: 'u', chatType: 'private' as const, at: NOW, text: '/start' }
    expect((await oldBot.handle(input)).duplicate).toBe(false)
    expect((await oldBot.handle(input)).duplicate).toBe(true)
    const second = await newBot.handle({ ...input, text: `/start ${await h.invite('KT')}` })
    expect(second.duplicate).toBe(false)
    expect(second.replies[0]!.text).toContain('Đã liên kết')
    const rows = await t.db.selectFrom('processed_updates').select(['bot_id', 'update_id']).where('update_id', '=', '1').orderBy('bot_id').execute()
    expect(rows).toEqual([{ bot_id: '111', update_id: '1' }, { bot_id: '222', update_id: '1' }])
  })
})
