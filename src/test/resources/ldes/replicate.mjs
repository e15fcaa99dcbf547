// Replicates an LDES with the stock npm ldes-client (its JS API) and prints every member it emits, one JSON object
// a line: {id, isVersionOf, timestamp, nquads}. With --materialize the id is the resource (ldes:versionOfPath).
// Usage: node replicate.mjs NODE_MODULES URL STATE_FOLDER [--materialize]
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { createRequire } from "node:module";

const [modules, url, state, ...flags] = process.argv.slice(2);
const { replicateLDES, intoConfig } = await import(pathToFileURL(join(modules, "ldes-client", "dist", "lib", "client.js")).href);
const { Writer } = createRequire(join(modules, "ldes-client", "package.json"))("n3");

const client = replicateLDES(intoConfig({ url, statePath: state, materialize: flags.includes("--materialize") }));
const reader = client.stream({ highWaterMark: 10 }).getReader();
for (;;) {
  const { value: member, done } = await reader.read();
  if (done) break;
  const nquads = new Writer({ format: "N-Quads" }).quadsToString(member.quads);
  const timestamp = member.timestamp instanceof Date ? member.timestamp.toISOString() : member.timestamp;
  process.stdout.write(JSON.stringify({ id: member.id.value, isVersionOf: member.isVersionOf, timestamp, nquads }) + "\n");
}
