import { formatVnCount } from '../../domain/vn-number.js'

const n = formatVnCount

/**
 * Every word of the exported workbook and Word draft, in Vietnamese: the
 * documents officials edit and file. Code and logs stay English.
 */
export const xt = {
  sheets: { indicators: 'Chỉ tiêu', units: 'Theo đơn vị', tasks: 'Nhiệm vụ', submissions: 'Tiến độ nộp', narrative: 'Khó khăn – Đề xuất' },
  sheetTitle: (what: string, label: string) => `${what} — ${label}`,
  indicatorsTitle: 'Kết quả thực hiện các chỉ tiêu',
  unitsTitle: 'Số liệu chỉ tiêu theo đơn vị',
  tasksTitle: 'Tiến độ thực hiện nhiệm vụ',
  submissionsTitle: 'Tiến độ nộp báo cáo',
  narrativeTitle: 'Kết quả nổi bật, khó khăn, vướng mắc và đề xuất của các đơn vị',
  indicatorHeaders: ['STT', 'Mã', 'Chỉ tiêu', 'Đơn vị tính', 'Mục tiêu (mốc áp dụng)', 'Kết quả kỳ này', 'Cách tổng hợp', 'Kỳ trước', 'Đánh giá', 'Ghi chú', 'Đơn vị chủ trì', 'Đơn vị theo dõi', 'Đơn vị đã báo cáo / phải báo cáo'],
  unitHeaders: ['STT', 'Mã chỉ tiêu', 'Chỉ tiêu', 'Đơn vị', 'Giá trị', 'Đơn vị tính', 'Ghi chú', 'Người nhập', 'Thời điểm nhập', 'Ứng dụng'],
  taskHeaders: ['STT', 'Mã', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Sản phẩm', 'Thời hạn', 'Đơn vị báo cáo', 'Tình trạng', 'Kết quả, sản phẩm đạt được', 'Lý do chậm', 'Quá hạn'],
  submissionHeaders: ['STT', 'Mã', 'Đơn vị', 'Tình trạng', 'Thời điểm nộp', 'Đúng hạn / Nộp muộn', 'Người nộp', 'Ứng dụng'],
  narrativeHeaders: ['STT', 'Nội dung', 'Đơn vị', 'Ý kiến'],
  verdict: { met: 'Đạt', short: 'Chưa đạt', none: 'Chưa có số liệu', unjudged: 'Chưa đánh giá' },
  noData: 'Chưa có số liệu',
  how: { sum: 'Tổng', mean: 'Trung bình', weighted: 'Trung bình có trọng số', min: 'Thấp nhất', max: 'Cao nhất', count_yes: 'Đếm đơn vị trả lời "Có"', list: 'Liệt kê theo đơn vị' } as const,
  milestone: (year: number, text: string) => `${text} (đến năm ${year})`,
  pastAll: (year: number) => `Không đặt mục tiêu sau năm ${year}`,
  noTarget: 'Không có mục tiêu',
  gapShort: (gap: string) => `còn thiếu ${gap}`,
  gapOver: (gap: string) => `còn vượt ${gap}`,
  percentPoints: (n: string) => `${n} điểm %`,
  qualitative: 'mục tiêu không so được bằng số',
  yesOf: (units: number) => `trên ${units} đơn vị`,
  allUnits: 'Tất cả đơn vị',
  channel: { telegram: 'Telegram', zalo: 'Zalo', console: 'Cửa sổ lệnh' } as const,
  unitState: { on_time: 'Đã nộp', late: 'Đã nộp', drafting: 'Đang nhập', not_started: 'Chưa bắt đầu' } as const,
  timeliness: { on_time: 'Đúng hạn', late: 'Nộp muộn' } as const,
  taskStatus: { done: 'Hoàn thành', in_progress: 'Đang thực hiện', not_started: 'Chưa triển khai', delayed: 'Chậm tiến độ' } as const,
  notReported: 'Chưa báo cáo',
  draftMark: ' (chưa nộp)',
  overdue: 'Quá hạn',
  sections: { results: 'Kết quả nổi bật', difficulties: 'Khó khăn, vướng mắc', proposals: 'Đề xuất, kiến nghị' } as const,
}

/** The Word draft's words: fixed parts of the administrative layout and the factual sentences an official edits. */
export const xw = {
  placeholder: '[…]',
  nationalTitle: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  numberPrefix: 'Số: ',
  numberSuffix: (abbr: string) => `/BC-${abbr}`,
  dateLine: (place: string) => [`${place}, ngày `, ' tháng ', ' năm '] as const,
  docType: 'BÁO CÁO',
  summary: (planTitle: string, period: string) => `Kết quả thực hiện ${planTitle} ${period}`,
  lead: (planTitle: string, issuer: string, period: string) => `Thực hiện ${planTitle}, ${issuer} báo cáo kết quả thực hiện ${period} như sau:`,
  sections: {
    implementation: 'I. TÌNH HÌNH TRIỂN KHAI',
    indicators: 'II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU',
    tasks: 'III. TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ',
    difficulties: 'IV. KHÓ KHĂN, VƯỚNG MẮC',
    proposals: 'V. ĐỀ XUẤT, KIẾN NGHỊ',
  },
  completeness: (label: string, deadline: string, expected: number, submitted: number, pct: number, onTime: number, late: number) =>
    `Kỳ báo cáo ${label} (hạn ${deadline}) có ${n(expected)} đơn vị phải báo cáo; đến thời điểm tổng hợp, ${n(submitted)}/${n(expected)} đơn vị đã nộp báo cáo (đạt ${pct}%), trong đó ${n(onTime)} đơn vị nộp đúng hạn, ${n(late)} đơn vị nộp muộn.`,
  onTimeRate: (pct: number) => `Tỷ lệ đơn vị nộp báo cáo đúng hạn đạt ${pct}% số đơn vị phải báo cáo.`,
  lateUnits: (names: string) => `Các đơn vị nộp muộn: ${names}.`,
  missingUnits: (names: string) => `Các đơn vị chưa nộp báo cáo: ${names}.`,
  allSubmitted: 'Tất cả các đơn vị đã nộp báo cáo.',
  /** After the first names of a long list: the workbook's sheet has them all. */
  moreUnits: (count: number, sheet: string) => ` và ${n(count)} đơn vị khác (danh sách đầy đủ tại sheet “${sheet}” của tệp Excel kèm theo)`,
  indicatorsOverall: (total: number, withData: number, judged: number, met: number) =>
    `Kế hoạch có ${n(total)} chỉ tiêu; kỳ này có ${n(withData)} chỉ tiêu có số liệu, trong đó ${n(judged)} chỉ tiêu so được với mốc mục tiêu và ${n(met)} chỉ tiêu đạt mốc mục tiêu.`,
  noIndicatorData: 'Kỳ này chưa có số liệu chỉ tiêu nào được các đơn vị báo cáo (Chưa có số liệu).',
  sectionLine: (i: number, section: string, total: number, met: number, judged: number, missing: number) =>
    `${i}. ${section}: ${n(total)} chỉ tiêu, ${n(met)}/${n(judged)} chỉ tiêu so được đạt mốc mục tiêu${missing ? `, ${n(missing)} chỉ tiêu chưa có số liệu` : ''}.`,
  tableHeaders: ['STT', 'Chỉ tiêu', 'Mục tiêu', 'Kết quả', 'Đánh giá'],
  tableUnit: '(Chi tiết số liệu từng đơn vị tại tệp Excel kèm theo.)',
  taskCounts: (reported: number, done: number, inProgress: number, delayed: number, notStarted: number) =>
    `Trong kỳ, các đơn vị chủ trì báo cáo tiến độ ${n(reported)} lượt nhiệm vụ: ${n(done)} hoàn thành, ${n(inProgress)} đang thực hiện, ${n(delayed)} chậm tiến độ, ${n(notStarted)} chưa triển khai.`,
  noTaskReports: 'Trong kỳ, chưa có đơn vị chủ trì nào báo cáo tiến độ nhiệm vụ.',
  overdueTitle: 'Các nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành:',
  overdueLine: (code: string, title: string, due: string, units: string) => `- ${code} ${title} (thời hạn: ${due}): chưa hoàn thành ở ${units}.`,
  noOverdue: 'Không có nhiệm vụ quá hạn chưa hoàn thành.',
  attributed: (units: string, body: string) => `- ${units}: ${body}`,
  /** After the statements shown, when a section has more: the workbook's sheet has every one. */
  moreStatements: (count: number, sheet: string) => `Ngoài ra còn ${n(count)} ý kiến khác của các đơn vị (xem đầy đủ tại sheet “${sheet}” của tệp Excel kèm theo).`,
  noDifficulties: 'Các đơn vị chưa nêu khó khăn, vướng mắc trong kỳ.',
  noProposals: 'Các đơn vị chưa có đề xuất, kiến nghị trong kỳ.',
  closing: (issuer: string, period: string) => `Trên đây là báo cáo kết quả thực hiện ${period} của ${issuer}./.`,
  recipientsTitle: 'Nơi nhận:',
  recipients: ['- ', ';', '- Lưu: VT, '] as const,
  signAuthority: (council: boolean) => (council ? 'TM. ỦY BAN NHÂN DÂN' : ''),
  signPosition: '[CHỦ TỊCH]',
  signName: '[Họ và tên]',
  chartCaption: (n: number, title: string) => `Biểu đồ ${n}. ${title}`,
}
