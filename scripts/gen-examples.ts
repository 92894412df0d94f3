/**
 * Writes the example snapshots in snapshots/ (run with `npx tsx scripts/gen-examples.ts`).
 *
 * demo.json is written out guest by guest so that it tells a story a reviewer can follow:
 * pve1 is crowded, pve5 was just added and is nearly empty, two database VMs that should
 * be apart share a node, a GPU VM cannot move, a backup VM is ignored by tag. Its storage
 * is what a PVE installation on a boot SSD next to a Ceph cluster gives: `local` on the
 * root filesystem, a small local-lvm pool holding containers and the guests that stay,
 * overcommitted (configured 184-270 % of its size on the busy nodes) while less than half
 * of it is used, and the shared Ceph pool for the rest. The lab snapshot is generated from
 * a fixed seed (test/helpers/generate.ts) with storage as PVE installs it (Ceph, local-lvm,
 * one node on ZFS). Both are committed; the test suite validates them, and this script
 * only needs to run again when the examples should change.
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {prettyJson} from '../src/model/canonical.js'
import {buildSnapshot, generateCluster, type GuestSpec, type NodeSpec, type VolumeSpec} from '../test/helpers/generate.js'

/** A volume: config key, storage, configured size and what is written to it (GiB). */
const vol = (key: string, storage: string, sizeGiB: number, writtenGiB: number): VolumeSpec => ({key, storage, sizeGiB, writtenGiB, format: 'raw'})
const ceph = (key: string, sizeGiB: number, writtenGiB = Math.round(sizeGiB * 0.45)) => vol(key, 'ceph-vm', sizeGiB, writtenGiB)
const lvm = (key: string, sizeGiB: number, writtenGiB: number) => vol(key, 'local-lvm', sizeGiB, writtenGiB)

const demoNodes: NodeSpec[] = [
  {name: 'pve1', cores: 32, memoryGiB: 256, diskGiB: 330, hostGiB: 6, hostCpu: 1.2, installed: {rootGiB: 94, rootUsedGiB: 9, pool: 'lvmthin', poolGiB: 330}},
  {name: 'pve2', cores: 16, memoryGiB: 128, diskGiB: 140, hostGiB: 4, hostCpu: 0.8, installed: {rootGiB: 55, rootUsedGiB: 7, pool: 'lvmthin', poolGiB: 140}},
  {name: 'pve3', cores: 24, memoryGiB: 192, diskGiB: 330, hostGiB: 5, hostCpu: 1.0, installed: {rootGiB: 94, rootUsedGiB: 8, pool: 'lvmthin', poolGiB: 330}},
  {name: 'pve4', cores: 12, memoryGiB: 96, diskGiB: 100, hostGiB: 3, hostCpu: 0.6, installed: {rootGiB: 55, rootUsedGiB: 6, pool: 'lvmthin', poolGiB: 100}},
  {name: 'pve5', cores: 32, memoryGiB: 256, diskGiB: 330, hostGiB: 4, hostCpu: 0.5, installed: {rootGiB: 94, rootUsedGiB: 4, pool: 'lvmthin', poolGiB: 330}},
]

const demoGuests: GuestSpec[] = [
  // pve1: crowded. The shop pair belongs together, two databases should be apart.
  {vmid: 100, name: 'shop-app-01', node: 'pve1', cores: 8, memoryGiB: 32, memoryUse: 0.8, cpuUse: 0.45, diskGiB: 80, tags: ['plb_include_shop', 'prod'], pool: 'prod', ha: true, volumes: [ceph('scsi0', 80)]},
  {vmid: 101, name: 'shop-cache-01', node: 'pve1', cores: 4, memoryGiB: 16, memoryUse: 0.9, cpuUse: 0.2, diskGiB: 20, tags: ['plb_include_shop', 'prod'], pool: 'prod', ha: true, volumes: [ceph('scsi0', 20)]},
  {vmid: 110, name: 'db-01', node: 'pve1', cores: 8, memoryGiB: 48, memoryUse: 0.92, cpuUse: 0.5, diskGiB: 400, tags: ['plb_exclude_db', 'prod'], pool: 'prod', ha: true, volumes: [ceph('scsi0', 400)]},
  {vmid: 111, name: 'db-02', node: 'pve1', cores: 8, memoryGiB: 48, memoryUse: 0.88, cpuUse: 0.4, diskGiB: 400, tags: ['plb_exclude_db', 'prod'], pool: 'prod', ha: true, volumes: [ceph('scsi0', 400)]},
  {vmid: 120, name: 'web-01', node: 'pve1', cores: 4, memoryGiB: 8, memoryUse: 0.7, cpuUse: 0.35, diskGiB: 32, tags: ['web'], pool: 'prod', volumes: [ceph('scsi0', 32)]},
  {vmid: 121, name: 'web-02', node: 'pve1', cores: 4, memoryGiB: 8, memoryUse: 0.7, cpuUse: 0.3, diskGiB: 32, tags: ['web'], pool: 'prod', volumes: [ceph('scsi0', 32)]},
  {vmid: 130, name: 'ci-runner-01', type: 'lxc', node: 'pve1', cores: 8, memoryGiB: 16, memoryUse: 0.6, cpuUse: 0.7, diskGiB: 64, volumes: [lvm('rootfs', 64, 22)]},
  {vmid: 131, name: 'ci-runner-02', type: 'lxc', node: 'pve1', cores: 8, memoryGiB: 16, memoryUse: 0.55, cpuUse: 0.6, diskGiB: 64, volumes: [lvm('rootfs', 64, 18)]},
  {vmid: 140, name: 'backup-proxy', node: 'pve1', cores: 4, memoryGiB: 12, memoryUse: 0.6, cpuUse: 0.1, diskGiB: 40, tags: ['plb_ignore_vm'], volumes: [lvm('scsi0', 40, 12)]},
  {vmid: 150, name: 'elastic-01', node: 'pve1', cores: 6, memoryGiB: 24, memoryUse: 0.85, cpuUse: 0.4, diskGiB: 300, pool: 'logs', volumes: [lvm('scsi0', 300, 55)]},
  {vmid: 151, name: 'grafana', type: 'lxc', node: 'pve1', cores: 2, memoryGiB: 4, memoryUse: 0.5, cpuUse: 0.1, diskGiB: 16, pool: 'logs', volumes: [lvm('rootfs', 16, 5)]},
  {vmid: 160, name: 'win-build-01', node: 'pve1', status: 'stopped', cores: 8, memoryGiB: 16, diskGiB: 120, volumes: [lvm('scsi0', 120, 45)]},

  // pve2: busy for its size. A GPU VM is tied to it by PCI passthrough.
  {vmid: 200, name: 'gpu-render-01', node: 'pve2', cores: 8, memoryGiB: 32, memoryUse: 0.9, cpuUse: 0.6, diskGiB: 200, localResources: ['hostpci0'], volumes: [lvm('scsi0', 200, 30)]},
  {vmid: 201, name: 'db-03', node: 'pve2', cores: 6, memoryGiB: 32, memoryUse: 0.85, cpuUse: 0.35, diskGiB: 300, tags: ['plb_exclude_db', 'prod'], pool: 'prod', ha: true, volumes: [ceph('scsi0', 300)]},
  {vmid: 202, name: 'web-03', node: 'pve2', cores: 4, memoryGiB: 8, memoryUse: 0.7, cpuUse: 0.3, diskGiB: 32, tags: ['web'], pool: 'prod', volumes: [ceph('scsi0', 32)]},
  {vmid: 203, name: 'mail-01', node: 'pve2', cores: 4, memoryGiB: 12, memoryUse: 0.75, cpuUse: 0.15, diskGiB: 100, volumes: [lvm('scsi0', 100, 25)]},
  {vmid: 204, name: 'dns-01', type: 'lxc', node: 'pve2', cores: 1, memoryGiB: 1, memoryUse: 0.4, cpuUse: 0.05, diskGiB: 8, tags: ['plb_exclude_dns'], volumes: [ceph('rootfs', 8, 2)]},
  {vmid: 205, name: 'dns-02', type: 'lxc', node: 'pve2', cores: 1, memoryGiB: 1, memoryUse: 0.4, cpuUse: 0.05, diskGiB: 8, tags: ['plb_exclude_dns'], volumes: [ceph('rootfs', 8, 2)]},
  {vmid: 206, name: 'vpn-gw', type: 'lxc', node: 'pve2', cores: 2, memoryGiB: 2, memoryUse: 0.5, cpuUse: 0.1, diskGiB: 8, volumes: [lvm('rootfs', 8, 2)]},
  {vmid: 207, name: 'jump-host', type: 'lxc', node: 'pve2', cores: 1, memoryGiB: 2, memoryUse: 0.3, cpuUse: 0.02, diskGiB: 8, volumes: [lvm('rootfs', 8, 3)]},
  {vmid: 208, name: 'test-vm-old', node: 'pve2', status: 'stopped', cores: 2, memoryGiB: 4, diskGiB: 32, volumes: [lvm('scsi0', 32, 6)]},

  // pve3: comfortable.
  {vmid: 300, name: 'web-04', node: 'pve3', cores: 4, memoryGiB: 8, memoryUse: 0.7, cpuUse: 0.3, diskGiB: 32, tags: ['web'], pool: 'prod', volumes: [ceph('scsi0', 32)]},
  {vmid: 301, name: 'kafka-01', node: 'pve3', cores: 8, memoryGiB: 32, memoryUse: 0.8, cpuUse: 0.35, diskGiB: 500, pool: 'logs', volumes: [lvm('scsi0', 500, 80)]},
  {vmid: 302, name: 'nextcloud', node: 'pve3', cores: 4, memoryGiB: 16, memoryUse: 0.6, cpuUse: 0.15, diskGiB: 200, volumes: [lvm('scsi0', 200, 40)]},
  {vmid: 303, name: 'gitlab', node: 'pve3', cores: 8, memoryGiB: 24, memoryUse: 0.8, cpuUse: 0.3, diskGiB: 250, ha: true, volumes: [ceph('scsi0', 250)]},
  {vmid: 304, name: 'registry', type: 'lxc', node: 'pve3', cores: 2, memoryGiB: 4, memoryUse: 0.5, cpuUse: 0.05, diskGiB: 100, volumes: [lvm('rootfs', 100, 20)]},
  {vmid: 305, name: 'ldap-01', type: 'lxc', node: 'pve3', cores: 2, memoryGiB: 2, memoryUse: 0.5, cpuUse: 0.05, diskGiB: 8, volumes: [lvm('rootfs', 8, 2)]},
  {vmid: 306, name: 'ubuntu-24.04-template', node: 'pve3', status: 'stopped', template: true, cores: 2, memoryGiB: 2, diskGiB: 16, volumes: [lvm('scsi0', 16, 3)]},
  {vmid: 307, name: 'debian-13-template', node: 'pve3', status: 'stopped', template: true, cores: 2, memoryGiB: 2, diskGiB: 16, volumes: [lvm('scsi0', 16, 3)]},
  {vmid: 308, name: 'wiki', node: 'pve3', cores: 2, memoryGiB: 8, memoryUse: 0.6, cpuUse: 0.1, diskGiB: 50, lock: 'backup', volumes: [lvm('scsi0', 50, 10)]},

  // pve4: small and quiet.
  {vmid: 400, name: 'monitoring', node: 'pve4', cores: 4, memoryGiB: 8, memoryUse: 0.7, cpuUse: 0.2, diskGiB: 100, volumes: [lvm('scsi0', 100, 20)]},
  {vmid: 401, name: 'ntp-01', type: 'lxc', node: 'pve4', cores: 1, memoryGiB: 1, memoryUse: 0.3, cpuUse: 0.02, diskGiB: 4, volumes: [lvm('rootfs', 4, 1)]},
  {vmid: 402, name: 'home-assistant', node: 'pve4', cores: 2, memoryGiB: 4, memoryUse: 0.6, cpuUse: 0.1, diskGiB: 32, volumes: [lvm('scsi0', 32, 8)]},
  {vmid: 403, name: 'sandbox-01', node: 'pve4', status: 'stopped', cores: 2, memoryGiB: 8, diskGiB: 40, volumes: [lvm('scsi0', 40, 6)]},
  {vmid: 404, name: 'pbs-agent', type: 'lxc', node: 'pve4', cores: 1, memoryGiB: 2, memoryUse: 0.4, cpuUse: 0.05, diskGiB: 8, volumes: [lvm('rootfs', 8, 2)]},

  // pve5: added last week, almost empty.
  {vmid: 500, name: 'web-05', node: 'pve5', cores: 4, memoryGiB: 8, memoryUse: 0.7, cpuUse: 0.3, diskGiB: 32, tags: ['web'], pool: 'prod', volumes: [ceph('scsi0', 32)]},
  {vmid: 501, name: 'dev-db', node: 'pve5', cores: 4, memoryGiB: 16, memoryUse: 0.5, cpuUse: 0.1, diskGiB: 100, volumes: [lvm('scsi0', 100, 15)]},
  {vmid: 502, name: 'scratch-ct', type: 'lxc', node: 'pve5', status: 'stopped', cores: 2, memoryGiB: 4, diskGiB: 16, volumes: [lvm('rootfs', 16, 1)]},
]

const root = join(__dirname, '..', 'snapshots')
const demoStorage = {ceph: {id: 'ceph-vm', totalGiB: 20480, usedGiB: 6100}, localContent: ['iso', 'vztmpl', 'backup']}
writeFileSync(join(root, 'demo.json'), prettyJson(buildSnapshot('demo', demoNodes, demoGuests, {}, demoStorage)))
writeFileSync(join(root, 'lab-12-nodes.json'), prettyJson(generateCluster({name: 'lab', nodes: 12, guests: 240, seed: 20261120, storage: 'pve'})))
console.log('wrote snapshots/demo.json and snapshots/lab-12-nodes.json')
