import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KEY_FILE_NAME, resolveKeyring, SecretKeyError } from "./key-file.ts";
import {
  decodeSecretKey,
  keyIdOf,
  keyringOf,
  newSecretKey,
  open,
  seal,
  UnreadableSecret,
} from "./keyring.ts";

describe("sealing secrets (AES-256-GCM, with the key's id)", () => {
  const key = randomBytes(32);
  const ring = keyringOf(key);

  it("opens what it sealed, and a new IV makes each sealing differ", () => {
    const a = seal(ring, "JBSWY3DPEHPK3PXP", "totp:1");
    const b = seal(ring, "JBSWY3DPEHPK3PXP", "totp:1");
    expect(a).not.toBe(b);
    expect(a.startsWith(`v1.${keyIdOf(key)}.`)).toBe(true);
    expect(a).not.toContain("JBSWY3DPEHPK3PXP");
    expect(open(ring, a, "totp:1")).toBe("JBSWY3DPEHPK3PXP");
  });

  it("refuses another record's context, a changed byte and an unknown key", () => {
    const sealed = seal(ring, "secret", "totp:1");
    expect(() => open(ring, sealed, "totp:2")).toThrow(UnreadableSecret);
    const parts = sealed.split(".");
    const ct = Buffer.from(parts[4] as string, "base64url");
    ct[0] = (ct[0] as number) ^ 1;
    parts[4] = ct.toString("base64url");
    expect(() => open(ring, parts.join("."), "totp:1")).toThrow(/damaged/);
    const other = keyringOf(randomBytes(32));
    try {
      open(other, sealed, "totp:1");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UnreadableSecret);
      expect((error as UnreadableSecret).reason).toBe("unknown_key");
      expect((error as UnreadableSecret).keyId).toBe(keyIdOf(key));
    }
  });

  it("after a rotation, seals with the new key and still opens the old one's", () => {
    const old = seal(ring, "secret", "c");
    const next = randomBytes(32);
    const rotated = keyringOf(next, [key]);
    expect(rotated.currentId).toBe(keyIdOf(next));
    expect(open(rotated, old, "c")).toBe("secret");
    expect(seal(rotated, "secret", "c").split(".")[1]).toBe(keyIdOf(next));
  });

  it("reads a key only as 32 bytes of base64", () => {
    expect(decodeSecretKey(newSecretKey())?.length).toBe(32);
    expect(decodeSecretKey(randomBytes(16).toString("base64"))).toBeUndefined();
    expect(decodeSecretKey("not a key!")).toBeUndefined();
  });
});

describe("where the key comes from", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-key-"));
    dirs.push(dir);
    return path.join(dir, "data");
  };
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("makes a key file readable by its owner only on first start, and reads the same key after", () => {
    const dataDir = tempDir();
    const first = resolveKeyring({ dataDir, secretKey: undefined, previousSecretKeys: [] });
    expect(first.created).toBe(true);
    const file = path.join(dataDir, KEY_FILE_NAME);
    expect(first.source).toBe(file);
    if (process.platform !== "win32") expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const second = resolveKeyring({ dataDir, secretKey: undefined, previousSecretKeys: [] });
    expect(second.created).toBe(false);
    expect(second.keyring.currentId).toBe(first.keyring.currentId);
  });

  it("refuses a key file others can read, and a damaged one", () => {
    const dataDir = tempDir();
    resolveKeyring({ dataDir, secretKey: undefined, previousSecretKeys: [] });
    const file = path.join(dataDir, KEY_FILE_NAME);
    if (process.platform !== "win32") {
      fs.chmodSync(file, 0o644);
      expect(() =>
        resolveKeyring({ dataDir, secretKey: undefined, previousSecretKeys: [] }),
      ).toThrow(/chmod 600/);
      fs.chmodSync(file, 0o600);
    }
    fs.writeFileSync(file, "short\n");
    expect(() => resolveKeyring({ dataDir, secretKey: undefined, previousSecretKeys: [] })).toThrow(
      SecretKeyError,
    );
  });

  it("uses CASCADE_SECRET_KEY when set, with previous keys, and writes no file", () => {
    const dataDir = tempDir();
    const current = newSecretKey();
    const previous = newSecretKey();
    const resolved = resolveKeyring({
      dataDir,
      secretKey: current,
      previousSecretKeys: [previous],
    });
    expect(resolved.source).toBe("CASCADE_SECRET_KEY");
    expect(resolved.keyring.currentId).toBe(keyIdOf(Buffer.from(current, "base64")));
    expect(resolved.keyring.keys.has(keyIdOf(Buffer.from(previous, "base64")))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, KEY_FILE_NAME))).toBe(false);
    expect(() =>
      resolveKeyring({ dataDir, secretKey: "too-short", previousSecretKeys: [] }),
    ).toThrow(/CASCADE_SECRET_KEY must be 32 random bytes in base64/);
  });
});
