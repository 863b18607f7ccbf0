// One platform and one store per app instance, handed down by context so
// tests can mount the UI with a fake transport and a fresh store.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { AppState, AppStore } from '../store/app-store';
import type { Platform } from './platform';

interface AppServices {
  readonly platform: Platform;
  readonly store: AppStore;
}

const ServicesContext = createContext<AppServices | null>(null);

export function AppServicesProvider({ platform, store, children }: AppServices & { readonly children: ReactNode }) {
  return <ServicesContext.Provider value={{ platform, store }}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('AppServicesProvider is missing above this component.');
  return services;
}

/** A single value from the store. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useServices().store, selector);
}

/** An object of values, compared shallowly so a new object per call does not re-render. */
export function useAppShallow<T extends object>(selector: (s: AppState) => T): T {
  return useStore(useServices().store, useShallow(selector));
}
