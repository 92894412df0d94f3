/**
 * Where the Proxmox VE API is: host lists as users write them, turned into endpoints.
 *
 * A host is `name`, `name:port`, an IPv6 address (`fe80::1`, `[fe80::1]`, `[fe80::1]:8006`)
 * or a URL (`https://pve1:8006`, as copied from a browser). Several hosts are separated by
 * commas or spaces, or given several times; they are tried in order. The port defaults to
 * 8006 and the scheme to https. Pure: text in, endpoints or a sentence saying what is wrong.
 */

export const DEFAULT_PORT = 8006

export interface Endpoint {
  /** Host name or address, without brackets. */
  host: string
  port: number
  /** https, or http when the user asked for it (the emulator's --http mode). */
  scheme: 'https' | 'http'
  /** `https://host:port`, brackets around IPv6: the base every API path is appended to. */
  origin: string
}

export type HostsResult = {ok: true; endpoints: Endpoint[]} | {ok: false; message: string}

/** Parses one or more host values (each may hold several hosts separated by commas or spaces). */
export function parseHosts(values: readonly string[]): HostsResult {
  const endpoints: Endpoint[] = []
  const items = values.flatMap((value) => value.split(/[\s,]+/)).filter((item) => item !== '')
  if (items.length === 0) return {ok: false, message: 'no host given: expected a host such as pve1.example.com, pve1:8006 or [fe80::1]:8006'}
  for (const item of items) {
    const endpoint = parseHost(item)
    if (typeof endpoint === 'string') return {ok: false, message: endpoint}
    if (!endpoints.some((e) => e.origin === endpoint.origin)) endpoints.push(endpoint)
  }
  return {ok: true, endpoints}
}

/** One host; a string is the reason it is not a host. */
export function parseHost(text: string): Endpoint | string {
  let rest = text
  let scheme: Endpoint['scheme'] = 'https'
  const url = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest)
  if (url) {
    const given = url[1].toLowerCase()
    if (given !== 'https' && given !== 'http') return `host ${JSON.stringify(text)}: scheme ${given} is not supported, use https://`
    scheme = given
    rest = rest.slice(url[0].length).replace(/\/(api2\/json\/?)?$/, '')
    if (rest.includes('/')) return `host ${JSON.stringify(text)}: expected a host and port, not a path (drop ${JSON.stringify(rest.slice(rest.indexOf('/')))})`
  }

  let host: string
  let portText: string | undefined
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(rest)
  if (bracketed) {
    host = bracketed[1]
    portText = bracketed[2]
    if (!isIpv6(host)) return `host ${JSON.stringify(text)}: ${JSON.stringify(host)} between brackets is not an IPv6 address`
  } else if ((rest.match(/:/g) ?? []).length >= 2) {
    // Several colons without brackets: a bare IPv6 address, which cannot carry a port.
    host = rest
    if (!isIpv6(host)) return `host ${JSON.stringify(text)}: not an IPv6 address; write an IPv6 address with a port as [address]:port`
  } else {
    const colon = rest.indexOf(':')
    host = colon < 0 ? rest : rest.slice(0, colon)
    portText = colon < 0 ? undefined : rest.slice(colon + 1)
    if (!/^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/.test(host)) return `host ${JSON.stringify(text)}: ${JSON.stringify(host)} is not a host name or IPv4 address`
  }

  let port = DEFAULT_PORT
  if (portText !== undefined) {
    if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      return `host ${JSON.stringify(text)}: port ${JSON.stringify(portText)} is not a number from 1 to 65535`
    }
    port = Number(portText)
  }
  const shown = host.includes(':') ? `[${host}]` : host
  return {host, port, scheme, origin: `${scheme}://${shown}:${port}`}
}

function isIpv6(text: string): boolean {
  // Hex groups and colons, with an optional embedded IPv4 tail (::ffff:192.0.2.1).
  return /^[0-9A-Fa-f:]+(:[0-9]{1,3}(\.[0-9]{1,3}){3})?$/.test(text) && text.includes(':')
}
