// Chart.js at run time: registers only the parts the results charts use (keeps the bundle
// small), and keeps one chart per canvas, updated in place when new data or a new theme arrives.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
  type Plugin,
} from 'chart.js';
import type { ChartSpec } from './chart-common';

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Title, Tooltip);

/** Paints the theme's background under the chart, so an exported PNG reads as it looked. */
function backgroundPlugin(colour: () => string): Plugin {
  return {
    id: 'faaslabBackground',
    beforeDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = colour();
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}

export class ChartHost {
  private readonly charts = new Map<string, Chart>();
  private background = '#ffffff';

  setBackground(colour: string): void {
    this.background = colour;
  }

  /** Draws `spec` on `canvas`, reusing the chart already there when its type matches. */
  render(canvas: HTMLCanvasElement, spec: ChartSpec): Chart {
    const config = spec.config as ChartConfiguration<ChartType, unknown[], string>;
    const existing = this.charts.get(spec.id);
    if (existing && existing.canvas === canvas && (existing.config as { type?: string }).type === config.type) {
      existing.data = config.data as Chart['data'];
      existing.options = config.options as Chart['options'];
      existing.update('none');
      return existing;
    }
    existing?.destroy();
    const chart = new Chart(canvas, { ...config, plugins: [...(config.plugins ?? []), backgroundPlugin(() => this.background)] } as ChartConfiguration);
    this.charts.set(spec.id, chart);
    return chart;
  }

  /** The chart as a PNG data URL, its title drawn in (the page shows titles outside the canvas). */
  png(id: string, title: string, style: { colour: string; fontFamily: string; fontSize: number }): string | undefined {
    const chart = this.charts.get(id);
    if (!chart) return undefined;
    // Chart.js resolves options through proxies: change the title's fields in place, then hide it again.
    const options = chart.options.plugins?.title;
    if (!options) return chart.toBase64Image('image/png', 1);
    Object.assign(options, { display: true, text: title, color: style.colour, font: { family: style.fontFamily, size: style.fontSize + 1, weight: 'bold' }, padding: { top: 4, bottom: 10 } });
    chart.update('none');
    const url = chart.toBase64Image('image/png', 1);
    options.display = false;
    chart.update('none');
    return url;
  }

  /** Destroys the charts whose ids are not in `keep` (their canvases left the page). */
  prune(keep: ReadonlySet<string>): void {
    for (const [id, chart] of this.charts) {
      if (keep.has(id)) continue;
      chart.destroy();
      this.charts.delete(id);
    }
  }

  ids(): string[] {
    return [...this.charts.keys()];
  }
}
