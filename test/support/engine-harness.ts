import { createServices } from '../../src/cli/services.js'
import { createInvite } from '../../src/conversation/invites.js'
import type { EngineInput, Reply } from '../../src/conversation/types.js'
import type { Plan } from '../../src/domain/plan-model.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import type { Channel } from '../../src/storage/database.js'
import { importPlan } from '../../src/storage/plan-import.js'
import { createLogger } from '../../src/logger.js'

/**
 * Drive the real engine on a real database as people would: type, press the
 * button with a given label, read the last reply. The clock is a variable.
 */
export async function createHarness(db: DatabaseHandle, plan: Plan, start: Date) {
  let now = start
  let updateSeq = 0
  const harnessId = Math.random().toString(36).slice(2, 8)
  const log = createLogger('silent')
  const services = createServices({ db: db.db, config: { logLevel: 'silent' }, now: () => now, log })
  const { planId } = await importPlan(db.db, plan, { now })
  await services.syncPeriods(now)
  const last = new Map<string, Reply>()

  async function send(user: string, input: Partial<EngineInput>, channel: Channel = 'telegram'): Promise<Reply[]> {
    updateSeq += 1
    const full: EngineInput = {
      channel,
      updateId: `${harnessId}-${updateSeq}`,
      userId: user,
      chatId: user,
      chatType: 'private',
      displayName: `Người dùng ${user}`,
      at: now,
      ...input,
    }
    const out = await services.engine.handle(full)
    const replies = out.replies
    const withChoices = [...replies].reverse().find((r) => r.choices?.length)
    if (replies.length) last.set(`${channel}:${user}`, withChoices ?? replies[replies.length - 1]!)
    return replies
  }

  return {
    planId,
    services,
    setNow(d: Date) {
      now = d
    },
    /** Type a text; returns the texts of the replies. */
    async say(user: string, text: string, channel: Channel = 'telegram'): Promise<string> {
      return (await send(user, { text }, channel)).map((r) => r.text).join('\n---\n')
    },
    /** Press the button whose label starts with `label` on the latest keyboard. */
    async press(user: string, label: string, channel: Channel = 'telegram'): Promise<string> {
      const reply = last.get(`${channel}:${user}`)
      const choice = reply?.choices?.find((c) => c.label.startsWith(label))
      if (!reply || !choice) throw new Error(`no button "${label}" for ${user}; last reply: ${JSON.stringify(reply)}`)
      return (await send(user, { choice: { token: reply.token!, id: choice.id } }, channel)).map((r) => r.text).join('\n---\n')
    },
    /** Send a raw input (media, a stale choice, a fixed update id). */
    async raw(user: string, input: Partial<EngineInput>, channel: Channel = 'telegram') {
      return send(user, input, channel)
    },
    lastReply(user: string, channel: Channel = 'telegram'): Reply | undefined {
      return last.get(`${channel}:${user}`)
    },
    async invite(unitCode: string) {
      return (await createInvite(db.db, { planId, planCode: plan.plan.code, unitCode, leader: false, now })).code
    },
    async leaderInvite() {
      return (await createInvite(db.db, { planId, planCode: plan.plan.code, leader: true, now })).code
    },
  }
}
