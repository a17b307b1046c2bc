// `npm run build` (run by `npm install` / `npm ci` through `prepare`):
// 1. esbuild transpiles src/ and migrations/ to dist/ file by file, so no
//    process transpiles TypeScript at start;
// 2. esbuild links the compiled CLI into dist/src/bundle/ (one chunk per lazy
//    command): node then reads a few files instead of the ~2,000 modules of
//    kysely, date-fns and zod (about 0.4 s of every start). Packages that are
//    CommonJS or find files next to themselves (PGlite's WebAssembly) stay
//    external. The bundle sits at the same depth as dist/src/storage, so
//    paths built from import.meta.url (migrations, template) still resolve;
// 3. a migrated empty embedded database is dumped into dist/ so a first start
//    loads it instead of running initdb.
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const root = path.resolve(import.meta.dirname, '..')
const dist = path.join(root, 'dist')
const started = performance.now()

rmSync(dist, { recursive: true, force: true })
const { build } = await import('esbuild')
// Transpile only (each file alone, as `verbatimModuleSyntax` guarantees is
// safe): type checking is `npm test`'s job. esbuild alone keeps the build
// working under `npm ci --omit=dev`, where TypeScript and @types are absent.
const sources = ['src', 'migrations'].flatMap((dir) =>
  readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(root, dir, f)),
)
await build({
  entryPoints: sources,
  outdir: dist,
  outbase: root,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
})
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
