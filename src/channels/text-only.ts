import type { Reply } from '../conversation/types.js'
import { foldVietnamese } from '../domain/text-fold.js'

/**
 * Render a reply for an app without buttons (Zalo, the console): choices
 * become a numbered list to answer by number, or, when a number would mean
 * something else (a value, free text, an item of the review), the words to
 * type instead: actions and items never share numbers.
 */
export function renderTextOnly(reply: Reply): string {
  const choices = reply.choices ?? []
  if (!choices.length) return reply.text
  if (reply.expectsNumber || reply.wordsOnly) {
    // Words the text already quotes ('gõ "bỏ qua" nếu không có') are not repeated.
    const said = foldVietnamese(reply.text)
    const words = choices
      .filter((c) => c.keyword && !said.includes(`"${foldVietnamese(c.keyword)}`))
      .map((c) => (foldVietnamese(c.keyword!) === foldVietnamese(c.label) ? `"${c.keyword}"` : `"${c.keyword}" (${c.label})`))
    return words.length ? `${reply.text}\nHoặc gõ: ${words.join(', ')}` : reply.text
  }
  const list = choices.map((c, i) => `${i + 1}. ${c.label}`)
  const numbers = choices.map((_, i) => String(i + 1))
  const how = numbers.length === 1 ? `Trả lời 1` : `Trả lời ${numbers.slice(0, -1).join(', ')} hoặc ${numbers.at(-1)}`
  return `${reply.text}\n${list.join('\n')}\n${how}`
}
