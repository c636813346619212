/** `noiz-voices list`: one page of voices, or every page with --all. */

import type { Voice, VoiceType } from "@noiz-voices/client";
import { type Command, Option } from "commander";
import type { Context } from "./context.js";
import { safe } from "./escape.js";
import { voicesTable } from "./format.js";
import { pageNumber, positiveInteger } from "./options.js";

interface ListOptions {
  type?: VoiceType;
  keyword?: string;
  page?: number;
  limit?: number;
  all?: boolean;
}

/** Adds the `list` command. */
export function registerList(program: Command, ctx: Context): void {
  program
    .command("list")
    .description("List voices as a table (id, name, type, labels, created), or as JSON with --json")
    .addOption(new Option("--type <type>", "custom (your clones) or built-in voices").choices(["custom", "built-in"]))
    .option("--keyword <text>", "only voices whose name, description or labels match")
    .option("--page <n>", "the page to show, starting at 0", pageNumber)
    .option("--limit <n>", "voices per page (default 10)", positiveInteger)
    .option("--all", "every voice of every page (from --page on)")
    .addHelpText(
      "after",
      "\nExamples:\n  noiz-voices list --type built-in\n  noiz-voices list --keyword warm --all --json",
    )
    .action(async (opts: ListOptions, command: Command) => {
      const client = await ctx.client(command);
      // Loaded with the client, which this command needs anyway.
      const { DEFAULT_PAGE_LIMIT: defaultLimit } = await import("@noiz-voices/client/internal");
      const params = {
        ...(opts.type ? { voice_type: opts.type } : {}),
        ...(opts.keyword !== undefined ? { keyword: opts.keyword } : {}),
        ...(opts.page !== undefined ? { skip: opts.page } : {}),
        ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
      };
      if (opts.all) {
        const voices: Voice[] = [];
        for await (const voice of client.voices.listAll(params, { signal: ctx.signal })) voices.push(voice);
        await ctx.print(command, { total_count: voices.length, voices }, (shown) =>
          voices.length === 0
            ? "No voices found.\n"
            : `${voicesTable(shown.voices)}\n${plural(voices.length)} in all.\n`,
        );
        return;
      }
      const page = await client.voices.list(params, { signal: ctx.signal });
      await ctx.print(command, page, (shown) => {
        if (page.voices.length === 0)
          return page.total_count > 0
            ? safe`No voices on this page (${plural(page.total_count)} in all).\n`
            : "No voices found.\n";
        const number = opts.page ?? 0;
        const limit = opts.limit ?? defaultLimit;
        const pages = Math.max(1, Math.ceil(page.total_count / limit));
        const more = number + 1 < pages ? ` Next: --page ${number + 1}, or --all.` : "";
        return `${voicesTable(shown.voices)}\n${safe`Page ${number} of ${pages} (pages start at 0), ${plural(page.total_count)} in all.`}${more}\n`;
      });
    });
}

const plural = (n: number) => `${n} voice${n === 1 ? "" : "s"}`;
