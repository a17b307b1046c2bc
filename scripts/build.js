// `npm run build` (run by `npm install` / `npm ci` through `prepare`):
// 1. tsc compiles src/ and migrations/ to dist/, so no process transpiles
//    TypeScript at start;
// 2. esbuild links the compiled CLI into dist/src/bundle/ (one chunk per lazy
//    command): node then reads a few files instead of the ~2,000 modules of
//    kysely, date-fns and zod (about 0.4 s of every start). Packages that are
//    CommonJS or find files next to themselves (PGlite's WebAssembly) stay
//    external. The bundle sits at the same depth as dist/src/storage, so
//    paths built from import.meta.url (migrations, template) still resolve;
// 3. a migrated empty embedded database is dumped into dist/ so a first start
//    loads it instead of running initdb.
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

const { build } = await import('esbuild')
await build({
  entryPoints: [path.join(dist, 'src', 'cli', 'main.js')],
  outdir: path.join(dist, 'src', 'bundle'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@electric-sql/*', 'pg', 'pino', 'grammy', '@grammyjs/*', 'node-cron', 'tsx', '@resvg/*', 'dejavu-fonts-ttf', 'echarts', 'exceljs', 'docx'],
  // Bundled CommonJS (yaml) requires node built-ins: give it a real require.
  banner: { js: "import { createRequire as __dondocCreateRequire } from 'node:module'; const require = __dondocCreateRequire(import.meta.url);" },
  logLevel: 'warning',
})

const { writeEmbeddedTemplate, TEMPLATE_FILE } = await import(pathToFileURL(path.join(dist, 'src', 'storage', 'embedded.js')).href)
await writeEmbeddedTemplate(path.join(dist, TEMPLATE_FILE))
// bin/dondoc.js compares this stamp with the sources to warn about a stale build.
writeFileSync(path.join(dist, 'build-stamp'), new Date().toISOString() + '\n')
process.stderr.write(`build: dist/ compiled and ${TEMPLATE_FILE} written in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
