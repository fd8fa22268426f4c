import {
  createHash,
  createSign,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from "node:crypto";

/*
 * A software authenticator for tests: an ES256 key pair per credential, and
 * the WebAuthn responses built byte by byte (clientDataJSON, authenticatorData,
 * a "none" attestation object in CBOR), independent of the library that checks
 * them. Every field a test may want to spoil can be overridden.
 */

/** The little CBOR the attestation needs: unsigned and negative integers, bytes, text, maps. */
export function cbor(value: unknown): Buffer {
  const head = (major: number, n: number): Buffer => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 256) return Buffer.from([(major << 5) | 24, n]);
    if (n < 65536) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(n, 1);
    return b;
  };
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (value instanceof Map) {
    const parts = [head(5, value.size)];
    for (const [k, v] of value) parts.push(cbor(k), cbor(v));
    return Buffer.concat(parts);
  }
  throw new Error(`cbor: cannot encode ${typeof value}`);
}

const b64url = (b: Uint8Array | string) => Buffer.from(b).toString("base64url");
const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest();

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export interface SoftCredential {
  id: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  rpId: string;
  userHandle: string;
  counter: number;
}

type Options = { challenge: string; rp?: { id?: string }; rpId?: string; user?: { id: string } };

export interface Spoil {
  origin?: string;
  rpId?: string;
  challenge?: string;
  type?: string;
  userVerified?: boolean;
  /** The counter to report; the credential's own next one when left out. */
  counter?: number;
  /** Sign with another key than the credential's. */
  wrongKey?: boolean;
  /** Claim another credential id than the one that signs. */
  credentialId?: string;
  userHandle?: string;
}

function authData(rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter, 0);
  return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, attested ?? Buffer.alloc(0)]);
}

function coseKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: "jwk" });
  return cbor(
    new Map<number, unknown>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x ?? "", "base64url")],
      [-3, Buffer.from(jwk.y ?? "", "base64url")],
    ]),
  );
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];
  constructor(readonly origin: string) {}

  private clientData(type: string, challenge: string, spoil: Spoil): string {
    return b64url(
      JSON.stringify({
        type: spoil.type ?? type,
        challenge: spoil.challenge ?? challenge,
        origin: spoil.origin ?? this.origin,
        crossOrigin: false,
      }),
    );
  }

  /** Answers `navigator.credentials.create()` for these options, keeping the new credential. */
  register(options: Options, spoil: Spoil = {}) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const id = randomBytes(16);
    const rpId = spoil.rpId ?? options.rp?.id ?? new URL(this.origin).hostname;
    const credential: SoftCredential = {
      id: b64url(id),
      privateKey,
      publicKey,
      rpId: options.rp?.id ?? rpId,
      userHandle: options.user?.id ?? "",
      counter: 0,
    };
    this.credentials.push(credential);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length, 0);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, id, coseKey(publicKey)]);
    const flags = FLAG_UP | FLAG_AT | (spoil.userVerified === false ? 0 : FLAG_UV);
    const data = authData(rpId, flags, spoil.counter ?? 0, attested);
    const attestationObject = cbor(
      new Map<string, unknown>([
        ["fmt", "none"],
        ["attStmt", new Map()],
        ["authData", data],
      ]),
    );
    return {
      credential,
      response: {
        id: credential.id,
        rawId: credential.id,
        type: "public-key" as const,
        response: {
          clientDataJSON: this.clientData("webauthn.create", options.challenge, spoil),
          attestationObject: b64url(attestationObject),
          transports: ["internal" as const],
        },
        authenticatorAttachment: "platform" as const,
        clientExtensionResults: {},
      },
    };
  }

  /** Answers `navigator.credentials.get()` with one of its credentials (the first by default). */
  assert(options: Options, credential = this.credentials[0], spoil: Spoil = {}) {
    if (!credential) throw new Error("no credential");
    const rpId = spoil.rpId ?? options.rpId ?? credential.rpId;
    if (spoil.counter === undefined) credential.counter += 1;
    const counter = spoil.counter ?? credential.counter;
    const data = authData(rpId, FLAG_UP | (spoil.userVerified === false ? 0 : FLAG_UV), counter);
    const clientDataJSON = this.clientData("webauthn.get", options.challenge, spoil);
    const signer = createSign("SHA256");
    signer.update(Buffer.concat([data, sha256(Buffer.from(clientDataJSON, "base64url"))]));
    const key = spoil.wrongKey
      ? generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey
      : credential.privateKey;
    return {
      id: spoil.credentialId ?? credential.id,
      rawId: spoil.credentialId ?? credential.id,
      type: "public-key" as const,
      response: {
        clientDataJSON,
        authenticatorData: b64url(data),
        signature: b64url(signer.sign(key)),
        userHandle: spoil.userHandle ?? credential.userHandle,
      },
      authenticatorAttachment: "platform" as const,
      clientExtensionResults: {},
    };
  }
}
