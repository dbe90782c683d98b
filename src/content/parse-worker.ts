// A parsing worker (see parse-pool.ts): sent the work once, it takes chunks of files from the shared
// counter until none is left, answering with each chunk's parsed articles and problems, in order.
import { parentPort } from "node:worker_threads";
import { parseTakenChunks, type ParseWork } from "./parse-pool.ts";

const port = parentPort!;
port.on("message", (work: ParseWork) => parseTakenChunks(work, (answer) => port.postMessage(answer)));
