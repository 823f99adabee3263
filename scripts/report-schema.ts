// npm run report:schema: writes docs/report-schema.json, the JSON Schema of the report's JSON
// form, from the zod schema the code validates against (lib/reports/document.ts). A unit test
// fails when the committed file is not current.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { reportJsonSchema } from "../lib/reports/document";

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "docs", "report-schema.json");
writeFileSync(out, `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
console.log(`Wrote ${path.relative(process.cwd(), out)}`);
