/** `--name value` and `--flag` command-line options over defaults; unknown names are refused. */
export function parseArguments<Options extends Record<string, string | number | boolean>>(
  argv: readonly string[],
  defaults: Options,
): Options {
  const options: Record<string, string | number | boolean> = { ...defaults };
  for (let index = 0; index < argv.length; index += 1) {
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(argv[index]);
    if (!match || !(match[1] in defaults)) {
      throw new Error(
        `Unknown option "${argv[index]}"; known: ${Object.keys(defaults).join(', ')}`,
      );
    }
    const name = match[1];
    const fallback = defaults[name];
    if (typeof fallback === 'boolean') {
      options[name] = match[2] === undefined ? true : match[2] !== 'false';
      continue;
    }
    const raw = match[2] ?? argv[(index += 1)];
    if (raw === undefined) throw new Error(`Option --${name} needs a value`);
    if (typeof fallback === 'number') {
      const value = Number(raw);
      if (!Number.isFinite(value)) throw new Error(`Option --${name} needs a number, got "${raw}"`);
      options[name] = value;
    } else {
      options[name] = raw;
    }
  }
  return options as Options;
}
