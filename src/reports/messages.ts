import { formatVnNumber } from '../domain/vn-number.js'

/** Day names by `weekday()` (0 = Sunday). */
const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'] as const

/**
 * Every sentence leaders read in digests and answers to their commands, in
 * Vietnamese. Numbers and dates arrive formatted; this file only words them.
 */
export const leaderMsg = {
  progressHead: (p: { label: string; deadline: string; submitted: number; expected: number; drafting: number; notStarted: number }) =>
    `📊 Tiến độ báo cáo ${p.label} (hạn ${p.deadline}): ${p.submitted}/${p.expected} đơn vị đã gửi, ${p.drafting} đang nhập, ${p.notStarted} chưa bắt đầu.`,
  draftingList: (names: string) => `Đang nhập: ${names}`,
  notStartedList: (names: string) => `Chưa bắt đầu: ${names}`,
  summaryHead: (p: { label: string; deadline: string; submitted: number; expected: number; pct: number; onTime: number }) =>
    `📊 Báo cáo ${p.label} (hạn ${p.deadline}): ${p.submitted}/${p.expected} đơn vị đã nộp (${p.pct}%), ${p.onTime} đúng hạn.`,
  missingList: (names: string) => `Chưa nộp: ${names}`,
  /** "và 12 đơn vị khác" after a shortened list of names. */
  andMore: (n: number) => ` và ${formatVnNumber(n)} đơn vị khác`,
  howMean: 'trung bình',
  howSum: 'tổng',
  aggregateFigure: (value: string, how: string, units: number) => `${value} (${how} ${units} đơn vị)`,
  verdictMet: ' ✅',
  verdictNotMet: (target: string) => ` ❌ (mục tiêu ${target})`,
  indicatorLine: (code: string, name: string, figure: string, verdict: string) => `• ${code} ${name}: ${figure}${verdict}`,
  notMetCount: (year: number, notMet: number, judged: number) => `Chỉ tiêu chưa đạt mục tiêu ${year}: ${notMet}/${judged}.`,
  overdueTasksTitle: 'Nhiệm vụ quá hạn:',
  overdueTaskLine: (code: string, title: string, due: string, units: string) => `• ${code} ${title} (hạn ${due}): chưa hoàn thành ở ${units}`,
  difficultiesTitle: 'Khó khăn, vướng mắc:',
  proposalsTitle: 'Đề xuất, kiến nghị:',
  attributed: (unit: string, text: string) => `• ${unit}: ${text}`,
  unitValue: (unit: string, value: string) => `${unit}: ${value}`,

  noSuchPeriod: (arg: string | undefined) => (arg ? `Không có kỳ báo cáo ${arg}. Ví dụ: /tonghop 2025-Q4` : 'Không có kỳ báo cáo nào. Ví dụ: /tonghop 2025-Q4'),
  noOpenPeriod: 'Hiện không có kỳ báo cáo nào đang mở.',
  missingHead: (label: string, deadline: string, missing: number, expected: number) => `📋 ${label} (hạn ${deadline}): ${missing}/${expected} đơn vị chưa nộp.`,
  entering: (n: number) => `đang nhập ${n} mục`,
  lateWorkingDays: (n: number) => `⚠️ quá hạn ${n} ngày làm việc`,
  missingUnit: (name: string, notes: string) => `• ${name}${notes ? ` (${notes})` : ''}`,
  moreUnits: (n: number) => `… và ${n} đơn vị khác`,
  noSuchIndicator: (arg: string) => `Không có chỉ tiêu "${arg}". Ví dụ: /chitieu CT05`,
  indicatorHead: (code: string, name: string) => `📈 ${code} ${name}`,
  indicatorTargets: (targets: string) => `Mục tiêu: ${targets || '(không có)'}`,
  noData: 'Chưa có số liệu.',
  periodHeading: (label: string) => `${label}:`,
  historyLine: (unit: string, value: string, note: string | null) => `• ${unit}: ${value}${note ? ` (${note})` : ''}`,
  leaderNudge: (unitName: string, items: string) => `📋 Lãnh đạo nhắc: ${unitName} gửi báo cáo ${items}. Gõ /baocao để báo cáo.`,
  owedItem: (label: string, deadline: string) => `${label} (hạn ${deadline})`,
  nudgesQueued: (n: number) => `Đã xếp ${n} tin nhắc tới các đơn vị chưa nộp.`,
  /** Asked in quiet hours or on a day off: when the reminders will actually go ("08:00 thứ Ba 24/11/2026"). */
  nudgesQueuedFor: (n: number, time: string, weekday: number, date: string) =>
    `Đã xếp ${n} tin nhắc tới các đơn vị chưa nộp. Tin nhắc sẽ được gửi lúc ${time} ${WEEKDAYS[weekday]} ${date}.`,
  noNewNudges: 'Không có tin nhắc mới (đơn vị đã nộp, chưa có người liên hệ, hoặc vừa được nhắc trong giờ này).',
}
