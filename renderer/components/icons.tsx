// Line icons drawn inline (no icon font, no remote assets: the CSP allows neither).
import type { ScreenId } from '../app/screens';

const PATHS: Readonly<Record<ScreenId | 'sun' | 'moon' | 'present' | 'folder' | 'spark' | 'file', string>> = {
  welcome: 'M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z',
  import: 'M12 3v12m0 0l-4-4m4 4l4-4M4 17v3h16v-3',
  health: 'M3 12h4l3-7 4 14 3-7h4',
  scenarios: 'M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0M14 4v4M8 10v4M16 16v4',
  compare: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  frontier: 'M3 20c4-1 6-4 8-8s5-7 10-8M3 20h18M3 20V3',
  trust: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zm-3 9l2 2 4-4',
  sun: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4',
  moon: 'M20 14.5A8 8 0 0 1 9.5 4 8 8 0 1 0 20 14.5z',
  present: 'M3 4h18v12H3zM12 16v4M8 20h8',
  folder: 'M3 6a1 1 0 0 1 1-1h5l2 2h9a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z',
  spark: 'M12 3l2 6 6 2-6 2-2 6-2-6-6-2 6-2z',
  file: 'M6 3h8l4 4v14H6zM14 3v4h4',
};

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18 }: { readonly name: IconName; readonly size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={PATHS[name]} />
    </svg>
  );
}
