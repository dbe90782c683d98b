// A share-code worker (see share-code.ts): answers each batch of URLs with their QR code SVGs, in order.
import { parentPort } from "node:worker_threads";
import { makeShareCode } from "./share-code.ts";

const port = parentPort!;
port.on("message", (urls: string[]) => {
  Promise.all(urls.map((url) => makeShareCode(url))).then(
    (svgs) => port.postMessage({ svgs }),
    (error: Error) => port.postMessage({ error: error.message }),
  );
});
port.postMessage({ ready: true });
