// Which database the hub keeps its data in, from the command line: the embedded SQLite file
// (`--db FILE`, the default) or a PostgreSQL server (`--database postgres://…`, or the
// ENDCAP_HUB_DATABASE variable, which keeps the address out of `ps`). The address's password never
// appears in anything the hub prints: `redactUrl` for the address, `hidePassword` for error texts.

export type HubDatabase = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** The database named by `--database` (PostgreSQL) or else `--db` (SQLite), or why the address is refused. */
export function hubDatabase(values: { db: string; database?: string | undefined }): HubDatabase | string {
  const url = values.database ?? process.env.ENDCAP_HUB_DATABASE;
  if (url === undefined || url === '') return { kind: 'sqlite', file: values.db };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '--database must be a PostgreSQL address: postgres://USER@HOST:PORT/DATABASE (password in PGPASSWORD or ~/.pgpass).';
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') return `--database must be a postgres:// address, not ${parsed.protocol}//….`;
  return { kind: 'postgres', url };
}

/** The address with its password replaced by ***: what logs and messages may show. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** `text` (an error message) with the address's password, if it has one, replaced by ***. */
export function hidePassword(text: string, database: HubDatabase | undefined): string {
  if (database?.kind !== 'postgres') return text;
  let password = '';
  try {
    password = decodeURIComponent(new URL(database.url).password);
  } catch {
    return text.split(database.url).join(redactUrl(database.url));
  }
  const raw = database.url;
  let out = text.split(raw).join(redactUrl(raw));
  if (password) out = out.split(password).join('***');
  return out;
}

/** How the database is named in the hub's own messages. */
export function describeDatabase(database: HubDatabase): string {
  return database.kind === 'sqlite' ? `SQLite file ${database.file}` : `PostgreSQL ${redactUrl(database.url)}`;
}
