// Runs one program as a child process and measures it: wall time, CPU time (user + system) and peak
// resident memory. GNU time (/usr/bin/time) reports the child's own rusage exactly; without it, the
// child's /proc entries are sampled until it exits (peak memory exact via VmHWM, CPU time to the last
// sample, so slightly low).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const GNU_TIME = "/usr/bin/time";

export interface Measurement {
  command: string;
  exitCode: number;
  wallMs: number;
  /** User plus system CPU time of the child (and the children it waited for). */
  cpuMs: number;
  peakRssBytes: number;
  /** How CPU and memory were read: "time" (exact rusage) or "proc" (sampled). */
  method: "time" | "proc";
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Parses the line written by `time -f "%e %U %S %M"`: seconds, user s, system s, peak KiB. */
export function parseGnuTime(text: string): { cpuMs: number; peakRssBytes: number } | undefined {
  const line = text.trim().split("\n").at(-1) ?? "";
  const match = /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(line.trim());
  if (!match) return undefined;
  return { cpuMs: (Number(match[2]) + Number(match[3])) * 1000, peakRssBytes: Number(match[4]) * 1024 };
}

export async function runMeasured(program: string, args: readonly string[], options: RunOptions = {}): Promise<Measurement> {
  const command = [program, ...args].join(" ");
  if (existsSync(GNU_TIME)) {
    const dir = mkdtempSync(path.join(tmpdir(), "newsdesk-time-"));
    const report = path.join(dir, "time.txt");
    try {
      const run = await spawnTimed(GNU_TIME, ["-f", "%e %U %S %M", "-o", report, program, ...args], options);
      const usage = parseGnuTime(await readFile(report, "utf8").catch(() => ""));
      if (!usage) throw new Error(`${GNU_TIME} wrote no usage line for: ${command}\n${run.stderr}`);
      return { command, ...run, ...usage, method: "time" };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  let peakKb = 0;
  let ticks = 0;
  const sample = (pid: number) => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      // Fields after the command name: utime is the 14th field of the line, stime the 15th.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks = Math.max(ticks, Number(fields[11]) + Number(fields[12]));
    } catch {
      // The child has exited between two samples.
    }
  };
  const run = await spawnTimed(program, args, options, sample);
  // Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) in /proc/<pid>/stat.
  return { command, ...run, cpuMs: ticks * 10, peakRssBytes: peakKb * 1024, method: "proc" };
}

function spawnTimed(
  program: string,
  args: readonly string[],
  options: RunOptions,
  sample?: (pid: number) => void,
): Promise<{ exitCode: number; wallMs: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(program, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    const timer = sample && child.pid !== undefined ? setInterval(() => sample(child.pid!), 20) : undefined;
    child.on("error", (error) => {
      if (timer) clearInterval(timer);
      reject(error);
    });
    child.on("close", (code) => {
      const wallMs = performance.now() - started;
      if (timer) clearInterval(timer);
      resolve({ exitCode: code ?? 1, wallMs, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}
