import { openPGliteInProcess } from '../src/storage/connection.js'
import { migrateToLatest } from '../src/storage/migrate.js'
import { bookSendSlot } from '../src/storage/send-pace.js'
const { handle } = await openPGliteInProcess()
await migrateToLatest(handle.db)
const t0 = performance.now()
for (let i = 0; i < 8; i++) { const w = await bookSendSlot(handle.db, { channel: 'telegram', botId: '1' }, 111); console.log(i, (performance.now()-t0).toFixed(1), w.toFixed(1)) }
await handle.close()
