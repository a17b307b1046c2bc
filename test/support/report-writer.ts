import { ensureSubmission, markSubmitted, saveIndicatorAnswer } from '../../src/storage/answers.js'
import type { DatabaseHandle } from '../../src/storage/connection.js'
import { planIds } from '../../src/storage/report-queries.js'

type Value = { num: number } | { bool: boolean } | { text: string }

/**
 * Write a unit's answers for every period of a request straight through the
 * storage functions the conversation uses (a contact per unit, history kept),
 * optionally submitting at the given instant. For hand-computed report tests.
 */
export async function reportWriter(t: DatabaseHandle, planId: number) {
  const ids = await planIds(t.db, planId)
  const contacts = new Map<string, number>()
  const contact = async (unit: string) => contacts.get(unit) ?? contacts.set(unit, await newContact(unit)).get(unit)!
  const newContact = async (unit: string) =>
    (await t.db.insertInto('contacts').values({ plan_id: planId, unit_id: ids.units.get(unit)!.id, role: 'reporter', display_name: unit, channel: 'telegram', user_id: unit, chat_id: unit }).returning('id').executeTakeFirstOrThrow()).id
  return {
    ids,
    async report(periodIds: number[], unit: string, at: Date, values: [code: string, value: Value, aboutUnit?: string][], submit: boolean) {
      const unitId = ids.units.get(unit)!.id
      const subs = await Promise.all(periodIds.map((id) => ensureSubmission(t.db, planId, unitId, id, at)))
      const by = { contactId: await contact(unit), channel: 'telegram' as const, at }
      const submissionIds = subs.map((s) => s.id)
      for (const [code, value, about] of values) {
        await saveIndicatorAnswer(t.db, { planId, submissionIds, indicatorId: ids.indicators.get(code)!, aboutUnitId: ids.units.get(about ?? unit)!.id }, { value }, by)
      }
      if (submit) await markSubmitted(t.db, submissionIds, by)
      return { submissionIds, by }
    },
  }
}
