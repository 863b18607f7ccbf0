import { describe, expect, it } from 'vitest';
import { createEngineClient, ENGINE_METHODS, EngineClientError } from '../../engine/api/client';
import { REQUEST_SCHEMAS } from '../../engine/api/contract';
import { FakeTransport, unknownMethod } from './fake-transport';

describe('createEngineClient', () => {
  it('has one function per contract method, taken from REQUEST_SCHEMAS', () => {
    const client = createEngineClient(new FakeTransport(() => ({ ok: true, value: null })));
    expect([...ENGINE_METHODS].sort()).toEqual(Object.keys(REQUEST_SCHEMAS).sort());
    for (const method of ENGINE_METHODS) expect(typeof client[method]).toBe('function');
  });

  it('sends the method name and params, and resolves to the Ok value', async () => {
    const transport = new FakeTransport(() => ({ ok: true, value: { path: '/w.duckdb', rowCounts: { leads: 3 } } }));
    const client = createEngineClient(transport);
    const info = await client.openWorkspace({ path: '/w.duckdb' });
    expect(info.rowCounts.leads).toBe(3);
    expect(transport.calls).toEqual([{ method: 'openWorkspace', params: { path: '/w.duckdb' } }]);
  });

  it('throws an EngineClientError carrying the engine error info on Err', async () => {
    const client = createEngineClient(new FakeTransport(() => ({ ok: false, error: { message: 'path: required', field: 'path' } })));
    const err = await client.openWorkspace({ path: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineClientError);
    expect((err as EngineClientError).info).toEqual({ message: 'path: required', field: 'path' });
    expect((err as EngineClientError).method).toBe('openWorkspace');
  });

  it('calls methods the contract does not list yet by name, and reports when they are missing', async () => {
    const transport = new FakeTransport((m) => (m === 'health' ? { ok: true, value: 1 } : unknownMethod(m)));
    const client = createEngineClient(transport);
    expect(client.knows('health')).toBe(true);
    expect(client.knows('openSample')).toBe(true);
    expect(client.knows('exportReport')).toBe(false);
    await expect(client.invokeByName('exportReport', {})).rejects.toThrow('Unknown engine request "exportReport"');
  });

  it('passes progress subscriptions and cancels to the transport', async () => {
    const transport = new FakeTransport(() => ({ ok: true, value: null }));
    const client = createEngineClient(transport);
    const seen: number[] = [];
    const off = client.onProgress((e) => seen.push(e.fraction));
    transport.emit({ jobId: 'a', fraction: 0.3, message: '' });
    off();
    transport.emit({ jobId: 'a', fraction: 0.6, message: '' });
    await client.cancel('a');
    expect(seen).toEqual([0.3]);
    expect(transport.cancelled).toEqual(['a']);
  });
});
