// Lets `node -r ./test/fuzz/register.cjs file.ts` run the TypeScript sources
// directly, compiled in memory by the same swc (and options) jest uses, so
// the fuzz run needs no build step and nothing installed beyond the project.
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
