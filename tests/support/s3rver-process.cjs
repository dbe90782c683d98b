// Runs s3rver (a real S3-protocol server) on 127.0.0.1 with an OS-chosen port, storing objects under the
// folder given as the first argument; prints {"port": N} once listening. Started by s3-server.ts with
// --openssl-legacy-provider: s3rver encrypts ListObjectsV2 continuation tokens with DES, which Node's
// OpenSSL 3 only offers through the legacy provider.
const S3rver = require("s3rver");

const directory = process.argv[2];
const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true });
server.run().then(
  (address) => process.stdout.write(`${JSON.stringify({ port: address.port })}\n`),
  (error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
process.on("SIGTERM", () => server.close().then(() => process.exit(0)));
