/* Generated from schemas/snapshot.v1.json by scripts/gen-types.js (npm run gen:types). Do not edit by hand. */

/**
 * The state of a Proxmox VE cluster at one moment, as proxlb reads it: nodes, guests, storages and HA rules. Memory and disk are in bytes (integers), CPU in cores, times in ISO-8601 UTC. Percentages are derived, never stored. A snapshot never contains a secret.
 */
export interface Snapshot {
  /**
   * Optional pointer to this schema, for editors.
   */
  $schema?: string
  /**
   * The format and its version: always proxlb.snapshot/v1 for this schema. Files written by earlier builds of proxlb carry "schemaVersion": 1 instead; proxlb reads them as proxlb.snapshot/v1.
   */
  format: 'proxlb.snapshot/v1'
  /**
   * When the cluster was read (ISO-8601, UTC).
   */
  takenAt: string
  source: Source
  cluster: Cluster
  /**
   * Every cluster node, online or not.
   */
  nodes: Node[]
  /**
   * Every virtual machine (qemu) and container (lxc), running or not, templates included.
   */
  guests: Guest[]
  /**
   * Storages as seen from each node (one entry per storage and node), from /cluster/resources (type storage) and /storage. An empty or missing list means the snapshot carries no storage information (an old snapshot, or a reader without Datastore.Audit): disk space is then not checked.
   */
  storages?: Storage[]
  ha?: Ha
  /**
   * sha256 over the canonical JSON of cluster, nodes, guests, storages and ha (not takenAt or source): two snapshots of an unchanged cluster share it. Recomputed on load; a mismatch means the file was edited.
   */
  fingerprint?: string
}
/**
 * Where the snapshot came from. Never holds credentials.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "Source".
 */
export interface Source {
  /**
   * api: read from a Proxmox VE cluster; emulator: read from proxlb's emulator; example: written by hand or generated for examples and tests; simulated: predicted by proxlb simulate.
   */
  kind: 'api' | 'emulator' | 'example' | 'simulated'
  /**
   * Base URL of the API that answered, without credentials (for example https://pve1:8006).
   */
  endpoint?: string
  /**
   * Proxmox VE version reported by the cluster (for example 9.1.2).
   */
  pveVersion?: string
  /**
   * Name and version of the program that wrote the snapshot (for example proxlb 0.1.0).
   */
  tool?: string
  /**
   * How guest and node CPU usage was measured: one sample, or the average over the last hour or day of RRD data.
   */
  cpuWindow?: 'sample' | 'hour' | 'day'
  /**
   * Free text describing the snapshot (for example what a simulation changed).
   */
  note?: string
}
/**
 * Cluster-wide facts.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "Cluster".
 */
export interface Cluster {
  /**
   * Cluster name (the node name for a single node without a cluster).
   */
  name: string
  /**
   * Whether the cluster had quorum. Without quorum nothing can migrate.
   */
  quorate: boolean
  crs?: Crs
}
/**
 * Proxmox's own cluster resource scheduler settings (datacenter option crs).
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "Crs".
 */
export interface Crs {
  /**
   * How the HA stack picks nodes on start and recovery.
   */
  ha: 'basic' | 'static' | 'dynamic'
  /**
   * ha-rebalance-on-start: HA guests are placed on the best node when they start.
   */
  rebalanceOnStart?: boolean
  /**
   * ha-auto-rebalance (PVE 9.2+): the HA stack moves HA guests to balance load by itself. A second balancer beside it will fight it.
   */
  autoRebalance?: boolean
}
/**
 * One cluster node.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "Node".
 */
export interface Node {
  /**
   * Node name as Proxmox knows it.
   */
  name: string
  /**
   * online, offline or unknown (as in /cluster/resources). Only online nodes give or receive guests.
   */
  status: 'online' | 'offline' | 'unknown'
  /**
   * The node is in HA maintenance mode: HA guests are leaving it and nothing should arrive.
   */
  maintenance?: boolean
  /**
   * Cluster network address of the node.
   */
  ip?: string
  /**
   * pve-manager version running on the node.
   */
  pveVersion?: string
  cpu: NodeCpu
  memory: NodeMemory
  disk: NodeDisk
  rootfs?: NodeRootfs
}
/**
 * CPU of a node, in cores.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "NodeCpu".
 */
export interface NodeCpu {
  /**
   * Logical CPUs (threads) of the node.
   */
  cores: number
  /**
   * CPU in use on the whole node, in cores (host and guests).
   */
  used: number
}
/**
 * Memory of a node, in bytes.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "NodeMemory".
 */
export interface NodeMemory {
  /**
   * Physical memory of the node, in bytes.
   */
  total: number
  /**
   * Memory in use on the whole node (host and guests), in bytes.
   */
  used: number
}
/**
 * Local (not shared) guest storage of a node, in bytes: the sum of its active, non-shared storages that hold guest volumes (content images or rootdir), as those storages report their own use. Not the root filesystem (see rootfs). This is what the disk method balances.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "NodeDisk".
 */
export interface NodeDisk {
  /**
   * Capacity of the node's local guest storage, in bytes.
   */
  total: number
  /**
   * Bytes in use on the node's local guest storage.
   */
  used: number
}
/**
 * The node's root filesystem, as /cluster/resources (disk, maxdisk) and /nodes/{node}/status (rootfs) report it, in bytes. Not guest storage: proxlb never places guest volumes by it.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "NodeRootfs".
 */
export interface NodeRootfs {
  /**
   * Size of the root filesystem, in bytes.
   */
  total: number
  /**
   * Bytes in use on the root filesystem.
   */
  used: number
}
/**
 * One virtual machine (qemu) or container (lxc).
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "Guest".
 */
export interface Guest {
  /**
   * Guest id, unique in the cluster.
   */
  vmid: number
  /**
   * Guest name (hostname for containers).
   */
  name: string
  /**
   * qemu for virtual machines, lxc for containers.
   */
  type: 'qemu' | 'lxc'
  /**
   * Name of the node the guest is on.
   */
  node: string
  /**
   * Run state: running, stopped, paused (qemu only) or unknown.
   */
  status: 'running' | 'stopped' | 'paused' | 'unknown'
  /**
   * The guest is a template.
   */
  template?: boolean
  /**
   * Proxmox tags of the guest (ProxLB tags such as plb_ignore_vm, plb_include_web, plb_exclude_db, plb_pin_pve1 are understood by default).
   */
  tags?: string[]
  /**
   * Resource pool the guest belongs to.
   */
  pool?: string
  /**
   * Current lock (backup, migrate, snapshot, clone, ...). A locked guest cannot migrate.
   */
  lock?: string
  cpu: GuestCpu
  memory: GuestMemory
  disk: GuestDisk
  ha?: GuestHa
  migration?: GuestMigration
}
/**
 * CPU of a guest, in cores.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "GuestCpu".
 */
export interface GuestCpu {
  /**
   * vCPUs assigned to the guest.
   */
  cores: number
  /**
   * CPU in use by the guest, in cores (0 when stopped).
   */
  used: number
}
/**
 * Memory of a guest, in bytes.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "GuestMemory".
 */
export interface GuestMemory {
  /**
   * Configured memory (maxmem), in bytes.
   */
  assigned: number
  /**
   * Memory in use, in bytes (0 when stopped).
   */
  used: number
}
/**
 * Disks of a guest, in bytes.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "GuestDisk".
 */
export interface GuestDisk {
  /**
   * Configured size of all the guest's disks, in bytes.
   */
  assigned: number
  /**
   * Bytes used on the guest's disks, where Proxmox reports it (containers); otherwise equal to assigned or 0.
   */
  used: number
}
/**
 * High availability state of a guest.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "GuestHa".
 */
export interface GuestHa {
  /**
   * The guest is an HA resource: migrations go through the HA stack (hamigrate).
   */
  managed: boolean
  /**
   * Requested HA state (started, stopped, ignored, disabled ...).
   */
  state?: string
  /**
   * HA group (PVE 8 and older).
   */
  group?: string
}
/**
 * Facts that decide whether and how a guest can migrate.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "GuestMigration".
 */
export interface GuestMigration {
  /**
   * Disks on storage that is not shared: they must be copied (with-local-disks) or they keep the guest where it is.
   */
  localDisks?: LocalDisk[]
  /**
   * Volumes on shared storage: nothing to copy when the guest migrates. Recorded for a complete picture of the guest's disks.
   */
  sharedDisks?: SharedDisk[]
  /**
   * Volumes on storage the reader could not see (no Datastore.Audit): whether they are local is not known. They neither keep the guest on its node nor are checked for space; the plan says so.
   */
  unknownDisks?: SharedDisk[]
  /**
   * Configuration keys that tie the guest to its node (hostpci0, usb0, serial0, parallel0, ivshmem, virtiofs0 ...). A guest with any of these cannot migrate.
   */
  localResources?: string[]
  /**
   * Nodes Proxmox allows as targets, where known. Absent means not checked.
   */
  allowedNodes?: string[]
}
/**
 * A volume of a guest on node-local (not shared) storage: it must be copied when the guest migrates.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "LocalDisk".
 */
export interface LocalDisk {
  /**
   * Configuration key (scsi0, virtio1, rootfs, mp0, efidisk0, unused0 ...).
   */
  key: string
  /**
   * Volume id (storage:volume).
   */
  volid?: string
  /**
   * Storage id the volume lives on.
   */
  storage: string
  /**
   * Configured (virtual) size of the volume in bytes, as the guest sees it.
   */
  size: number
  /**
   * Bytes the volume really occupies on its storage, where Proxmox reports it: the content listing's used for file-based storages (dir, nfs, cifs, btrfs ...), a running container's root filesystem use from its status. Absent where only the pool's own use is known (lvmthin, zfspool, rbd).
   */
  used?: number
  /**
   * Volume format as the content listing gives it (raw, qcow2, vmdk, subvol).
   */
  format?: string
  /**
   * The volume is a CD-ROM image (ISO): a live migration cannot take it along.
   */
  cdrom?: boolean
}
/**
 * A volume of a guest that is not known to be on local storage (shared, or on storage the reader could not see).
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "SharedDisk".
 */
export interface SharedDisk {
  /**
   * Configuration key (scsi0, rootfs, mp0 ...).
   */
  key: string
  /**
   * Volume id (storage:volume).
   */
  volid?: string
  /**
   * Storage id the volume lives on.
   */
  storage: string
  /**
   * Configured size of the volume in bytes.
   */
  size: number
  /**
   * Bytes the volume occupies, where Proxmox reports it.
   */
  used?: number
}
/**
 * A storage as seen from one node.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "Storage".
 */
export interface Storage {
  /**
   * Storage id (local, local-lvm, ceph-pool ...).
   */
  id: string
  /**
   * Node this entry describes.
   */
  node: string
  /**
   * Storage plugin type (dir, lvmthin, zfspool, rbd, nfs ...).
   */
  type?: string
  /**
   * The same storage is reachable from every node that lists it: disks on it need not be copied.
   */
  shared: boolean
  /**
   * Content types the storage holds (images, rootdir, iso ...).
   */
  content?: string[]
  /**
   * Capacity in bytes (maxdisk in /cluster/resources, total in the node's storage status).
   */
  total?: number
  /**
   * Bytes in use as the storage itself reports them: for a thin pool its real use, not the sum of its volumes' configured sizes.
   */
  used?: number
  /**
   * Bytes available for new data (avail in the node's storage status), where reported; otherwise total − used.
   */
  free?: number
  /**
   * Volumes occupy only what is written (lvmthin, zfspool with sparse, rbd, btrfs, file-based storage with sparse raw or qcow2 images not fully preallocated), so their configured sizes may add up to more than the storage. False for thick storage (lvm, zfspool without sparse, preallocated files). Absent: not known.
   */
  thin?: boolean
  /**
   * The storage is enabled in the datacenter's storage configuration. Absent: not known.
   */
  enabled?: boolean
  /**
   * The storage was available on the node when the snapshot was taken.
   */
  active?: boolean
}
/**
 * High availability configuration that bears on placement.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "Ha".
 */
export interface Ha {
  /**
   * HA rules (PVE 9): node affinity and resource affinity.
   */
  rules?: HaRule[]
}
/**
 * One HA rule as Proxmox defines it.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "HaRule".
 */
export interface HaRule {
  /**
   * Rule id.
   */
  id: string
  /**
   * node-affinity (resources prefer or must run on nodes) or resource-affinity (resources together or apart).
   */
  type: 'node-affinity' | 'resource-affinity'
  /**
   * Guest ids the rule covers.
   */
  resources: number[]
  /**
   * Nodes of a node-affinity rule, with their priority (higher is preferred).
   */
  nodes?: HaRuleNode[]
  /**
   * Node affinity: the resources may only run on the listed nodes.
   */
  strict?: boolean
  /**
   * Resource affinity: positive keeps the resources together, negative keeps them apart.
   */
  affinity?: 'positive' | 'negative'
  /**
   * The rule is disabled.
   */
  disabled?: boolean
}
/**
 * A node in a node-affinity rule.
 *
 * This interface was referenced by `Snapshot`'s JSON-Schema
 * via the `definition` "HaRuleNode".
 */
export interface HaRuleNode {
  /**
   * Node name.
   */
  node: string
  /**
   * Priority (higher is preferred; default 0).
   */
  priority?: number
}
