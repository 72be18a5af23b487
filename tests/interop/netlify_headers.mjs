// The headers Netlify serves for each URL path, from our `_headers` file,
// parsed by Netlify's own parser (@netlify/headers-parser).
//
//   node netlify_headers.mjs OUTPUT/_headers < paths.json  ->  {errors, headers}
//
// Matching rules apply in file order, a later value replacing an earlier
// one, as Netlify's header engine (@netlify/headers, headersForPath) does;
// that engine needs Node 22, so its two-line merge is repeated here.
import { readFileSync } from "node:fs";
import { parseAllHeaders } from "@netlify/headers-parser";

const paths = JSON.parse(readFileSync(0, "utf-8"));
const { headers: rules, errors } = await parseAllHeaders({
  headersFiles: [process.argv[2]],
  minimal: false,
});
const served = {};
for (const path of paths) {
  served[path] = rules
    .filter(({ forRegExp }) => forRegExp.test(path))
    .reduce((acc, { values }) => ({ ...acc, ...values }), {});
}
console.log(JSON.stringify({ errors: errors.map((e) => e.message), headers: served }));
