// A writing worker (StreamingWriter in output.ts): writes each chunk of files it is sent under the given
// folder and answers with their stamps, and makes the folders it is sent for other threads' files.
import { parentPort } from "node:worker_threads";
import { makeFolders, writeEntries } from "./output.ts";

const port = parentPort!;
port.on("message", ({ dir, entries, folders }: { dir: string; entries?: [string, string | Uint8Array][]; folders?: string[] }) => {
  // Folders made ahead for other threads' files (StreamingWriter.makeFolders): not answered; a folder that
  // could not be made here is made, or fails, where its file is written.
  if (folders) {
    makeFolders(dir, folders);
    return;
  }
  if (!entries) return;
  try {
    port.postMessage({ stamps: writeEntries(dir, entries) });
  } catch (error) {
    port.postMessage({ error: (error as Error).message });
  }
});
port.postMessage({ ready: true });
