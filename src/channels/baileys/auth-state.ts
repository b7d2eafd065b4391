/**
 * Baileys auth state (creds + signal keys) kept in `baileys_auth`, never in files: each
 * value is serialised with Baileys' BufferJSON (Buffers as base64) and sealed with
 * AES-256-GCM under KABAR_SECRET_KEY, the channel id as associated data (src/lib/crypto.ts).
 * It replaces Baileys' `useMultiFileAuthState`, with the same semantics: creds written
 * after every `creds.update`, a `keys.set` batch written at once (here: one transaction).
 */
import {
  BufferJSON,
  initAuthCreds,
  proto,
  type AuthenticationCreds,
  type AuthenticationState,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from "baileys";
import { open, seal } from "../../lib/crypto.js";
import type { AuthRow, AuthRows } from "./store.js";

/** The `kind` of the creds row (its id is ''). */
const CREDS_KIND = "creds";

/** Called for a stored key that cannot be decrypted or parsed; the key is treated as absent. */
type UnreadableKey = (kind: string, id: string, error: unknown) => void;

/**
 * True once the device is linked to a WhatsApp account: Baileys sets `me` and the signed
 * device identity (`account`) when pairing succeeds. `me` alone is not enough: Baileys'
 * `requestPairingCode` sets it before the phone confirms.
 */
export function isLinked(creds: AuthenticationCreds): boolean {
  return Boolean(creds.me?.id && creds.account);
}

/**
 * The auth state of one channel. Hand `state` to `makeWASocket` and call `saveCreds()` on
 * every `creds.update`. Writes of the creds are queued so the last one wins.
 */
export class SealedAuthState {
  private current: AuthenticationCreds;
  private writes: Promise<unknown> = Promise.resolve();
  /** The signal key store Baileys reads and writes (`state.keys`). */
  readonly keys: SignalKeyStore;

  private constructor(
    private readonly rows: AuthRows,
    private readonly secretKey: Buffer,
    private readonly channelId: string,
    creds: AuthenticationCreds,
    onUnreadable: UnreadableKey,
  ) {
    this.current = creds;
    this.keys = {
      get: (type, ids) => this.getKeys(type, ids, onUnreadable),
      set: (data) => this.setKeys(data),
    };
  }

  /**
   * Reads the channel's creds, or starts from fresh ones (`initAuthCreds`) when there are none.
   * @param secretKey KABAR_SECRET_KEY (32 bytes)
   * @throws Error when the stored creds cannot be decrypted (another secret key, tampering)
   */
  static async load(
    rows: AuthRows,
    secretKey: Buffer,
    channelId: string,
    onUnreadable: UnreadableKey = () => {},
  ): Promise<SealedAuthState> {
    const sealed = (await rows.get(CREDS_KIND, [""])).get("");
    let creds = initAuthCreds();
    if (sealed) {
      try {
        creds = unseal(secretKey, sealed, channelId) as AuthenticationCreds;
      } catch (error) {
        throw new Error(
          `the WhatsApp Web credentials of channel ${channelId} cannot be decrypted (was KABAR_SECRET_KEY changed?)`,
          { cause: error },
        );
      }
    }
    return new SealedAuthState(rows, secretKey, channelId, creds, onUnreadable);
  }

  /** The creds object Baileys mutates (a new object after {@link wipe}). */
  get creds(): AuthenticationCreds {
    return this.current;
  }

  /** What `makeWASocket({ auth })` takes. */
  get state(): AuthenticationState {
    return { creds: this.current, keys: this.keys };
  }

  /** Writes the current creds (after the writes queued before). @throws the database error */
  saveCreds(): Promise<void> {
    return this.enqueue(() => this.rows.put([{ kind: CREDS_KIND, id: "", value: this.seal(this.current) }]));
  }

  /**
   * Deletes every row of the channel (logged out, or a half-done link thrown away) and starts
   * over from fresh creds in memory; queued after pending writes.
   */
  wipe(): Promise<void> {
    this.current = initAuthCreds();
    return this.enqueue(() => this.rows.wipe());
  }

  private enqueue(write: () => Promise<void>): Promise<void> {
    const next = this.writes.then(write);
    this.writes = next.catch(() => {});
    return next;
  }

  private async getKeys<T extends keyof SignalDataTypeMap>(
    type: T,
    ids: string[],
    onUnreadable: UnreadableKey,
  ) {
    const found = await this.rows.get(type, ids);
    const out: { [id: string]: SignalDataTypeMap[T] } = {};
    for (const [id, sealed] of found) {
      try {
        let value = unseal(this.secretKey, sealed, this.channelId);
        // As in Baileys' useMultiFileAuthState: this type must be a protobuf object again.
        if (type === "app-state-sync-key")
          value = proto.Message.AppStateSyncKeyData.fromObject(value as object);
        out[id] = value as SignalDataTypeMap[T];
      } catch (error) {
        onUnreadable(type, id, error);
      }
    }
    return out;
  }

  /** One `keys.set` batch → one `rows.put` (one transaction); null values delete. */
  private async setKeys(data: SignalDataSet): Promise<void> {
    const batch: AuthRow[] = [];
    for (const [kind, values] of Object.entries(data)) {
      for (const [id, value] of Object.entries(values ?? {})) {
        batch.push({ kind, id, value: value === null || value === undefined ? null : this.seal(value) });
      }
    }
    if (batch.length > 0) await this.rows.put(batch);
  }

  private seal(value: unknown): Buffer {
    return seal(this.secretKey, JSON.stringify(value, BufferJSON.replacer), this.channelId);
  }
}

function unseal(secretKey: Buffer, sealed: Buffer, channelId: string): unknown {
  return JSON.parse(open(secretKey, sealed, channelId).toString("utf8"), BufferJSON.reviver);
}
