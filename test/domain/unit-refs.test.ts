import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readPlanFile } from '../../src/domain/plan-file.js'
import { resolveUnitRefs } from '../../src/domain/unit-refs.js'

const mini = readFileSync(new URL('../fixtures/mini-plan.yaml', import.meta.url), 'utf8')

/** Every field that names units, and how to write `refs` into it in the mini plan. */
const FIELDS: Record<string, { path: string; put: (refs: string) => string; read: (p: import('../../src/domain/plan-model.js').Plan) => string[] | undefined }> = {
  responsible: { path: 'indicators[1].responsible', put: (r) => mini.replace('    responsible: [KT]\n', `    responsible: ${r}\n`), read: (p) => p.indicators[1]!.responsible },
  monitor: { path: 'indicators[1].monitor', put: (r) => mini.replace('    monitor: [KT]\n', `    monitor: ${r}\n`), read: (p) => p.indicators[1]!.monitor },
  lead: { path: 'tasks[0].lead', put: (r) => mini.replace('    lead: [KT]\n', `    lead: ${r}\n`), read: (p) => p.tasks[0]!.lead },
  support: { path: 'tasks[0].support', put: (r) => mini.replace('    support: [VHXH]\n', `    support: ${r}\n`), read: (p) => p.tasks[0]!.support },
  reporters: { path: 'schedules[1].reporters', put: (r) => mini.replace('    period: year\n', `    period: year\n    reporters: ${r}\n`), read: (p) => p.schedules[1]!.reporters },
}

const ALL = ['VHXH', 'KT', 'THON-01', 'THON-02', 'DN-VT']

describe('one grammar for unit references, in every field', () => {
  const cases = Object.keys(FIELDS).flatMap((field) =>
    (
      [
        ['[KT]', ['KT'], ['KT']],
        ['KT', ['KT'], ['KT']],
        ['[thon-buon]', ['thon-buon'], ['THON-01', 'THON-02']],
        ['[all]', ['all'], ALL],
        ['[KT, thon-buon]', ['KT', 'thon-buon'], ['KT', 'THON-01', 'THON-02']],
      ] as const
    ).map(([written, stored, units]) => [field, written, stored, units] as const),
  )

  it.each(cases)('%s: %s is read as %j and names %j', (field, written, stored, units) => {
    const r = readPlanFile(FIELDS[field]!.put(written))
    if (!r.ok) throw new Error(JSON.stringify(r.problems))
    const refs = FIELDS[field]!.read(r.plan)
    expect(refs).toEqual(stored)
    expect(resolveUnitRefs(r.plan, refs!).map((u) => u.code)).toEqual(units)
  })

  it.each(Object.keys(FIELDS))('%s: an unknown code gets the same message at its own path', (field) => {
    const r = readPlanFile(FIELDS[field]!.put('[KT, KTX]'))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problems.map((p) => [p.path, p.message])).toEqual([[`${FIELDS[field]!.path}[1]`, 'không có đơn vị hay nhóm mã "KTX" (dùng mã đơn vị, mã nhóm hoặc "all")']])
  })
})
