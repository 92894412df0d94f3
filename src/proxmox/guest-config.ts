/**
 * What a guest's configuration (GET /nodes/{node}/{qemu|lxc}/{vmid}/config) says about
 * moving it: its volumes (which storage, how large, CD-ROM or not) and the keys that tie
 * it to its node (PCI and USB passthrough, serial and parallel ports, shared memory,
 * virtiofs, physical disks, container device nodes and bind mounts).
 *
 * The rules follow qemu-server and pve-container: a USB device on SPICE, a serial port on
 * a socket and a cloud-init drive (regenerated on the target) do not hold a guest back;
 * `none` is an empty drive. Pure: a config object in, facts out.
 */

export interface GuestVolume {
  /** Configuration key: scsi0, virtio1, efidisk0, rootfs, mp0, unused0 ... */
  key: string
  volid: string
  /** Storage id (the part of the volid before the colon). */
  storage: string
  /** Bytes, from the size= option (0 when the config does not say, as for unused disks). */
  size: number
  cdrom: boolean
  /** A container mount point marked shared=1: already on every node. */
  sharedMount: boolean
}

export interface GuestConfigFacts {
  volumes: GuestVolume[]
  /** Keys that tie the guest to its node. */
  localResources: string[]
}

const QEMU_DISK = /^(ide|sata|scsi|virtio)\d+$|^efidisk0$|^tpmstate0$|^unused\d+$/
const LXC_DISK = /^rootfs$|^mp\d+$|^unused\d+$/
const QEMU_DEVICE = /^(hostpci\d+|usb\d+|serial\d+|parallel\d+|ivshmem|virtiofs\d+)$/
const LXC_DEVICE = /^dev\d+$/

/** Reads a guest config of either type; keys it does not know are ignored. */
export function guestConfigFacts(type: 'qemu' | 'lxc', config: Record<string, unknown>): GuestConfigFacts {
  const volumes: GuestVolume[] = []
  const localResources: string[] = []
  const diskKey = type === 'qemu' ? QEMU_DISK : LXC_DISK
  const deviceKey = type === 'qemu' ? QEMU_DEVICE : LXC_DEVICE
  // Most keys (name, memory, net0 ...) say nothing about moving: leave them out before sorting.
  const keys = Object.keys(config).filter((key) => deviceKey.test(key) || diskKey.test(key))
  for (const key of keys.sort(byConfigKey)) {
    const raw = config[key]
    if (typeof raw !== 'string' && typeof raw !== 'number') continue
    const value = String(raw)
    if (deviceKey.test(key)) {
      if (tiesToNode(key, value)) localResources.push(key)
      continue
    }
    const {volume, options} = splitPropertyString(value, key.startsWith('unused') ? 'volume' : type === 'lxc' ? 'volume' : 'file')
    if (!volume || volume === 'none') continue
    const cdrom = options.media === 'cdrom'
    if (volume === 'cdrom' || volume.startsWith('/')) {
      // A physical drive or a host path: it exists on this node only, unless a container marks it shared.
      if (!(type === 'lxc' && options.shared === '1')) localResources.push(key)
      continue
    }
    const colon = volume.indexOf(':')
    if (colon <= 0) continue
    if (/(^|[/:])vm-\d+-cloudinit/.test(volume)) continue
    volumes.push({key, volid: volume, storage: volume.slice(0, colon), size: parseDiskSize(options.size), cdrom, sharedMount: type === 'lxc' && options.shared === '1'})
  }
  return {volumes, localResources}
}

/** USB on SPICE and serial ports on a socket are not host devices. */
function tiesToNode(key: string, value: string): boolean {
  const first = value.split(',')[0]
  if (key.startsWith('usb')) return !/^(host=)?spice$/.test(first)
  if (key.startsWith('serial')) return first !== 'socket'
  return true
}

/**
 * `local-lvm:vm-100-disk-0,size=32G,ssd=1` into the volume and its options. The volume
 * may also be given by name (`file=...`, `volume=...`).
 */
export function splitPropertyString(value: string, volumeKey: string): {volume: string | undefined; options: Record<string, string>} {
  const options: Record<string, string> = {}
  let volume: string | undefined
  value.split(',').forEach((part, i) => {
    const eq = part.indexOf('=')
    if (eq < 0) {
      if (i === 0) volume = part.trim()
      return
    }
    const name = part.slice(0, eq).trim()
    const text = part.slice(eq + 1).trim()
    if (name === volumeKey) volume = text
    else options[name] = text
  })
  return {volume, options}
}

const UNITS: Record<string, number> = {'': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40}

/** `32G`, `512M`, `1.5T`, `4096` (bytes) into bytes; 0 when absent or unreadable. */
export function parseDiskSize(text: string | undefined): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)([KMGT]?)$/i.exec(text?.trim() ?? '')
  if (!match) return 0
  return Math.round(Number(match[1]) * UNITS[match[2].toUpperCase()])
}

/** scsi2 before scsi10: keys in the order Proxmox shows them. */
function byConfigKey(a: string, b: string): number {
  const split = (key: string) => /^(.*?)(\d*)$/.exec(key)!
  const [, pa, na] = split(a)
  const [, pb, nb] = split(b)
  return pa < pb ? -1 : pa > pb ? 1 : Number(na || -1) - Number(nb || -1)
}
