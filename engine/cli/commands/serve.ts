import { runServeCommand } from '../../server/main';
import { optionalString, type Command } from '../command';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the UI and the engine API on 127.0.0.1 only; prints the URL with a per-run token.',
  usage: 'handoff-lab serve [--port N]',
  flags: { port: { type: 'string' } },
  async run(flags) {
    const port = optionalString(flags, 'port');
    await runServeCommand(port ? ['--port', port] : []);
  },
};
