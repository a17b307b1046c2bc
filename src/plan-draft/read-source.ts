import { readFileSync } from 'node:fs'
import path from 'node:path'
import { readCsv } from './read-csv.js'
import { readDocx } from './read-docx.js'
import { readXlsx } from './read-xlsx.js'
import type { DraftSource } from './table.js'

/** The containers `plan draft` understands, by file extension. */
export const DRAFT_EXTENSIONS = ['.docx', '.xlsx', '.csv'] as const

/**
 * Read a plan document from disk into tables and paragraphs, choosing the
 * reader by extension; the one place that touches the file system.
 */
export async function readDraftSource(file: string): Promise<DraftSource> {
  const ext = path.extname(file).toLowerCase()
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new Error(`không đọc được tệp ${file}: ${code === 'ENOENT' ? 'không có tệp này' : (err as Error).message}`)
  }
  if (ext === '.docx') return readDocx(new Uint8Array(bytes), file)
  if (ext === '.xlsx') return readXlsx(new Uint8Array(bytes), file)
  if (ext === '.csv' || ext === '.txt') return readCsv(bytes.toString('utf8'), file)
  if (ext === '.doc' || ext === '.xls') throw new Error(`${file}: định dạng cũ ${ext}; hãy mở bằng Word/Excel và lưu lại thành ${ext}x`)
  throw new Error(`${file}: không đọc được loại tệp "${ext || '(không có đuôi)'}"; dùng ${DRAFT_EXTENSIONS.join(', ')}`)
}
