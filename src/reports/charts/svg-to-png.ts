import { createRequire } from 'node:module'
import path from 'node:path'
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js'
import { CHART_FONT_FAMILY } from './echarts-svg.js'

const require = createRequire(import.meta.url)

/**
 * The bundled DejaVu Sans files (full Vietnamese coverage), shipped by the
 * `dejavu-fonts-ttf` package: a chart looks the same on every machine,
 * whatever fonts the system has.
 */
export function chartFontFiles(): string[] {
  const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
  return [path.join(dir, 'DejaVuSans.ttf'), path.join(dir, 'DejaVuSans-Bold.ttf')]
}

/**
 * Rasterise an SVG to PNG with resvg, using only the bundled font (system
 * fonts are never loaded). resvg's `renderAsync` parses and draws in libuv's
 * thread pool: an export's ten charts are drawn side by side, on the other
 * core, while this thread lays out the workbook.
 */
export async function svgToPng(svg: string): Promise<{ png: Buffer; width: number; height: number }> {
  const image = await renderAsync(svg, OPTIONS)
  return { png: image.asPng(), width: image.width, height: image.height }
}

const OPTIONS: ResvgRenderOptions = {
  background: '#ffffff',
  font: { fontFiles: chartFontFiles(), loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
}
