import type { PeriodKind } from '../domain/plan-model.js'
import { foldVietnamese } from '../domain/text-fold.js'

/** One reporting rule found in the body text, with a deadline phrase `plan check` reads. */
export interface FoundSchedule {
  period: PeriodKind
  due: string
  /** The sentence it was read from, for the operator's check. */
  sentence: string
}

/** The rules of one sentence ("Định kỳ hàng Quý (…), 6 tháng (…) và năm (…) báo cáo …"). */
export interface CalendarSentence {
  schedules: FoundSchedule[]
  sentence: string
  /** "thông qua Phòng Văn hóa – Xã hội" / "gửi về Phòng …": where the reports go, as written. */
  sendTo: string | undefined
  /** The sentence also asks for ad hoc reports ("hoặc báo cáo đột xuất theo yêu cầu"), which have no fixed deadline. */
  adHoc: boolean
}

const pad = (n: string) => n.padStart(2, '0')

/**
 * Read the reporting calendar out of the plan's body text. Works on folded
 * text (diacritics-free) to find the rules and writes each deadline as a
 * canonical phrase ("trước ngày 05 của tháng cuối quý"), so the draft always
 * passes the due-phrase grammar when the document's numbers make sense.
 */
export function findCalendarSentences(paragraphs: readonly string[]): CalendarSentence[] {
  const out: CalendarSentence[] = []
  for (const paragraph of paragraphs) {
    for (const sentence of paragraph.split(/(?<=[.;])\s+(?=[-–A-ZĐÂĂÊÔƠƯ])/)) {
      const f = foldVietnamese(sentence)
      if (!/truoc ngay/.test(f)) continue
      const schedules: FoundSchedule[] = []
      const push = (period: PeriodKind, due: string) => {
        if (!schedules.some((s) => s.period === period)) schedules.push({ period, due, sentence: sentence.trim() })
      }
      let m = /hang thang\)?[^.;]{0,40}?truoc ngay (\d{1,2})(?!\s*[/\d])/.exec(f) ?? /truoc ngay (\d{1,2}) hang thang/.exec(f)
      if (m?.[1]) push('month', `trước ngày ${pad(m[1])} hàng tháng`)
      m = /truoc ngay (\d{1,2}) (?:cua )?thang cuoi (?:cua )?quy/.exec(f)
      if (m?.[1] && /quy/.test(f)) push('quarter', `trước ngày ${pad(m[1])} của tháng cuối quý`)
      m = /(?:^|[^\d])6 thang[^.;]{0,30}?truoc ngay (\d{1,2})\s*\/\s*(\d{1,2})(?!\s*[/\d])/.exec(f)
      if (m?.[1] && m[2]) push('half', `trước ngày ${pad(m[1])}/${Number(m[2])}`)
      m = /9 thang[^.;]{0,30}?truoc ngay (\d{1,2})\s*\/\s*(\d{1,2})(?!\s*[/\d])/.exec(f)
      if (m?.[1] && m[2]) push('nine_months', `trước ngày ${pad(m[1])}/${Number(m[2])}`)
      m = /(?:^|[\s,(])(?:hang |hang |bao cao |va )?nam\)?\s*\(?\s*truoc ngay (\d{1,2})\s*\/\s*(\d{1,2})(?!\s*[/\d])/.exec(f)
      if (m?.[1] && m[2]) push('year', `trước ngày ${pad(m[1])}/${Number(m[2])}`)
      if (schedules.length === 0) continue
      out.push({ schedules, sentence: sentence.trim(), sendTo: findSendTo(sentence), adHoc: /dot xuat/.test(f) })
    }
  }
  return out
}

/** "(thông qua Phòng Văn hóa – Xã hội)", "gửi về Phòng …": the office reports go through. */
export function findSendTo(sentence: string): string | undefined {
  const m = /(?:thông qua|qua|gửi về|gửi)\s+((?:Phòng|Văn phòng|Trung tâm|Ban)[^,;.)]+)/i.exec(sentence)
  return m?.[1]?.split(/\s+(?:để|trước|theo|trong|về|tổng hợp|hoặc)\s+/)[0]?.trim()
}

/** One-off deadlines with a full date ("trước ngày 31/7/2025"), e.g. for detailed plans. */
export function findOneOffDates(text: string): string[] {
  const out: string[] = []
  for (const m of foldVietnamese(text).matchAll(/truoc ngay (\d{1,2})\/(\d{1,2})\/(\d{4})/g)) {
    out.push(`trước ngày ${pad(m[1] ?? '')}/${Number(m[2])}/${m[3]}`)
  }
  return out
}
