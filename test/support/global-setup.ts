import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { writeEmbeddedTemplate } from '../../src/storage/embedded.js'

/**
 * Creating a PGlite database from scratch runs initdb (3-5 s); loading a dump
 * takes well under a second. Build one migrated template per test run from the
 * current sources (the same way `npm run build` does for dist/) and let every
 * test, and every service a test spawns, load its own private copy of it.
 * Spawned CLIs run the TypeScript sources (DONDOC_FROM_SOURCE), never dist/.
 */
export default async function setup(): Promise<() => void> {
  process.env.DONDOC_FROM_SOURCE = '1'
  if (process.env.TEST_DATABASE_URL) return () => {}
  const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-test-'))
  const file = path.join(dir, 'template.tar.gz')
  await writeEmbeddedTemplate(file)
  process.env.DONDOC_PGLITE_TEMPLATE = file
  return () => rmSync(dir, { recursive: true, force: true })
}
