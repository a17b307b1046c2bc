import { formatDate, isValidDate, localDate } from './local-time.js'
import type { LocalDate } from '../plan-model.js'

/** What "vắng đến 15/12" said: not that phrase, a day to pause until, or a day that cannot be. */
export type AwayReading = { kind: 'not_away' } | { kind: 'until'; date: LocalDate; shown: string } | { kind: 'invalid' }

const AWAY = /^(?:di )?vang (?:den|toi|den het) (?:ngay )?(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/

/** Whether folded text is a "vắng đến D/M" phrase at all (before anything is loaded to read its date). */
export function isAwayPhrase(folded: string): boolean {
  return AWAY.test(folded)
}

/**
 * Read "vắng đến 15/12" (folded: "vang den 15/12"), "đi vắng đến hết ngày
 * 15/12/2026": the last local day the unit is away. Without a year the date
 * is the next 15/12 on or after today; a date in the past is invalid.
 */
export function readAwayUntil(folded: string, today: LocalDate): AwayReading {
  const m = AWAY.exec(folded)
  if (!m) return { kind: 'not_away' }
  const day = Number(m[1])
  const month = Number(m[2])
  let year = m[3] ? Number(m[3]) : Number(today.slice(0, 4))
  if (!m[3] && isValidDate(year, month, day) && localDate(year, month, day) < today) year += 1
  if (!isValidDate(year, month, day)) return { kind: 'invalid' }
  const date = localDate(year, month, day)
  if (date < today) return { kind: 'invalid' }
  return { kind: 'until', date, shown: formatDate(date) }
}
