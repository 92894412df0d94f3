/**
 * What Proxmox VE's storage plugins (pve-storage, src/PVE/Storage/*Plugin.pm) mean for
 * moving guests: whether a storage is thin (its volumes occupy only what was written, so
 * their configured sizes may add up to more than the storage), whether its content listing
 * reports what a volume occupies, and which plugin types a migration can copy local
 * volumes between. The collector reads storages with it and the emulator serves them with
 * it, so both sides hold the same facts. Pure: plugin type and configuration in, facts out.
 */

/** The options of a storage's configuration (GET /storage) that decide thinness. */
export interface StorageOptions {
  /** zfspool, zfs (ZFS over iSCSI): `sparse 1`. */
  sparse?: boolean
  /** Plugin.pm's preallocation (off | metadata | falloc | full) for file-based storages. */
  preallocation?: string
}

/**
 * File-based plugins: their images are files whose allocated size qemu-img reports, so the
 * content listing carries `used` (Plugin.pm list_images: `used => $used` from
 * file_size_info; BTRFSPlugin.pm the same for raw and qcow2 images). LVM, LVM-thin, ZFS and
 * RBD listings give the size only (LvmThinPlugin.pm, ZFSPoolPlugin.pm zfs_list_zvol,
 * RBDPlugin.pm rbd_ls): for them only the pool's own use is known.
 */
const FILE_BASED = new Set(['dir', 'nfs', 'cifs', 'glusterfs', 'cephfs', 'btrfs'])

/**
 * Whether the storage is thin, from its plugin type and configuration; undefined where
 * the plugin cannot say (iSCSI LUNs are as thin as the SAN makes them) or holds no guest
 * volumes (PBS, ESXi import). Per plugin, from pve-storage:
 * - lvmthin: thin volumes in a thin pool (LvmThinPlugin.pm: `lvcreate -V` in the pool);
 *   the pool's status is its data use (`data_percent` × size, LVMPlugin.pm lvm_list_volumes).
 * - lvm: thick; every volume is an LV of its full size (LVMPlugin.pm status: VG size − free).
 * - zfspool and zfs (ZFS over iSCSI): `zfs create -V` reserves the whole size
 *   (refreservation) unless the storage has `sparse`, which adds `-s` (ZFSPoolPlugin.pm
 *   zfs_create_zvol). Containers' subvolumes only carry a refquota, but the storage
 *   counts as thick without `sparse`: its VM images are.
 * - rbd: Ceph images allocate objects as they are written.
 * - dir, nfs, cifs, glusterfs, cephfs, btrfs: files are sparse unless preallocated.
 *   Plugin.pm preallocation_cmd_opt: the default is `metadata`, which for raw means `off`
 *   (a sparse file) and for qcow2 allocates only metadata; `falloc` and `full` allocate the
 *   whole size. BTRFSPlugin.pm creates raw images with truncate (sparse) and qcow2 through
 *   Plugin.pm, so the same rule holds.
 */
export function thinProvisioned(type: string | undefined, options: StorageOptions | undefined): boolean | undefined {
  switch (type) {
    case 'lvmthin':
    case 'rbd':
      return true
    case 'lvm':
      return false
    case 'zfspool':
    case 'zfs':
      return options ? options.sparse === true : undefined
    default:
      if (!type || !FILE_BASED.has(type)) return undefined
      return options ? options.preallocation !== 'falloc' && options.preallocation !== 'full' : undefined
  }
}

/** A file-based plugin: its volumes are files (under a directory per vmid), and its content listing reports what each occupies (`used`). */
export function isFileBased(type: string | undefined): boolean {
  return type !== undefined && FILE_BASED.has(type)
}

/**
 * Plugin types a migration copies local volumes between (QemuMigrate.pm scan_local_volumes:
 * `dir|btrfs|zfspool|lvmthin|lvm`; PVE::LXC::Migrate the same list). A local volume on any
 * other type keeps its guest where it is.
 */
export const MIGRATABLE_LOCAL_TYPES: ReadonlySet<string> = new Set(['dir', 'btrfs', 'zfspool', 'lvmthin', 'lvm'])

/**
 * The stream formats an offline copy can move a volume in (`pvesm export | pvesm import`,
 * Storage.pm storage_migrate and volume_transfer_formats): what the source plugin exports
 * and the target plugin imports must meet, or PVE refuses with "cannot migrate from
 * storage type ...". ZFS sends `zfs` streams only and BTRFS, which copies from a migration
 * snapshot, `btrfs` only (ZFSPoolPlugin.pm, BTRFSPlugin.pm volume_export_formats); LVM,
 * LVM-thin and RBD move raw images as `raw+size`; directories raw, qcow2 and vmdk images
 * as `raw+size` and container subvolumes as `tar+size` (Plugin.pm). A live migration
 * mirrors attached disks through QEMU and needs none of this.
 */
export function exportFormats(type: string, format: string): string[] {
  if (type === 'btrfs') return ['btrfs']
  return importFormats(type, format)
}

export function importFormats(type: string, format: string): string[] {
  if (type === 'zfspool') return ['zfs']
  if (type === 'lvm' || type === 'lvmthin' || type === 'rbd') return format === 'raw' ? ['raw+size'] : []
  if (!isFileBased(type)) return []
  const file = format === 'subvol' ? ['tar+size'] : ['raw+size']
  return type === 'btrfs' ? ['btrfs', ...file] : file
}
