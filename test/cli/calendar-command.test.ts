import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main.js'

function capture() {
  const out: string[] = []
  return { io: { out: (t: string) => out.push(t), progress: () => undefined, now: () => new Date('2025-06-20T03:00:00Z') }, out }
}

describe('dondoc calendar', () => {
  it('prints the year at a glance from a plan file', async () => {
    const { io, out } = capture()
    expect(await runCli(['calendar', '--plan', 'plans/ea-wy.yaml', '--from', '2025-07-01', '--to', '2026-12-31'], {}, io)).toBe(0)
    const text = out.join('\n')
    expect(text).toContain('Quý III/2025  [quy 2025-Q3]  hạn trước ngày 05/09/2025')
    expect(text).toContain('T6 29/08/2025 08:00 (nhắc)')
    expect(text).toContain('gộp với 2025-Y (nhắc chung)')
    expect(text).toContain('T3 17/02/2026  Tết Nguyên đán (mùng 1)')
  })

  it('by default still shows a report that is overdue but taken late', async () => {
    // 06/12/2025: the year's report was due before 05/12/2025 and is taken late for 20 more working days.
    const out: string[] = []
    const io = { out: (t: string) => out.push(t), progress: () => undefined, now: () => new Date('2025-12-06T03:00:00Z') }
    expect(await runCli(['calendar', '--plan', 'plans/ea-wy.yaml'], {}, io)).toBe(0)
    expect(out.join('\n')).toContain('Năm 2025  [nam 2025-Y]  hạn trước ngày 05/12/2025')
  })

  it('--json has the documented shape with +07:00 instants', async () => {
    const { io, out } = capture()
    expect(await runCli(['calendar', '--plan', 'plans/ea-wy.yaml', '--from', '2025-07-01', '--to', '2025-09-30', '--unit', 'THON-01', '--json'], {}, io)).toBe(0)
    const json = JSON.parse(out.join('\n')) as { periods: Record<string, unknown>[]; holidays: { date: string; name: string }[] }
    expect(json.periods.map((p) => [p.schedule, p.key])).toEqual([
      ['khct', 'once:khct'],
      ['quy', '2025-Q3'],
    ])
    const q3 = json.periods[1]!
    expect(Object.keys(q3)).toEqual(expect.arrayContaining(['schedule', 'key', 'label', 'window', 'opens', 'due', 'reminders', 'digests']))
    expect(q3).toMatchObject({ label: 'Quý III/2025', window: { from: '2025-06-05', to: '2025-09-04' }, due: '2025-09-05T00:00:00+07:00' })
    expect((q3.reminders as { at: string }[]).slice(0, 3).map((r) => r.at)).toEqual(['2025-08-25T08:00:00+07:00', '2025-08-29T08:00:00+07:00', '2025-09-04T08:00:00+07:00'])
    expect(json.holidays).toEqual([
      { date: '2025-09-01', name: 'Quốc khánh (ngày liền kề)' },
      { date: '2025-09-02', name: 'Quốc khánh' },
    ])
  })

  it('refuses a bad date with a clear message', async () => {
    const { io } = capture()
    expect(await runCli(['calendar', '--plan', 'plans/ea-wy.yaml', '--from', '1/7/2025'], {}, io)).toBe(2)
  })
})
