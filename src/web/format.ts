import { formatTimeAndDate } from '../domain/calendar/local-time.js'
import type { Channel } from '../storage/database.js'
import { wm } from './messages.js'

/** A moment in the plan's time zone, as the office reads it. */
export function when(at: Date, tz: string): string {
  return formatTimeAndDate(at, tz)
}

/** The app's name as people say it. */
export function appName(channel: Channel): string {
  return channel === 'telegram' ? 'Telegram' : channel === 'zalo' ? 'Zalo' : 'cửa sổ lệnh'
}

/** A stored answer (answer_history old/new value) as one short text. */
export function answerText(value: unknown): string {
  if (value === null || value === undefined) return wm.empty
  const v = (typeof value === 'string' ? safeParse(value) : value) as Record<string, unknown>
  if (typeof v !== 'object' || v === null) return String(v)
  if (v.skipped) return wm.skipped
  const parts: string[] = []
  if ('num' in v) parts.push(String(v.num).replace('.', ','))
  if ('bool' in v) parts.push(v.bool ? 'Có' : 'Không')
  if ('text' in v) parts.push(String(v.text))
  if ('status' in v) parts.push(wm.taskStatus[String(v.status)] ?? String(v.status))
  if ('detail' in v && v.detail) parts.push(`(${String(v.detail)})`)
  if ('body' in v) parts.push(v.body ? String(v.body) : wm.none)
  if ('note' in v && v.note) parts.push(`(${String(v.note)})`)
  return parts.join(' ') || JSON.stringify(v)
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
