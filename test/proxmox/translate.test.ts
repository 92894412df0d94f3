/**
 * Guest configs into migration facts, and the guarantee that whatever a server sends
 * (missing fields, strings for numbers, odd values), the snapshot proxlb writes is valid.
 */
import {fc, test as prop} from '@fast-check/vitest'
import {describe, expect, test} from 'vitest'
import {consistencyProblems} from '../../src/model/snapshot.js'
import {validateAgainst} from '../../src/model/schemas.js'
import {guestConfigFacts, parseDiskSize} from '../../src/proxmox/guest-config.js'
import {snapshotFromReading} from '../../src/proxmox/translate.js'

const META = {takenAt: '2026-11-21T10:00:00Z', kind: 'api' as const, cpuWindow: 'sample' as const}

describe('guest configs', () => {
  test('a VM: disks with sizes, the ISO flagged as CD-ROM, empty drives and cloud-init skipped, devices found', () => {
    const facts = guestConfigFacts('qemu', {
      memory: '4096', cores: 2, digest: 'abc',
      scsi0: 'local-lvm:vm-100-disk-0,iothread=1,size=32G',
      scsi10: 'ceph:vm-100-disk-2,size=1T',
      virtio1: 'file=local-lvm:vm-100-disk-1,size=512M',
      efidisk0: 'local-lvm:vm-100-disk-3,efitype=4m,size=4M',
      ide2: 'local:iso/debian-12.iso,media=cdrom,size=628M',
      ide0: 'local-lvm:vm-100-cloudinit,media=cdrom',
      sata0: 'none,media=cdrom',
      unused0: 'local-lvm:vm-100-disk-9',
      hostpci0: '0000:01:00.0,pcie=1',
      usb0: 'host=1234:5678',
      usb1: 'spice',
      serial0: 'socket',
      serial1: '/dev/ttyS0',
      scsi3: '/dev/disk/by-id/ata-WDC_1234',
    })
    expect(facts.volumes).toEqual([
      {key: 'efidisk0', volid: 'local-lvm:vm-100-disk-3', storage: 'local-lvm', size: 4 * 2 ** 20, cdrom: false, sharedMount: false},
      {key: 'ide2', volid: 'local:iso/debian-12.iso', storage: 'local', size: 628 * 2 ** 20, cdrom: true, sharedMount: false},
      {key: 'scsi0', volid: 'local-lvm:vm-100-disk-0', storage: 'local-lvm', size: 32 * 2 ** 30, cdrom: false, sharedMount: false},
      {key: 'scsi10', volid: 'ceph:vm-100-disk-2', storage: 'ceph', size: 2 ** 40, cdrom: false, sharedMount: false},
      {key: 'unused0', volid: 'local-lvm:vm-100-disk-9', storage: 'local-lvm', size: 0, cdrom: false, sharedMount: false},
      {key: 'virtio1', volid: 'local-lvm:vm-100-disk-1', storage: 'local-lvm', size: 512 * 2 ** 20, cdrom: false, sharedMount: false},
    ])
    expect(facts.localResources).toEqual(['hostpci0', 'scsi3', 'serial1', 'usb0'])
  })

  test('a container: rootfs and volume mount points are volumes, bind mounts and devices tie it to the node unless shared', () => {
    const facts = guestConfigFacts('lxc', {
      rootfs: 'local-zfs:subvol-101-disk-0,size=8G',
      mp0: 'local-zfs:subvol-101-disk-1,mp=/data,size=100G',
      mp1: '/mnt/backup,mp=/backup',
      mp2: '/mnt/nfs,mp=/nfs,shared=1',
      mp3: 'volume=nfs-store:101/vm-101-disk-0.raw,mp=/x,size=1G,shared=1',
      dev0: '/dev/ttyUSB0',
    })
    expect(facts.volumes.map((v) => [v.key, v.storage, v.size, v.sharedMount])).toEqual([
      ['mp0', 'local-zfs', 100 * 2 ** 30, false], ['mp3', 'nfs-store', 2 ** 30, true], ['rootfs', 'local-zfs', 8 * 2 ** 30, false],
    ])
    expect(facts.localResources).toEqual(['dev0', 'mp1'])
  })

  test.each([['32G', 32 * 2 ** 30], ['1.5T', 1.5 * 2 ** 40], ['4096', 4096], ['100k', 102400], [undefined, 0], ['big', 0]])('disk size %s is %d bytes', (text, bytes) => {
    expect(parseDiskSize(text as string | undefined)).toBe(bytes)
  })

  test('local disks are judged against the storage on the guest\'s node: shared storage is not local', () => {
    const resources = [
      {type: 'node', node: 'a', status: 'online', maxcpu: 8, maxmem: 2 ** 35},
      {type: 'storage', storage: 'local-lvm', node: 'a', shared: 0, content: 'images,rootdir', status: 'available', maxdisk: 1000, disk: 10},
      {type: 'storage', storage: 'ceph', node: 'a', shared: 1, content: 'images', status: 'available', maxdisk: 5000, disk: 100},
      {type: 'qemu', vmid: 100, node: 'a', status: 'running', maxcpu: 2, maxmem: 2 ** 31, mem: 2 ** 30, memhost: 2 ** 30 + 5, cpu: 0.5, lock: 'backup', hastate: 'started'},
    ]
    const configs = new Map([[100, {scsi0: 'ceph:vm-100-disk-0,size=10G', scsi1: 'local-lvm:vm-100-disk-1,size=2G', ide2: 'local:iso/x.iso,media=cdrom'}]])
    const {snapshot} = snapshotFromReading({resources, status: [], guestConfigs: configs}, META)
    const guest = snapshot.guests[0]
    expect(guest.migration).toEqual({
      localDisks: [
        {key: 'ide2', volid: 'local:iso/x.iso', storage: 'local', size: 0, cdrom: true},
        {key: 'scsi1', volid: 'local-lvm:vm-100-disk-1', storage: 'local-lvm', size: 2 * 2 ** 30},
      ],
      sharedDisks: [{key: 'scsi0', volid: 'ceph:vm-100-disk-0', storage: 'ceph', size: 10 * 2 ** 30}],
      localResources: [],
    })
    expect(guest.disk).toEqual({assigned: 12 * 2 ** 30, used: 12 * 2 ** 30})
    expect(guest.memory.used).toBe(2 ** 30 + 5)
    expect(guest.cpu.used).toBe(1)
    expect(guest.lock).toBe('backup')
    expect(guest.ha).toEqual({managed: true, state: 'started'})
    expect(snapshot.nodes[0].disk).toEqual({total: 1000, used: 10})
  })

  test('storages per plugin, disabled ones from the configuration, and the quirks of content listings', () => {
    const GiB = 2 ** 30
    const resources = [
      {type: 'node', node: 'a', status: 'online', maxcpu: 8, maxmem: 2 ** 35},
      {type: 'node', node: 'b', status: 'online', maxcpu: 8, maxmem: 2 ** 35},
      ...['a', 'b'].flatMap((node) => [
        {type: 'storage', storage: 'files', node, plugintype: 'dir', shared: 0, content: 'images,rootdir', status: 'available', maxdisk: 100 * GiB, disk: 10 * GiB},
        {type: 'storage', storage: 'thick', node, plugintype: 'lvm', shared: 0, content: 'images', status: 'available', maxdisk: 500 * GiB, disk: 200 * GiB},
        {type: 'storage', storage: 'nas', node, plugintype: 'nfs', shared: 1, content: 'images', status: 'available', maxdisk: 900 * GiB, disk: 100 * GiB},
      ]),
      {type: 'qemu', vmid: 100, node: 'a', status: 'running', maxcpu: 2, maxmem: 2 ** 31, mem: 2 ** 30},
      {type: 'lxc', vmid: 101, node: 'a', status: 'running', maxcpu: 2, maxmem: 2 ** 31, mem: 2 ** 30, disk: 2 * GiB},
    ]
    const storageConfig = [
      {storage: 'files', type: 'dir', path: '/srv', content: 'images,rootdir', preallocation: 'falloc'},
      {storage: 'thick', type: 'lvm', vgname: 'vg0', content: 'images'},
      {storage: 'nas', type: 'nfs', content: 'images', shared: 1},
      {storage: 'old', type: 'zfspool', pool: 'tank', sparse: 1, content: 'images', disable: 1, nodes: 'b'},
    ]
    const storageContents = new Map([['a/files', [
      // LVM with qcow2 (PVE 9) and other plugins that cannot size a volume exactly give approximate-size.
      {volid: 'files:100/vm-100-disk-0.qcow2', format: 'qcow2', 'approximate-size': 20 * GiB, used: 3 * GiB, vmid: 100, content: 'images'},
      // A directory holds a container's subvolume: Plugin.pm reports size and use 0 for it, which says nothing.
      {volid: 'files:101/subvol-101-disk-0.subvol', format: 'subvol', size: 0, used: 0, vmid: 101, content: 'rootdir'},
    ]]])
    const guestConfigs = new Map<number, Record<string, unknown>>([
      [100, {scsi0: 'files:100/vm-100-disk-0.qcow2', scsi1: 'thick:vm-100-disk-1,size=50G', scsi2: 'nas:100/vm-100-disk-2.raw,size=10G', scsi3: 'elsewhere:vm-100-disk-3,size=5G'}],
      [101, {rootfs: 'files:101/subvol-101-disk-0.subvol,size=8G'}],
    ])
    const {snapshot, warnings} = snapshotFromReading({resources, status: [], storageConfig, storageContents, guestConfigs}, META)
    const on = (node: string, id: string) => snapshot.storages!.find((s) => s.node === node && s.id === id)
    expect(on('a', 'files')).toMatchObject({thin: false, enabled: true, free: 90 * GiB})
    expect(on('a', 'thick')).toMatchObject({thin: false})
    expect(on('a', 'nas')).toMatchObject({thin: true, shared: true})
    // Disabled, configured for b only: listed there, neither enabled nor active.
    expect(snapshot.storages!.filter((s) => s.id === 'old')).toEqual([{id: 'old', node: 'b', type: 'zfspool', shared: false, content: ['images'], thin: true, enabled: false, active: false}])
    const vm = snapshot.guests.find((g) => g.vmid === 100)!.migration!
    expect(vm.localDisks).toEqual([
      {key: 'scsi0', volid: 'files:100/vm-100-disk-0.qcow2', storage: 'files', size: 20 * GiB, used: 3 * GiB, format: 'qcow2'},
      {key: 'scsi1', volid: 'thick:vm-100-disk-1', storage: 'thick', size: 50 * GiB},
    ])
    expect(vm.sharedDisks).toEqual([{key: 'scsi2', volid: 'nas:100/vm-100-disk-2.raw', storage: 'nas', size: 10 * GiB}])
    expect(vm.unknownDisks).toEqual([{key: 'scsi3', volid: 'elsewhere:vm-100-disk-3', storage: 'elsewhere', size: 5 * GiB}])
    // The subvolume's use comes from the running container's status, not from the listing's 0.
    expect(snapshot.guests.find((g) => g.vmid === 101)!.migration!.localDisks).toEqual([{key: 'rootfs', volid: 'files:101/subvol-101-disk-0.subvol', storage: 'files', size: 8 * GiB, used: 2 * GiB, format: 'subvol'}])
    // Local guest storage of a: files (100 GiB) and thick (500 GiB); the shared NFS storage is not the node's.
    expect(snapshot.nodes[0].disk).toEqual({total: 600 * GiB, used: 210 * GiB})
    expect(warnings).toEqual(['1 volume on storage elsewhere cannot be seen by this user (it needs Datastore.Audit on them): those volumes are recorded as on unknown storage'])
  })

  test('HA rules (PVE 9) and HA groups (PVE 8) become rules over vmids', () => {
    const resources = [{type: 'node', node: 'a', status: 'online', maxcpu: 1}, {type: 'node', node: 'b', status: 'online', maxcpu: 1}]
    const haRules = [
      {rule: 'db-apart', type: 'resource-affinity', resources: 'vm:100,vm:101', affinity: 'negative', digest: 'x', order: 1},
      {rule: 'pin-web', type: 'node-affinity', resources: 'ct:102', nodes: 'a:2,b', strict: 1, disable: 1},
      {rule: 'future', type: 'something-new', resources: 'vm:100'},
    ]
    const {snapshot, warnings} = snapshotFromReading({resources, status: [], haRules}, META)
    expect(snapshot.ha!.rules).toEqual([
      {id: 'db-apart', type: 'resource-affinity', resources: [100, 101], affinity: 'negative'},
      {id: 'pin-web', type: 'node-affinity', resources: [102], nodes: [{node: 'a', priority: 2}, {node: 'b'}], strict: true, disabled: true},
    ])
    expect(warnings).toEqual(['HA rule future has type "something-new", which proxlb does not know: it is not taken into account'])

    const groups = [{group: 'prefer-a', nodes: 'a:1', restricted: 0, type: 'group'}]
    const haResources = [{sid: 'vm:100', state: 'started', group: 'prefer-a'}, {sid: 'ct:101', state: 'started', group: 'prefer-a'}]
    const old = snapshotFromReading({resources, status: [], haGroups: groups, haResources}, META)
    expect(old.snapshot.ha!.rules).toEqual([{id: 'group:prefer-a', type: 'node-affinity', resources: [100, 101], nodes: [{node: 'a', priority: 1}], strict: false}])
  })

  test('an offline node and its guests are listed, not dropped; a node that stops answering is unknown', () => {
    const resources = [
      {type: 'node', node: 'a', status: 'online', maxcpu: 4, maxmem: 100, mem: 10, cpu: 0.5},
      {type: 'node', node: 'b', status: 'offline', id: 'node/b'},
      {type: 'node', node: 'c', status: 'online', maxcpu: 4, maxmem: 100, mem: 10, cpu: 0.5},
      {type: 'qemu', vmid: 100, node: 'b', status: 'unknown', maxmem: 50, maxcpu: 1, lock: 'migrate'},
    ]
    const status = [{type: 'cluster', name: 'lab', quorate: 1}, {type: 'node', name: 'b', online: 0}]
    const {snapshot, warnings} = snapshotFromReading({resources, status, unreachableNodes: new Set(['c'])}, META)
    expect(snapshot.nodes.map((n) => [n.name, n.status, n.cpu.cores])).toEqual([['a', 'online', 4], ['b', 'offline', 1], ['c', 'unknown', 4]])
    expect(snapshot.guests[0]).toMatchObject({vmid: 100, node: 'b', status: 'unknown', lock: 'migrate'})
    expect(warnings).toEqual([
      'node b is offline: its guests are listed but cannot move until it is back',
      'node b reported no CPU count (it is offline): recorded as 1 core',
      'node c stopped answering while the snapshot was taken: recorded as status unknown, its guests as they were last seen',
      'node c is unknown: its guests are listed but cannot move until it is back',
    ])
  })
})

const loose = fc.oneof(
  fc.constant(undefined), fc.constant(null), fc.integer({min: -5, max: 2 ** 40}), fc.double({noNaN: false}), fc.string({maxLength: 6}),
  fc.constantFrom('1', '0', '103', '-1', '2.5', 'running', 'online', 'offline', 'stopped'), fc.boolean(),
)
const nodeName = fc.constantFrom('pve1', 'pve2', 'pve-3', 'bad name', '', 'pve1')
const entry = fc.oneof(
  fc.record({type: fc.constant('node'), node: nodeName, status: loose, maxcpu: loose, maxmem: loose, mem: loose, cpu: loose, disk: loose, maxdisk: loose, hastate: loose}, {requiredKeys: ['type']}),
  fc.record({
    type: fc.constantFrom('qemu', 'lxc'), vmid: loose, id: loose, node: nodeName, status: loose, name: loose, template: loose, tags: loose, pool: loose,
    lock: loose, maxcpu: loose, cpu: loose, maxmem: loose, mem: loose, memhost: loose, disk: loose, maxdisk: loose, hastate: loose,
  }, {requiredKeys: ['type']}),
  fc.record({type: fc.constant('storage'), storage: loose, node: nodeName, shared: loose, content: loose, status: loose, disk: loose, maxdisk: loose, plugintype: loose}, {requiredKeys: ['type']}),
  loose,
)
const storageConfigEntry = fc.record({storage: loose, type: loose, content: loose, shared: loose, disable: loose, nodes: loose, sparse: loose, preallocation: loose})
const listing = fc.array(fc.record({volid: fc.oneof(loose, fc.constantFrom('local-lvm:vm-100-disk-0', 'local:100/vm-100-disk-1.qcow2')), size: loose, used: loose, format: loose, 'approximate-size': loose, vmid: loose}), {maxLength: 3})
const configs = fc.array(fc.tuple(fc.integer({min: 99, max: 102}), fc.record({scsi0: loose, rootfs: loose, unused0: fc.oneof(loose, fc.constant('local-lvm:vm-100-disk-0'))})), {maxLength: 3})

describe('translation never writes an invalid snapshot', () => {
  prop.prop([fc.array(entry, {maxLength: 12}), fc.array(fc.record({type: fc.constantFrom('cluster', 'node'), name: loose, quorate: loose, online: loose, ip: loose}), {maxLength: 4}), loose])(
    'whatever the resources and status hold, the snapshot passes the schema and the consistency checks',
    (resources, status, crs) => {
      const {snapshot} = snapshotFromReading({resources, status, options: {crs}}, META)
      expect(validateAgainst('snapshot', snapshot, 'snapshot', String)).toEqual([])
      expect(consistencyProblems(snapshot, 'snapshot')).toEqual([])
    },
  )

  prop.prop([fc.array(entry, {maxLength: 12}), fc.oneof(loose, fc.array(storageConfigEntry, {maxLength: 4})), fc.array(fc.tuple(fc.constantFrom('pve1/local-lvm', 'pve2/local', 'x'), fc.oneof(loose, listing)), {maxLength: 3}), configs])(
    'whatever the storage configuration, content listings and configs hold, the snapshot is valid too',
    (resources, storageConfig, contents, guestConfigs) => {
      const {snapshot} = snapshotFromReading({resources, status: [], storageConfig, storageContents: new Map(contents), guestConfigs: new Map(guestConfigs)}, META)
      expect(validateAgainst('snapshot', snapshot, 'snapshot', String)).toEqual([])
      expect(consistencyProblems(snapshot, 'snapshot')).toEqual([])
    },
  )
})
