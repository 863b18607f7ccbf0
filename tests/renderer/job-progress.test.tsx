// @vitest-environment happy-dom
// The running-jobs panel leaves out a job whose own screen shows its progress
// while that screen is up, and shows it again anywhere else.
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppServicesProvider } from '../../renderer/app/context';
import { JobProgress } from '../../renderer/components/JobProgress';
import { createAppStore, type AppStore } from '../../renderer/store/app-store';
import { useDomRoot } from './dom-root';
import { fakePlatform } from './fake-platform';
import { FakeTransport } from './fake-transport';

const dom = useDomRoot();
let store: AppStore;

beforeEach(async () => {
  store = createAppStore();
  await act(async () => {
    dom.root.render(
      <AppServicesProvider platform={fakePlatform(new FakeTransport(() => ({ ok: true, value: null }))).platform} store={store}>
        <JobProgress />
      </AppServicesProvider>,
    );
  });
});

const shown = () => [...dom.container.querySelectorAll('.job-message')].map((e) => e.textContent);

describe('<JobProgress>', () => {
  it('shows a job once: in place on the screen that said it shows it, in the panel elsewhere', async () => {
    await act(async () => {
      const s = store.getState();
      s.setScreen('compare');
      s.jobShownOn('compare-1', 'compare');
      s.jobShownOn('sweep-1', 'frontier');
      s.progressReceived({ jobId: 'compare-1', fraction: 0.2, message: 'Forecasting Plan B' });
      s.progressReceived({ jobId: 'sweep-1', fraction: 0.5, message: 'Sweeping thresholds' });
      s.progressReceived({ jobId: 'sample-1', fraction: 0.1, message: 'Opening the sample' });
    });
    expect(shown()).toEqual(['Sweeping thresholds', 'Opening the sample']);
    await act(async () => store.getState().setScreen('frontier'));
    expect(shown()).toEqual(['Forecasting Plan B', 'Opening the sample']);
    await act(async () => store.getState().setScreen('health'));
    expect(shown()).toEqual(['Forecasting Plan B', 'Sweeping thresholds', 'Opening the sample']);
    await act(async () => {
      store.getState().jobGone('compare-1');
      store.getState().jobCancelled('sweep-1');
    });
    expect(store.getState().jobsShownOn).toEqual({});
    expect(shown()).toEqual(['Opening the sample']);
  });
});
