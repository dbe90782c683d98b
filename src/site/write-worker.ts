// A writing worker (see writeFolderInParallel in output.ts): writes each chunk of files it is sent under
// the given folder and answers with their stamps.
import { parentPort } from "node:worker_threads";
import { writeEntries } from "./output.ts";

const port = parentPort!;
port.on("message", ({ dir, entries }: { dir: string; entries: [string, string | Uint8Array][] }) => {
  try {
    port.postMessage({ stamps: writeEntries(dir, entries) });
  } catch (error) {
    port.postMessage({ error: (error as Error).message });
  }
});
port.postMessage({ ready: true });
