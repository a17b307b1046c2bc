import { formatDate } from '../domain/calendar/local-time.js'
import type { AdhocProblem } from '../domain/reporting/adhoc-requests.js'

/**
 * Everything an operator reads from `dondoc` commands, in Vietnamese (the
 * web page will use the same catalogue). Command names, flags and codes stay
 * as typed; logs stay English.
 */
/** What each part of a plan is called in import summaries. */
const IMPORT_KINDS: Record<string, string> = { groups: 'nhóm', units: 'đơn vị', indicators: 'chỉ tiêu', tasks: 'nhiệm vụ', schedules: 'chế độ báo cáo' }

/** A plan as the operator picks it: its code and title. */
interface PlanListed {
  code: string
  title: string
}

/** One indented line per plan, code then title. */
function planList(plans: readonly PlanListed[]): string {
  return plans.map((p) => `  ${p.code}  ${p.title}`).join('\n')
}

/** Where an operator finds the schedules ad-hoc requests are opened on. */
function adhocSchedulesHint(codes: readonly string[]): string {
  return codes.length ? `lịch đột xuất của kế hoạch: ${codes.join(', ')}` : 'kế hoạch chưa có lịch đột xuất: thêm vào phần schedules một lịch "period: adhoc" (không ghi due) rồi nạp lại'
}

export const op = {
  // service
  running: (health: string, database: string, plans: string) => `dondoc đang chạy: ${health}, cơ sở dữ liệu ${database}, kế hoạch ${plans}`,
  // database (the variable to fix is named first)
  databaseUnreachable: (where: string, reason: string) => `DATABASE_URL: không kết nối được cơ sở dữ liệu ${where}: ${reason}`,
  dataDirUnusable: (dir: string, reason: string) => `DATA_DIR: không dùng được thư mục ${dir} cho cơ sở dữ liệu nhúng: ${reason}`,
  // units
  planHeading: (code: string, title: string) => `${code}: ${title}`,
  unitFlags: { standing: 'thường trực', external: 'bên ngoài' },
  unitLine: (code: string, name: string, flags: string, people: string) => `${code}  ${name}${flags ? ` [${flags}]` : ''}  người liên hệ: ${people}`,
  unitsTotal: (units: number, enrolled: number) => `${units} đơn vị, ${enrolled} đơn vị đã có người liên hệ`,
  // contacts
  contactRemoved: (id: number) => `đã gỡ người liên hệ #${id}`,
  noSuchContact: (id: number, plan: string) => `kế hoạch ${plan} không có người liên hệ #${id} đang hoạt động`,
  contactsUsage: 'cách dùng: dondoc contacts [--plan CODE] | dondoc contacts remove ID',
  contactsRemoveUsage: 'cách dùng: dondoc contacts remove ID',
  noName: '(chưa có tên)',
  leader: 'lãnh đạo',
  contactsTotal: (n: number) => `${n} người liên hệ`,
  contactLeaderGroupsLeft: (n: number) => `người này đã đăng ký ${n} nhóm lãnh đạo, các nhóm vẫn nhận bản tổng hợp và dùng được lệnh lãnh đạo:`,
  // leaders
  leadersUsage: 'cách dùng: dondoc leaders [--plan CODE] | dondoc leaders remove ID [--with-groups]',
  leadersRemoveUsage: 'cách dùng: dondoc leaders remove ID [--with-groups]',
  leaderKind: { group: 'nhóm', private: 'cá nhân' } as Record<'group' | 'private', string>,
  leaderLine: (id: number, kind: string, name: string, where: string, by: string, since: string) => `#${id}  ${kind}  ${name}  ${where}  đăng ký bởi: ${by}  từ ${since}`,
  leadersTotal: (n: number) => `${n} nơi nhận của lãnh đạo`,
  noLeaderDestinations: 'chưa có nơi nhận của lãnh đạo: tạo mã bằng `dondoc invite --leader`',
  noSuchLeaderDestination: (id: number, plan: string) => `kế hoạch ${plan} không có nơi nhận của lãnh đạo #${id} đang hoạt động; xem \`dondoc leaders\``,
  leaderDestinationRemoved: (id: number, kind: string, name: string) => `đã gỡ ${kind} #${id} ${name}: không còn nhận bản tổng hợp, lệnh lãnh đạo gửi từ đó bị từ chối`,
  leaderContactRemoved: (contactId: number) => `đã gỡ lãnh đạo (người liên hệ #${contactId})`,
  leaderGroupLine: (id: number, name: string, where: string) => `  #${id}  ${name}  ${where}`,
  leaderGroupsHowTo: (ids: number[]) => `gỡ các nhóm này: ${ids.map((id) => `dondoc leaders remove ${id}`).join('; ')} (lần sau: thêm --with-groups khi gỡ lãnh đạo)`,
  // invites
  inviteUsage: 'cách dùng: dondoc invite UNIT [--plan CODE] [--name NAME] | dondoc invite --leader [--plan CODE] [--name NAME]',
  inviteHeading: (leader: boolean, unitName: string | undefined, unitCode: string | undefined, name: string | undefined) =>
    `${leader ? 'Mã mời lãnh đạo' : `Mã mời cho ${unitName} (${unitCode})`}${name ? `, gửi ${name}` : ''}`,
  inviteCode: (code: string) => `Mã: ${code}`,
  inviteValidUntil: (when: string) => `Hiệu lực đến: ${when} (dùng một lần)`,
  telegramLink: (bot: string, code: string) => `Telegram: https://t.me/${bot}?start=${code}`,
  telegramOff: 'Telegram: đặt TELEGRAM_BOT_TOKEN để có đường dẫn; mã cũng có thể gõ trực tiếp cho bot',
  zaloOn: 'Zalo: gõ mã này cho bot',
  zaloOff: 'Zalo: đặt ZALO_BOT_TOKEN để bật; sau đó gõ mã cho bot',
  leaderHowTo: 'Lãnh đạo gửi mã riêng cho bot, hoặc gửi /start MÃ trong nhóm lãnh đạo để đăng ký nhóm nhận bản tổng hợp.',
  unknownUnit: (plan: string, unit: string) => `kế hoạch ${plan} không có đơn vị "${unit}"; xem \`dondoc units\``,
  // web operators
  operatorUsage: 'cách dùng: dondoc operator add NAME [--plan CODE] [--role operator|leader] [--url https://host] | dondoc operator list | dondoc operator link ID [--url …] | dondoc operator remove ID',
  operatorAdded: (id: number, name: string, role: string, plan: string) => `Đã thêm ${role === 'leader' ? 'lãnh đạo (chỉ xem)' : 'người vận hành'} #${id} ${name} cho kế hoạch ${plan}.`,
  operatorLink: (link: string, until: string) => `Đường dẫn đăng nhập (dùng một lần, hiệu lực đến ${until}):\n${link}`,
  operatorLine: (id: number, name: string, role: string, plan: string, since: string) => `#${id}  ${name}  ${role === 'leader' ? 'lãnh đạo' : 'vận hành'}  kế hoạch ${plan}  từ ${since}`,
  operatorsTotal: (n: number) => `${n} người dùng trang web`,
  operatorRemoved: (id: number) => `đã gỡ người dùng #${id}; mọi phiên đăng nhập của họ đã kết thúc`,
  noSuchOperator: (id: number) => `không có người dùng trang web #${id}`,
  badRole: (role: string) => `--role phải là operator hoặc leader, không phải "${role}"`,
  // digest, status
  noSuchPeriod: (period: string, plan: string, choices: readonly { key: string; label: string }[]) =>
    `kế hoạch ${plan} không có kỳ "${period}"` +
    (choices.length ? `; các kỳ có thể chọn: ${choices.map((c) => `${c.label} (--period ${c.key.split('+')[0]})`).join('; ')}` : '') +
    '; cũng có thể viết --period "quý 3/2026", "6 tháng", "năm 2025", "tháng 11"',
  showingPeriod: (label: string, key: string, deadline: string, history: boolean) =>
    `${label} (--period ${key.split('+')[0]}), hạn ${deadline}${history ? '; kỳ này hết hạn trước khi bắt đầu theo dõi, không tính là chậm nộp' : ''}. Xem kỳ khác: --period "quý 3/2026" (hoặc "6 tháng", "năm 2025", "tháng 11")`,
  unitState: {
    on_time: (at: string) => `đã gửi đúng hạn ${at}`,
    late: (at: string) => `nộp muộn ${at}`,
    drafting: (n: number) => `đang nhập (${n} mục)`,
    not_started: 'chưa bắt đầu',
  },
  awayUntil: (date: string) => `[vắng đến ${date}]`,
  statusTotals: (c: { submitted: number; expected: number; percent: number; onTime: number; late: number }) =>
    `${c.submitted}/${c.expected} đã gửi (${c.percent}%), ${c.onTime} đúng hạn, ${c.late} nộp muộn`,
  // arguments Node's parseArgs refused
  unknownOption: (command: string, option: string) => `lệnh ${command} không có tùy chọn ${option}; xem \`dondoc help\``,
  unexpectedArgument: (command: string, arg: string) => `lệnh ${command} không nhận "${arg}" (tùy chọn viết bắt đầu bằng --); xem \`dondoc help\``,
  optionNeedsValue: (command: string, option: string) => `tùy chọn ${option} của lệnh ${command} cần một giá trị ngay sau nó`,
  optionTakesNoValue: (command: string, option: string) => `tùy chọn ${option} của lệnh ${command} không nhận giá trị`,
  badArguments: (command: string) => `lệnh ${command}: tùy chọn không hợp lệ; xem \`dondoc help\``,
  noPeriodsYet: (plan: string) => `kế hoạch ${plan} chưa có kỳ báo cáo nào`,
  noTrackedPeriod: (plan: string, next: { label: string; deadline: string; opens: string } | undefined, history: readonly { key: string; label: string }[]) =>
    `kế hoạch ${plan} chưa có kỳ báo cáo nào đang theo dõi` +
    (next ? `; kỳ tới: ${next.label}, hạn ${next.deadline}, mở nhận từ ${next.opens}` : '') +
    (history.length ? `; kỳ đã hết hạn trước khi bắt đầu theo dõi vẫn xem được: ${history.map((c) => `${c.label} (--period ${c.key.split('+')[0]})`).join('; ')}` : ''),
  noLeaderDestination: 'chưa có nơi nhận của lãnh đạo: tạo mã bằng `dondoc invite --leader`',
  digestQueued: (parts: number, destinations: number) => `đã xếp ${parts} tin tới ${destinations} nơi nhận của lãnh đạo; dịch vụ đang chạy sẽ gửi`,
  // export
  cannotWriteExport: (dir: string, why: string) => `không ghi được tệp xuất vào thư mục ${dir}: ${why}`,
  writeReason: (code: string) =>
    ({ EACCES: 'không có quyền ghi', EPERM: 'không có quyền ghi', EROFS: 'ổ đĩa chỉ đọc', ENOTDIR: 'một phần của đường dẫn là tệp, không phải thư mục', EEXIST: 'đã có tệp trùng tên thư mục', ENOSPC: 'hết dung lượng đĩa' })[code] ?? code,
  // migrate
  migrated: (n: number, where: string, names: string[]) => `đã áp dụng ${n} bước cập nhật cấu trúc trên ${where}: ${names.join(', ')}`,
  upToDate: (where: string) => `${where}: cấu trúc dữ liệu đã mới nhất`,
  // outbox
  outboxCounts: (c: Record<'pending' | 'sending' | 'sent' | 'failed' | 'dropped', number>) =>
    `hộp thư đi: chờ gửi ${c.pending}, đang gửi ${c.sending}, đã gửi ${c.sent}, lỗi ${c.failed}, bỏ ${c.dropped}`,
  outboxPending: 'sắp gửi',
  outboxFailed: 'gửi lỗi',
  outboxSent: 'vừa gửi',
  outboxLine: (id: number, kind: string, where: string, when: string, attempts: number, error: string | null) => `  #${id} ${kind} ${where} ${when} lần thử ${attempts}${error ? ` — ${error}` : ''}`,
  // plans
  planCreated: (code: string) => `kế hoạch ${code}: đã tạo`,
  planUpdated: (code: string) => `kế hoạch ${code}: đã cập nhật`,
  planUnchanged: (code: string) => `kế hoạch ${code}: không có thay đổi`,
  importAddedCount: (kind: string, added: number) => `  ${IMPORT_KINDS[kind] ?? kind}: ${added}`,
  importCounts: (kind: string, added: number, updated: number, archived: number) => `  ${IMPORT_KINDS[kind] ?? kind}: thêm ${added}, sửa ${updated}, lưu trữ ${archived}`,
  importAdded: (code: string, label: string, restored: boolean) => `    thêm ${code} "${label}"${restored ? ' (lấy lại từ lưu trữ, giữ số liệu cũ)' : ''}`,
  importChanged: (code: string, field: string, before: string, after: string) => `    ${code} ${field}: ${before} → ${after}`,
  importArchived: (code: string, label: string) => `    lưu trữ ${code} "${label}" (không còn trong tệp; số liệu đã thu vẫn giữ)`,
  importReordered: '    đổi thứ tự',
  importPlanField: (field: string, before: string, after: string) => `  kế hoạch, ${field}: ${before} → ${after}`,
  /** What each field of the plan file is called in import summaries; keyed fields add their key (`mục tiêu 2030`). */
  planFieldNames: {
    title: 'tên',
    name: 'tên',
    issuer: 'cơ quan ban hành',
    timezone: 'múi giờ',
    section: 'mục',
    type: 'kiểu',
    unit: 'đơn vị tính',
    targets: 'mục tiêu',
    responsible: 'đơn vị thực hiện',
    monitor: 'đơn vị theo dõi',
    schedules: 'chế độ báo cáo',
    choices: 'các lựa chọn',
    groups: 'nhóm',
    external: 'bên ngoài',
    standing: 'thường trực',
    lead: 'chủ trì',
    support: 'phối hợp',
    output: 'kết quả',
    due: 'thời hạn',
    period: 'kỳ',
    reporters: 'đơn vị báo cáo',
    compile: 'báo cáo tổng hợp',
    opensWorkingDaysBefore: 'mở trước hạn (ngày làm việc)',
    holidays: 'ngày nghỉ năm',
    reminders: 'nhắc việc',
    digests: 'bản tổng hợp',
  } as Record<string, string>,
  absent: '(không có)',
  empty: '(trống)',
  yes: 'có',
  no: 'không',
  importing: (file: string, counts: string) => `${file}: ${counts}; đang nhập…`,
  cannotReadPlan: (file: string, why: string) => `không đọc được tệp kế hoạch ${file}: ${why}`,
  noSuchFile: 'không có tệp này',
  planProblems: (file: string, n: number) => `${file}: cần sửa ${n} chỗ:`,
  noPlanYet: 'cơ sở dữ liệu chưa có kế hoạch nào: chạy `dondoc plan import FILE` trước',
  noSuchPlan: (code: string, plans: readonly PlanListed[]) => `không có kế hoạch "${code}"; các kế hoạch hiện có:\n${planList(plans)}`,
  severalPlans: (plans: readonly PlanListed[]) =>
    `cơ sở dữ liệu có ${plans.length} kế hoạch; lệnh này cần biết dùng kế hoạch nào: thêm --plan MÃ (không phân biệt chữ hoa, chữ thường), ví dụ --plan ${plans[0]?.code ?? ''}. Các kế hoạch:\n${planList(plans)}`,
  // .env
  envFileUnreadable: (file: string, why: string) => `không đọc được ${file}: ${why}`,
  envFileMalformed: (file: string, line: number, text: string) => `${file} dòng ${line} không đúng dạng TÊN=giá trị: "${text}"`,
  // calendar, chat
  badDate: (flag: string, value: string) => `${flag} phải là ngày viết dạng YYYY-MM-DD, không phải "${value}"`,
  toBeforeFrom: (to: string, from: string) => `--to ${to} trước --from ${from}`,
  chatUsage: 'cách dùng: dondoc chat --unit CODE [--plan CODE] [--name NAME] [--at "YYYY-MM-DD HH:MM"]',
  badAt: (value: string) => `--at phải có dạng "2025-12-02 09:00", không phải "${value}"`,
  // ad-hoc requests (báo cáo đột xuất)
  requestUsage:
    'cách dùng: dondoc request open LỊCH --due "trước ngày 15/12/2026" [--units MÃ,MÃ] [--title "…"] [--plan CODE] | dondoc request list [--plan CODE] | dondoc request cancel ID [--plan CODE]',
  requestProblem: {
    unknown_schedule: (p: { schedule: string; adhocSchedules: string[] }) => `kế hoạch không có lịch báo cáo "${p.schedule}"; ${adhocSchedulesHint(p.adhocSchedules)}`,
    not_adhoc: (p: { schedule: string; adhocSchedules: string[] }) => `lịch báo cáo "${p.schedule}" có lịch cố định, không phải lịch đột xuất (period: adhoc); ${adhocSchedulesHint(p.adhocSchedules)}`,
    bad_due: (p: { error: string }) => `--due: ${p.error}`,
    due_not_one_day: (p: { text: string }) => `--due: "${p.text}" không phải một ngày cụ thể; ghi như "trước ngày 15/12/2026" hoặc "15/12/2026"`,
    due_past: (p: { dueDate: string; today: string }) => `--due: hạn ${formatDate(p.dueDate)} đã qua hoặc là hôm nay (${formatDate(p.today)}); yêu cầu đột xuất cần hạn từ ngày mai trở đi`,
    unknown_units: (p: { refs: string[] }) => `--units: không có đơn vị hay nhóm mã ${p.refs.map((r) => `"${r}"`).join(', ')} (dùng mã đơn vị, mã nhóm hoặc "all"; xem \`dondoc units\`)`,
    not_reporters: (p: { units: string[]; reporters: string[] }) =>
      `--units: ${p.units.join(', ')} không báo cáo theo lịch này; chỉ chọn được trong các đơn vị báo cáo: ${p.reporters.join(', ')}`,
    no_units: (p: { schedule: string }) => `lịch báo cáo "${p.schedule}" chưa có đơn vị nào báo cáo (thêm reporters hoặc chỉ tiêu, nhiệm vụ vào kế hoạch)`,
  } satisfies { [K in AdhocProblem['kind']]: (p: Extract<AdhocProblem, { kind: K }>) => string },
  requestOpened: (id: number, label: string, deadline: string, units: number, plan: string) =>
    `đã mở yêu cầu #${id} (${plan}): báo cáo ${label}, nộp ${deadline}, ${units} đơn vị được hỏi và nhắc theo lịch nhắc của kế hoạch. Xem: dondoc status --period adhoc:${id}`,
  requestAllUnits: 'tất cả đơn vị báo cáo',
  requestStates: { open: 'đang nhận', closed: 'đã đóng', cancelled: 'đã huỷ' },
  requestLine: (r: { id: number; schedule: string; title: string; due: string; units: string; state: string }) => `#${r.id}  ${r.schedule}  báo cáo ${r.title}  nộp ${r.due}  [${r.state}]  đơn vị: ${r.units}`,
  requestsTotal: (n: number, plan: string) => (n ? `${n} yêu cầu đột xuất (${plan}, đang mở và gần đây)` : `kế hoạch ${plan} chưa có yêu cầu đột xuất nào đang mở hoặc gần đây; mở bằng: dondoc request open LỊCH --due "trước ngày …"`),
  noSuchRequest: (id: string, plan: string) => `kế hoạch ${plan} không có yêu cầu đột xuất #${id}; xem \`dondoc request list\``,
  requestAlreadyCancelled: (id: number, at: string) => `yêu cầu #${id} đã huỷ từ ${at}; không thay đổi gì`,
  requestCancelled: (id: number, label: string) => `đã huỷ yêu cầu #${id}: báo cáo ${label}; không nhắc nữa, các đơn vị không còn thấy yêu cầu này; số liệu đã gửi vẫn được giữ`,
  chatWelcome: (unit: string, plan: string) => `Đôn đốc, thử báo cáo cho ${unit} (${plan}). Đây là buổi tập: không điều gì được lưu vào dữ liệu thật. Gõ /thoat để kết thúc.`,
}
