// A drawn chart as a PNG data URL, read from the ECharts instance inside a
// container (EChart keeps its instance private; ECharts can find it by DOM).
import type { Theme } from '../../store/ui-slice';

/** The page background per theme, so a PNG is not transparent on a dark viewer. */
const BACKGROUNDS: Readonly<Record<Theme, string>> = { light: '#ffffff', dark: '#151b26' };

export async function chartPngDataUrl(container: Element | null, theme: Theme): Promise<string | null> {
  const host = container?.matches('.echart') ? container : (container?.querySelector('.echart') ?? null);
  if (!(host instanceof HTMLElement)) return null;
  const { echarts } = await import('../../charts/echarts-setup');
  const instance = echarts.getInstanceByDom(host);
  if (!instance) return null;
  return instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: BACKGROUNDS[theme] });
}
