import { z } from 'zod'

/** One problem found while reading fields, before it is located in the file. */
export interface RawProblem {
  path: PropertyKey[]
  message: string
}

/** The zod schemas of an object's fields, keyed by the YAML key. */
export type Shape = Record<string, z.ZodType>
/** An object read field by field: fields that failed are absent. */
export type Fields<S extends Shape> = { [K in keyof S]?: z.output<S[K]> }

const TYPE_NAMES: Record<string, string> = {
  string: 'phải là chuỗi chữ',
  number: 'phải là số',
  int: 'phải là số nguyên',
  boolean: 'phải là true hoặc false',
  array: 'phải là danh sách',
  object: 'phải là một mục dạng khóa: giá trị',
  record: 'phải là một mục dạng khóa: giá trị',
  date: 'phải là ngày',
}

/**
 * Zod's own messages are English for developers; operators read these. Messages
 * set in the schema itself are Vietnamese already and take precedence.
 */
export function vietnameseIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'thiếu trường bắt buộc'
      return TYPE_NAMES[issue.expected] ?? `sai kiểu (cần ${issue.expected})`
    case 'invalid_value':
      return `phải là một trong: ${issue.values.map((v) => String(v)).join(', ')}`
    case 'too_small':
      return issue.origin === 'array' ? `cần ít nhất ${String(issue.minimum)} mục` : issue.origin === 'string' ? 'không được để trống' : `phải từ ${String(issue.minimum)} trở lên`
    case 'too_big':
      return issue.origin === 'array' ? `nhiều nhất ${String(issue.maximum)} mục` : issue.origin === 'string' ? `dài quá ${String(issue.maximum)} ký tự` : `không được lớn hơn ${String(issue.maximum)}`
    case 'unrecognized_keys':
      return `trường lạ ${issue.keys.map((k) => `"${k}"`).join(', ')} (kiểm tra chính tả)`
    case 'invalid_key':
      return 'khóa không hợp lệ'
    case 'invalid_format':
      return 'viết sai dạng'
    default:
      return 'giá trị không hợp lệ'
  }
}

/** Parse one value, turning every issue into a located Vietnamese problem. */
export function readValue<T extends z.ZodType>(schema: T, value: unknown, path: PropertyKey[], problems: RawProblem[]): { ok: true; value: z.output<T> } | { ok: false } {
  const r = schema.safeParse(value, { error: vietnameseIssue })
  if (r.success) return { ok: true, value: r.data }
  for (const issue of r.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? [] : issue.path
    problems.push({ path: [...path, ...keys], message: issue.message })
  }
  return { ok: false }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date)
}

/**
 * Read an object field by field so one bad field does not hide the others
 * (nor the checks that need them). Unknown keys are problems too: a typo like
 * `isuer` must not be silently dropped.
 */
export function readFields<S extends Shape>(shape: S, value: unknown, path: PropertyKey[], problems: RawProblem[]): Fields<S> | undefined {
  if (value === undefined || value === null) value = {}
  if (!isPlainObject(value)) {
    problems.push({ path, message: 'phải là một mục dạng khóa: giá trị' })
    return undefined
  }
  const out: Fields<S> = {}
  for (const key of Object.keys(value)) {
    if (!(key in shape)) problems.push({ path: [...path, key], message: `trường lạ "${key}" (kiểm tra chính tả; các trường được dùng: ${Object.keys(shape).join(', ')})` })
  }
  for (const [key, schema] of Object.entries(shape)) {
    const r = readValue(schema, value[key], [...path, key], problems)
    if (r.ok) (out as Record<string, unknown>)[key] = r.value
  }
  return out
}

/** Read a list of objects item by item; an item that is not an object is one problem, the others are still read. */
export function readItems<S extends Shape>(shape: S, value: unknown, path: PropertyKey[], problems: RawProblem[]): Fields<S>[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    problems.push({ path, message: 'phải là danh sách (mỗi mục bắt đầu bằng "- ")' })
    return []
  }
  return value.map((item, i) => readFields(shape, item, [...path, i], problems) ?? {})
}
