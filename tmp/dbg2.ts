import { openPGliteInProcess, openPostgres } from '../src/storage/connection.js'
import { migrateToLatest } from '../src/storage/migrate.js'
import { admitSend, bookSendSlot } from '../src/storage/send-pace.js'
import pg from 'pg'
const c = new pg.Client({ connectionString: 'postgres://root@127.0.0.1:5432/test' }); await c.connect(); await c.query('drop schema if exists dbgpace cascade; create schema dbgpace'); await c.end()
for (const handle of [(await openPGliteInProcess()).handle, openPostgres('postgres://root@127.0.0.1:5432/test', { schema: 'dbgpace' })]) {
await migrateToLatest(handle.db)
await bookSendSlot(handle.db, { channel: 'telegram', botId: '1' }, 1)
const t0 = performance.now()
for (let i = 0; i < 5; i++) { const w = await admitSend(handle.db, { channel: 'telegram', botId: '1' }, 3); console.log(i, (performance.now()-t0).toFixed(1), w.toFixed(1)) }
console.log(await handle.db.selectFrom('send_pace').selectAll().execute())
await handle.close()
}
const c2 = new pg.Client({ connectionString: 'postgres://root@127.0.0.1:5432/test' }); await c2.connect(); await c2.query('drop schema if exists dbgpace cascade'); await c2.end()
