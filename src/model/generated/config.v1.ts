/* Generated from schemas/config.v1.json by scripts/gen-types.js (npm run gen:types). Do not edit by hand. */

/**
 * proxlb's configuration file (YAML, default /etc/proxlb/proxlb.conf): how to reach the cluster, which policy to use, and how the balance service runs. Every field is optional except apiVersion and kind; command-line flags and PROXLB_* environment variables override it. Relative paths are relative to this file. proxlb also reads the INI file of the original ProxLB in its place.
 */
export interface Config {
  /**
   * Optional pointer to this schema, for editors.
   */
  $schema?: string
  /**
   * Version of the config format. This schema describes proxlb/v1.
   */
  apiVersion: 'proxlb/v1'
  /**
   * Always Config (a file of kind Policy is a policy: pass it with --policy).
   */
  kind: 'Config'
  connection?: Connection
  /**
   * The policy to use when none is given with --policy: the path of a policy file, or a policy written here (the fields of a policy file; apiVersion may be left out).
   */
  policy?: string | {}
  service?: Service
}
/**
 * How to reach and log in to the Proxmox VE API. Give a user with a password, or an API token.
 *
 * This interface was referenced by `Config`'s JSON-Schema
 * via the `definition` "Connection".
 */
export interface Connection {
  /**
   * Proxmox hosts, tried in order until one answers: host, host:port, [IPv6]:port or https://host:port (default port 8006). A list, or one string with commas.
   */
  hosts?: string | [string, ...string[]]
  /**
   * User with realm, e.g. proxlb@pve or root@pam (for password login).
   */
  user?: string
  /**
   * The user's password. Prefer passwordFile; a file holding a password should be readable by its owner only.
   */
  password?: string
  /**
   * File whose first line is the user's password.
   */
  passwordFile?: string
  /**
   * API token id, user@realm!tokenname, e.g. proxlb@pve!balancer.
   */
  tokenId?: string
  /**
   * The API token's secret (a UUID). Prefer tokenSecretFile.
   */
  tokenSecret?: string
  /**
   * File whose first line is the API token's secret.
   */
  tokenSecretFile?: string
  /**
   * PEM file of the CA that signed the Proxmox certificates (e.g. a copy of /etc/pve/pve-root-ca.pem).
   */
  caFile?: string
  /**
   * SHA-256 fingerprints of the certificates to accept whatever signed them (one per node), as the GUI or openssl x509 -fingerprint -sha256 shows them.
   */
  fingerprints?: string | string[]
  /**
   * Do not verify TLS certificates at all. Anyone on the path can then read the credentials; prefer caFile or fingerprints. Default false.
   */
  insecure?: boolean
  /**
   * Most seconds one API request may take. Default 30.
   */
  timeout?: number
  /**
   * How often a failed read is tried again (network errors, 5xx, 595/596). Default 3.
   */
  retries?: number
}
/**
 * How proxlb balance runs as a service.
 *
 * This interface was referenced by `Config`'s JSON-Schema
 * via the `definition` "Service".
 */
export interface Service {
  /**
   * Whether balance moves guests (false: it plans and reports only). Default true.
   */
  enabled?: boolean
  /**
   * Keep running and balance every interval, rather than once. Default false.
   */
  daemon?: boolean
  /**
   * Time between two balancing runs in daemon mode: a number and a unit, s, m, h or d (30m, 12h, 1d). Default 12h.
   */
  interval?: string
}
