// @vitest-environment happy-dom
// The shell rendered in a DOM with a fake engine: navigation, the Welcome
// screen's sample button and its error state, shortcuts and the error boundary.
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/App';
import { AppServicesProvider } from '../../renderer/app/context';
import { ErrorBoundary } from '../../renderer/components/ErrorBoundary';
import { createAppStore, type AppStore } from '../../renderer/store/app-store';
import { fakePlatform } from './fake-platform';
import { FakeTransport, unknownMethod } from './fake-transport';
import { useDomRoot } from './dom-root';

const dom = useDomRoot();
let store: AppStore;

async function mount(transport: FakeTransport, sendMenu?: { current: ((c: { command: 'toggle-theme' }) => void) | null }) {
  store = createAppStore();
  const fake = fakePlatform(transport);
  if (sendMenu) sendMenu.current = fake.sendMenu;
  await act(async () => {
    dom.root.render(
      <AppServicesProvider platform={fake.platform} store={store}>
        <App isMac={false} />
      </AppServicesProvider>,
    );
  });
}

const text = () => dom.container.textContent ?? '';
const button = (label: string) => {
  const found = [...dom.container.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
};

const healthy = (m: string) => (m === 'health' ? { ok: true as const, value: { app: 'handoff-lab', version: '0.1.0' } } : unknownMethod(m));

describe('<App>', () => {
  it('shows the Welcome screen, the navigation and the engine status from health', async () => {
    await mount(new FakeTransport(healthy));
    expect(dom.container.querySelector('h1')?.textContent).toBe('Welcome');
    const nav = [...dom.container.querySelectorAll('.nav-label')].map((n) => n.textContent);
    expect(nav).toEqual(['Welcome', 'Import', 'Handoff health', 'Scenarios', 'Compare', 'Frontier', 'Trust']);
    expect(text()).toContain('Engine 0.1.0 · connected');
    expect(text()).toContain('Workspaces you open appear here.');
  });

  it('says the engine is unreachable when health fails', async () => {
    await mount(new FakeTransport(() => ({ ok: false, error: { message: 'Cannot reach' } })));
    expect(text()).toContain('Engine unreachable');
    expect(dom.container.querySelector('[data-testid="engine-banner"]')?.textContent).toContain('Cannot reach');
  });

  it('calls openSample through the client and shows the engine error it gets back, dismissably', async () => {
    const transport = new FakeTransport((m) => (m === 'openSample' ? { ok: false, error: { message: 'The sample could not be imported.' } } : healthy(m)));
    await mount(transport);
    await act(async () => button('Open the sample workspace').click());
    expect(transport.calls.map((c) => c.method)).toContain('openSample');
    expect(dom.container.querySelector('[role="alert"]')?.textContent).toContain('The sample could not be imported.');
    await act(async () => button('Dismiss').click());
    expect(dom.container.querySelector('[role="alert"]')).toBeNull();
  });

  it('switches screens from the navigation and with Ctrl+number', async () => {
    await mount(new FakeTransport(healthy));
    await act(async () => button('Trust7').click());
    expect(dom.container.querySelector('h1')?.textContent).toBe('Trust');
    expect(text()).toContain('Open a workspace to check the forecast');
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: '2', ctrlKey: true }));
    });
    expect(dom.container.querySelector('h1')?.textContent).toBe('Import');
  });

  it('applies theme and presenter mode to the document and obeys menu commands', async () => {
    const send: { current: ((c: { command: 'toggle-theme' }) => void) | null } = { current: null };
    await mount(new FakeTransport(healthy), send);
    expect(document.documentElement.dataset.theme).toBe('light');
    await act(async () => send.current?.({ command: 'toggle-theme' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F11' }));
    });
    expect(document.documentElement.dataset.presenter).toBe('true');
  });
});

describe('running jobs', () => {
  it('shows engine progress as it streams and cancels through the client', async () => {
    const transport = new FakeTransport(healthy);
    await mount(transport);
    expect(dom.container.querySelector('[role="progressbar"]')).toBeNull();
    await act(async () => transport.emit({ jobId: 'boot-1', fraction: 0.4, message: 'Bootstrapping intervals' }));
    const bar = dom.container.querySelector('[role="progressbar"]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('40');
    expect(text()).toContain('Bootstrapping intervals');
    await act(async () => button('Cancel').click());
    expect(transport.cancelled).toEqual(['boot-1']);
    expect(dom.container.querySelector('[role="progressbar"]')).toBeNull();
    // An event already on its way when the user cancelled must not resurrect the job.
    await act(async () => transport.emit({ jobId: 'boot-1', fraction: 0.5, message: 'Bootstrapping intervals' }));
    expect(dom.container.querySelector('[role="progressbar"]')).toBeNull();
  });

  it('removes a job when it completes', async () => {
    const transport = new FakeTransport(healthy);
    await mount(transport);
    await act(async () => transport.emit({ jobId: 'j', fraction: 0.9, message: 'Almost' }));
    await act(async () => transport.emit({ jobId: 'j', fraction: 1, message: 'Done' }));
    expect(dom.container.querySelector('[role="progressbar"]')).toBeNull();
  });
});

describe('<ErrorBoundary>', () => {
  it('replaces a crashed screen with a recoverable message', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    function Broken(): never {
      throw new Error('chart data was undefined');
    }
    await act(async () => {
      dom.root.render(
        <ErrorBoundary resetKey="a">
          <Broken />
        </ErrorBoundary>,
      );
    });
    expect(dom.container.querySelector('[role="alert"]')?.textContent).toContain('chart data was undefined');
    await act(async () => {
      dom.root.render(
        <ErrorBoundary resetKey="b">
          <p>fine</p>
        </ErrorBoundary>,
      );
    });
    expect(text()).toBe('fine');
    spy.mockRestore();
  });
});
