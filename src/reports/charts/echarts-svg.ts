import * as echarts from 'echarts/core'
import { BarChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'
import type { EChartsCoreOption } from 'echarts/core'

echarts.use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, SVGRenderer])

/** The family every chart text is drawn in; the rasteriser loads the bundled file of that name. */
export const CHART_FONT_FAMILY = 'DejaVu Sans'

/**
 * Draw an ECharts option as an SVG string on the server, with no browser and
 * no DOM (ECharts' server-side SVG renderer). Animation is off: the string
 * is the final frame.
 */
export function optionToSvg(option: EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: CHART_FONT_FAMILY }, ...option })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}
