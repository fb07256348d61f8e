// Test helper: a TCP proxy on loopback that can cut or stall connections mid-stream.
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Connections accepted so far. */
  accepted: number;
  /** Most connections open at the same time. */
  peakOpen: number;
  /** Cut the next (or current) connection once the server has sent this many more bytes through it. */
  cutAfterServerBytes(bytes: number): void;
  /** Stop forwarding in both directions, sockets left open (a black-holed network). */
  stall(): void;
  resume(): void;
  /** Destroy every open connection now. */
  cutAll(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, listenPort = 0): Promise<TcpProxy> {
  const open = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let cutBudget: number | undefined;
  let stalled = false;
  const server = net.createServer((client) => {
    proxy.accepted++;
    const upstream = net.connect(targetPort, '127.0.0.1');
    const pair = { client, upstream };
    open.add(pair);
    proxy.peakOpen = Math.max(proxy.peakOpen, open.size);
    const end = (): void => {
      open.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.on('data', (d) => {
      if (!stalled) upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (stalled) return;
      if (cutBudget !== undefined) {
        if (d.length >= cutBudget) {
          client.write(d.subarray(0, cutBudget));
          cutBudget = undefined;
          // A reset, not a clean FIN: what a dropped network looks like to the client.
          client.resetAndDestroy();
          upstream.destroy();
          return;
        }
        cutBudget -= d.length;
      }
      client.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  const proxy: TcpProxy = {
    port: (server.address() as net.AddressInfo).port,
    accepted: 0,
    peakOpen: 0,
    cutAfterServerBytes: (bytes) => (cutBudget = bytes),
    stall: () => (stalled = true),
    resume: () => (stalled = false),
    cutAll: () => {
      for (const p of open) {
        p.client.resetAndDestroy();
        p.upstream.destroy();
      }
    },
    close: () => new Promise<void>((resolve) => {
      proxy.cutAll();
      server.close(() => resolve());
    }),
  };
  return proxy;
}
