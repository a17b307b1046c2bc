import { describe, expect, it } from 'vitest'
import { renderTextOnly } from '../../src/channels/text-only.js'
import { splitText } from '../../src/conversation/split-text.js'
import { toTelegramMessages } from '../../src/channels/telegram/telegram-render.js'

describe('long texts', () => {
  it('split on line boundaries within the platform limit', () => {
    const text = Array.from({ length: 300 }, (_, i) => `${i + 1}. Dòng số liệu ${'x'.repeat(20)}`).join('\n')
    for (const max of [2000, 4096]) {
      const parts = splitText(text, max)
      expect(parts.length).toBeGreaterThan(1)
      expect(parts.every((p) => p.length <= max)).toBe(true)
      expect(parts.join('\n')).toBe(text)
    }
    expect(splitText('y'.repeat(5000), 2000).map((p) => p.length)).toEqual([2000, 2000, 1000])
  })

  it('telegram messages escape HTML and keep the keyboard on the last part', () => {
    const parts = toTelegramMessages({ text: `<b>&</b>\n${'z'.repeat(5000)}`, choices: [{ id: 'go', label: 'Báo cáo ngay' }], token: 7 })
    expect(parts[0]!.text.startsWith('&lt;b&gt;&amp;&lt;/b&gt;')).toBe(true)
    expect(parts.at(-1)!.keyboard).toBeDefined()
    expect(parts.slice(0, -1).every((p) => !p.keyboard)).toBe(true)
    expect(renderTextOnly({ text: 'Q', choices: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }], token: 1 })).toBe('Q\n1. A\n2. B\n3. C\nTrả lời 1, 2 hoặc 3')
  })
})
