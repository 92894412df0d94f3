/**
 * A small lab cluster to seed the emulator with in integration tests: three nodes (one in
 * HA maintenance) and guests of every kind the collector must represent: a container,
 * an HA guest, a locked one, one with a local disk, one with a PCI device, a stopped one
 * and a template, plus an HA rule and Proxmox's own scheduler settings.
 */
import {snapshot} from './builders.js'

export const SEED = snapshot(
  [{name: 'pve1', memory: 128, cores: 32}, {name: 'pve2', memory: 96, cores: 24}, {name: 'pve3', memory: 64, maintenance: true}],
  [
    {vmid: 100, node: 'pve1', memory: 24, assigned: 32, cores: 8, name: 'db-1', tags: ['db', 'plb_anti_affinity_db'], pool: 'prod'},
    {vmid: 101, node: 'pve1', memory: 16, name: 'web-1', ha: true},
    {vmid: 102, node: 'pve2', memory: 2, name: 'ct-1', type: 'lxc'},
    {vmid: 103, node: 'pve1', memory: 8, name: 'build', lock: 'backup'},
    {vmid: 104, node: 'pve1', memory: 8, name: 'scratch', localDisk: 20},
    {vmid: 105, node: 'pve2', memory: 4, name: 'dns', status: 'stopped'},
    {vmid: 106, node: 'pve2', memory: 2, name: 'tpl', template: true, status: 'stopped'},
    {vmid: 107, node: 'pve3', memory: 6, name: 'mon'},
    {vmid: 108, node: 'pve2', memory: 4, name: 'gpu', localResources: ['hostpci0']},
  ],
  {
    ha: {rules: [{id: 'db-apart', type: 'resource-affinity', resources: [100, 101], affinity: 'negative'}]},
    cluster: {name: 'lab', quorate: true, crs: {ha: 'static', rebalanceOnStart: true, autoRebalance: false}},
  },
)
