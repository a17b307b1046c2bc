import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { createHarness } from '../support/engine-harness.js'
import { miniPlan } from '../support/mini-plan.js'
import { createTestDatabase, testDatabaseKind } from '../support/test-database.js'

const NOW = new Date('2025-12-02T02:00:00Z')

describe(`forged button data (${testDatabaseKind})`, () => {
  let t: DatabaseHandle
  beforeEach(async () => {
    t = await createTestDatabase()
  })
  afterEach(async () => t.close())

  it('stores only a choice the question offered: a crafted task status or option is refused and the question shown again', async () => {
    const h = await createHarness(t, miniPlan(), NOW)
    await h.say('kt', `/start ${await h.invite('KT')}`)
    await h.say('kt', '/baocao')
    await h.press('kt', 'Báo cáo ngay')
    // CT02 (a count) first: a forged "c0" (an option of a choice question) is not on offer here.
    const indicator = h.lastReply('kt')!
    const forgedOption = await h.raw('kt', { choice: { token: indicator.token!, id: 'c0' } })
    expect(forgedOption.at(-1)!.text).toContain('Số doanh nghiệp khởi nghiệp sáng tạo')
    await h.say('kt', '2')
    // NV01 next: a status the keyboard never showed.
    const task = h.lastReply('kt')!
    expect(task.text).toContain('Tham mưu bố trí kinh phí')
    const forged = await h.raw('kt', { choice: { token: task.token!, id: 't:anything' } })
    expect(forged.at(-1)!.text).toContain('Tham mưu bố trí kinh phí')
    expect(await t.db.selectFrom('task_progress').selectAll().execute()).toEqual([])
    const values = await t.db.selectFrom('indicator_values').select(['value_num', 'value_text']).execute()
    // One row per period of the combined request (Năm 2025 with Quý IV/2025), both the typed 2.
    expect(values).toEqual([{ value_num: 2, value_text: null }, { value_num: 2, value_text: null }])
    // The real button still works.
    await h.press('kt', 'Đang thực hiện')
    await h.press('kt', 'Bỏ qua')
    expect(await t.db.selectFrom('task_progress').select('status').execute()).toEqual([{ status: 'in_progress' }, { status: 'in_progress' }])
  })
})
