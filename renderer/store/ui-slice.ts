// Screen, theme and presenter mode: what the shell looks like, not what it knows.
import type { StateCreator } from 'zustand';
import type { ScreenId } from '../app/screens';
import type { AppState } from './app-store';

export type Theme = 'light' | 'dark';

export interface UiSlice {
  screen: ScreenId;
  theme: Theme;
  presenter: boolean;
  /** A short message for the status toast; null when nothing to say. */
  notice: string | null;
  setScreen(screen: ScreenId): void;
  setTheme(theme: Theme): void;
  toggleTheme(): void;
  togglePresenter(): void;
  notify(message: string | null): void;
}

export const initialUi = (theme: Theme = 'light'): Pick<UiSlice, 'screen' | 'theme' | 'presenter' | 'notice'> => ({
  screen: 'welcome',
  theme,
  presenter: false,
  notice: null,
});

export const createUiSlice =
  (theme: Theme): StateCreator<AppState, [], [], UiSlice> =>
  (set) => ({
    ...initialUi(theme),
    setScreen: (screen) => set({ screen }),
    setTheme: (next) => set({ theme: next }),
    toggleTheme: () => set((s) => ({ theme: s.theme === 'light' ? 'dark' : 'light' })),
    togglePresenter: () => set((s) => ({ presenter: !s.presenter })),
    notify: (notice) => set({ notice }),
  });
