// Where the packages' source lives, as their package.json says: the one repository URL that npm
// pages, TypeDoc's source links and the READMEs' links all use.

/**
 * `https://github.com/OWNER/REPO` from a manifest's `repository` (`git+https://….git`,
 * `git://…`, `github:OWNER/REPO` or `OWNER/REPO`), or undefined when it names none.
 * @param {Record<string, any>} manifest
 * @returns {string | undefined}
 */
export function repositoryWebUrl(manifest) {
  const raw = typeof manifest.repository === "string" ? manifest.repository : manifest.repository?.url;
  if (typeof raw !== "string" || raw === "") return undefined;
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (shorthand) return `https://github.com/${shorthand[1].replace(/\.git$/, "")}`;
  return raw
    .replace(/^git\+/, "")
    .replace(/^git:\/\//, "https://")
    .replace(/\.git$/, "");
}

/** Where the guides live in that repository: READMEs link here. @param {string} web */
export const docsUrlOf = (web) => `${web}/blob/main/docs/`;
