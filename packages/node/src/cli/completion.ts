/**
 * `noiz-voices completion bash|zsh|fish`: a completion script built from the program itself, so
 * every command and option registered (now or later) is completed without a list to keep in sync.
 */
import { Argument, type Command, type Option } from "commander";
import type { Context } from "./context.js";

/** One option, as the scripts need it. */
interface OptionSpec {
  short: string | undefined;
  long: string | undefined;
  description: string;
  /** Takes a value (`--out <file>`). */
  value: boolean;
  /** The value is a path: let the shell complete files. */
  file: boolean;
  choices: readonly string[] | undefined;
}

/** One command, as the scripts need it. */
interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  /** The first argument is a path (`clone <file-or-url>`). */
  fileArgument: boolean;
  /** The first argument's fixed values (`completion <shell>`). */
  choices: readonly string[] | undefined;
}

const HELP: OptionSpec = {
  short: "-h",
  long: "--help",
  description: "show help",
  value: false,
  file: false,
  choices: undefined,
};

function optionSpec(option: Option): OptionSpec {
  return {
    short: option.short,
    long: option.long,
    description: option.description,
    value: option.required || option.optional,
    file: /<(file|path)[^>]*>/.test(option.flags),
    choices: option.argChoices,
  };
}

/** The program's commands and global options, read from commander's own definitions. */
function describe(program: Command): { globals: OptionSpec[]; commands: CommandSpec[] } {
  const commands: CommandSpec[] = program.commands.map((command) => {
    const [first] = command.registeredArguments;
    return {
      name: command.name(),
      description: command.description(),
      options: [...command.options.map(optionSpec), HELP],
      fileArgument: Boolean(first && /file|path/.test(first.name())),
      choices: first?.argChoices,
    };
  });
  commands.push({
    name: "help",
    description: "show help for a command",
    options: [],
    fileArgument: false,
    choices: commands.map((command) => command.name),
  });
  return { globals: [...program.options.map(optionSpec), HELP], commands };
}

const flagsOf = (options: readonly OptionSpec[]) =>
  options.flatMap((option) => [option.short, option.long].filter((flag): flag is string => Boolean(flag)));

/** Single-quoted for sh, bash, zsh: nothing inside is expanded. */
const shQuote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

function bash(name: string, { globals, commands }: ReturnType<typeof describe>): string {
  const all = [...globals, ...commands.flatMap((command) => command.options)];
  const valued = [...new Set(flagsOf(all.filter((option) => option.value)))];
  const files = [...new Set(flagsOf(all.filter((option) => option.file)))];
  const choices = all.filter((option) => option.choices);
  const fn = `_${name.replace(/[^A-Za-z0-9]/g, "_")}`;
  const cases = commands.map((command) => {
    const words = [...new Set([...flagsOf(command.options), ...flagsOf(globals)])].join(" ");
    const argument = command.choices
      ? `words=${shQuote([...command.choices, ...words.split(" ")].join(" "))}`
      : `words=${shQuote(words)}`;
    // An empty reply on a path argument lets bash complete file names (complete -o default).
    const file = command.fileArgument ? `[[ "$cur" != -* ]] && return 0; ` : "";
    return `    ${command.name}) ${file}${argument} ;;`;
  });
  return `# bash completion for ${name}; load it with: source <(${name} completion bash)
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" cmd="" words="" i
  (( COMP_CWORD > 0 )) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for (( i = 1; i < COMP_CWORD; i++ )); do
    case "\${COMP_WORDS[i]}" in
      ${valued.join("|")}) (( i++ )) ;;
      -*) ;;
      *) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$prev" in
${choices.map((option) => `    ${flagsOf([option]).join("|")}) COMPREPLY=($(compgen -W ${shQuote(option.choices!.join(" "))} -- "$cur")); return 0 ;;`).join("\n")}
${files.length ? `    ${files.join("|")}) COMPREPLY=(); return 0 ;;\n` : ""}    ${valued.join("|")}) COMPREPLY=(); return 0 ;;
  esac
  case "$cmd" in
    "") words=${shQuote([...commands.map((command) => command.name), ...flagsOf(globals)].join(" "))} ;;
${cases.join("\n")}
    *) words=${shQuote(flagsOf(globals).join(" "))} ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F ${fn} ${name}
`;
}

/** Escaped for a zsh `_arguments` spec or `_describe` item inside single quotes. */
const zshText = (text: string) =>
  text
    .replace(/\\/g, "\\\\")
    .replace(/([[\]:])/g, "\\$1")
    .replace(/'/g, "'\\''");

function zshOption(option: OptionSpec): string[] {
  const action = option.choices
    ? `:value:(${option.choices.join(" ")})`
    : option.file
      ? ":file:_files"
      : option.value
        ? ":value: "
        : "";
  const exclusive = option.short && option.long ? `(${option.short} ${option.long})` : "";
  return flagsOf([option]).map((flag) => `'${exclusive}${flag}[${zshText(option.description)}]${action}'`);
}

function zsh(name: string, { globals, commands }: ReturnType<typeof describe>): string {
  const fn = `_${name.replace(/[^A-Za-z0-9]/g, "_")}`;
  const cases = commands.map((command) => {
    const argument = command.choices
      ? `'1:value:(${command.choices.join(" ")})'`
      : command.fileArgument
        ? "'1:file:_files'"
        : "'*:argument: '";
    const specs = [...command.options.flatMap(zshOption), ...globals.flatMap(zshOption), argument];
    return `        ${command.name})\n          _arguments -s \\\n            ${specs.join(" \\\n            ")}\n          ;;`;
  });
  return `#compdef ${name}
# zsh completion for ${name}; load it with: source <(${name} completion zsh)
${fn}() {
  local curcontext="$curcontext" state line
  typeset -A opt_args
  local -a commands
  commands=(
${commands.map((command) => `    ${shQuote(`${command.name.replace(/:/g, "\\:")}:${command.description}`)}`).join("\n")}
  )
  _arguments -C \\
    ${globals.flatMap(zshOption).join(" \\\n    ")} \\
    '1:command:->command' \\
    '*::argument:->argument'
  case $state in
    command) _describe -t commands command commands ;;
    argument)
      case $line[1] in
${cases.join("\n")}
      esac
      ;;
  esac
}
if (( $+functions[compdef] )); then compdef ${fn} ${name}; else ${fn} "$@"; fi
`;
}

/** Single-quoted for fish: only `\\` and `'` are escaped. */
const fishQuote = (text: string) => `'${text.replace(/[\\']/g, "\\$&")}'`;

function fishOption(name: string, condition: string, option: OptionSpec): string {
  const parts = [`complete -c ${name}`];
  if (condition) parts.push(`-n ${fishQuote(condition)}`);
  if (option.short) parts.push(`-s ${option.short.slice(1)}`);
  if (option.long) parts.push(`-l ${option.long.slice(2)}`);
  if (option.choices) parts.push(`-x -a ${fishQuote(option.choices.join(" "))}`);
  else if (option.file) parts.push("-r -F");
  else if (option.value) parts.push("-x");
  parts.push(`-d ${fishQuote(option.description)}`);
  return parts.join(" ");
}

function fish(name: string, { globals, commands }: ReturnType<typeof describe>): string {
  const lines = [
    `# fish completion for ${name}; load it with: ${name} completion fish | source`,
    `complete -c ${name} -f`,
  ];
  for (const command of commands) {
    lines.push(
      `complete -c ${name} -n __fish_use_subcommand -a ${fishQuote(command.name)} -d ${fishQuote(command.description)}`,
    );
  }
  for (const option of globals) lines.push(fishOption(name, "", option));
  for (const command of commands) {
    const condition = `__fish_seen_subcommand_from ${command.name}`;
    for (const option of command.options) if (option !== HELP) lines.push(fishOption(name, condition, option));
    if (command.choices)
      lines.push(`complete -c ${name} -n ${fishQuote(condition)} -x -a ${fishQuote(command.choices.join(" "))}`);
    if (command.fileArgument) lines.push(`complete -c ${name} -n ${fishQuote(condition)} -F`);
  }
  return `${lines.join("\n")}\n`;
}

const SHELLS = { bash, zsh, fish } as const;

/** Adds the `completion` command. */
export function registerCompletion(program: Command, ctx: Context): void {
  program
    .command("completion")
    .description("Print a shell completion script for bash, zsh or fish")
    // Choices on the argument itself: commander reports anything else as a usage error (exit 2).
    .addArgument(new Argument("<shell>", "the shell to complete in").choices(Object.keys(SHELLS)))
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  source <(noiz-voices completion bash)        # in ~/.bashrc\n" +
        "  source <(noiz-voices completion zsh)         # in ~/.zshrc, after compinit\n" +
        "  noiz-voices completion fish > ~/.config/fish/completions/noiz-voices.fish",
    )
    .action((shell: string) => {
      ctx.io.stdout.write(SHELLS[shell as keyof typeof SHELLS](program.name(), describe(program)));
    });
}
