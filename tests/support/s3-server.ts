// A real S3-protocol server (s3rver) on loopback for publish tests, in its own process, plus a client and
// helpers that read back what a bucket holds: every object's bytes and headers.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from "@aws-sdk/client-s3";

// The SDK warns about Node 20 once per process; the project supports Node 20 with the pinned SDK.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const SERVER_SCRIPT = fileURLToPath(new URL("./s3rver-process.cjs", import.meta.url));

/** Credentials s3rver accepts; passed to the publish command through the standard variables. */
export const S3_ENV = {
  AWS_ACCESS_KEY_ID: "S3RVER",
  AWS_SECRET_ACCESS_KEY: "S3RVER",
  AWS_REGION: "us-east-1",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

export interface S3Server {
  endpoint: string;
  client: S3Client;
  createBucket(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startS3Server(): Promise<S3Server> {
  const directory = mkdtempSync(path.join(tmpdir(), "newsdesk-s3rver-"));
  const child: ChildProcess = spawn(process.execPath, ["--openssl-legacy-provider", SERVER_SCRIPT, directory], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`s3rver exited with ${code}: ${err}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    forcePathStyle: true,
    region: S3_ENV.AWS_REGION,
    credentials: { accessKeyId: S3_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: S3_ENV.AWS_SECRET_ACCESS_KEY },
  });
  return {
    endpoint,
    client,
    async createBucket(name) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    async stop() {
      client.destroy();
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export interface StoredObject {
  bytes: Buffer;
  etag: string;
  contentType: string;
  cacheControl: string;
  contentEncoding: string;
  sha256: string;
}

/** Every object in the bucket under `prefix`, by key, read with ListObjectsV2 and GetObject. */
export async function readBucket(client: S3Client, bucket: string, prefix = ""): Promise<Map<string, StoredObject>> {
  const objects = new Map<string, StoredObject>();
  for await (const page of paginateListObjectsV2({ client, pageSize: 7 }, { Bucket: bucket, Prefix: prefix })) {
    for (const item of page.Contents ?? []) {
      const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: item.Key! }));
      objects.set(item.Key!, {
        bytes: Buffer.from(await got.Body!.transformToByteArray()),
        etag: got.ETag ?? "",
        contentType: got.ContentType ?? "",
        cacheControl: got.CacheControl ?? "",
        contentEncoding: got.ContentEncoding ?? "",
        sha256: got.Metadata?.sha256 ?? "",
      });
    }
  }
  return objects;
}

/** Headers of one object as HeadObject reports them. */
export async function headObject(client: S3Client, bucket: string, key: string) {
  return client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
}
