// `npm run build` (run by `npm install` / `npm ci` through `prepare`): compile
// src/ and migrations/ to dist/ once, so no process transpiles TypeScript at
// start, then leave a migrated empty embedded database in dist/ so a first
// start loads it instead of running initdb.
import { spawnSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const root = path.resolve(import.meta.dirname, '..')
const dist = path.join(root, 'dist')
const started = performance.now()

rmSync(dist, { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
if (compiled.status !== 0) {
  process.stderr.write(`build: tsc -p tsconfig.build.json failed (exit ${compiled.status ?? compiled.signal})\n`)
  process.exit(1)
}

const { writeEmbeddedTemplate, TEMPLATE_FILE } = await import(pathToFileURL(path.join(dist, 'src', 'storage', 'embedded.js')).href)
await writeEmbeddedTemplate(path.join(dist, TEMPLATE_FILE))
// bin/dondoc.js compares this stamp with the sources to warn about a stale build.
writeFileSync(path.join(dist, 'build-stamp'), new Date().toISOString() + '\n')
process.stderr.write(`build: dist/ compiled and ${TEMPLATE_FILE} written in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
