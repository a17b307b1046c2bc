import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml'

/**
 * Aliases a plan file may expand. Offices repeat lists of units with YAML
 * anchors (`&thon` … `*thon`), which stays far below this; an alias bomb
 * (aliases of aliases of aliases) goes over it and is refused.
 */
export const MAX_ALIAS_COUNT = 100

/** A parsed plan file that can tell the line of any path in it. */
export interface YamlSource {
  /** The file as plain data, or undefined when it could not be read. */
  data: unknown
  /** Problems of the YAML itself, with line, column and the offending line. */
  syntax: { line?: number; column?: number; message: string }[]
  /** The 1-based line where the value at `path` (or its nearest existing parent) starts. */
  lineOf(path: readonly PropertyKey[]): number | undefined
}

const SYNTAX_MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: 'khóa bị lặp lại trong cùng một mục',
  BAD_INDENT: 'thụt lề không đúng',
  TAB_AS_INDENT: 'thụt lề bằng phím tab; hãy dùng dấu cách',
  MULTILINE_IMPLICIT_KEY: 'khóa viết trên nhiều dòng (thường do thiếu dấu hai chấm hoặc thụt lề sai)',
  MISSING_CHAR: 'thiếu ký tự đóng (dấu ngoặc hoặc dấu nháy)',
  BAD_ALIAS: 'tham chiếu (*alias) không hợp lệ',
  BAD_SCALAR_START: 'giá trị bắt đầu bằng ký tự không được phép; hãy đặt trong dấu nháy',
  BLOCK_AS_IMPLICIT_KEY: 'khối không thể làm khóa (thường do thiếu dấu hai chấm)',
  UNEXPECTED_TOKEN: 'ký tự không mong đợi',
  BAD_DIRECTIVE: 'chỉ thị YAML không hợp lệ',
}

/** Parse a plan file's YAML; never throws. */
export function readYamlSource(source: string): YamlSource {
  const lineCounter = new LineCounter()
  const doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true })
  const lines = source.split(/\r?\n/)
  const lineOf = (path: readonly PropertyKey[]) => nodeLine(doc, lineCounter, path)
  if (doc.errors.length > 0) {
    const syntax = doc.errors.map((e) => {
      const pos = e.linePos?.[0]
      const what = SYNTAX_MESSAGES[e.code] ?? `lỗi cú pháp YAML (${e.code})`
      const text = pos ? lines[pos.line - 1]?.trim() : undefined
      return { ...(pos ? { line: pos.line, column: pos.col } : {}), message: text ? `${what}: «${text}»` : what }
    })
    return { data: undefined, syntax, lineOf }
  }
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), syntax: [], lineOf }
  } catch (err) {
    const message = /alias/i.test((err as Error).message)
      ? `tệp dùng quá nhiều tham chiếu (*alias) lồng nhau (giới hạn ${MAX_ALIAS_COUNT}); hãy viết danh sách ra thay vì tham chiếu chồng tham chiếu`
      : `không đọc được tệp YAML: ${(err as Error).message}`
    return { data: undefined, syntax: [{ message }], lineOf }
  }
}

function nodeLine(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents
  let line = startLine(node, counter)
  for (const part of path) {
    if (isAlias(node)) node = node.resolve(doc)
    let next: unknown
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(part))
      // A present key with an empty value has no value node: point at the key.
      next = pair ? (pair.value ?? pair.key) : undefined
    } else if (isSeq(node) && typeof part === 'number') next = node.items[part]
    if (next === undefined || next === null) break
    node = next
    line = startLine(node, counter) ?? line
  }
  return line
}

function startLine(node: unknown, counter: LineCounter): number | undefined {
  const range = (node as Node | undefined)?.range
  return range ? counter.linePos(range[0]).line : undefined
}
