import net from 'node:net';
import { afterAll } from 'vitest';

/**
 * A TCP relay in front of the real node that a test can take down and bring back on the same
 * port: to the sync worker it is exactly a node that stopped (connections cut mid-request,
 * then refused) and restarted. The node behind it keeps its data, as a restarted node does.
 */
export interface NodeOutage {
  readonly url: string;
  /** Cuts every open connection and refuses new ones. */
  stop(): Promise<void>;
  /** Accepts connections again on the same port. */
  start(): Promise<void>;
}

export async function nodeBehindRelay(targetUrl: string): Promise<NodeOutage> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 80), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });

  await listen();
  const outage: NodeOutage = {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        if (!server) return resolve();
        server.close(() => resolve());
        server = undefined;
      }),
    start: () => listen(),
  };
  afterAll(() => outage.stop());
  return outage;
}
