import { formatVnCount } from '../domain/vn-number.js'

/** Day names by `weekday()` (0 = Sunday), as leaders' answers and the web page write them. */
export const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'] as const

const n = formatVnCount

/**
 * Every sentence leaders read in digests and answers to their commands, in
 * Vietnamese. Numbers and dates arrive formatted; this file only words them.
 */
export const leaderMsg = {
  progressHead: (p: { label: string; deadline: string; submitted: number; expected: number; drafting: number; notStarted: number }) =>
    `📊 Tiến độ báo cáo ${p.label} (hạn ${p.deadline}): ${n(p.submitted)}/${n(p.expected)} đơn vị đã gửi, ${n(p.drafting)} đang nhập, ${n(p.notStarted)} chưa bắt đầu.`,
  draftingList: (names: string) => `Đang nhập: ${names}`,
  notStartedList: (names: string) => `Chưa bắt đầu: ${names}`,
  summaryHead: (p: { label: string; deadline: string; submitted: number; expected: number; pct: number; onTime: number; late: number }) =>
    `📊 Báo cáo ${p.label} (hạn ${p.deadline}): ${n(p.submitted)}/${n(p.expected)} đơn vị đã nộp (${p.pct}%), ${n(p.onTime)} đúng hạn, ${n(p.late)} nộp muộn.`,
  historyNote: 'Kỳ này đã hết hạn trước khi Trợ lý Đôn đốc bắt đầu theo dõi kế hoạch: đơn vị có thể đã nộp bằng giấy, con số dưới đây chỉ gồm báo cáo gửi qua Trợ lý.',
  missingList: (names: string) => `Chưa nộp: ${names}`,
  lateList: (names: string) => `Nộp muộn: ${names}`,
  /** "và 12 đơn vị khác" after a shortened list of names. */
  andMore: (count: number) => ` và ${n(count)} đơn vị khác`,
  how: { sum: 'tổng', mean: 'trung bình', weighted: 'trung bình có trọng số', min: 'thấp nhất', max: 'cao nhất' } as const,
  aggregateFigure: (value: string, how: string, units: number) => `${value} (${how} của ${n(units)} đơn vị)`,
  singleUnitFigure: (value: string, unit: string) => `${value} (chỉ ${unit} báo cáo)`,
  yesCount: (yes: number, units: number) => `${n(yes)}/${n(units)} đơn vị có`,
  verdictMet: (year: number, target: string) => ` ✅ đạt mục tiêu đến năm ${year} (${target})`,
  verdictShort: (year: number, target: string, gap: string | undefined, over: boolean) =>
    ` — mục tiêu đến năm ${year}: ${target}${gap ? (over ? `, còn vượt ${gap}` : `, còn thiếu ${gap}`) : ', chưa đạt'}`,
  targetOnly: (year: number, target: string) => ` — mục tiêu đến năm ${year}: ${target}`,
  pastAllMilestones: (year: number) => ` — kế hoạch không đặt mục tiêu sau năm ${year}`,
  percentPoints: (n: string) => `${n} điểm %`,
  indicatorLine: (code: string, name: string, figure: string, verdict: string) => `• ${code} ${name}: ${figure}${verdict}`,
  metCount: (met: number, judged: number) => `Chỉ tiêu đã đạt mốc mục tiêu gần nhất: ${met}/${judged} (chỉ tiêu có số liệu và có mục tiêu so được).`,
  noFigures: 'Chưa có số liệu chỉ tiêu nào được gửi.',
  overdueTasksTitle: 'Nhiệm vụ quá hạn:',
  overdueTaskLine: (code: string, title: string, due: string, units: string) => `• ${code} ${title} (hạn ${due}): chưa hoàn thành ở ${units}`,
  resultsTitle: 'Kết quả nổi bật:',
  difficultiesTitle: 'Khó khăn, vướng mắc:',
  proposalsTitle: 'Đề xuất, kiến nghị:',
  attributed: (unit: string, text: string) => `• ${unit}: ${text}`,
  moreOpinions: (count: number) => `… và ${n(count)} ý kiến khác (xem đầy đủ trong báo cáo tổng hợp).`,
  unitValue: (unit: string, value: string) => `${unit}: ${value}`,

  noSuchPeriod: (arg: string | undefined, choices: string[]) =>
    (arg ? `Không tìm thấy kỳ báo cáo "${arg}".` : 'Chưa có kỳ báo cáo nào.') + (choices.length ? ` Các kỳ có thể xem: ${choices.join('; ')}.` : '') + ' Ví dụ: /tonghop quý 3, /tonghop 6 tháng, /tonghop năm 2025.',
  showing: (label: string) => `Đang xem: ${label}. Xem kỳ khác: /tonghop quý 3/2026, /tonghop 6 tháng, /tonghop năm 2025.`,
  noOpenPeriod: 'Hiện không có kỳ báo cáo nào đang mở.',
  missingHead: (label: string, deadline: string, missing: number, expected: number) => `📋 ${label} (hạn ${deadline}): ${n(missing)}/${n(expected)} đơn vị chưa nộp.`,
  entering: (n: number) => `đang nhập ${n} mục`,
  lateWorkingDays: (n: number) => `⚠️ quá hạn ${n} ngày làm việc`,
  missingUnit: (name: string, notes: string) => `• ${name}${notes ? ` (${notes})` : ''}`,
  moreUnits: (count: number) => `… và ${n(count)} đơn vị khác`,
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

  chartCompletenessTitle: (label: string) => `Tiến độ nộp báo cáo ${label}`,
  chartCompletenessSubtitle: (submitted: number, expected: number, pct: number) => `${n(submitted)}/${n(expected)} đơn vị đã nộp (${pct}%), theo nhóm đơn vị`,
  chartLowestGroups: (shown: number, total: number) => `: ${n(shown)} nhóm có tỷ lệ nộp thấp nhất trong ${n(total)} nhóm`,
  chartExpected: 'Phải nộp',
  chartSubmitted: 'Đã nộp',
  /** The bar of units that belong to no group of the plan. */
  chartOtherGroup: 'Khác',
  chartSectionTitle: (section: string) => `${section}: kết quả so với mục tiêu`,
  chartSectionSubtitle: (year: number) => `Kết quả năm ${year}, tính bằng % mốc mục tiêu áp dụng (vạch đỏ: 100% = mục tiêu)`,
  /** The end of a bar, two short lines: "55 % (69%)", "mục tiêu 80 %". */
  chartSectionBar: (figure: string, target: string, pct: string) => `${figure} (${pct}%)\nmục tiêu ${target}`,
  chartSectionTarget: 'Mục tiêu',
  /** The chart of indicators the plan puts under no section. */
  chartNoSection: 'Các chỉ tiêu',
  exportCaption: (label: string) => `📎 Báo cáo tổng hợp ${label}`,
  exportNoFilesHere: (label: string) => `📎 Ứng dụng này không gửi được tệp: bản Excel/Word và biểu đồ của ${label} do Văn phòng tải ở mục "Tải báo cáo" trên trang quản lý của Trợ lý Đôn đốc (hoặc bằng lệnh "dondoc export" trên máy chủ).`,
}
