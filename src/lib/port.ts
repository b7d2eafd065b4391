/**
 * Checking that Kabar can listen where it is told to, before it starts anything: a port
 * another program holds must stop the start at once with a message naming it, not after
 * the database, the job queue and the channels came up (and have to be stopped again).
 */
import { createServer } from "node:net";

/** Kabar cannot listen on `host:port`: it is in use (EADDRINUSE), or not allowed (EACCES), or the address is not on this machine (EADDRNOTAVAIL). */
export class PortUnavailableError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
    readonly code: string,
  ) {
    super(portMessage(host, port, code));
    this.name = "PortUnavailableError";
  }
}

/** The operator's message for a listen error `code` on `host:port`, in English and Bahasa Indonesia. */
function portMessage(host: string, port: number, code: string): string {
  const where = `${host}:${port}`;
  switch (code) {
    case "EADDRINUSE":
      return `Cannot listen on ${where}: the port is already in use (another Kabar, or another program). Stop it, or set PORT to a free port. / Port ${where} sudah dipakai program lain; hentikan program itu atau atur PORT ke port yang bebas.`;
    case "EACCES":
      return `Cannot listen on ${where}: permission denied (ports below 1024 need privileges). Set PORT to 1024 or above. / Tidak diizinkan memakai port ${where}; atur PORT ke 1024 atau lebih.`;
    case "EADDRNOTAVAIL":
      return `Cannot listen on ${where}: the address ${host} is not on this machine. Check HOST. / Alamat ${host} tidak ada di mesin ini; periksa HOST.`;
    default:
      return `Cannot listen on ${where} (${code}). / Tidak bisa memakai ${where} (${code}).`;
  }
}

/**
 * The error to report for a failed `listen` on `host:port`: a PortUnavailableError naming
 * the port for the usual system errors, `err` itself otherwise.
 */
export function listenError(err: unknown, host: string, port: number): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL"
    ? new PortUnavailableError(host, port, code)
    : err;
}

/**
 * Resolves when `host:port` can be listened on now (it binds and closes a server there,
 * exclusively); port 0 (any free port) always can.
 * @throws PortUnavailableError when it is in use, not allowed or not an address of this machine
 * @throws the system error for anything else (e.g. a host name that does not resolve)
 */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err) => reject(listenError(err, host, port)));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve()));
  });
}
