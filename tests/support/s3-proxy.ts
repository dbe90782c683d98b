// A loopback HTTP proxy in front of the S3 test server. It logs every request (so tests can see which
// objects a publish wrote, re-headed or deleted, and in what order) and can fail every upload (PutObject)
// of chosen keys with "500 InternalError", as a broken network or store would.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ProxiedRequest {
  /** "put", "copy" (CopyObject: a header change), "delete", "head", "get" or "list". */
  kind: string;
  /** Object key, decoded; "" for bucket-level requests. */
  key: string;
}

export interface S3Proxy {
  endpoint: string;
  requests: ProxiedRequest[];
  /** Upload attempts refused (the SDK retries each failed upload before giving up). */
  refused: string[];
  close(): Promise<void>;
}

function kindOf(method: string, key: string, copy: boolean): string {
  if (method === "PUT") return copy ? "copy" : "put";
  if (method === "DELETE") return "delete";
  if (method === "HEAD") return "head";
  if (method === "GET") return key === "" ? "list" : "get";
  return method.toLowerCase();
}

export async function startS3Proxy(target: string, bucket: string, options: { failUploads?: readonly string[] } = {}): Promise<S3Proxy> {
  const targetUrl = new URL(target);
  const requests: ProxiedRequest[] = [];
  const refused: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", target);
    const pathname = decodeURIComponent(url.pathname);
    const key = pathname.startsWith(`/${bucket}/`) ? pathname.slice(bucket.length + 2) : "";
    const kind = kindOf(req.method ?? "", key, req.headers["x-amz-copy-source"] !== undefined);
    requests.push({ kind, key });
    if (kind === "put" && options.failUploads?.includes(key)) {
      refused.push(key);
      req.resume();
      req.on("end", () => {
        res.writeHead(500, { "content-type": "application/xml" });
        res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>injected failure</Message></Error>');
      });
      return;
    }
    const upstream = http.request(
      { host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers: req.headers },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on("error", (error) => res.destroy(error));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    refused,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
