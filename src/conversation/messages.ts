/**
 * Every word the bot says to people, in one place: Vietnamese, polite and
 * short ("anh/chị", no ceremony), so tone stays consistent and a reviewer can
 * read the whole voice of the product in one file. Code never builds
 * user-facing sentences elsewhere.
 */
import type { AnswerProblem } from '../domain/answer-rules.js'

export const labels = {
  startNow: 'Báo cáo ngay',
  later: 'Để sau',
  keepPrevious: (value: string) => `Giữ như kỳ trước (${value})`,
  skip: 'Bỏ qua',
  back: 'Quay lại',
  yes: 'Có',
  no: 'Không',
  confirmKeep: (value: string) => `Đúng, giữ ${value}`,
  reenter: 'Nhập lại',
  submit: 'Gửi báo cáo',
  edit: 'Sửa',
  taskDone: 'Hoàn thành',
  taskInProgress: 'Đang thực hiện',
  taskNotStarted: 'Chưa thực hiện',
  taskDelayed: 'Chậm, có vướng mắc',
  none: 'Không có',
  continueReport: 'Tiếp tục báo cáo',
  keepCurrent: (value: string) => `Giữ nguyên (${value})`,
  confirmText: (text: string) => `Đúng, ghi "${text}"`,
} as const

/** How each free-text section is asked: the review title plus "trong kỳ" where the title lacks it. */
const sectionPrompts = {
  results: 'Kết quả nổi bật trong kỳ',
  difficulties: 'Khó khăn, vướng mắc trong kỳ',
  proposals: 'Đề xuất, kiến nghị',
} as const

/**
 * Unit names joined for a person to read: names contain commas ("Phòng Văn
 * hóa, Khoa học và Thông tin"), so the separator is a semicolon.
 */
export function joinUnitNames(names: readonly string[]): string {
  return names.join('; ')
}

/** The plan's standing office by its own name ("Phòng Văn hóa – Xã hội"), for reminders sent on its behalf. */
export function standingOfficeName(plan: { units: readonly { name: string; standing: boolean }[] }): string {
  return plan.units.find((u) => u.standing)?.name ?? 'Văn phòng thường trực'
}

export const sectionTitles = {
  results: 'Kết quả nổi bật trong kỳ',
  difficulties: 'Khó khăn, vướng mắc',
  proposals: 'Đề xuất, kiến nghị',
} as const

export const msg = {
  // Enrolment
  welcomeUnknown:
    'Xin chào! Đây là Trợ lý Đôn đốc, nhắc và nhận báo cáo thực hiện Nghị quyết 57.\nAnh/chị chưa được liên kết với đơn vị nào. Vui lòng gõ mã mời do Văn phòng thường trực cấp (ví dụ: K7PM3QXD).',
  enrolled: (unitName: string) =>
    `✅ Đã liên kết anh/chị với ${unitName}.\nKhi đến kỳ báo cáo, Trợ lý Đôn đốc sẽ nhắc tại đây. Gõ /baocao để báo cáo, /huongdan để xem hướng dẫn.`,
  enrolledAgain: (unitName: string) => `Anh/chị đã được liên kết với ${unitName} từ trước. Gõ /baocao để báo cáo.`,
  enrolledLeader: 'Đã đăng ký anh/chị nhận bản tổng hợp báo cáo dành cho lãnh đạo tại đây.',
  enrolledLeaderGroup: (title: string) => `Đã đăng ký nhóm "${title}" nhận bản tổng hợp báo cáo dành cho lãnh đạo.`,
  inviteWrong: 'Mã mời không đúng. Anh/chị kiểm tra lại mã (8 ký tự, không phân biệt hoa thường) hoặc liên hệ Văn phòng thường trực.',
  inviteExpired: 'Mã mời đã hết hạn. Anh/chị liên hệ Văn phòng thường trực để được cấp mã mới.',
  inviteUsed: 'Mã mời này đã được sử dụng. Mỗi mã chỉ dùng một lần; anh/chị liên hệ Văn phòng thường trực để được cấp mã mới.',
  inviteSlowDown: (minutes: number) => `Anh/chị đã nhập sai mã nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
  groupNeedsLeaderCode: 'Trong nhóm, Trợ lý Đôn đốc chỉ nhận mã mời dành cho lãnh đạo. Báo cáo của đơn vị xin gửi qua tin nhắn riêng với bot.',
  inviteBusy: (minutes: number) => `Trợ lý Đôn đốc tạm ngừng nhận mã mời vì có quá nhiều mã sai được gửi tới. Vui lòng thử lại sau ${minutes} phút hoặc liên hệ Văn phòng thường trực.`,
  groupNoReports: 'Báo cáo của đơn vị xin gửi qua tin nhắn riêng với bot, không gửi trong nhóm.',

  // Report opening
  noOpenPeriod: (unitName: string) => `Hiện ${unitName} không có kỳ báo cáo nào đang mở. Trợ lý Đôn đốc sẽ nhắc khi đến kỳ.`,
  chooseUnit: 'Anh/chị báo cáo cho đơn vị nào?',
  /** The counts add up to the total: indicators, tasks and the free-text sections are all "mục". */
  opening: (p: { label: string; deadline: string; remaining: string; unitName: string; indicators: number; tasks: number; sections: number; done: number; total: number }) =>
    `📋 Báo cáo ${p.label}: hạn ${p.deadline} (${p.remaining}).\n${p.unitName} cần báo cáo ${p.total} mục: ${andList([
      p.indicators ? `${p.indicators} chỉ tiêu` : '',
      p.tasks ? `${p.tasks} nhiệm vụ` : '',
      p.sections ? `${p.sections} mục nhận xét (kết quả, khó khăn, đề xuất)` : '',
    ])}. Anh/chị đã nhập ${p.done}/${p.total} mục.`,
  remainingWorkingDays: (n: number) => (n <= 0 ? 'hạn là hôm nay' : `còn ${n} ngày làm việc`),
  overdueBy: (n: number) => `đã quá hạn ${n} ngày làm việc`,
  later: 'Vâng. Anh/chị gõ /baocao khi sẵn sàng; các mục đã nhập vẫn được giữ.',
  alreadySubmitted: (label: string, at: string, until: string) =>
    `Báo cáo ${label} đã được gửi lúc ${at}. Anh/chị vẫn có thể sửa số liệu đến hết ngày ${until}.`,
  locked: (label: string) => `Kỳ ${label} đã khóa số liệu; không sửa được nữa. Anh/chị liên hệ Văn phòng thường trực nếu cần điều chỉnh.`,

  // Indicator questions
  indicatorQuestion: (p: { index: number; total: number; name: string; aboutUnit?: string; target?: string; targetYear?: number; previous?: string; previousLabel?: string; hint: string }) =>
    [
      `Chỉ tiêu ${p.index}/${p.total}: ${p.name}${p.aboutUnit ? ` (thay ${p.aboutUnit})` : ''}`,
      [p.target ? `Mục tiêu đến hết năm ${p.targetYear}: ${p.target}.` : '', p.previous ? `Kỳ trước (${p.previousLabel}): ${p.previous}.` : ''].filter(Boolean).join(' '),
      p.hint,
    ]
      .filter(Boolean)
      .join('\n'),
  hintPercent: 'Anh/chị nhập tỷ lệ (%), ví dụ 72,5',
  hintInteger: (unit?: string) => `Anh/chị nhập số${unit ? ` (${unit})` : ''}, ví dụ 12`,
  hintNumber: (unit?: string) => `Anh/chị nhập số${unit ? ` (${unit})` : ''}, ví dụ 3,5`,
  hintYesNo: 'Anh/chị chọn Có hoặc Không.',
  hintChoice: 'Anh/chị chọn một phương án.',
  hintText: 'Anh/chị nhập ngắn gọn kết quả (gõ "bỏ qua" nếu chưa có).',
  recorded: (value: string, verdict: string) => `Đã ghi: ${value}${verdict}`,
  verdictMet: (year: number) => ` ✅ đạt mục tiêu ${year}.`,
  verdictNotMet: (year: number) => ` (chưa đạt mục tiêu ${year}).`,
  skipped: 'Đã bỏ qua mục này.',
  confirmJump: (previous: string, value: string) => `Kỳ trước là ${previous}, kỳ này ${value}: chênh lệch lớn. Anh/chị xác nhận số liệu?`,
  confirmFarFromTarget: (target: string, value: string) => `Mục tiêu là ${target}, kỳ này ${value}: cao bất thường. Anh/chị xác nhận số liệu?`,
  askNote: 'Anh/chị ghi ngắn lý do để lãnh đạo nắm (hoặc gõ "bỏ qua"):',
  noteSaved: 'Đã ghi chú.',
  answerProblem: (problem: AnswerProblem, example: string) => answerProblems[problem](example),
  onlyText: 'Trợ lý Đôn đốc chỉ đọc được tin nhắn chữ. Anh/chị vui lòng gõ câu trả lời.',
  stateReset: 'Trợ lý Đôn đốc vừa được cập nhật nên phiên trò chuyện trước không tiếp tục được. Các câu trả lời đã gửi vẫn được lưu đầy đủ; anh/chị gõ /baocao để làm tiếp.',
  emojiOnly: 'Trợ lý Đôn đốc chưa hiểu biểu tượng này. Anh/chị vui lòng gõ câu trả lời bằng chữ hoặc số.',
  tooLong: (max: number) => `Nội dung quá dài (tối đa ${max} ký tự). Anh/chị rút gọn giúp.`,
  staleButton: 'Nút này thuộc câu hỏi cũ. Câu hỏi hiện tại:',
  commandMidQuestion: 'Lệnh này chưa dùng được khi đang trả lời. Gõ /huy để tạm dừng (các mục đã nhập vẫn được giữ).',
  nothingToGoBack: 'Đây là mục đầu tiên.',
  /** Shown when coming back to an answered item ("quay lại", "sửa 3"). */
  currentAnswer: (value: string) => `Đã nhập: ${value}. Gõ "giữ nguyên" để giữ, hoặc nhập giá trị mới.`,
  /** A bare number typed to a free-text question: a stray menu number is not stored without asking. */
  confirmBareNumber: (text: string) => `Anh/chị muốn ghi "${text}" làm nội dung mục này? Gõ "đúng" để ghi, hoặc gõ lại nội dung.`,

  // Tasks
  taskQuestion: (p: { index: number; total: number; title: string; due: string }) =>
    `Nhiệm vụ ${p.index}/${p.total}: ${p.title} (hạn: ${p.due})\nTình trạng hiện nay?`,
  askTaskOutput: 'Kết quả, sản phẩm đạt được (gõ "bỏ qua" nếu không có):',
  askTaskReason: 'Anh/chị ghi ngắn lý do chậm, vướng mắc (gõ "bỏ qua" nếu chưa rõ):',
  askTaskProgress: 'Tiến độ hiện nay, ghi ngắn (gõ "bỏ qua" nếu không có):',
  taskStatusProblem: 'Anh/chị chọn một trong các tình trạng bên dưới.',

  // Free text
  sectionQuestion: (section: keyof typeof sectionPrompts) => `${sectionPrompts[section]} (gõ "không" nếu không có):`,

  // Review
  reviewHeader: (label: string, unitName: string) => `Rà soát báo cáo ${label}: ${unitName}`,
  reviewFooter: 'Gõ "sửa 2" (hoặc số mục) để sửa một mục; gõ "gửi" để gửi báo cáo.',
  reviewNotAnswered: '(chưa nhập)',
  reviewSkipped: '(bỏ qua)',
  reviewNone: '(không)',
  editPick: (n: number) => `Anh/chị gõ số mục cần sửa (1–${n}):`,
  editOutOfRange: (n: number) => `Không có mục đó. Anh/chị gõ số từ 1 đến ${n}.`,
  missingBeforeSubmit: (items: string) => `Còn mục chưa nhập: ${items}. Anh/chị vẫn gửi được; các mục này sẽ ghi "chưa có số liệu".`,

  // Receipt
  receipt: (p: { label: string; unitName: string; time: string; onTime: boolean; until: string }) =>
    `✅ Đã nhận báo cáo ${p.label} của ${p.unitName} lúc ${p.time} (${p.onTime ? 'đúng hạn' : 'nộp muộn'}).\nAnh/chị vẫn có thể sửa số liệu đến hết ngày ${p.until} bằng lệnh /baocao.`,
  standingNotice: (p: { unitName: string; label: string; time: string; onTime: boolean }) =>
    `📥 ${p.unitName} đã gửi báo cáo ${p.label} lúc ${p.time}${p.onTime ? '' : ' (muộn)'}.`,

  // Reminders (sent by the scheduler through the outbox)
  // Sent on behalf of the People's Committee: the register officials expect ("Đề nghị đồng chí…"), naming the plan's standing office.
  reminderBefore: (p: { label: string; deadline: string; remaining: string; unitName: string; done: number; office: string }) =>
    `📋 Nhắc báo cáo ${p.label}: hạn ${p.deadline} (${p.remaining}).\n${p.unitName}${p.done ? ` đã nhập ${p.done} mục, chưa gửi.` : ' chưa bắt đầu báo cáo.'}\nĐề nghị đồng chí hoàn thành và gửi báo cáo về ${p.office} đúng hạn.`,
  reminderOverdue: (p: { label: string; deadline: string; late: number; unitName: string; done: number; office: string }) =>
    `⚠️ Báo cáo ${p.label} của ${p.unitName} đã quá hạn ${p.late} ngày làm việc (hạn ${p.deadline}).${p.done ? ` Đã nhập ${p.done} mục, chưa gửi.` : ''}\nĐề nghị đồng chí khẩn trương gửi báo cáo để ${p.office} kịp tổng hợp.`,
  escalationDigest: (p: { label: string; late: number; units: string[] }) =>
    `⚠️ Báo cáo ${p.label}: ${p.units.length} đơn vị đã quá hạn ${p.late} ngày làm việc mà chưa gửi: ${joinUnitNames(p.units.slice(0, 20))}${p.units.length > 20 ? ` và ${p.units.length - 20} đơn vị khác` : ''}.`,
  escalation: (p: { unitName: string; label: string; late: number }) =>
    `⚠️ ${p.unitName} chưa gửi báo cáo ${p.label}, đã quá hạn ${p.late} ngày làm việc. Đề nghị đồng chí đôn đốc đơn vị gửi báo cáo.`,
  awaySet: (unitName: string, until: string, office: string) => `Đã ghi: ${unitName} vắng đến hết ngày ${until}; Trợ lý Đôn đốc tạm dừng nhắc đến khi đó. ${office} đã được báo.`,
  awayNotice: (unitName: string, until: string, who: string) => `🏖 ${unitName} báo vắng đến hết ngày ${until} (${who}); Trợ lý Đôn đốc tạm dừng nhắc đơn vị này.`,
  awayBadDate: 'Anh/chị ghi ngày theo dạng "vắng đến 15/12" hoặc "vắng đến 15/12/2025" (ngày chưa qua).',
  snoozed: (until: string) => `Vâng, Trợ lý Đôn đốc sẽ nhắc lại vào ${until}.`,
  remindLater: 'Nhắc lại ngày mai',
  /** The standing office pressed "Nhắc ngay" on its web board. */
  officeNudge: (p: { office: string; label: string; deadline: string; unitName: string; done: number }) =>
    `📣 ${p.office} nhắc: báo cáo ${p.label} hạn ${p.deadline} — ${p.unitName} chưa gửi${p.done ? ` (đã nhập ${p.done} mục)` : ''}.\nĐề nghị đồng chí bấm "Báo cáo ngay" hoặc gõ /baocao để hoàn thành và gửi báo cáo.`,
  blockedNotice: (who: string, unitName: string) => `🚫 Không gửi được tin nhắn tới ${who} (${unitName}): người dùng đã chặn bot. Văn phòng liên hệ trực tiếp giúp.`,

  // Commands
  cancelled: 'Đã tạm dừng. Các mục đã nhập vẫn được giữ; gõ /baocao để tiếp tục.',
  nothingToCancel: 'Không có bước nào đang dở. Gõ /baocao để báo cáo.',
  help: [
    'Hướng dẫn sử dụng Trợ lý Đôn đốc:',
    '• /baocao hoặc "báo cáo": bắt đầu hoặc tiếp tục báo cáo kỳ đang mở',
    '• /tiendo: xem đơn vị còn phải báo cáo gì',
    '• /huy: tạm dừng bước hiện tại (các mục đã nhập vẫn được giữ)',
    '• Nhập số theo kiểu Việt Nam: 72,5 hoặc 72.5; 1.234 là một nghìn hai trăm ba mươi tư',
    '• Gõ "bỏ qua" để bỏ qua một mục, "quay lại" để về mục trước, "sửa 3" để sửa mục 3 khi rà soát',
  ].join('\n'),
  progressNone: (unitName: string) => `${unitName} hiện không có kỳ báo cáo nào đang mở.`,
  progressLine: (p: { label: string; deadline: string; status: string }) => `• ${p.label} (hạn ${p.deadline}): ${p.status}`,
  progressSubmitted: (at: string) => `đã gửi lúc ${at}`,
  progressDraft: (done: number, total: number) => `đang nhập ${done}/${total} mục`,
  progressNotStarted: 'chưa bắt đầu',
  temporaryFailure: 'Trợ lý Đôn đốc đang gặp sự cố tạm thời, câu trả lời vừa rồi chưa được ghi. Anh/chị vui lòng gửi lại sau ít phút.',
  leadersOnly: 'Lệnh này dành cho lãnh đạo (nhóm lãnh đạo đã đăng ký hoặc tài khoản lãnh đạo). Anh/chị dùng /baocao để báo cáo của đơn vị.',
  notUnderstood: 'Trợ lý Đôn đốc chưa hiểu ý anh/chị. Gõ /baocao để báo cáo hoặc /huongdan để xem hướng dẫn.',
  /** Zalo withholds the content of senders in protected groups (message.unsupported.received): said once per chat. */
  zaloContentWithheld:
    'Trợ lý Đôn đốc không đọc được tin nhắn của anh/chị: Zalo không chuyển nội dung tin nhắn từ tài khoản này cho bot. Anh/chị vui lòng liên hệ trực tiếp cán bộ phụ trách báo cáo (văn phòng) để được hỗ trợ.',
} as const

/** "a, b và c": the non-empty parts of a list read aloud. */
function andList(parts: string[]): string {
  const kept = parts.filter(Boolean)
  return kept.length <= 1 ? (kept[0] ?? '') : `${kept.slice(0, -1).join(', ')} và ${kept.at(-1)}`
}

const answerProblems: Record<AnswerProblem, (example: string) => string> = {
  empty: (ex) => `Anh/chị chưa nhập gì. Vui lòng nhập ${ex}.`,
  not_a_number: (ex) => `Trợ lý Đôn đốc chưa đọc được số này. Anh/chị nhập lại, ví dụ ${ex}.`,
  negative: (ex) => `Số liệu không được âm. Anh/chị nhập lại, ví dụ ${ex}.`,
  percent_range: () => 'Tỷ lệ phải từ 0 đến 100%. Anh/chị nhập lại, ví dụ 15 hoặc 15,5.',
  not_integer: (ex) => `Chỉ tiêu này cần số nguyên. Anh/chị nhập lại, ví dụ ${ex}.`,
  too_long: () => 'Nội dung quá dài (tối đa 2000 ký tự). Anh/chị rút gọn giúp.',
  not_yes_no: () => 'Anh/chị trả lời "có" hoặc "không".',
  not_a_choice: () => 'Anh/chị chọn một trong các phương án bên dưới.',
}

/** Task status labels as shown in review and digests. */
export const taskStatusLabels = {
  done: labels.taskDone,
  in_progress: labels.taskInProgress,
  not_started: labels.taskNotStarted,
  delayed: labels.taskDelayed,
} as const
