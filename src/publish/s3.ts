// The S3 adapter (official AWS SDK v3): lists the bucket under the prefix, reads the recorded SHA-256 and
// headers of the objects the build may keep, and writes, re-heads and deletes objects. Works with AWS S3
// and with S3-protocol stores (MinIO, Alibaba OSS, Tencent COS) through --endpoint and path-style URLs.
// Credentials and retries come from the SDK: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
// AWS_PROFILE, AWS_REGION, AWS_MAX_ATTEMPTS.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type * as AwsS3 from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import type { ObjectStore } from "./execute.ts";
import { normalizePrefix } from "./headers.ts";
import type { LocalFile } from "./local.ts";
import type { RemoteObject } from "./plan.ts";
import { STATE_NAME, serializeState, type ListedObject, type PublishState } from "./state.ts";

// The SDK takes most of a second to load, and every newsdesk command would pay for it at start (the
// command table imports this module): it is loaded on first use instead.
let sdk: typeof AwsS3 | undefined;
function aws(): typeof AwsS3 {
  sdk ??= createRequire(import.meta.url)("@aws-sdk/client-s3") as typeof AwsS3;
  return sdk;
}

/** Object metadata key (x-amz-meta-sha256) holding the hex SHA-256 of the object's bytes. */
export const SHA256_METADATA = "sha256";

export interface S3Target {
  bucket: string;
  /** "" or "path/" (see normalizePrefix). */
  prefix: string;
}

/** Parses `s3://bucket/optional/prefix`. */
export function parseS3Url(url: string): S3Target {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(url);
  if (!match) throw new Error(`expected a target like s3://bucket or s3://bucket/prefix, received "${url}"`);
  const bucket = match[1]!;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new Error(`"${bucket}" is not a valid bucket name (3 to 63 lowercase letters, digits, dots and hyphens)`);
  }
  return { bucket, prefix: normalizePrefix(match[2] ?? "") };
}

export interface ClientOptions {
  endpoint?: string;
  region?: string;
  /** Attempts per request including the first (the SDK's standard retry with backoff). */
  maxAttempts?: number;
}

export function createS3Client(options: ClientOptions): S3Client {
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? (options.endpoint ? "us-east-1" : undefined);
  if (!region) throw new Error("no region: pass --region or set AWS_REGION");
  return new (aws().S3Client)({
    region,
    ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    // S3-protocol stores other than AWS reject or mishandle the SDK's newer default CRC32 trailers; each
    // upload carries Content-MD5 instead, which every one of them verifies.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

/** The key of the publish state object under the target's prefix. */
export function stateKey(target: S3Target): string {
  return `${target.prefix}${STATE_NAME}`;
}

/**
 * Every object under the target's prefix but the publish state: key, size, ETag, modification time
 * (ListObjectsV2, 1000 per page).
 */
export async function listObjects(client: S3Client, target: S3Target, pageSize = 1000): Promise<ListedObject[]> {
  const objects: ListedObject[] = [];
  const pages = aws().paginateListObjectsV2({ client, pageSize }, { Bucket: target.bucket, Prefix: target.prefix, MaxKeys: pageSize });
  for await (const page of pages) {
    for (const item of page.Contents ?? []) {
      if (item.Key === undefined || item.Key === stateKey(target)) continue;
      objects.push({ key: item.Key, size: item.Size ?? 0, etag: item.ETag ?? "", modified: item.LastModified?.getTime() ?? 0 });
    }
  }
  return objects;
}

/** The stored publish state's bytes and modification time, or undefined when there is none. */
export async function readStateObject(client: S3Client, target: S3Target): Promise<{ bytes: Uint8Array; modified: number } | undefined> {
  try {
    const got = await client.send(new (aws().GetObjectCommand)({ Bucket: target.bucket, Key: stateKey(target) }));
    return got.Body ? { bytes: await got.Body.transformToByteArray(), modified: got.LastModified?.getTime() ?? 0 } : undefined;
  } catch (error) {
    if (error instanceof aws().NoSuchKey || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
    throw error;
  }
}

export async function writeStateObject(client: S3Client, target: S3Target, state: PublishState): Promise<void> {
  const body = serializeState(state);
  await client.send(
    new (aws().PutObjectCommand)({
      Bucket: target.bucket,
      Key: stateKey(target),
      Body: body,
      ContentType: "application/gzip",
      CacheControl: "no-store",
      ContentMD5: createHash("md5").update(body).digest("base64"),
    }),
  );
}

/**
 * Reads SHA-256 metadata and headers (HeadObject) of the objects the build also has with the same size,
 * unless already known from the publish state; others need no look: a different size is an upload, a key
 * the build lacks is a delete. Returns the objects and how many were read.
 */
export async function describeObjects(
  client: S3Client,
  target: S3Target,
  listed: readonly RemoteObject[],
  local: readonly LocalFile[],
  concurrency: number,
): Promise<{ objects: RemoteObject[]; heads: number }> {
  const sizes = new Map(local.map((file) => [file.key, file.size]));
  const result = listed.map((object) => ({ ...object }));
  const toRead = result.filter((object) => sizes.get(object.key) === object.size && (object.sha256 === undefined || !object.headers));
  let next = 0;
  const worker = async () => {
    while (next < toRead.length) {
      const object = toRead[next++]!;
      const head = await client.send(new (aws().HeadObjectCommand)({ Bucket: target.bucket, Key: object.key }));
      const sha256 = head.Metadata?.[SHA256_METADATA];
      if (sha256) object.sha256 = sha256;
      object.headers = {
        contentType: head.ContentType ?? "",
        cacheControl: head.CacheControl ?? "",
        ...(head.ContentEncoding ? { contentEncoding: head.ContentEncoding } : {}),
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, toRead.length) }, worker));
  return { objects: result, heads: toRead.length };
}

/** CopySource is "bucket/key" with the key URL-encoded, slashes kept. */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;
}

export function createS3Store(client: S3Client, target: S3Target): ObjectStore {
  const headerFields = (file: LocalFile) => ({
    ContentType: file.headers.contentType,
    CacheControl: file.headers.cacheControl,
    ...(file.headers.contentEncoding ? { ContentEncoding: file.headers.contentEncoding } : {}),
    Metadata: { [SHA256_METADATA]: file.sha256 },
  });
  return {
    async put(file, body) {
      await client.send(
        new (aws().PutObjectCommand)({
          Bucket: target.bucket,
          Key: file.key,
          Body: body,
          ContentLength: body.length,
          ContentMD5: createHash("md5").update(body).digest("base64"),
          ...headerFields(file),
        }),
      );
    },
    async replaceHeaders(file) {
      await client.send(
        new (aws().CopyObjectCommand)({
          Bucket: target.bucket,
          Key: file.key,
          CopySource: copySource(target.bucket, file.key),
          MetadataDirective: "REPLACE",
          ...headerFields(file),
        }),
      );
    },
    async delete(key) {
      await client.send(new (aws().DeleteObjectCommand)({ Bucket: target.bucket, Key: key }));
    },
  };
}
