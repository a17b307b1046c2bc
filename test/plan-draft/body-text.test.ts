import { describe, expect, it } from 'vitest'
import { readBodyTasks } from '../../src/plan-draft/body-tasks.js'
import { readBodyUnits } from '../../src/plan-draft/body-units.js'
import { findCalendarSentences } from '../../src/plan-draft/calendar-text.js'
import { draftPlan } from '../../src/plan-draft/draft-plan.js'
import { cell } from '../../src/plan-draft/table.js'
import { unitCodeFor } from '../../src/plan-draft/unit-names.js'

/** Section IV of the Tân Lập plan (seed 002), paragraph by paragraph as its Word file has them. */
const TAN_LAP_IV = [
  'IV. TỔ CHỨC THỰC HIỆN',
  '1. Các phòng, ban, Trung tâm phục vụ Hành chính công, các đơn vị có liên quan có trách nhiệm:',
  '- Căn cứ các chỉ tiêu, danh mục các nhiệm vụ cụ thể được giao tại Phụ lục I và II và các nhiệm vụ được giao tại Kế hoạch này; đưa vào chương trình công tác cụ thể của cơ quan, đơn vị để triển khai thực hiện.',
  '- Báo cáo định kỳ 6 tháng (trước ngày 05/6), hằng năm (trước ngày 20/11) kết quả thực hiện các nhiệm vụ tại Kế hoạch hoặc báo cáo đột xuất theo yêu cầu về UBND phường để tổng hợp, báo cáo UBND tỉnh.',
  '2. Phòng Văn hoá – Xã hội là cơ quan thường trực, chủ trì, phối hợp với các phòng, ban, trung tâm và các đơn vị liên quan tham mưu UBND phường chỉ đạo triển khai thực hiện Kế hoạch.',
  '3. Công an phường phối hợp với các cơ quan liên quan tham mưu triển khai nhiệm vụ Đề án 06.',
  '4. Trung tâm phục vụ Hành chính công phối hợp với các cơ quan liên quan tham mưu triển khai nhiệm vụ cải cách hành chính.',
  '5. Phòng Kinh tế, Hạ tầng và Đô thị căn cứ nội dung Kế hoạch, chỉ đạo của cấp có thẩm quyền tham mưu UBND phường xem xét bố trí kinh phí.',
  'Trên đây là Kế hoạch Triển khai các nhiệm vụ phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số./.',
]

/** Section II of the Tân Lập plan, shortened to two groups (wording of seed 002). */
const TAN_LAP_II = [
  '2. Mục tiêu cụ thể (Chi tiết tại Phụ lục I kèm theo)',
  'II. NHIỆM VỤ VÀ GIẢI PHÁP',
  '1. Nâng cao nhận thức, đột phá về đổi mới tư duy',
  'a) Tổ chức triển khai tuyên truyền thường xuyên, sâu rộng về nội dung Nghị quyết số 57-NQ/TW.',
  'đ) Triển khai ứng dụng các công cụ số để thực hiện đo lường trực tuyến mức độ hoàn thành nhiệm vụ chuyển đổi số.',
  '3. Tăng cường đầu tư, hoàn thiện hạ tầng cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
  'a) Tạo điều kiện thuận lợi để doanh nghiệp phát triển hạ tầng viễn thông. Xây dựng, phát triển nền tảng số phục vụ chuyển đổi số như:',
  'Nền tảng điện toán đám mây, tích hợp dữ liệu, dữ liệu mở…',
  'III. KINH PHÍ THỰC HIỆN',
  '1. Nguồn kinh phí thực hiện Kế hoạch được bố trí từ ngân sách Nhà nước.',
]

describe('tasks written as prose under "NHIỆM VỤ VÀ GIẢI PHÁP"', () => {
  it('reads each lettered item as a task of its numbered group, joins a following paragraph, and stops at the next part', () => {
    const read = readBodyTasks(TAN_LAP_II)
    expect(read?.heading).toBe('II. NHIỆM VỤ VÀ GIẢI PHÁP')
    expect(read?.tasks.map((t) => [t.place, t.section, t.title, t.lead, t.due])).toEqual([
      ['mục II.1.a', '1. Nâng cao nhận thức, đột phá về đổi mới tư duy', 'Tổ chức triển khai tuyên truyền thường xuyên, sâu rộng về nội dung Nghị quyết số 57-NQ/TW', '', ''],
      ['mục II.1.đ', '1. Nâng cao nhận thức, đột phá về đổi mới tư duy', 'Triển khai ứng dụng các công cụ số để thực hiện đo lường trực tuyến mức độ hoàn thành nhiệm vụ chuyển đổi số', '', ''],
      [
        'mục II.3.a',
        '3. Tăng cường đầu tư, hoàn thiện hạ tầng cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
        'Tạo điều kiện thuận lợi để doanh nghiệp phát triển hạ tầng viễn thông. Xây dựng, phát triển nền tảng số phục vụ chuyển đổi số như: Nền tảng điện toán đám mây, tích hợp dữ liệu, dữ liệu mở…',
        '',
        '',
      ],
    ])
  })

  it('takes bulleted items and their "Chủ trì:" / "Phối hợp:" lines (seed 003 layout)', () => {
    const read = readBodyTasks([
      'III. NHIỆM VỤ VÀ GIẢI PHÁP',
      '1. Nâng cao nhận thức và quyết tâm chính trị, thông tin, truyền thông',
      '- Xây dựng chương mục chuyên biệt về khoa học, công nghệ trên Trang thông tin điện tử.',
      '- Phát động phong trào thi đua trong xã.',
      '- Chủ trì: Phòng Văn hóa - Xã hội',
      '- Phối hợp: Ủy ban MTTQVN và các tổ chức chính trị',
      '2. Hoàn thiện thể chế, chính sách tạo đột phá, đảm bảo nguồn lực',
      '- Rà soát các quy định pháp luật.',
      'Chủ trì: Phòng Kinh tế, Trung tâm Phục vụ hành chính công.',
      'IV. KINH PHÍ THỰC HIỆN',
    ])
    expect(read?.tasks.map((t) => [t.place, t.title, t.lead, t.support])).toEqual([
      ['mục III.1, gạch đầu dòng 1', 'Xây dựng chương mục chuyên biệt về khoa học, công nghệ trên Trang thông tin điện tử', 'Phòng Văn hóa - Xã hội', 'Ủy ban MTTQVN và các tổ chức chính trị'],
      ['mục III.1, gạch đầu dòng 2', 'Phát động phong trào thi đua trong xã', 'Phòng Văn hóa - Xã hội', 'Ủy ban MTTQVN và các tổ chức chính trị'],
      ['mục III.2, gạch đầu dòng 1', 'Rà soát các quy định pháp luật', 'Phòng Kinh tế, Trung tâm Phục vụ hành chính công.', ''],
    ])
  })

  it('a body without a tasks part, or with one holding no item, gives nothing', () => {
    expect(readBodyTasks(['I. MỤC TIÊU', '1. Mục tiêu chung', 'a) Tuyên truyền.'])).toBeUndefined()
    expect(readBodyTasks(['II. NHIỆM VỤ VÀ GIẢI PHÁP', 'Chi tiết tại Phụ lục II.', 'III. KINH PHÍ'])).toBeUndefined()
  })
})

describe('units named under "TỔ CHỨC THỰC HIỆN"', () => {
  it('takes the subject of each numbered duty, leaves collectives out, and finds the "cơ quan thường trực"', () => {
    expect(readBodyUnits(TAN_LAP_IV)).toEqual({
      heading: 'IV. TỔ CHỨC THỰC HIỆN',
      names: ['Trung tâm phục vụ Hành chính công', 'Phòng Văn hoá – Xã hội', 'Công an phường', 'Phòng Kinh tế, Hạ tầng và Đô thị'],
      standing: 'Phòng Văn hoá – Xã hội',
    })
  })

  it('reads the other layouts of the seeds: a name and a colon, "cơ quan đầu mối", a bare name; leaves sentences and collectives out', () => {
    expect(
      readBodyUnits([
        'V. TỔ CHỨC THỰC HIỆN',
        '1. Các cơ quan, tổ chức, đơn vị chịu trách nhiệm trước Ủy ban nhân dân xã về tiến độ.',
        '2. Phòng Văn hóa - Xã hội là cơ quan đầu mối, tổng hợp, có trách nhiệm đôn đốc.',
        '3. Phòng Kinh tế: Chủ trì, phối hợp với phòng Văn hóa - Xã hội hướng dẫn công tác xây dựng dự toán.',
        '4. Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội xã phát huy vai trò giám sát.',
        '5. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã phối hợp tuyên truyền.',
        '6. Văn phòng HĐND và UBND xã:',
        '7. Ban nhân dân các thôn',
      ]),
    ).toEqual({
      heading: 'V. TỔ CHỨC THỰC HIỆN',
      names: ['Phòng Văn hóa - Xã hội', 'Phòng Kinh tế', 'Ủy ban Mặt trận Tổ quốc', 'Văn phòng HĐND và UBND xã', 'Ban nhân dân các thôn'],
      standing: 'Phòng Văn hóa - Xã hội',
    })
  })

  it('codes "Đô thị" with its T; "thị trấn" stays a place word', () => {
    expect(unitCodeFor('Phòng Kinh tế, Hạ tầng và Đô thị')).toBe('KTHTDT')
    expect(unitCodeFor('Công an phường')).toBe('CA')
    expect(unitCodeFor('Trung tâm phục vụ Hành chính công')).toBe('TTPVHCC')
    expect(unitCodeFor('Công an thị trấn')).toBe('CA')
  })
})

describe('a ward plan with prose tasks and a Decree 30 header block (Tân Lập)', () => {
  const source = {
    file: 'tan-lap.docx',
    tables: [
      { origin: 'bảng 1', rows: [[cell('UBND PHƯỜNG TÂN LẬP\nSố: /KH-UBND'), cell('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc')]] },
      { origin: 'bảng 2', rows: [[cell('Nơi nhận:\n- UBND tỉnh;'), cell('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH')]] },
    ],
    paragraphs: ['KẾ HOẠCH', 'Triển khai các nhiệm vụ phát triển khoa học, công nghệ', 'I. MỤC TIÊU', ...TAN_LAP_II, 'IV. TỔ CHỨC THỰC HIỆN', ...TAN_LAP_IV.slice(1)],
  }

  it('drafts the issuer from the header block, the tasks from the body, the units and standing office from section IV', () => {
    const d = draftPlan(source)
    expect(d.header).toMatchObject({ code: 'tan-lap', issuer: 'UBND phường Tân Lập', title: 'Kế hoạch Triển khai các nhiệm vụ phát triển khoa học, công nghệ' })
    expect(d.units.map((u) => [u.code, u.name, u.standing])).toEqual([
      ['TTPVHCC', 'Trung tâm phục vụ Hành chính công', false],
      ['VHXH', 'Phòng Văn hoá – Xã hội', true],
      ['CA', 'Công an phường', false],
      ['KTHTDT', 'Phòng Kinh tế, Hạ tầng và Đô thị', false],
    ])
    expect(d.tasks.map((t) => [t.code, t.lead, t.due])).toEqual([
      ['NV01', ['VHXH'], 'Thường xuyên'],
      ['NV02', ['VHXH'], 'Thường xuyên'],
      ['NV03', ['VHXH'], 'Thường xuyên'],
    ])
    // One note for the prose tasks, not two per task.
    expect(d.tasks.map((t) => t.checks.length)).toEqual([1, 0, 0])
    expect(d.tasks[0]?.checks[0]).toBe(
      'NV01–NV03 đọc từ các mục a), b) … dưới "II. NHIỆM VỤ VÀ GIẢI PHÁP" (văn bản không có bảng nhiệm vụ), mỗi mục một nhiệm vụ, giữ nguyên câu chữ; 3 nhiệm vụ không ghi đơn vị chủ trì, đã ghi VHXH; 3 nhiệm vụ không ghi thời hạn, đã ghi "Thường xuyên": sửa lead cho nhiệm vụ của đơn vị khác',
    )
    expect(d.units.find((u) => u.code === 'VHXH')?.checks).toEqual(['cơ quan thường trực: văn bản ghi "Phòng Văn hoá – Xã hội là cơ quan thường trực"'])
    expect(d.units.find((u) => u.code === 'CA')?.checks).toEqual(['đơn vị đọc từ "IV. TỔ CHỨC THỰC HIỆN"; chưa được giao nhiệm vụ hay chỉ tiêu nào: ghi mã CA vào lead của nhiệm vụ của đơn vị này, hoặc xóa đơn vị'])
    expect(d.schedules.map((s) => [s.code, s.period, s.due, s.compile])).toEqual([
      ['6thang', 'half', 'trước ngày 05/6', false],
      ['nam', 'year', 'trước ngày 20/11', false],
      ['dotxuat', 'adhoc', '', false],
    ])
    expect(d.schedules[2]?.checks).toEqual(['văn bản còn nói "báo cáo đột xuất": lịch đột xuất (period: adhoc) không có hạn cố định; mỗi khi được yêu cầu, mở bằng dondoc request open dotxuat --due "trước ngày …"'])
  })

  it('notices the ad hoc reports of a calendar sentence', () => {
    expect(findCalendarSentences([TAN_LAP_IV[3] ?? '']).map((c) => c.adHoc)).toEqual([true])
    expect(findCalendarSentences(['- Định kỳ hàng Quý (trước ngày 05 của tháng cuối Quý), 6 tháng (trước ngày 10/6) và năm (trước ngày 05/12) báo cáo UBND xã.']).map((c) => c.adHoc)).toEqual([false])
  })
})
