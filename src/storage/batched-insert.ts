/**
 * The PostgreSQL wire protocol counts bind parameters in 16 bits, so one
 * statement carries at most 65,535 of them; PGlite fails earlier still on very
 * large messages. Every multi-row insert in storage goes through here, in
 * chunks well under that limit.
 */

/** Bind parameters per statement we aim for: half the protocol limit, so a few extra parameters never matter. */
export const MAX_PARAMETERS_PER_STATEMENT = 30_000

/**
 * Split rows so rows × columns stays under `maxParameters` per chunk. Columns
 * are counted on the widest row, since Kysely binds one parameter per column
 * of every row.
 */
export function chunkRows<T extends object>(rows: readonly T[], maxParameters = MAX_PARAMETERS_PER_STATEMENT): T[][] {
  if (!rows.length) return []
  let columns = 1
  for (const r of rows) columns = Math.max(columns, Object.keys(r).length)
  const size = Math.max(1, Math.floor(maxParameters / columns))
  const chunks: T[][] = []
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size))
  return chunks
}

/** A chunk of a batched insert failed: says which table, which rows and, when given, which plan. */
export class BatchedInsertError extends Error {
  constructor(
    readonly table: string,
    readonly firstRow: number,
    readonly rowCount: number,
    readonly totalRows: number,
    readonly context: string | undefined,
    cause: unknown,
  ) {
    super(
      `insert into ${table}${context ? ` (${context})` : ''} failed at rows ${firstRow + 1}–${firstRow + rowCount} of ${totalRows}: ` +
        (cause instanceof Error ? cause.message : String(cause)),
      { cause },
    )
    this.name = 'BatchedInsertError'
  }
}

/**
 * Run `insertChunk` once per chunk of `rows`, in order, and concatenate what
 * each chunk returns (rows from `returning`, in chunk order; Kysely's
 * InsertResult otherwise), so callers see one result as if it were one
 * statement. Run it inside a transaction when
 * the rows must land all or nothing.
 */
export async function insertInChunks<T extends object, R>(
  table: string,
  rows: readonly T[],
  insertChunk: (chunk: T[]) => Promise<readonly R[]>,
  opts: { context?: string; maxParameters?: number } = {},
): Promise<R[]> {
  const out: R[] = []
  let first = 0
  for (const chunk of chunkRows(rows, opts.maxParameters)) {
    let returned: readonly R[]
    try {
      returned = await insertChunk(chunk)
    } catch (err) {
      throw new BatchedInsertError(table, first, chunk.length, rows.length, opts.context, err)
    }
    // Spread in a loop: push(...rows) overflows the call stack on very large chunks.
    for (const r of returned) out.push(r)
    first += chunk.length
  }
  return out
}
