// Writes seslint's table of AWS partitions and regions (rules/aws-regions.txt) from an installed
// @aws-sdk/core package (Apache-2.0), whose endpoint data lists every partition and its regions.
// Run by scripts/update-catalog together with the catalog.
//
//   node regions.mjs <@aws-sdk/core package dir> <generated date>
import fs from 'node:fs';
import path from 'node:path';

const [packageDir, generatedOn] = process.argv.slice(2);
if (!packageDir || !generatedOn) {
  console.error('usage: node regions.mjs <package dir> <YYYY-MM-DD>');
  process.exit(2);
}
const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
// The data is an ES module that exports one object literal in JSON syntax.
const source = fs.readFileSync(
  path.join(packageDir, 'dist-es', 'submodules', 'client', 'util-endpoints', 'lib', 'aws', 'partitions.js'), 'utf8');
const info = JSON.parse(source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1));

const lines = [
  `# AWS partitions and their regions, from ${pkg.name}@${pkg.version} (Apache-2.0), generated ${generatedOn}`,
  '# by scripts/update-catalog. P <partition>; R <partition> <region>. Pseudo-regions (aws-global) are left out.',
];
for (const partition of [...info.partitions].sort((a, b) => a.id.localeCompare(b.id))) {
  lines.push(`P ${partition.id}`);
  const regex = new RegExp(partition.regionRegex);
  for (const region of Object.keys(partition.regions).sort())
    if (regex.test(region)) lines.push(`R ${partition.id} ${region}`);
}
process.stdout.write(lines.join('\n') + '\n');
