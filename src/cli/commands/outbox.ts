import type { Config } from '../../config.js'
import { formatTimeAndDate } from '../../conversation/local-time.js'
import type { CommandIo } from '../command-io.js'
import { openForCommand } from '../open-database.js'

/** `dondoc outbox`: what waits to be sent, what failed, and what went out recently. */
export async function outboxCommand(_args: string[], config: Config, io: CommandIo): Promise<number> {
  const handle = await openForCommand(config)
  try {
    const db = handle.db
    const counts = await db.selectFrom('outbox').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute()
    io.out(`outbox: ${['pending', 'sending', 'sent', 'failed', 'dropped'].map((s) => `${s} ${counts.find((c) => c.state === s)?.n ?? 0}`).join(', ')}`)
    const tz = 'Asia/Ho_Chi_Minh'
    const show = async (title: string, state: 'pending' | 'failed' | 'sent', order: 'run_after' | 'sent_at' | 'id') => {
      const rows = await db
        .selectFrom('outbox')
        .select(['id', 'kind', 'channel', 'chat_id', 'attempts', 'run_after', 'sent_at', 'last_error'])
        .where('state', '=', state)
        .orderBy(order, state === 'pending' ? 'asc' : 'desc')
        .limit(10)
        .execute()
      if (!rows.length) return
      io.out(`${title}:`)
      for (const r of rows) {
        const when = r.sent_at ?? r.run_after
        io.out(`  #${r.id} ${r.kind} ${r.channel}:${r.chat_id} ${formatTimeAndDate(when, tz)} attempts ${r.attempts}${r.last_error ? ` — ${r.last_error}` : ''}`)
      }
    }
    await show('next pending', 'pending', 'run_after')
    await show('failed', 'failed', 'id')
    await show('recently sent', 'sent', 'sent_at')
    return 0
  } finally {
    await handle.close()
  }
}
