import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
} from 'node:crypto';

/*
 * The access code a paid registration creates is made where the payment is confirmed (the
 * provider's webhook, server to server), but must be shown once to the buyer's browser. It is
 * kept meanwhile sealed to a key only that browser holds: the checkout gives the browser the
 * private half of an X25519 key (an HttpOnly cookie) and keeps the public half with the order.
 * The webhook seals the code to the public half (ephemeral X25519, HKDF-SHA256, AES-256-GCM);
 * the confirmation page opens it with the browser's half and forgets it. The database never holds
 * anything that reads as the code.
 */

const INFO = Buffer.from('catalog access code v1');
const b64 = (bytes: Buffer) => bytes.toString('base64url');

export interface ClaimKeys {
  /** For the buyer's browser only. */
  privateKey: string;
  /** Kept with the order. */
  publicKey: string;
}

export function newClaimKeys(): ClaimKeys {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { privateKey: jwk.d!, publicKey: publicKey.export({ format: 'jwk' }).x! };
}

const publicKeyOf = (x: string) => createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' });

function sharedKey(
  privateKey: ReturnType<typeof createPrivateKey>,
  publicKey: ReturnType<typeof createPublicKey>,
  ephemeral: Buffer,
): Buffer {
  const secret = diffieHellman({ privateKey, publicKey });
  return Buffer.from(hkdfSync('sha256', secret, ephemeral, INFO, 32));
}

/** The code sealed to the buyer's public key: base64url of the ephemeral key, nonce, tag and ciphertext. */
export function sealAccessCode(code: string, publicKey: string): string {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralPublic = Buffer.from(ephemeral.publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const key = sharedKey(ephemeral.privateKey, publicKeyOf(publicKey), ephemeralPublic);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return b64(Buffer.concat([ephemeralPublic, nonce, cipher.getAuthTag(), body]));
}

/** The code, given the buyer's private key; undefined for any other key or a damaged seal. */
export function openSealedCode(sealed: string, privateKey: string, publicKey: string): string | undefined {
  try {
    const bytes = Buffer.from(sealed, 'base64url');
    if (bytes.length < 32 + 12 + 16 + 1) return undefined;
    const ephemeralPublic = bytes.subarray(0, 32);
    const mine = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: privateKey, x: publicKey }, format: 'jwk' });
    const key = sharedKey(mine, publicKeyOf(ephemeralPublic.toString('base64url')), Buffer.from(ephemeralPublic));
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(32, 44));
    decipher.setAuthTag(bytes.subarray(44, 60));
    return Buffer.concat([decipher.update(bytes.subarray(60)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
