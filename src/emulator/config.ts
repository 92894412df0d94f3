/**
 * Guest configurations as `GET /nodes/{node}/{qemu|lxc}/{vmid}/config` returns them,
 * derived from what the snapshot knows about a guest: memory (a string of MiB for qemu,
 * an integer for lxc, as the real config parsers type them), cores, its volumes (as the
 * cluster holds them, see storage.ts),
 * the devices that tie it to its node (`hostpciN`, `usbN` ... from
 * `migration.localResources`), tags, lock, template flag, and a digest over the text.
 *
 * Everything not in the snapshot (MAC addresses, UUIDs, OS type) is derived from the vmid,
 * so the same guest always has the same configuration.
 */
import {hash} from 'node:crypto'
import type {Guest} from '../model/snapshot.js'
import {stableHex} from './cluster.js'
import type {ServedVolume} from './storage.js'

export type GuestConfig = Record<string, string | number>

const MiB = 2 ** 20

/** `32G`, `512M`, `4K`, or bytes: pve-common's format_size. */
export function formatSize(bytes: number): string {
  const units = ['K', 'M', 'G', 'T']
  let value = bytes
  let unit = -1
  while (unit < units.length - 1 && value % 1024 === 0 && value > 0) {
    value /= 1024
    unit++
  }
  return unit < 0 ? String(bytes) : `${value}${units[unit]}`
}

/** The text after `key: ` for a volume. */
function volumeText(guest: Guest, {key, volid, size, cdrom}: ServedVolume): string {
  if (key.startsWith('unused')) return volid
  const sizeText = `size=${formatSize(size)}`
  if (cdrom) return `${volid},media=cdrom,${sizeText}`
  if (key === 'efidisk0') return `${volid},efitype=4m,pre-enrolled-keys=1,${sizeText}`
  if (key === 'tpmstate0') return `${volid},${sizeText},version=v2.0`
  if (guest.type === 'lxc') return key === 'rootfs' ? `${volid},${sizeText}` : `${volid},mp=/mnt/${key},backup=1,${sizeText}`
  return `${volid},discard=on,iothread=1,${sizeText}`
}

/** The config line value for a device that ties a guest to its node. */
function localResourceValue(key: string, vmid: number): string | undefined {
  const n = Number(/\d+$/.exec(key)?.[0] ?? 0)
  if (key.startsWith('hostpci')) return `0000:${(n + 1).toString(16).padStart(2, '0')}:00.0,pcie=1`
  if (key.startsWith('usb')) return `host=${(0x046d + n).toString(16)}:c52b`
  if (key.startsWith('serial')) return `/dev/ttyS${n}`
  if (key.startsWith('parallel')) return `/dev/parport${n}`
  if (key === 'ivshmem') return `size=32,name=vm${vmid}`
  if (key.startsWith('virtiofs')) return `dirid=share${n}`
  if (key.startsWith('dev')) return `/dev/ttyUSB${n}`
  return undefined
}

export function macAddress(vmid: number): string {
  const hex = stableHex(`mac ${vmid}`, 6).toUpperCase()
  return `BC:24:11:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`
}

function uuid(text: string): string {
  const h = stableHex(text, 32)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}

/** The configuration of a guest with these volumes (Cluster.volumesOf), including its digest. */
export function guestConfig(guest: Guest, volumes: readonly ServedVolume[]): GuestConfig {
  const config: GuestConfig = {}
  const cores = Math.max(1, Math.ceil(guest.cpu.cores))
  const memoryMiB = Math.max(16, Math.round(guest.memory.assigned / MiB))
  if (guest.type === 'qemu') {
    const boot = volumes.find((v) => !v.cdrom && !v.key.startsWith('unused') && /^(scsi|virtio|sata|ide)\d+$/.test(v.key))
    config.agent = '1'
    config.boot = `order=${boot ? boot.key + ';' : ''}net0`
    config.cores = cores
    config.cpu = 'x86-64-v2-AES'
    config.memory = String(memoryMiB)
    config.meta = `creation-qemu=9.2.0,ctime=${1_700_000_000 + guest.vmid}`
    config.name = guest.name
    config.net0 = `virtio=${macAddress(guest.vmid)},bridge=vmbr0,firewall=1`
    config.numa = 0
    config.ostype = 'l26'
    config.scsihw = 'virtio-scsi-single'
    config.smbios1 = `uuid=${uuid(`smbios ${guest.vmid}`)}`
    config.sockets = 1
    config.vmgenid = uuid(`vmgenid ${guest.vmid}`)
  } else {
    config.arch = 'amd64'
    config.cores = cores
    config.features = 'nesting=1'
    config.hostname = guest.name
    config.memory = memoryMiB
    config.net0 = `name=eth0,bridge=vmbr0,firewall=1,hwaddr=${macAddress(guest.vmid)},ip=dhcp,type=veth`
    config.ostype = 'debian'
    config.swap = 512
    config.unprivileged = 1
  }
  if (guest.cpu.cores !== cores && guest.cpu.cores > 0) config.cpulimit = guest.cpu.cores
  for (const volume of volumes) config[volume.key] = volumeText(guest, volume)
  for (const key of guest.migration?.localResources ?? []) {
    const value = localResourceValue(key, guest.vmid)
    if (value !== undefined) config[key] = value
  }
  if (guest.tags?.length) config.tags = guest.tags.join(';')
  if (guest.template) config.template = 1
  if (guest.lock) config.lock = guest.lock
  if (guest.status === 'running') config.onboot = 1
  config.digest = digestOf(config)
  return config
}

/** sha1 over the config as it would stand in /etc/pve (key: value lines). */
function digestOf(config: GuestConfig): string {
  const text = Object.keys(config).sort().map((k) => `${k}: ${config[k]}\n`).join('')
  return hash('sha1', text, 'hex')
}
