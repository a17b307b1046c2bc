import type { Config } from '../../config.js'
import { formatTimeAndDate } from '../../domain/calendar/local-time.js'
import { countOutboxByState, listOutbox } from '../../storage/outbox.js'
import type { CommandIo } from '../command-io.js'
import { openForCommand } from '../open-database.js'
import { op } from '../operator-messages.js'

/** `dondoc outbox`: what waits to be sent, what failed, and what went out recently. */
export async function outboxCommand(_args: string[], config: Config, io: CommandIo): Promise<number> {
  const handle = await openForCommand(config)
  try {
    const db = handle.db
    const counts = await countOutboxByState(db)
    io.out(op.outboxCounts(counts))
    const tz = 'Asia/Ho_Chi_Minh'
    const show = async (title: string, state: 'pending' | 'failed' | 'sent') => {
      const rows = await listOutbox(db, state, 10)
      if (!rows.length) return
      io.out(`${title}:`)
      for (const r of rows) io.out(op.outboxLine(r.id, r.kind, `${r.channel}:${r.chatId}`, formatTimeAndDate(r.at, tz), r.attempts, r.lastError))
    }
    await show(op.outboxPending, 'pending')
    await show(op.outboxFailed, 'failed')
    await show(op.outboxSent, 'sent')
    return 0
  } finally {
    await handle.close()
  }
}
