/**
 * Certificate fingerprints as users give them (flags, environment, config files), made
 * canonical for pinning. Pure text handling, apart from src/proxmox/tls.ts so that reading
 * settings does not load the HTTP stack.
 */

/**
 * `AA:BB:...` (upper-case hex pairs with colons, as `openssl x509 -fingerprint -sha256`
 * and the Proxmox GUI show it) from the forms users paste: with or without colons, any
 * case, with a `sha256 Fingerprint=` or `SHA256:` prefix. A string is the reason it is
 * not a SHA-256 fingerprint.
 */
export function normalizeFingerprint(text: string): string | {error: string} {
  const stripped = text.trim().replace(/^(sha256 fingerprint=|sha256:|sha256=)/i, '')
  const hex = stripped.replace(/[:\s-]/g, '')
  if (!/^[0-9A-Fa-f]{64}$/.test(hex)) {
    return {error: `${JSON.stringify(text)} is not a SHA-256 fingerprint: expected 32 hex pairs such as 80:D4:F2:...:69:F5 (openssl x509 -noout -fingerprint -sha256 -in /etc/pve/local/pve-ssl.pem)`}
  }
  return hex.toUpperCase().match(/../g)!.join(':')
}
