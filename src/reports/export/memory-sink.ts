import { Writable } from 'node:stream'

/**
 * A stream that keeps what is written to it, for writers that only stream
 * (exceljs' `WorkbookWriter`): the chat and the web page send the bytes, and
 * `dondoc export` writes them, so a file is never needed in between.
 */
export function memorySink(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk)
      done()
    },
  })
  return { stream, bytes: () => Buffer.concat(chunks) }
}
