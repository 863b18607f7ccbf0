// A read that spans several statements sees one state of the workspace: an
// import committing in between (on its own connection) must not leave some
// numbers from the old history and some from the new. Each read gets its own
// connection and transaction, so concurrent reads never share one.
import type { Workspace } from './database';

export async function withReadSnapshot<T>(ws: Workspace, read: (snapshot: Workspace) => Promise<T>): Promise<T> {
  const connection = await ws.instance.connect();
  try {
    await connection.run('BEGIN TRANSACTION');
    const snapshot: Workspace = { ...ws, connection, close: () => connection.closeSync() };
    // Nothing is written: ending the transaction only releases the snapshot.
    return await read(snapshot).finally(() => connection.run('ROLLBACK'));
  } finally {
    connection.closeSync();
  }
}
