// @ts-nocheck
/* Generated from schemas/config.v1.json, schemas/journal.v1.json, schemas/plan.v1.json, schemas/policy.v1.json, schemas/scenario.v1.json, schemas/snapshot.v1.json by scripts/gen-validators.js (npm run gen:types). Do not edit by hand. */
import runtime0 from 'ajv/dist/runtime/ucs2length.js'
import {fullFormats as runtime1} from 'ajv-formats/dist/formats.js'
import runtime2 from 'ajv/dist/runtime/equal.js'
export const configV1 = validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://proxlb.dev/schemas/config.v1.json","title":"Config","description":"proxlb's configuration file (YAML, default /etc/proxlb/proxlb.conf): how to reach the cluster, which policy to use, and how the balance service runs. Every field is optional except apiVersion and kind; command-line flags and PROXLB_* environment variables override it. Relative paths are relative to this file. proxlb also reads the INI file of the original ProxLB in its place.","type":"object","additionalProperties":false,"required":["apiVersion","kind"],"properties":{"$schema":{"description":"Optional pointer to this schema, for editors.","type":"string"},"apiVersion":{"description":"Version of the config format. This schema describes proxlb/v1.","const":"proxlb/v1"},"kind":{"description":"Always Config (a file of kind Policy is a policy: pass it with --policy).","const":"Config"},"connection":{"$ref":"#/$defs/Connection"},"policy":{"description":"The policy to use when none is given with --policy: the path of a policy file, or a policy written here (the fields of a policy file; apiVersion may be left out).","anyOf":[{"type":"string","minLength":1},{"type":"object"}]},"service":{"$ref":"#/$defs/Service"}},"$defs":{"Connection":{"description":"How to reach and log in to the Proxmox VE API. Give a user with a password, or an API token.","type":"object","additionalProperties":false,"properties":{"hosts":{"description":"Proxmox hosts, tried in order until one answers: host, host:port, [IPv6]:port or https://host:port (default port 8006). A list, or one string with commas.","anyOf":[{"type":"string","minLength":1},{"type":"array","items":{"type":"string","minLength":1},"minItems":1}]},"user":{"description":"User with realm, e.g. proxlb@pve or root@pam (for password login).","type":"string","minLength":1},"password":{"description":"The user's password. Prefer passwordFile; a file holding a password should be readable by its owner only.","type":"string"},"passwordFile":{"description":"File whose first line is the user's password.","type":"string","minLength":1},"tokenId":{"description":"API token id, user@realm!tokenname, e.g. proxlb@pve!balancer.","type":"string","minLength":1},"tokenSecret":{"description":"The API token's secret (a UUID). Prefer tokenSecretFile.","type":"string"},"tokenSecretFile":{"description":"File whose first line is the API token's secret.","type":"string","minLength":1},"caFile":{"description":"PEM file of the CA that signed the Proxmox certificates (e.g. a copy of /etc/pve/pve-root-ca.pem).","type":"string","minLength":1},"fingerprints":{"description":"SHA-256 fingerprints of the certificates to accept whatever signed them (one per node), as the GUI or openssl x509 -fingerprint -sha256 shows them.","anyOf":[{"type":"string","minLength":1},{"type":"array","items":{"type":"string","minLength":1}}]},"insecure":{"description":"Do not verify TLS certificates at all. Anyone on the path can then read the credentials; prefer caFile or fingerprints. Default false.","type":"boolean"},"timeout":{"description":"Most seconds one API request may take. Default 30.","type":"number","exclusiveMinimum":0,"maximum":3600},"retries":{"description":"How often a failed read is tried again (network errors, 5xx, 595/596). Default 3.","type":"integer","minimum":0,"maximum":10}}},"Service":{"description":"How proxlb balance runs as a service.","type":"object","additionalProperties":false,"properties":{"enabled":{"description":"Whether balance moves guests (false: it plans and reports only). Default true.","type":"boolean"},"daemon":{"description":"Keep running and balance every interval, rather than once. Default false.","type":"boolean"},"interval":{"description":"Time between two balancing runs in daemon mode: a number and a unit, s, m, h or d (30m, 12h, 1d). Default 12h.","type":"string","pattern":"^[1-9][0-9]*(s|m|h|d)$"}}}}};
const schema32 = {"description":"How to reach and log in to the Proxmox VE API. Give a user with a password, or an API token.","type":"object","additionalProperties":false,"properties":{"hosts":{"description":"Proxmox hosts, tried in order until one answers: host, host:port, [IPv6]:port or https://host:port (default port 8006). A list, or one string with commas.","anyOf":[{"type":"string","minLength":1},{"type":"array","items":{"type":"string","minLength":1},"minItems":1}]},"user":{"description":"User with realm, e.g. proxlb@pve or root@pam (for password login).","type":"string","minLength":1},"password":{"description":"The user's password. Prefer passwordFile; a file holding a password should be readable by its owner only.","type":"string"},"passwordFile":{"description":"File whose first line is the user's password.","type":"string","minLength":1},"tokenId":{"description":"API token id, user@realm!tokenname, e.g. proxlb@pve!balancer.","type":"string","minLength":1},"tokenSecret":{"description":"The API token's secret (a UUID). Prefer tokenSecretFile.","type":"string"},"tokenSecretFile":{"description":"File whose first line is the API token's secret.","type":"string","minLength":1},"caFile":{"description":"PEM file of the CA that signed the Proxmox certificates (e.g. a copy of /etc/pve/pve-root-ca.pem).","type":"string","minLength":1},"fingerprints":{"description":"SHA-256 fingerprints of the certificates to accept whatever signed them (one per node), as the GUI or openssl x509 -fingerprint -sha256 shows them.","anyOf":[{"type":"string","minLength":1},{"type":"array","items":{"type":"string","minLength":1}}]},"insecure":{"description":"Do not verify TLS certificates at all. Anyone on the path can then read the credentials; prefer caFile or fingerprints. Default false.","type":"boolean"},"timeout":{"description":"Most seconds one API request may take. Default 30.","type":"number","exclusiveMinimum":0,"maximum":3600},"retries":{"description":"How often a failed read is tried again (network errors, 5xx, 595/596). Default 3.","type":"integer","minimum":0,"maximum":10}}};
const schema33 = {"description":"How proxlb balance runs as a service.","type":"object","additionalProperties":false,"properties":{"enabled":{"description":"Whether balance moves guests (false: it plans and reports only). Default true.","type":"boolean"},"daemon":{"description":"Keep running and balance every interval, rather than once. Default false.","type":"boolean"},"interval":{"description":"Time between two balancing runs in daemon mode: a number and a unit, s, m, h or d (30m, 12h, 1d). Default 12h.","type":"string","pattern":"^[1-9][0-9]*(s|m|h|d)$"}}};
const func1 = Object.prototype.hasOwnProperty;
const func2 = runtime0;
const pattern4 = new RegExp("^[1-9][0-9]*(s|m|h|d)$", "u");

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://proxlb.dev/schemas/config.v1.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "$schema") || (key0 === "apiVersion")) || (key0 === "kind")) || (key0 === "connection")) || (key0 === "policy")) || (key0 === "service"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err3 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.$schema.type,parentSchema:schema31.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data1 = data.apiVersion;
if("proxlb/v1" !== data1){
const err4 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/const",keyword:"const",params:{allowedValue: "proxlb/v1"},message:"must be equal to constant",schema:"proxlb/v1",parentSchema:schema31.properties.apiVersion,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.kind !== undefined){
let data2 = data.kind;
if("Config" !== data2){
const err5 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "Config"},message:"must be equal to constant",schema:"Config",parentSchema:schema31.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.connection !== undefined){
let data3 = data.connection;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
if(!(func1.call(schema32.properties, key1))){
const err6 = {instancePath:instancePath+"/connection",schemaPath:"#/$defs/Connection/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema32,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data3.hosts !== undefined){
let data4 = data3.hosts;
const _errs11 = errors;
let valid3 = false;
const _errs12 = errors;
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err7 = {instancePath:instancePath+"/connection/hosts",schemaPath:"#/$defs/Connection/properties/hosts/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.hosts.anyOf[0],data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/connection/hosts",schemaPath:"#/$defs/Connection/properties/hosts/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.hosts.anyOf[0].type,parentSchema:schema32.properties.hosts.anyOf[0],data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
var _valid0 = _errs12 === errors;
valid3 = valid3 || _valid0;
const _errs14 = errors;
if(Array.isArray(data4)){
if(data4.length < 1){
const err9 = {instancePath:instancePath+"/connection/hosts",schemaPath:"#/$defs/Connection/properties/hosts/anyOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema32.properties.hosts.anyOf[1],data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
if(typeof data5 === "string"){
if(func2(data5) < 1){
const err10 = {instancePath:instancePath+"/connection/hosts/" + i0,schemaPath:"#/$defs/Connection/properties/hosts/anyOf/1/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.hosts.anyOf[1].items,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/connection/hosts/" + i0,schemaPath:"#/$defs/Connection/properties/hosts/anyOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.hosts.anyOf[1].items.type,parentSchema:schema32.properties.hosts.anyOf[1].items,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath:instancePath+"/connection/hosts",schemaPath:"#/$defs/Connection/properties/hosts/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.properties.hosts.anyOf[1].type,parentSchema:schema32.properties.hosts.anyOf[1],data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
var _valid0 = _errs14 === errors;
valid3 = valid3 || _valid0;
if(!valid3){
const err13 = {instancePath:instancePath+"/connection/hosts",schemaPath:"#/$defs/Connection/properties/hosts/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema32.properties.hosts.anyOf,parentSchema:schema32.properties.hosts,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
else {
errors = _errs11;
if(vErrors !== null){
if(_errs11){
vErrors.length = _errs11;
}
else {
vErrors = null;
}
}
}
}
if(data3.user !== undefined){
let data6 = data3.user;
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err14 = {instancePath:instancePath+"/connection/user",schemaPath:"#/$defs/Connection/properties/user/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.user,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/connection/user",schemaPath:"#/$defs/Connection/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.user.type,parentSchema:schema32.properties.user,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data3.password !== undefined){
let data7 = data3.password;
if(typeof data7 !== "string"){
const err16 = {instancePath:instancePath+"/connection/password",schemaPath:"#/$defs/Connection/properties/password/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.password.type,parentSchema:schema32.properties.password,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data3.passwordFile !== undefined){
let data8 = data3.passwordFile;
if(typeof data8 === "string"){
if(func2(data8) < 1){
const err17 = {instancePath:instancePath+"/connection/passwordFile",schemaPath:"#/$defs/Connection/properties/passwordFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.passwordFile,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/connection/passwordFile",schemaPath:"#/$defs/Connection/properties/passwordFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.passwordFile.type,parentSchema:schema32.properties.passwordFile,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data3.tokenId !== undefined){
let data9 = data3.tokenId;
if(typeof data9 === "string"){
if(func2(data9) < 1){
const err19 = {instancePath:instancePath+"/connection/tokenId",schemaPath:"#/$defs/Connection/properties/tokenId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.tokenId,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/connection/tokenId",schemaPath:"#/$defs/Connection/properties/tokenId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.tokenId.type,parentSchema:schema32.properties.tokenId,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data3.tokenSecret !== undefined){
let data10 = data3.tokenSecret;
if(typeof data10 !== "string"){
const err21 = {instancePath:instancePath+"/connection/tokenSecret",schemaPath:"#/$defs/Connection/properties/tokenSecret/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.tokenSecret.type,parentSchema:schema32.properties.tokenSecret,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data3.tokenSecretFile !== undefined){
let data11 = data3.tokenSecretFile;
if(typeof data11 === "string"){
if(func2(data11) < 1){
const err22 = {instancePath:instancePath+"/connection/tokenSecretFile",schemaPath:"#/$defs/Connection/properties/tokenSecretFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.tokenSecretFile,data:data11};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/connection/tokenSecretFile",schemaPath:"#/$defs/Connection/properties/tokenSecretFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.tokenSecretFile.type,parentSchema:schema32.properties.tokenSecretFile,data:data11};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data3.caFile !== undefined){
let data12 = data3.caFile;
if(typeof data12 === "string"){
if(func2(data12) < 1){
const err24 = {instancePath:instancePath+"/connection/caFile",schemaPath:"#/$defs/Connection/properties/caFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.caFile,data:data12};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/connection/caFile",schemaPath:"#/$defs/Connection/properties/caFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.caFile.type,parentSchema:schema32.properties.caFile,data:data12};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data3.fingerprints !== undefined){
let data13 = data3.fingerprints;
const _errs33 = errors;
let valid6 = false;
const _errs34 = errors;
if(typeof data13 === "string"){
if(func2(data13) < 1){
const err26 = {instancePath:instancePath+"/connection/fingerprints",schemaPath:"#/$defs/Connection/properties/fingerprints/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.fingerprints.anyOf[0],data:data13};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/connection/fingerprints",schemaPath:"#/$defs/Connection/properties/fingerprints/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.fingerprints.anyOf[0].type,parentSchema:schema32.properties.fingerprints.anyOf[0],data:data13};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
var _valid1 = _errs34 === errors;
valid6 = valid6 || _valid1;
const _errs36 = errors;
if(Array.isArray(data13)){
const len1 = data13.length;
for(let i1=0; i1<len1; i1++){
let data14 = data13[i1];
if(typeof data14 === "string"){
if(func2(data14) < 1){
const err28 = {instancePath:instancePath+"/connection/fingerprints/" + i1,schemaPath:"#/$defs/Connection/properties/fingerprints/anyOf/1/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.fingerprints.anyOf[1].items,data:data14};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/connection/fingerprints/" + i1,schemaPath:"#/$defs/Connection/properties/fingerprints/anyOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.fingerprints.anyOf[1].items.type,parentSchema:schema32.properties.fingerprints.anyOf[1].items,data:data14};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/connection/fingerprints",schemaPath:"#/$defs/Connection/properties/fingerprints/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.properties.fingerprints.anyOf[1].type,parentSchema:schema32.properties.fingerprints.anyOf[1],data:data13};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
var _valid1 = _errs36 === errors;
valid6 = valid6 || _valid1;
if(!valid6){
const err31 = {instancePath:instancePath+"/connection/fingerprints",schemaPath:"#/$defs/Connection/properties/fingerprints/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema32.properties.fingerprints.anyOf,parentSchema:schema32.properties.fingerprints,data:data13};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
else {
errors = _errs33;
if(vErrors !== null){
if(_errs33){
vErrors.length = _errs33;
}
else {
vErrors = null;
}
}
}
}
if(data3.insecure !== undefined){
let data15 = data3.insecure;
if(typeof data15 !== "boolean"){
const err32 = {instancePath:instancePath+"/connection/insecure",schemaPath:"#/$defs/Connection/properties/insecure/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema32.properties.insecure.type,parentSchema:schema32.properties.insecure,data:data15};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data3.timeout !== undefined){
let data16 = data3.timeout;
if((typeof data16 == "number") && (isFinite(data16))){
if(data16 > 3600 || isNaN(data16)){
const err33 = {instancePath:instancePath+"/connection/timeout",schemaPath:"#/$defs/Connection/properties/timeout/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema32.properties.timeout,data:data16};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(data16 <= 0 || isNaN(data16)){
const err34 = {instancePath:instancePath+"/connection/timeout",schemaPath:"#/$defs/Connection/properties/timeout/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema32.properties.timeout,data:data16};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/connection/timeout",schemaPath:"#/$defs/Connection/properties/timeout/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema32.properties.timeout.type,parentSchema:schema32.properties.timeout,data:data16};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data3.retries !== undefined){
let data17 = data3.retries;
if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){
const err36 = {instancePath:instancePath+"/connection/retries",schemaPath:"#/$defs/Connection/properties/retries/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema32.properties.retries.type,parentSchema:schema32.properties.retries,data:data17};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 > 10 || isNaN(data17)){
const err37 = {instancePath:instancePath+"/connection/retries",schemaPath:"#/$defs/Connection/properties/retries/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10},message:"must be <= 10",schema:10,parentSchema:schema32.properties.retries,data:data17};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(data17 < 0 || isNaN(data17)){
const err38 = {instancePath:instancePath+"/connection/retries",schemaPath:"#/$defs/Connection/properties/retries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema32.properties.retries,data:data17};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
}
else {
const err39 = {instancePath:instancePath+"/connection",schemaPath:"#/$defs/Connection/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.type,parentSchema:schema32,data:data3};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data.policy !== undefined){
let data18 = data.policy;
const _errs47 = errors;
let valid9 = false;
const _errs48 = errors;
if(typeof data18 === "string"){
if(func2(data18) < 1){
const err40 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.policy.anyOf[0],data:data18};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
else {
const err41 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.policy.anyOf[0].type,parentSchema:schema31.properties.policy.anyOf[0],data:data18};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
var _valid2 = _errs48 === errors;
valid9 = valid9 || _valid2;
const _errs50 = errors;
if(!(data18 && typeof data18 == "object" && !Array.isArray(data18))){
const err42 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.policy.anyOf[1].type,parentSchema:schema31.properties.policy.anyOf[1],data:data18};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
var _valid2 = _errs50 === errors;
valid9 = valid9 || _valid2;
if(!valid9){
const err43 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema31.properties.policy.anyOf,parentSchema:schema31.properties.policy,data:data18};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
else {
errors = _errs47;
if(vErrors !== null){
if(_errs47){
vErrors.length = _errs47;
}
else {
vErrors = null;
}
}
}
}
if(data.service !== undefined){
let data19 = data.service;
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
for(const key2 in data19){
if(!(((key2 === "enabled") || (key2 === "daemon")) || (key2 === "interval"))){
const err44 = {instancePath:instancePath+"/service",schemaPath:"#/$defs/Service/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema33,data:data19};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data19.enabled !== undefined){
let data20 = data19.enabled;
if(typeof data20 !== "boolean"){
const err45 = {instancePath:instancePath+"/service/enabled",schemaPath:"#/$defs/Service/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema33.properties.enabled.type,parentSchema:schema33.properties.enabled,data:data20};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data19.daemon !== undefined){
let data21 = data19.daemon;
if(typeof data21 !== "boolean"){
const err46 = {instancePath:instancePath+"/service/daemon",schemaPath:"#/$defs/Service/properties/daemon/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema33.properties.daemon.type,parentSchema:schema33.properties.daemon,data:data21};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data19.interval !== undefined){
let data22 = data19.interval;
if(typeof data22 === "string"){
if(!pattern4.test(data22)){
const err47 = {instancePath:instancePath+"/service/interval",schemaPath:"#/$defs/Service/properties/interval/pattern",keyword:"pattern",params:{pattern: "^[1-9][0-9]*(s|m|h|d)$"},message:"must match pattern \""+"^[1-9][0-9]*(s|m|h|d)$"+"\"",schema:"^[1-9][0-9]*(s|m|h|d)$",parentSchema:schema33.properties.interval,data:data22};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
else {
const err48 = {instancePath:instancePath+"/service/interval",schemaPath:"#/$defs/Service/properties/interval/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.interval.type,parentSchema:schema33.properties.interval,data:data22};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
}
else {
const err49 = {instancePath:instancePath+"/service",schemaPath:"#/$defs/Service/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema33.type,parentSchema:schema33,data:data19};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
else {
const err50 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const journalV1 = validate21;
const schema34 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://proxlb.dev/schemas/journal.v1.json","title":"JournalRecord","description":"One line of an apply journal (JSONL: one JSON object per line, appended and flushed to disk as each state change happens). apply, drain and balance write one; apply --resume reads it to continue without issuing any migration twice. A record says which plan it belongs to, which run wrote it and, for move records, which move it concerns. move-started is written before the migration request is sent. Never holds a secret.","type":"object","additionalProperties":false,"required":["format","seq","at","run","plan","event"],"properties":{"format":{"description":"The format and its version: always proxlb.journal/v1 for this schema. Files written by earlier builds of proxlb carry \"schemaVersion\": 1 instead; proxlb reads them as proxlb.journal/v1.","const":"proxlb.journal/v1"},"seq":{"description":"Sequence number: 1 for the first line of the file, one more on each line after it, across runs.","type":"integer","minimum":1},"at":{"description":"When the state change happened (ISO-8601, UTC, with milliseconds).","type":"string","format":"date-time"},"run":{"description":"Id of the run that wrote the record; a resumed run gets a new one.","type":"string","minLength":1},"plan":{"$ref":"#/$defs/PlanIdentity"},"event":{"description":"What happened. run-started: a run begins (options, moves). move-started: the migration request is about to be sent. move-accepted: Proxmox answered with the task id (UPID). move-finished: the task ended (ok or failed, with the task's reason). move-verified: the guest was seen on its target. move-skipped: the move will not run (already done, stopped after a failure, refused). run-ended: the run stops (completed, stopped after a failure, or interrupted).","enum":["run-started","move-started","move-accepted","move-finished","move-verified","move-skipped","run-ended"]},"move":{"$ref":"#/$defs/MoveRef"},"request":{"$ref":"#/$defs/Request"},"upid":{"description":"Proxmox task id of the migration (move-accepted; move-finished when known). For an HA-managed guest, first the hamigrate task, then the real qmigrate/vzmigrate.","type":"string"},"outcome":{"description":"move-finished: ok, or failed (with reason).","enum":["ok","failed"]},"reason":{"description":"Why a move failed or was skipped, or how a run ended, in one sentence (the task's own error for failed migrations).","type":"string"},"durationMs":{"description":"move-finished: milliseconds from the request to the end of the task; run-ended: length of the run.","type":"integer","minimum":0},"node":{"description":"move-verified: the node the guest was found on.","type":"string"},"recovered":{"description":"The record was reconstructed by a resumed run from the live cluster (the task list, the guest's place and lock) rather than seen as it happened.","type":"boolean"},"options":{"$ref":"#/$defs/RunOptions"},"summary":{"$ref":"#/$defs/RunSummary"}},"$defs":{"PlanIdentity":{"description":"The plan the record belongs to: a journal holds the records of one plan only.","type":"object","additionalProperties":false,"required":["hash","snapshot","policy"],"properties":{"hash":{"description":"sha256 of the canonical JSON of the whole plan document, its version written as \"schemaVersion\": 1 (as plans carried it before the format key), so that plans and journals of earlier builds keep their identity.","type":"string","pattern":"^sha256:[0-9a-f]{64}$"},"snapshot":{"description":"Fingerprint of the snapshot the plan was made from.","type":"string","pattern":"^sha256:[0-9a-f]{64}$"},"policy":{"description":"Hash of the plan's embedded policy.","type":"string","pattern":"^sha256:[0-9a-f]{64}$"}}},"MoveRef":{"description":"The move a record concerns (required on every move-* record).","type":"object","additionalProperties":false,"required":["index","vmid","name","type","from","to"],"properties":{"index":{"description":"Position of the move in the plan's moves[], from 0.","type":"integer","minimum":0},"vmid":{"description":"Guest id.","type":"integer","minimum":1},"name":{"description":"Guest name.","type":"string"},"type":{"description":"qemu or lxc.","enum":["qemu","lxc"]},"from":{"description":"Source node.","type":"string"},"to":{"description":"Target node.","type":"string"}}},"Request":{"description":"move-started: the API request about to be sent.","type":"object","additionalProperties":false,"required":["method","path","params"],"properties":{"method":{"description":"HTTP method (POST).","type":"string"},"path":{"description":"API path without /api2/json.","type":"string"},"params":{"description":"Form parameters as sent (target, online, restart, with-local-disks, timeout); never credentials.","type":"object","additionalProperties":{"type":["string","number","boolean"]}}}},"RunOptions":{"description":"run-started: what the run was asked to do.","type":"object","additionalProperties":false,"required":["command","moves","parallel","perNode","onFailure","migrationTimeoutSeconds","resume"],"properties":{"command":{"description":"The command that ran: apply, drain, restore (drain --restore) or balance.","enum":["apply","drain","restore","balance"]},"planFile":{"description":"The plan file applied, as given.","type":"string"},"drainNode":{"description":"drain and restore: the node emptied or refilled.","type":"string"},"moves":{"description":"Moves in the plan.","type":"integer","minimum":0},"parallel":{"description":"Most migrations at once in the cluster.","type":"integer","minimum":1},"perNode":{"description":"Most migrations at once touching one node.","type":"integer","minimum":1},"onFailure":{"description":"continue: the other moves go on after a failure; stop: no new move starts.","enum":["continue","stop"]},"migrationTimeoutSeconds":{"description":"Most seconds one migration may take before it is stopped and counted failed.","type":"integer","minimum":1},"resume":{"description":"The run continues an earlier one from this journal.","type":"boolean"},"host":{"description":"Host name of the machine proxlb ran on.","type":"string"},"pid":{"description":"Process id of proxlb.","type":"integer","minimum":1},"tool":{"description":"proxlb version.","type":"string"}}},"RunSummary":{"description":"run-ended: the outcome of every move of the plan as the journal knows it.","type":"object","additionalProperties":false,"required":["status","done","failed","skipped","pending"],"properties":{"status":{"description":"completed: every move was tried; stopped: --on-failure stop halted it; interrupted: a signal stopped it (pending moves can be resumed); refused: nothing was started.","enum":["completed","stopped","interrupted","refused"]},"done":{"description":"Moves verified on their target.","type":"integer","minimum":0},"failed":{"description":"Moves that failed.","type":"integer","minimum":0},"skipped":{"description":"Moves not run.","type":"integer","minimum":0},"pending":{"description":"Moves neither finished nor skipped (left for --resume).","type":"integer","minimum":0}}}}};
const schema35 = {"description":"The plan the record belongs to: a journal holds the records of one plan only.","type":"object","additionalProperties":false,"required":["hash","snapshot","policy"],"properties":{"hash":{"description":"sha256 of the canonical JSON of the whole plan document, its version written as \"schemaVersion\": 1 (as plans carried it before the format key), so that plans and journals of earlier builds keep their identity.","type":"string","pattern":"^sha256:[0-9a-f]{64}$"},"snapshot":{"description":"Fingerprint of the snapshot the plan was made from.","type":"string","pattern":"^sha256:[0-9a-f]{64}$"},"policy":{"description":"Hash of the plan's embedded policy.","type":"string","pattern":"^sha256:[0-9a-f]{64}$"}}};
const schema36 = {"description":"The move a record concerns (required on every move-* record).","type":"object","additionalProperties":false,"required":["index","vmid","name","type","from","to"],"properties":{"index":{"description":"Position of the move in the plan's moves[], from 0.","type":"integer","minimum":0},"vmid":{"description":"Guest id.","type":"integer","minimum":1},"name":{"description":"Guest name.","type":"string"},"type":{"description":"qemu or lxc.","enum":["qemu","lxc"]},"from":{"description":"Source node.","type":"string"},"to":{"description":"Target node.","type":"string"}}};
const schema37 = {"description":"move-started: the API request about to be sent.","type":"object","additionalProperties":false,"required":["method","path","params"],"properties":{"method":{"description":"HTTP method (POST).","type":"string"},"path":{"description":"API path without /api2/json.","type":"string"},"params":{"description":"Form parameters as sent (target, online, restart, with-local-disks, timeout); never credentials.","type":"object","additionalProperties":{"type":["string","number","boolean"]}}}};
const schema38 = {"description":"run-started: what the run was asked to do.","type":"object","additionalProperties":false,"required":["command","moves","parallel","perNode","onFailure","migrationTimeoutSeconds","resume"],"properties":{"command":{"description":"The command that ran: apply, drain, restore (drain --restore) or balance.","enum":["apply","drain","restore","balance"]},"planFile":{"description":"The plan file applied, as given.","type":"string"},"drainNode":{"description":"drain and restore: the node emptied or refilled.","type":"string"},"moves":{"description":"Moves in the plan.","type":"integer","minimum":0},"parallel":{"description":"Most migrations at once in the cluster.","type":"integer","minimum":1},"perNode":{"description":"Most migrations at once touching one node.","type":"integer","minimum":1},"onFailure":{"description":"continue: the other moves go on after a failure; stop: no new move starts.","enum":["continue","stop"]},"migrationTimeoutSeconds":{"description":"Most seconds one migration may take before it is stopped and counted failed.","type":"integer","minimum":1},"resume":{"description":"The run continues an earlier one from this journal.","type":"boolean"},"host":{"description":"Host name of the machine proxlb ran on.","type":"string"},"pid":{"description":"Process id of proxlb.","type":"integer","minimum":1},"tool":{"description":"proxlb version.","type":"string"}}};
const schema39 = {"description":"run-ended: the outcome of every move of the plan as the journal knows it.","type":"object","additionalProperties":false,"required":["status","done","failed","skipped","pending"],"properties":{"status":{"description":"completed: every move was tried; stopped: --on-failure stop halted it; interrupted: a signal stopped it (pending moves can be resumed); refused: nothing was started.","enum":["completed","stopped","interrupted","refused"]},"done":{"description":"Moves verified on their target.","type":"integer","minimum":0},"failed":{"description":"Moves that failed.","type":"integer","minimum":0},"skipped":{"description":"Moves not run.","type":"integer","minimum":0},"pending":{"description":"Moves neither finished nor skipped (left for --resume).","type":"integer","minimum":0}}};
const formats0 = runtime1["date-time"];
const pattern5 = new RegExp("^sha256:[0-9a-f]{64}$", "u");

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://proxlb.dev/schemas/journal.v1.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.format === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "format"},message:"must have required property '"+"format"+"'",schema:schema34.required,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.seq === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "seq"},message:"must have required property '"+"seq"+"'",schema:schema34.required,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.at === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "at"},message:"must have required property '"+"at"+"'",schema:schema34.required,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.run === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "run"},message:"must have required property '"+"run"+"'",schema:schema34.required,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.plan === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "plan"},message:"must have required property '"+"plan"+"'",schema:schema34.required,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.event === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "event"},message:"must have required property '"+"event"+"'",schema:schema34.required,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema34.properties, key0))){
const err6 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.format !== undefined){
let data0 = data.format;
if("proxlb.journal/v1" !== data0){
const err7 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/const",keyword:"const",params:{allowedValue: "proxlb.journal/v1"},message:"must be equal to constant",schema:"proxlb.journal/v1",parentSchema:schema34.properties.format,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.seq !== undefined){
let data1 = data.seq;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err8 = {instancePath:instancePath+"/seq",schemaPath:"#/properties/seq/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema34.properties.seq.type,parentSchema:schema34.properties.seq,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 1 || isNaN(data1)){
const err9 = {instancePath:instancePath+"/seq",schemaPath:"#/properties/seq/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema34.properties.seq,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data.at !== undefined){
let data2 = data.at;
if(typeof data2 === "string"){
if(!(formats0.validate(data2))){
const err10 = {instancePath:instancePath+"/at",schemaPath:"#/properties/at/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema34.properties.at,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/at",schemaPath:"#/properties/at/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.properties.at.type,parentSchema:schema34.properties.at,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.run !== undefined){
let data3 = data.run;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err12 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema34.properties.run,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.properties.run.type,parentSchema:schema34.properties.run,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.plan !== undefined){
let data4 = data.plan;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.hash === undefined){
const err14 = {instancePath:instancePath+"/plan",schemaPath:"#/$defs/PlanIdentity/required",keyword:"required",params:{missingProperty: "hash"},message:"must have required property '"+"hash"+"'",schema:schema35.required,parentSchema:schema35,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data4.snapshot === undefined){
const err15 = {instancePath:instancePath+"/plan",schemaPath:"#/$defs/PlanIdentity/required",keyword:"required",params:{missingProperty: "snapshot"},message:"must have required property '"+"snapshot"+"'",schema:schema35.required,parentSchema:schema35,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(data4.policy === undefined){
const err16 = {instancePath:instancePath+"/plan",schemaPath:"#/$defs/PlanIdentity/required",keyword:"required",params:{missingProperty: "policy"},message:"must have required property '"+"policy"+"'",schema:schema35.required,parentSchema:schema35,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
for(const key1 in data4){
if(!(((key1 === "hash") || (key1 === "snapshot")) || (key1 === "policy"))){
const err17 = {instancePath:instancePath+"/plan",schemaPath:"#/$defs/PlanIdentity/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema35,data:data4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data4.hash !== undefined){
let data5 = data4.hash;
if(typeof data5 === "string"){
if(!pattern5.test(data5)){
const err18 = {instancePath:instancePath+"/plan/hash",schemaPath:"#/$defs/PlanIdentity/properties/hash/pattern",keyword:"pattern",params:{pattern: "^sha256:[0-9a-f]{64}$"},message:"must match pattern \""+"^sha256:[0-9a-f]{64}$"+"\"",schema:"^sha256:[0-9a-f]{64}$",parentSchema:schema35.properties.hash,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/plan/hash",schemaPath:"#/$defs/PlanIdentity/properties/hash/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.properties.hash.type,parentSchema:schema35.properties.hash,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data4.snapshot !== undefined){
let data6 = data4.snapshot;
if(typeof data6 === "string"){
if(!pattern5.test(data6)){
const err20 = {instancePath:instancePath+"/plan/snapshot",schemaPath:"#/$defs/PlanIdentity/properties/snapshot/pattern",keyword:"pattern",params:{pattern: "^sha256:[0-9a-f]{64}$"},message:"must match pattern \""+"^sha256:[0-9a-f]{64}$"+"\"",schema:"^sha256:[0-9a-f]{64}$",parentSchema:schema35.properties.snapshot,data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/plan/snapshot",schemaPath:"#/$defs/PlanIdentity/properties/snapshot/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.properties.snapshot.type,parentSchema:schema35.properties.snapshot,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data4.policy !== undefined){
let data7 = data4.policy;
if(typeof data7 === "string"){
if(!pattern5.test(data7)){
const err22 = {instancePath:instancePath+"/plan/policy",schemaPath:"#/$defs/PlanIdentity/properties/policy/pattern",keyword:"pattern",params:{pattern: "^sha256:[0-9a-f]{64}$"},message:"must match pattern \""+"^sha256:[0-9a-f]{64}$"+"\"",schema:"^sha256:[0-9a-f]{64}$",parentSchema:schema35.properties.policy,data:data7};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/plan/policy",schemaPath:"#/$defs/PlanIdentity/properties/policy/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.properties.policy.type,parentSchema:schema35.properties.policy,data:data7};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/plan",schemaPath:"#/$defs/PlanIdentity/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema35.type,parentSchema:schema35,data:data4};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.event !== undefined){
let data8 = data.event;
if(!(((((((data8 === "run-started") || (data8 === "move-started")) || (data8 === "move-accepted")) || (data8 === "move-finished")) || (data8 === "move-verified")) || (data8 === "move-skipped")) || (data8 === "run-ended"))){
const err25 = {instancePath:instancePath+"/event",schemaPath:"#/properties/event/enum",keyword:"enum",params:{allowedValues: schema34.properties.event.enum},message:"must be equal to one of the allowed values",schema:schema34.properties.event.enum,parentSchema:schema34.properties.event,data:data8};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.move !== undefined){
let data9 = data.move;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.index === undefined){
const err26 = {instancePath:instancePath+"/move",schemaPath:"#/$defs/MoveRef/required",keyword:"required",params:{missingProperty: "index"},message:"must have required property '"+"index"+"'",schema:schema36.required,parentSchema:schema36,data:data9};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data9.vmid === undefined){
const err27 = {instancePath:instancePath+"/move",schemaPath:"#/$defs/MoveRef/required",keyword:"required",params:{missingProperty: "vmid"},message:"must have required property '"+"vmid"+"'",schema:schema36.required,parentSchema:schema36,data:data9};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(data9.name === undefined){
const err28 = {instancePath:instancePath+"/move",schemaPath:"#/$defs/MoveRef/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema36.required,parentSchema:schema36,data:data9};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(data9.type === undefined){
const err29 = {instancePath:instancePath+"/move",schemaPath:"#/$defs/MoveRef/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema36.required,parentSchema:schema36,data:data9};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data9.from === undefined){
const err30 = {instancePath:instancePath+"/move",schemaPath:"#/$defs/MoveRef/required",keyword:"required",params:{missingProperty: "from"},message:"must have required property '"+"from"+"'",schema:schema36.required,parentSchema:schema36,data:data9};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(data9.to === undefined){
const err31 = {instancePath:instancePath+"/move",schemaPath:"#/$defs/MoveRef/required",keyword:"required",params:{missingProperty: "to"},message:"must have required property '"+"to"+"'",schema:schema36.required,parentSchema:schema36,data:data9};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
for(const key2 in data9){
if(!((((((key2 === "index") || (key2 === "vmid")) || (key2 === "name")) || (key2 === "type")) || (key2 === "from")) || (key2 === "to"))){
const err32 = {instancePath:instancePath+"/move",schemaPath:"#/$defs/MoveRef/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema36,data:data9};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data9.index !== undefined){
let data10 = data9.index;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err33 = {instancePath:instancePath+"/move/index",schemaPath:"#/$defs/MoveRef/properties/index/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema36.properties.index.type,parentSchema:schema36.properties.index,data:data10};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 < 0 || isNaN(data10)){
const err34 = {instancePath:instancePath+"/move/index",schemaPath:"#/$defs/MoveRef/properties/index/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema36.properties.index,data:data10};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
if(data9.vmid !== undefined){
let data11 = data9.vmid;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err35 = {instancePath:instancePath+"/move/vmid",schemaPath:"#/$defs/MoveRef/properties/vmid/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema36.properties.vmid.type,parentSchema:schema36.properties.vmid,data:data11};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 < 1 || isNaN(data11)){
const err36 = {instancePath:instancePath+"/move/vmid",schemaPath:"#/$defs/MoveRef/properties/vmid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema36.properties.vmid,data:data11};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
if(data9.name !== undefined){
let data12 = data9.name;
if(typeof data12 !== "string"){
const err37 = {instancePath:instancePath+"/move/name",schemaPath:"#/$defs/MoveRef/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.properties.name.type,parentSchema:schema36.properties.name,data:data12};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data9.type !== undefined){
let data13 = data9.type;
if(!((data13 === "qemu") || (data13 === "lxc"))){
const err38 = {instancePath:instancePath+"/move/type",schemaPath:"#/$defs/MoveRef/properties/type/enum",keyword:"enum",params:{allowedValues: schema36.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema36.properties.type.enum,parentSchema:schema36.properties.type,data:data13};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data9.from !== undefined){
let data14 = data9.from;
if(typeof data14 !== "string"){
const err39 = {instancePath:instancePath+"/move/from",schemaPath:"#/$defs/MoveRef/properties/from/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.properties.from.type,parentSchema:schema36.properties.from,data:data14};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data9.to !== undefined){
let data15 = data9.to;
if(typeof data15 !== "string"){
const err40 = {instancePath:instancePath+"/move/to",schemaPath:"#/$defs/MoveRef/properties/to/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.properties.to.type,parentSchema:schema36.properties.to,data:data15};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/move",schemaPath:"#/$defs/MoveRef/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema36.type,parentSchema:schema36,data:data9};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data.request !== undefined){
let data16 = data.request;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
if(data16.method === undefined){
const err42 = {instancePath:instancePath+"/request",schemaPath:"#/$defs/Request/required",keyword:"required",params:{missingProperty: "method"},message:"must have required property '"+"method"+"'",schema:schema37.required,parentSchema:schema37,data:data16};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(data16.path === undefined){
const err43 = {instancePath:instancePath+"/request",schemaPath:"#/$defs/Request/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'",schema:schema37.required,parentSchema:schema37,data:data16};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
if(data16.params === undefined){
const err44 = {instancePath:instancePath+"/request",schemaPath:"#/$defs/Request/required",keyword:"required",params:{missingProperty: "params"},message:"must have required property '"+"params"+"'",schema:schema37.required,parentSchema:schema37,data:data16};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
for(const key3 in data16){
if(!(((key3 === "method") || (key3 === "path")) || (key3 === "params"))){
const err45 = {instancePath:instancePath+"/request",schemaPath:"#/$defs/Request/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema37,data:data16};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data16.method !== undefined){
let data17 = data16.method;
if(typeof data17 !== "string"){
const err46 = {instancePath:instancePath+"/request/method",schemaPath:"#/$defs/Request/properties/method/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.properties.method.type,parentSchema:schema37.properties.method,data:data17};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data16.path !== undefined){
let data18 = data16.path;
if(typeof data18 !== "string"){
const err47 = {instancePath:instancePath+"/request/path",schemaPath:"#/$defs/Request/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.properties.path.type,parentSchema:schema37.properties.path,data:data18};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data16.params !== undefined){
let data19 = data16.params;
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
for(const key4 in data19){
let data20 = data19[key4];
if(((typeof data20 !== "string") && (!((typeof data20 == "number") && (isFinite(data20))))) && (typeof data20 !== "boolean")){
const err48 = {instancePath:instancePath+"/request/params/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/Request/properties/params/additionalProperties/type",keyword:"type",params:{type: schema37.properties.params.additionalProperties.type},message:"must be string,number,boolean",schema:schema37.properties.params.additionalProperties.type,parentSchema:schema37.properties.params.additionalProperties,data:data20};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
}
else {
const err49 = {instancePath:instancePath+"/request/params",schemaPath:"#/$defs/Request/properties/params/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema37.properties.params.type,parentSchema:schema37.properties.params,data:data19};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
else {
const err50 = {instancePath:instancePath+"/request",schemaPath:"#/$defs/Request/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema37.type,parentSchema:schema37,data:data16};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data.upid !== undefined){
let data21 = data.upid;
if(typeof data21 !== "string"){
const err51 = {instancePath:instancePath+"/upid",schemaPath:"#/properties/upid/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.properties.upid.type,parentSchema:schema34.properties.upid,data:data21};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(data.outcome !== undefined){
let data22 = data.outcome;
if(!((data22 === "ok") || (data22 === "failed"))){
const err52 = {instancePath:instancePath+"/outcome",schemaPath:"#/properties/outcome/enum",keyword:"enum",params:{allowedValues: schema34.properties.outcome.enum},message:"must be equal to one of the allowed values",schema:schema34.properties.outcome.enum,parentSchema:schema34.properties.outcome,data:data22};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data.reason !== undefined){
let data23 = data.reason;
if(typeof data23 !== "string"){
const err53 = {instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.properties.reason.type,parentSchema:schema34.properties.reason,data:data23};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data.durationMs !== undefined){
let data24 = data.durationMs;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err54 = {instancePath:instancePath+"/durationMs",schemaPath:"#/properties/durationMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema34.properties.durationMs.type,parentSchema:schema34.properties.durationMs,data:data24};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 < 0 || isNaN(data24)){
const err55 = {instancePath:instancePath+"/durationMs",schemaPath:"#/properties/durationMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema34.properties.durationMs,data:data24};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
}
if(data.node !== undefined){
let data25 = data.node;
if(typeof data25 !== "string"){
const err56 = {instancePath:instancePath+"/node",schemaPath:"#/properties/node/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.properties.node.type,parentSchema:schema34.properties.node,data:data25};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data.recovered !== undefined){
let data26 = data.recovered;
if(typeof data26 !== "boolean"){
const err57 = {instancePath:instancePath+"/recovered",schemaPath:"#/properties/recovered/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema34.properties.recovered.type,parentSchema:schema34.properties.recovered,data:data26};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data.options !== undefined){
let data27 = data.options;
if(data27 && typeof data27 == "object" && !Array.isArray(data27)){
if(data27.command === undefined){
const err58 = {instancePath:instancePath+"/options",schemaPath:"#/$defs/RunOptions/required",keyword:"required",params:{missingProperty: "command"},message:"must have required property '"+"command"+"'",schema:schema38.required,parentSchema:schema38,data:data27};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
if(data27.moves === undefined){
const err59 = {instancePath:instancePath+"/options",schemaPath:"#/$defs/RunOptions/required",keyword:"required",params:{missingProperty: "moves"},message:"must have required property '"+"moves"+"'",schema:schema38.required,parentSchema:schema38,data:data27};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
if(data27.parallel === undefined){
const err60 = {instancePath:instancePath+"/options",schemaPath:"#/$defs/RunOptions/required",keyword:"required",params:{missingProperty: "parallel"},message:"must have required property '"+"parallel"+"'",schema:schema38.required,parentSchema:schema38,data:data27};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if(data27.perNode === undefined){
const err61 = {instancePath:instancePath+"/options",schemaPath:"#/$defs/RunOptions/required",keyword:"required",params:{missingProperty: "perNode"},message:"must have required property '"+"perNode"+"'",schema:schema38.required,parentSchema:schema38,data:data27};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if(data27.onFailure === undefined){
const err62 = {instancePath:instancePath+"/options",schemaPath:"#/$defs/RunOptions/required",keyword:"required",params:{missingProperty: "onFailure"},message:"must have required property '"+"onFailure"+"'",schema:schema38.required,parentSchema:schema38,data:data27};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(data27.migrationTimeoutSeconds === undefined){
const err63 = {instancePath:instancePath+"/options",schemaPath:"#/$defs/RunOptions/required",keyword:"required",params:{missingProperty: "migrationTimeoutSeconds"},message:"must have required property '"+"migrationTimeoutSeconds"+"'",schema:schema38.required,parentSchema:schema38,data:data27};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
if(data27.resume === undefined){
const err64 = {instancePath:instancePath+"/options",schemaPath:"#/$defs/RunOptions/required",keyword:"required",params:{missingProperty: "resume"},message:"must have required property '"+"resume"+"'",schema:schema38.required,parentSchema:schema38,data:data27};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
for(const key5 in data27){
if(!(func1.call(schema38.properties, key5))){
const err65 = {instancePath:instancePath+"/options",schemaPath:"#/$defs/RunOptions/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema38,data:data27};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data27.command !== undefined){
let data28 = data27.command;
if(!((((data28 === "apply") || (data28 === "drain")) || (data28 === "restore")) || (data28 === "balance"))){
const err66 = {instancePath:instancePath+"/options/command",schemaPath:"#/$defs/RunOptions/properties/command/enum",keyword:"enum",params:{allowedValues: schema38.properties.command.enum},message:"must be equal to one of the allowed values",schema:schema38.properties.command.enum,parentSchema:schema38.properties.command,data:data28};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data27.planFile !== undefined){
let data29 = data27.planFile;
if(typeof data29 !== "string"){
const err67 = {instancePath:instancePath+"/options/planFile",schemaPath:"#/$defs/RunOptions/properties/planFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.planFile.type,parentSchema:schema38.properties.planFile,data:data29};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data27.drainNode !== undefined){
let data30 = data27.drainNode;
if(typeof data30 !== "string"){
const err68 = {instancePath:instancePath+"/options/drainNode",schemaPath:"#/$defs/RunOptions/properties/drainNode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.drainNode.type,parentSchema:schema38.properties.drainNode,data:data30};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data27.moves !== undefined){
let data31 = data27.moves;
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err69 = {instancePath:instancePath+"/options/moves",schemaPath:"#/$defs/RunOptions/properties/moves/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema38.properties.moves.type,parentSchema:schema38.properties.moves,data:data31};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 < 0 || isNaN(data31)){
const err70 = {instancePath:instancePath+"/options/moves",schemaPath:"#/$defs/RunOptions/properties/moves/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema38.properties.moves,data:data31};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
}
if(data27.parallel !== undefined){
let data32 = data27.parallel;
if(!(((typeof data32 == "number") && (!(data32 % 1) && !isNaN(data32))) && (isFinite(data32)))){
const err71 = {instancePath:instancePath+"/options/parallel",schemaPath:"#/$defs/RunOptions/properties/parallel/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema38.properties.parallel.type,parentSchema:schema38.properties.parallel,data:data32};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
if((typeof data32 == "number") && (isFinite(data32))){
if(data32 < 1 || isNaN(data32)){
const err72 = {instancePath:instancePath+"/options/parallel",schemaPath:"#/$defs/RunOptions/properties/parallel/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema38.properties.parallel,data:data32};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
}
if(data27.perNode !== undefined){
let data33 = data27.perNode;
if(!(((typeof data33 == "number") && (!(data33 % 1) && !isNaN(data33))) && (isFinite(data33)))){
const err73 = {instancePath:instancePath+"/options/perNode",schemaPath:"#/$defs/RunOptions/properties/perNode/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema38.properties.perNode.type,parentSchema:schema38.properties.perNode,data:data33};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
if((typeof data33 == "number") && (isFinite(data33))){
if(data33 < 1 || isNaN(data33)){
const err74 = {instancePath:instancePath+"/options/perNode",schemaPath:"#/$defs/RunOptions/properties/perNode/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema38.properties.perNode,data:data33};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
}
if(data27.onFailure !== undefined){
let data34 = data27.onFailure;
if(!((data34 === "continue") || (data34 === "stop"))){
const err75 = {instancePath:instancePath+"/options/onFailure",schemaPath:"#/$defs/RunOptions/properties/onFailure/enum",keyword:"enum",params:{allowedValues: schema38.properties.onFailure.enum},message:"must be equal to one of the allowed values",schema:schema38.properties.onFailure.enum,parentSchema:schema38.properties.onFailure,data:data34};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
if(data27.migrationTimeoutSeconds !== undefined){
let data35 = data27.migrationTimeoutSeconds;
if(!(((typeof data35 == "number") && (!(data35 % 1) && !isNaN(data35))) && (isFinite(data35)))){
const err76 = {instancePath:instancePath+"/options/migrationTimeoutSeconds",schemaPath:"#/$defs/RunOptions/properties/migrationTimeoutSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema38.properties.migrationTimeoutSeconds.type,parentSchema:schema38.properties.migrationTimeoutSeconds,data:data35};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
if((typeof data35 == "number") && (isFinite(data35))){
if(data35 < 1 || isNaN(data35)){
const err77 = {instancePath:instancePath+"/options/migrationTimeoutSeconds",schemaPath:"#/$defs/RunOptions/properties/migrationTimeoutSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema38.properties.migrationTimeoutSeconds,data:data35};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
}
if(data27.resume !== undefined){
let data36 = data27.resume;
if(typeof data36 !== "boolean"){
const err78 = {instancePath:instancePath+"/options/resume",schemaPath:"#/$defs/RunOptions/properties/resume/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema38.properties.resume.type,parentSchema:schema38.properties.resume,data:data36};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(data27.host !== undefined){
let data37 = data27.host;
if(typeof data37 !== "string"){
const err79 = {instancePath:instancePath+"/options/host",schemaPath:"#/$defs/RunOptions/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.host.type,parentSchema:schema38.properties.host,data:data37};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
if(data27.pid !== undefined){
let data38 = data27.pid;
if(!(((typeof data38 == "number") && (!(data38 % 1) && !isNaN(data38))) && (isFinite(data38)))){
const err80 = {instancePath:instancePath+"/options/pid",schemaPath:"#/$defs/RunOptions/properties/pid/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema38.properties.pid.type,parentSchema:schema38.properties.pid,data:data38};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
if((typeof data38 == "number") && (isFinite(data38))){
if(data38 < 1 || isNaN(data38)){
const err81 = {instancePath:instancePath+"/options/pid",schemaPath:"#/$defs/RunOptions/properties/pid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema38.properties.pid,data:data38};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
}
if(data27.tool !== undefined){
let data39 = data27.tool;
if(typeof data39 !== "string"){
const err82 = {instancePath:instancePath+"/options/tool",schemaPath:"#/$defs/RunOptions/properties/tool/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.tool.type,parentSchema:schema38.properties.tool,data:data39};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
}
else {
const err83 = {instancePath:instancePath+"/options",schemaPath:"#/$defs/RunOptions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema38.type,parentSchema:schema38,data:data27};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
if(data.summary !== undefined){
let data40 = data.summary;
if(data40 && typeof data40 == "object" && !Array.isArray(data40)){
if(data40.status === undefined){
const err84 = {instancePath:instancePath+"/summary",schemaPath:"#/$defs/RunSummary/required",keyword:"required",params:{missingProperty: "status"},message:"must have required property '"+"status"+"'",schema:schema39.required,parentSchema:schema39,data:data40};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
if(data40.done === undefined){
const err85 = {instancePath:instancePath+"/summary",schemaPath:"#/$defs/RunSummary/required",keyword:"required",params:{missingProperty: "done"},message:"must have required property '"+"done"+"'",schema:schema39.required,parentSchema:schema39,data:data40};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
if(data40.failed === undefined){
const err86 = {instancePath:instancePath+"/summary",schemaPath:"#/$defs/RunSummary/required",keyword:"required",params:{missingProperty: "failed"},message:"must have required property '"+"failed"+"'",schema:schema39.required,parentSchema:schema39,data:data40};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
if(data40.skipped === undefined){
const err87 = {instancePath:instancePath+"/summary",schemaPath:"#/$defs/RunSummary/required",keyword:"required",params:{missingProperty: "skipped"},message:"must have required property '"+"skipped"+"'",schema:schema39.required,parentSchema:schema39,data:data40};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
if(data40.pending === undefined){
const err88 = {instancePath:instancePath+"/summary",schemaPath:"#/$defs/RunSummary/required",keyword:"required",params:{missingProperty: "pending"},message:"must have required property '"+"pending"+"'",schema:schema39.required,parentSchema:schema39,data:data40};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
for(const key6 in data40){
if(!(((((key6 === "status") || (key6 === "done")) || (key6 === "failed")) || (key6 === "skipped")) || (key6 === "pending"))){
const err89 = {instancePath:instancePath+"/summary",schemaPath:"#/$defs/RunSummary/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema39,data:data40};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
if(data40.status !== undefined){
let data41 = data40.status;
if(!((((data41 === "completed") || (data41 === "stopped")) || (data41 === "interrupted")) || (data41 === "refused"))){
const err90 = {instancePath:instancePath+"/summary/status",schemaPath:"#/$defs/RunSummary/properties/status/enum",keyword:"enum",params:{allowedValues: schema39.properties.status.enum},message:"must be equal to one of the allowed values",schema:schema39.properties.status.enum,parentSchema:schema39.properties.status,data:data41};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
if(data40.done !== undefined){
let data42 = data40.done;
if(!(((typeof data42 == "number") && (!(data42 % 1) && !isNaN(data42))) && (isFinite(data42)))){
const err91 = {instancePath:instancePath+"/summary/done",schemaPath:"#/$defs/RunSummary/properties/done/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema39.properties.done.type,parentSchema:schema39.properties.done,data:data42};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
if((typeof data42 == "number") && (isFinite(data42))){
if(data42 < 0 || isNaN(data42)){
const err92 = {instancePath:instancePath+"/summary/done",schemaPath:"#/$defs/RunSummary/properties/done/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema39.properties.done,data:data42};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
}
if(data40.failed !== undefined){
let data43 = data40.failed;
if(!(((typeof data43 == "number") && (!(data43 % 1) && !isNaN(data43))) && (isFinite(data43)))){
const err93 = {instancePath:instancePath+"/summary/failed",schemaPath:"#/$defs/RunSummary/properties/failed/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema39.properties.failed.type,parentSchema:schema39.properties.failed,data:data43};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
if((typeof data43 == "number") && (isFinite(data43))){
if(data43 < 0 || isNaN(data43)){
const err94 = {instancePath:instancePath+"/summary/failed",schemaPath:"#/$defs/RunSummary/properties/failed/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema39.properties.failed,data:data43};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
}
if(data40.skipped !== undefined){
let data44 = data40.skipped;
if(!(((typeof data44 == "number") && (!(data44 % 1) && !isNaN(data44))) && (isFinite(data44)))){
const err95 = {instancePath:instancePath+"/summary/skipped",schemaPath:"#/$defs/RunSummary/properties/skipped/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema39.properties.skipped.type,parentSchema:schema39.properties.skipped,data:data44};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
if((typeof data44 == "number") && (isFinite(data44))){
if(data44 < 0 || isNaN(data44)){
const err96 = {instancePath:instancePath+"/summary/skipped",schemaPath:"#/$defs/RunSummary/properties/skipped/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema39.properties.skipped,data:data44};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
}
if(data40.pending !== undefined){
let data45 = data40.pending;
if(!(((typeof data45 == "number") && (!(data45 % 1) && !isNaN(data45))) && (isFinite(data45)))){
const err97 = {instancePath:instancePath+"/summary/pending",schemaPath:"#/$defs/RunSummary/properties/pending/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema39.properties.pending.type,parentSchema:schema39.properties.pending,data:data45};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
if((typeof data45 == "number") && (isFinite(data45))){
if(data45 < 0 || isNaN(data45)){
const err98 = {instancePath:instancePath+"/summary/pending",schemaPath:"#/$defs/RunSummary/properties/pending/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema39.properties.pending,data:data45};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
}
}
else {
const err99 = {instancePath:instancePath+"/summary",schemaPath:"#/$defs/RunSummary/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema39.type,parentSchema:schema39,data:data40};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
}
else {
const err100 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema34.type,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const planV1 = validate22;
const schema40 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://proxlb.dev/schemas/plan.v1.json","title":"Plan","description":"The migrations proxlb proposes for one snapshot under one policy, with the evidence to review them and the preconditions apply checks before anything moves. Memory and disk in bytes, CPU in cores. moves[] entries carry at least vmid, name, from, to, reason; summary.moves is the move count.","type":"object","additionalProperties":false,"required":["format","createdAt","tool","snapshot","policy","balance","summary","moves","nodes","warnings"],"properties":{"$schema":{"description":"Optional pointer to this schema, for editors.","type":"string"},"format":{"description":"The format and its version: always proxlb.plan/v1 for this schema. Files written by earlier builds of proxlb carry \"schemaVersion\": 1 instead; proxlb reads them as proxlb.plan/v1.","const":"proxlb.plan/v1"},"createdAt":{"description":"When the plan was made (ISO-8601, UTC; SOURCE_DATE_EPOCH when set, for reproducible plans).","type":"string","format":"date-time"},"tool":{"description":"The program that made the plan.","type":"object","additionalProperties":false,"required":["name","version"],"properties":{"name":{"description":"Always proxlb.","type":"string"},"version":{"description":"proxlb version.","type":"string"}}},"snapshot":{"$ref":"#/$defs/SnapshotRef"},"policy":{"$ref":"#/$defs/PolicyRef"},"balance":{"$ref":"#/$defs/BalanceResult"},"summary":{"$ref":"#/$defs/Summary"},"moves":{"description":"Migrations in execution order (by wave, then as listed). Each guest appears at most once.","type":"array","items":{"$ref":"#/$defs/Move"}},"nodes":{"description":"Every node with its load before and after the plan.","type":"array","items":{"$ref":"#/$defs/NodeResult"}},"warnings":{"description":"What the plan could not do or the reviewer should know: unmovable guests, unsatisfiable rules, budgets reached.","type":"array","items":{"$ref":"#/$defs/Warning"}},"scope":{"$ref":"#/$defs/Scope"}},"$defs":{"Scope":{"description":"Present when only some guests could move: those on these nodes (a drain empties its node and moves nothing else; rules broken elsewhere stay broken and are listed in warnings). Absent: every guest could move.","type":"object","additionalProperties":false,"required":["nodes"],"properties":{"nodes":{"description":"Nodes whose guests the plan could move.","type":"array","items":{"type":"string"}}}},"SnapshotRef":{"description":"The snapshot the plan was made from.","type":"object","additionalProperties":false,"required":["fingerprint","takenAt","cluster"],"properties":{"fingerprint":{"description":"Fingerprint of the snapshot's content (sha256).","type":"string","pattern":"^sha256:[0-9a-f]{64}$"},"takenAt":{"description":"When the snapshot was taken.","type":"string","format":"date-time"},"cluster":{"description":"Cluster name. Apply refuses the plan on a cluster of another name, and on one where none of the guests it moves has its id, name and type.","type":"string"},"endpoint":{"description":"API endpoint the snapshot was read from, if any (never credentials).","type":"string"}}},"PolicyRef":{"description":"The policy the plan was made under, embedded so apply can re-plan with it.","type":"object","additionalProperties":false,"required":["hash","document"],"properties":{"name":{"description":"Policy name, if it has one.","type":"string"},"hash":{"description":"sha256 of the canonical JSON of document.","type":"string","pattern":"^sha256:[0-9a-f]{64}$"},"document":{"description":"The policy as a Policy v1 document with every default filled in and sizes in bytes.","type":"object"}}},"BalanceResult":{"description":"How balanced the cluster is before and after, measured the policy's way.","type":"object","additionalProperties":false,"required":["method","mode","threshold","spreadBefore","spreadAfter","reached"],"properties":{"method":{"description":"Balanced resource.","enum":["memory","cpu","disk","weighted"]},"mode":{"description":"used or assigned.","enum":["used","assigned"]},"threshold":{"description":"Allowed spread in percentage points.","type":"number","minimum":0},"spreadBefore":{"description":"Percentage points between the most and least utilised eligible node before the plan.","type":"number"},"spreadAfter":{"description":"The same after the plan.","type":"number"},"reached":{"description":"spreadAfter is within threshold.","type":"boolean"},"limitedBy":{"description":"Why the threshold was not reached, when it was not: the move or byte budget, the rules, or capacity (no move improves the balance without breaking a rule or overfilling a node).","enum":["budget","rules","capacity"]},"held":{"description":"Why balancing moved nothing though the spread is above the threshold, when it did so on purpose (the policy's calm settings): margin (within threshold plus balance.margin), persistence (not yet balance.persistence cycles in a row), not-worth-it (fewer points gained per GiB moved than balance.minGain).","enum":["margin","persistence","not-worth-it"]},"rulesRepaired":{"description":"How many of the moves repair a broken rule or honour a preference (reasons maintenance, pin, apart, together, capacity, preference) rather than balance. Repairs come first, even on a balanced cluster, and may widen the spread.","type":"integer","minimum":0},"worsened":{"description":"Present and true when spreadAfter is above spreadBefore: the repairs (rulesRepaired) put load where balancing could not take it back.","type":"boolean"}}},"Summary":{"description":"The plan in a few numbers.","type":"object","additionalProperties":false,"required":["status","moves","bytesMoved","waves","warnings","message"],"properties":{"status":{"description":"no-changes: nothing to do; changes: migrations are planned.","enum":["no-changes","changes"]},"moves":{"description":"Number of migrations.","type":"integer","minimum":0},"bytesMoved":{"description":"Bytes the migrations transfer (guest memory, plus local disks when copied).","type":"integer","minimum":0},"waves":{"description":"Number of waves.","type":"integer","minimum":0},"warnings":{"description":"Number of warnings.","type":"integer","minimum":0},"message":{"description":"One sentence for humans.","type":"string"}}},"Move":{"description":"One migration.","type":"object","additionalProperties":false,"required":["vmid","name","type","from","to","reason","detail","wave","method","withLocalDisks","memory","bytes","precondition"],"properties":{"vmid":{"description":"Guest id.","type":"integer","minimum":1},"name":{"description":"Guest name.","type":"string"},"type":{"description":"qemu or lxc.","enum":["qemu","lxc"]},"from":{"description":"Source node.","type":"string"},"to":{"description":"Target node.","type":"string"},"reason":{"description":"Why the guest moves: balance, maintenance (its node is being emptied), apart, together, pin (a rule is repaired), capacity (its node is over its memory limit), or preference (a non-strict rule is honoured).","enum":["balance","maintenance","apart","together","pin","capacity","preference"]},"detail":{"description":"The reason in one human sentence.","type":"string"},"rule":{"description":"Name of the rule the move serves, if any.","type":"string"},"wave":{"description":"Wave number, from 1. Waves run in order; the moves of one wave may run in parallel within the limits.","type":"integer","minimum":1},"method":{"description":"online: live migration of a running VM; restart: a running container is shut down, moved and started; offline: a stopped guest.","enum":["online","restart","offline"]},"withLocalDisks":{"description":"Local disks are copied along.","type":"boolean"},"memory":{"description":"Memory the guest occupies on the target (as the policy counts it), in bytes.","type":"integer","minimum":0},"bytes":{"description":"Bytes transferred: memory for live migrations plus local disks when copied.","type":"integer","minimum":0},"disks":{"description":"The local disks the migration copies, one entry per volume the snapshot lists, with the storage each goes to on the target and the bytes it will occupy there. Absent when nothing is copied.","type":"array","items":{"$ref":"#/$defs/CopiedDisk"}},"precondition":{"$ref":"#/$defs/Precondition"}}},"CopiedDisk":{"description":"One local volume a migration copies.","type":"object","additionalProperties":false,"required":["key","storage","targetStorage","bytes","estimate"],"properties":{"key":{"description":"Configuration key (scsi0, rootfs, mp0 ...).","type":"string"},"storage":{"description":"Storage id the volume is on now.","type":"string"},"targetStorage":{"description":"Storage id it goes to on the target node (the same id, or as migration.targetStorage maps it).","type":"string"},"bytes":{"description":"Bytes the volume will occupy on the target storage, as the planner counted them against its free space.","type":"integer","minimum":0},"estimate":{"description":"used: what the volume occupies now (known, and the target storage is thin); configured: its configured size, a safe upper bound (its use is not known, or the target storage is thick).","enum":["used","configured"]}}},"Precondition":{"description":"What apply expects of the guest before migrating it, besides its id, name and type (the move's): if the live cluster differs, the plan is stale.","type":"object","additionalProperties":false,"required":["node","status"],"properties":{"node":{"description":"Node the guest must be on.","type":"string"},"status":{"description":"Run state the guest must be in.","enum":["running","stopped","paused","unknown"]},"lock":{"description":"Lock the guest had (absent: none). Apply refuses a locked guest.","type":"string"}}},"NodeResult":{"description":"A node before and after the plan.","type":"object","additionalProperties":false,"required":["name","role","before","after"],"properties":{"name":{"description":"Node name.","type":"string"},"role":{"description":"active: gives and receives guests; ignored: left alone by the policy; maintenance: being emptied; offline: not online.","enum":["active","ignored","maintenance","offline"]},"before":{"$ref":"#/$defs/NodeMetrics"},"after":{"$ref":"#/$defs/NodeMetrics"}}},"NodeMetrics":{"description":"Load of a node as the policy measures it.","type":"object","additionalProperties":false,"required":["guests","memory","cpu","disk","utilisation"],"properties":{"guests":{"description":"Guests on the node.","type":"integer","minimum":0},"memory":{"$ref":"#/$defs/Usage"},"cpu":{"$ref":"#/$defs/Usage"},"disk":{"$ref":"#/$defs/Usage"},"utilisation":{"description":"Utilisation of the balanced resource (method and mode of the policy), in percent of capacity.","type":"number"}}},"Usage":{"description":"Load and capacity of one resource (bytes, or cores for cpu).","type":"object","additionalProperties":false,"required":["load","capacity"],"properties":{"load":{"description":"Load as the policy's mode counts it (host base load plus guests).","type":"number","minimum":0},"capacity":{"description":"Capacity of the node.","type":"number","minimum":0}}},"Warning":{"description":"Something the reviewer should know.","type":"object","additionalProperties":false,"required":["code","message"],"properties":{"code":{"description":"unmovable: guests that cannot move and stay; unsatisfiable: a rule no placement can satisfy; no-room: guests that must leave a node but fit nowhere; budget: a limit stopped the plan; second-pass: some guests would have to migrate twice, which one plan never does, so planning again once this plan has run may move more; stale-snapshot: the snapshot's stored fingerprint did not match; conflict: another balancer (Proxmox HA auto-rebalance) is active; quorum: the cluster had no quorum; storage: disk space was not checked (the snapshot carries no storage information); unmatched: a policy entry (ignore, maintenance, rule, reserve) matches no guest or node of the snapshot, or a rule only one guest (usually a typo).","enum":["unmovable","unsatisfiable","no-room","budget","second-pass","stale-snapshot","conflict","quorum","storage","unmatched"]},"message":{"description":"One human sentence.","type":"string"},"guests":{"description":"Guests concerned.","type":"array","items":{"type":"integer","minimum":1}},"nodes":{"description":"Nodes concerned.","type":"array","items":{"type":"string"}},"rule":{"description":"Rule concerned.","type":"string"}}}}};
const schema41 = {"description":"The snapshot the plan was made from.","type":"object","additionalProperties":false,"required":["fingerprint","takenAt","cluster"],"properties":{"fingerprint":{"description":"Fingerprint of the snapshot's content (sha256).","type":"string","pattern":"^sha256:[0-9a-f]{64}$"},"takenAt":{"description":"When the snapshot was taken.","type":"string","format":"date-time"},"cluster":{"description":"Cluster name. Apply refuses the plan on a cluster of another name, and on one where none of the guests it moves has its id, name and type.","type":"string"},"endpoint":{"description":"API endpoint the snapshot was read from, if any (never credentials).","type":"string"}}};
const schema42 = {"description":"The policy the plan was made under, embedded so apply can re-plan with it.","type":"object","additionalProperties":false,"required":["hash","document"],"properties":{"name":{"description":"Policy name, if it has one.","type":"string"},"hash":{"description":"sha256 of the canonical JSON of document.","type":"string","pattern":"^sha256:[0-9a-f]{64}$"},"document":{"description":"The policy as a Policy v1 document with every default filled in and sizes in bytes.","type":"object"}}};
const schema43 = {"description":"How balanced the cluster is before and after, measured the policy's way.","type":"object","additionalProperties":false,"required":["method","mode","threshold","spreadBefore","spreadAfter","reached"],"properties":{"method":{"description":"Balanced resource.","enum":["memory","cpu","disk","weighted"]},"mode":{"description":"used or assigned.","enum":["used","assigned"]},"threshold":{"description":"Allowed spread in percentage points.","type":"number","minimum":0},"spreadBefore":{"description":"Percentage points between the most and least utilised eligible node before the plan.","type":"number"},"spreadAfter":{"description":"The same after the plan.","type":"number"},"reached":{"description":"spreadAfter is within threshold.","type":"boolean"},"limitedBy":{"description":"Why the threshold was not reached, when it was not: the move or byte budget, the rules, or capacity (no move improves the balance without breaking a rule or overfilling a node).","enum":["budget","rules","capacity"]},"held":{"description":"Why balancing moved nothing though the spread is above the threshold, when it did so on purpose (the policy's calm settings): margin (within threshold plus balance.margin), persistence (not yet balance.persistence cycles in a row), not-worth-it (fewer points gained per GiB moved than balance.minGain).","enum":["margin","persistence","not-worth-it"]},"rulesRepaired":{"description":"How many of the moves repair a broken rule or honour a preference (reasons maintenance, pin, apart, together, capacity, preference) rather than balance. Repairs come first, even on a balanced cluster, and may widen the spread.","type":"integer","minimum":0},"worsened":{"description":"Present and true when spreadAfter is above spreadBefore: the repairs (rulesRepaired) put load where balancing could not take it back.","type":"boolean"}}};
const schema44 = {"description":"The plan in a few numbers.","type":"object","additionalProperties":false,"required":["status","moves","bytesMoved","waves","warnings","message"],"properties":{"status":{"description":"no-changes: nothing to do; changes: migrations are planned.","enum":["no-changes","changes"]},"moves":{"description":"Number of migrations.","type":"integer","minimum":0},"bytesMoved":{"description":"Bytes the migrations transfer (guest memory, plus local disks when copied).","type":"integer","minimum":0},"waves":{"description":"Number of waves.","type":"integer","minimum":0},"warnings":{"description":"Number of warnings.","type":"integer","minimum":0},"message":{"description":"One sentence for humans.","type":"string"}}};
const schema53 = {"description":"Something the reviewer should know.","type":"object","additionalProperties":false,"required":["code","message"],"properties":{"code":{"description":"unmovable: guests that cannot move and stay; unsatisfiable: a rule no placement can satisfy; no-room: guests that must leave a node but fit nowhere; budget: a limit stopped the plan; second-pass: some guests would have to migrate twice, which one plan never does, so planning again once this plan has run may move more; stale-snapshot: the snapshot's stored fingerprint did not match; conflict: another balancer (Proxmox HA auto-rebalance) is active; quorum: the cluster had no quorum; storage: disk space was not checked (the snapshot carries no storage information); unmatched: a policy entry (ignore, maintenance, rule, reserve) matches no guest or node of the snapshot, or a rule only one guest (usually a typo).","enum":["unmovable","unsatisfiable","no-room","budget","second-pass","stale-snapshot","conflict","quorum","storage","unmatched"]},"message":{"description":"One human sentence.","type":"string"},"guests":{"description":"Guests concerned.","type":"array","items":{"type":"integer","minimum":1}},"nodes":{"description":"Nodes concerned.","type":"array","items":{"type":"string"}},"rule":{"description":"Rule concerned.","type":"string"}}};
const schema54 = {"description":"Present when only some guests could move: those on these nodes (a drain empties its node and moves nothing else; rules broken elsewhere stay broken and are listed in warnings). Absent: every guest could move.","type":"object","additionalProperties":false,"required":["nodes"],"properties":{"nodes":{"description":"Nodes whose guests the plan could move.","type":"array","items":{"type":"string"}}}};
const schema45 = {"description":"One migration.","type":"object","additionalProperties":false,"required":["vmid","name","type","from","to","reason","detail","wave","method","withLocalDisks","memory","bytes","precondition"],"properties":{"vmid":{"description":"Guest id.","type":"integer","minimum":1},"name":{"description":"Guest name.","type":"string"},"type":{"description":"qemu or lxc.","enum":["qemu","lxc"]},"from":{"description":"Source node.","type":"string"},"to":{"description":"Target node.","type":"string"},"reason":{"description":"Why the guest moves: balance, maintenance (its node is being emptied), apart, together, pin (a rule is repaired), capacity (its node is over its memory limit), or preference (a non-strict rule is honoured).","enum":["balance","maintenance","apart","together","pin","capacity","preference"]},"detail":{"description":"The reason in one human sentence.","type":"string"},"rule":{"description":"Name of the rule the move serves, if any.","type":"string"},"wave":{"description":"Wave number, from 1. Waves run in order; the moves of one wave may run in parallel within the limits.","type":"integer","minimum":1},"method":{"description":"online: live migration of a running VM; restart: a running container is shut down, moved and started; offline: a stopped guest.","enum":["online","restart","offline"]},"withLocalDisks":{"description":"Local disks are copied along.","type":"boolean"},"memory":{"description":"Memory the guest occupies on the target (as the policy counts it), in bytes.","type":"integer","minimum":0},"bytes":{"description":"Bytes transferred: memory for live migrations plus local disks when copied.","type":"integer","minimum":0},"disks":{"description":"The local disks the migration copies, one entry per volume the snapshot lists, with the storage each goes to on the target and the bytes it will occupy there. Absent when nothing is copied.","type":"array","items":{"$ref":"#/$defs/CopiedDisk"}},"precondition":{"$ref":"#/$defs/Precondition"}}};
const schema46 = {"description":"One local volume a migration copies.","type":"object","additionalProperties":false,"required":["key","storage","targetStorage","bytes","estimate"],"properties":{"key":{"description":"Configuration key (scsi0, rootfs, mp0 ...).","type":"string"},"storage":{"description":"Storage id the volume is on now.","type":"string"},"targetStorage":{"description":"Storage id it goes to on the target node (the same id, or as migration.targetStorage maps it).","type":"string"},"bytes":{"description":"Bytes the volume will occupy on the target storage, as the planner counted them against its free space.","type":"integer","minimum":0},"estimate":{"description":"used: what the volume occupies now (known, and the target storage is thin); configured: its configured size, a safe upper bound (its use is not known, or the target storage is thick).","enum":["used","configured"]}}};
const schema47 = {"description":"What apply expects of the guest before migrating it, besides its id, name and type (the move's): if the live cluster differs, the plan is stale.","type":"object","additionalProperties":false,"required":["node","status"],"properties":{"node":{"description":"Node the guest must be on.","type":"string"},"status":{"description":"Run state the guest must be in.","enum":["running","stopped","paused","unknown"]},"lock":{"description":"Lock the guest had (absent: none). Apply refuses a locked guest.","type":"string"}}};

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate23.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.vmid === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "vmid"},message:"must have required property '"+"vmid"+"'",schema:schema45.required,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.name === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema45.required,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.type === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema45.required,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.from === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "from"},message:"must have required property '"+"from"+"'",schema:schema45.required,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.to === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "to"},message:"must have required property '"+"to"+"'",schema:schema45.required,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.reason === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "reason"},message:"must have required property '"+"reason"+"'",schema:schema45.required,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.detail === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "detail"},message:"must have required property '"+"detail"+"'",schema:schema45.required,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data.wave === undefined){
const err7 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "wave"},message:"must have required property '"+"wave"+"'",schema:schema45.required,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data.method === undefined){
const err8 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "method"},message:"must have required property '"+"method"+"'",schema:schema45.required,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data.withLocalDisks === undefined){
const err9 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "withLocalDisks"},message:"must have required property '"+"withLocalDisks"+"'",schema:schema45.required,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data.memory === undefined){
const err10 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "memory"},message:"must have required property '"+"memory"+"'",schema:schema45.required,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data.bytes === undefined){
const err11 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "bytes"},message:"must have required property '"+"bytes"+"'",schema:schema45.required,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data.precondition === undefined){
const err12 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "precondition"},message:"must have required property '"+"precondition"+"'",schema:schema45.required,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema45.properties, key0))){
const err13 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.vmid !== undefined){
let data0 = data.vmid;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err14 = {instancePath:instancePath+"/vmid",schemaPath:"#/properties/vmid/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema45.properties.vmid.type,parentSchema:schema45.properties.vmid,data:data0};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 1 || isNaN(data0)){
const err15 = {instancePath:instancePath+"/vmid",schemaPath:"#/properties/vmid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema45.properties.vmid,data:data0};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
if(data.name !== undefined){
let data1 = data.name;
if(typeof data1 !== "string"){
const err16 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.name.type,parentSchema:schema45.properties.name,data:data1};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.type !== undefined){
let data2 = data.type;
if(!((data2 === "qemu") || (data2 === "lxc"))){
const err17 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema45.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema45.properties.type.enum,parentSchema:schema45.properties.type,data:data2};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.from !== undefined){
let data3 = data.from;
if(typeof data3 !== "string"){
const err18 = {instancePath:instancePath+"/from",schemaPath:"#/properties/from/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.from.type,parentSchema:schema45.properties.from,data:data3};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.to !== undefined){
let data4 = data.to;
if(typeof data4 !== "string"){
const err19 = {instancePath:instancePath+"/to",schemaPath:"#/properties/to/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.to.type,parentSchema:schema45.properties.to,data:data4};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.reason !== undefined){
let data5 = data.reason;
if(!(((((((data5 === "balance") || (data5 === "maintenance")) || (data5 === "apart")) || (data5 === "together")) || (data5 === "pin")) || (data5 === "capacity")) || (data5 === "preference"))){
const err20 = {instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/enum",keyword:"enum",params:{allowedValues: schema45.properties.reason.enum},message:"must be equal to one of the allowed values",schema:schema45.properties.reason.enum,parentSchema:schema45.properties.reason,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.detail !== undefined){
let data6 = data.detail;
if(typeof data6 !== "string"){
const err21 = {instancePath:instancePath+"/detail",schemaPath:"#/properties/detail/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.detail.type,parentSchema:schema45.properties.detail,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.rule !== undefined){
let data7 = data.rule;
if(typeof data7 !== "string"){
const err22 = {instancePath:instancePath+"/rule",schemaPath:"#/properties/rule/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.rule.type,parentSchema:schema45.properties.rule,data:data7};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.wave !== undefined){
let data8 = data.wave;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err23 = {instancePath:instancePath+"/wave",schemaPath:"#/properties/wave/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema45.properties.wave.type,parentSchema:schema45.properties.wave,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 1 || isNaN(data8)){
const err24 = {instancePath:instancePath+"/wave",schemaPath:"#/properties/wave/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema45.properties.wave,data:data8};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
if(data.method !== undefined){
let data9 = data.method;
if(!(((data9 === "online") || (data9 === "restart")) || (data9 === "offline"))){
const err25 = {instancePath:instancePath+"/method",schemaPath:"#/properties/method/enum",keyword:"enum",params:{allowedValues: schema45.properties.method.enum},message:"must be equal to one of the allowed values",schema:schema45.properties.method.enum,parentSchema:schema45.properties.method,data:data9};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.withLocalDisks !== undefined){
let data10 = data.withLocalDisks;
if(typeof data10 !== "boolean"){
const err26 = {instancePath:instancePath+"/withLocalDisks",schemaPath:"#/properties/withLocalDisks/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema45.properties.withLocalDisks.type,parentSchema:schema45.properties.withLocalDisks,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.memory !== undefined){
let data11 = data.memory;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err27 = {instancePath:instancePath+"/memory",schemaPath:"#/properties/memory/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema45.properties.memory.type,parentSchema:schema45.properties.memory,data:data11};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 < 0 || isNaN(data11)){
const err28 = {instancePath:instancePath+"/memory",schemaPath:"#/properties/memory/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema45.properties.memory,data:data11};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
if(data.bytes !== undefined){
let data12 = data.bytes;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err29 = {instancePath:instancePath+"/bytes",schemaPath:"#/properties/bytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema45.properties.bytes.type,parentSchema:schema45.properties.bytes,data:data12};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 < 0 || isNaN(data12)){
const err30 = {instancePath:instancePath+"/bytes",schemaPath:"#/properties/bytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema45.properties.bytes,data:data12};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
if(data.disks !== undefined){
let data13 = data.disks;
if(Array.isArray(data13)){
const len0 = data13.length;
for(let i0=0; i0<len0; i0++){
let data14 = data13[i0];
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(data14.key === undefined){
const err31 = {instancePath:instancePath+"/disks/" + i0,schemaPath:"#/$defs/CopiedDisk/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema46.required,parentSchema:schema46,data:data14};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(data14.storage === undefined){
const err32 = {instancePath:instancePath+"/disks/" + i0,schemaPath:"#/$defs/CopiedDisk/required",keyword:"required",params:{missingProperty: "storage"},message:"must have required property '"+"storage"+"'",schema:schema46.required,parentSchema:schema46,data:data14};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(data14.targetStorage === undefined){
const err33 = {instancePath:instancePath+"/disks/" + i0,schemaPath:"#/$defs/CopiedDisk/required",keyword:"required",params:{missingProperty: "targetStorage"},message:"must have required property '"+"targetStorage"+"'",schema:schema46.required,parentSchema:schema46,data:data14};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(data14.bytes === undefined){
const err34 = {instancePath:instancePath+"/disks/" + i0,schemaPath:"#/$defs/CopiedDisk/required",keyword:"required",params:{missingProperty: "bytes"},message:"must have required property '"+"bytes"+"'",schema:schema46.required,parentSchema:schema46,data:data14};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(data14.estimate === undefined){
const err35 = {instancePath:instancePath+"/disks/" + i0,schemaPath:"#/$defs/CopiedDisk/required",keyword:"required",params:{missingProperty: "estimate"},message:"must have required property '"+"estimate"+"'",schema:schema46.required,parentSchema:schema46,data:data14};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
for(const key1 in data14){
if(!(((((key1 === "key") || (key1 === "storage")) || (key1 === "targetStorage")) || (key1 === "bytes")) || (key1 === "estimate"))){
const err36 = {instancePath:instancePath+"/disks/" + i0,schemaPath:"#/$defs/CopiedDisk/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema46,data:data14};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data14.key !== undefined){
let data15 = data14.key;
if(typeof data15 !== "string"){
const err37 = {instancePath:instancePath+"/disks/" + i0+"/key",schemaPath:"#/$defs/CopiedDisk/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.key.type,parentSchema:schema46.properties.key,data:data15};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data14.storage !== undefined){
let data16 = data14.storage;
if(typeof data16 !== "string"){
const err38 = {instancePath:instancePath+"/disks/" + i0+"/storage",schemaPath:"#/$defs/CopiedDisk/properties/storage/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.storage.type,parentSchema:schema46.properties.storage,data:data16};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data14.targetStorage !== undefined){
let data17 = data14.targetStorage;
if(typeof data17 !== "string"){
const err39 = {instancePath:instancePath+"/disks/" + i0+"/targetStorage",schemaPath:"#/$defs/CopiedDisk/properties/targetStorage/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.targetStorage.type,parentSchema:schema46.properties.targetStorage,data:data17};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data14.bytes !== undefined){
let data18 = data14.bytes;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
const err40 = {instancePath:instancePath+"/disks/" + i0+"/bytes",schemaPath:"#/$defs/CopiedDisk/properties/bytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema46.properties.bytes.type,parentSchema:schema46.properties.bytes,data:data18};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 < 0 || isNaN(data18)){
const err41 = {instancePath:instancePath+"/disks/" + i0+"/bytes",schemaPath:"#/$defs/CopiedDisk/properties/bytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema46.properties.bytes,data:data18};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
if(data14.estimate !== undefined){
let data19 = data14.estimate;
if(!((data19 === "used") || (data19 === "configured"))){
const err42 = {instancePath:instancePath+"/disks/" + i0+"/estimate",schemaPath:"#/$defs/CopiedDisk/properties/estimate/enum",keyword:"enum",params:{allowedValues: schema46.properties.estimate.enum},message:"must be equal to one of the allowed values",schema:schema46.properties.estimate.enum,parentSchema:schema46.properties.estimate,data:data19};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath:instancePath+"/disks/" + i0,schemaPath:"#/$defs/CopiedDisk/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema46.type,parentSchema:schema46,data:data14};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
}
else {
const err44 = {instancePath:instancePath+"/disks",schemaPath:"#/properties/disks/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema45.properties.disks.type,parentSchema:schema45.properties.disks,data:data13};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data.precondition !== undefined){
let data20 = data.precondition;
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
if(data20.node === undefined){
const err45 = {instancePath:instancePath+"/precondition",schemaPath:"#/$defs/Precondition/required",keyword:"required",params:{missingProperty: "node"},message:"must have required property '"+"node"+"'",schema:schema47.required,parentSchema:schema47,data:data20};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if(data20.status === undefined){
const err46 = {instancePath:instancePath+"/precondition",schemaPath:"#/$defs/Precondition/required",keyword:"required",params:{missingProperty: "status"},message:"must have required property '"+"status"+"'",schema:schema47.required,parentSchema:schema47,data:data20};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
for(const key2 in data20){
if(!(((key2 === "node") || (key2 === "status")) || (key2 === "lock"))){
const err47 = {instancePath:instancePath+"/precondition",schemaPath:"#/$defs/Precondition/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema47,data:data20};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data20.node !== undefined){
let data21 = data20.node;
if(typeof data21 !== "string"){
const err48 = {instancePath:instancePath+"/precondition/node",schemaPath:"#/$defs/Precondition/properties/node/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.properties.node.type,parentSchema:schema47.properties.node,data:data21};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data20.status !== undefined){
let data22 = data20.status;
if(!((((data22 === "running") || (data22 === "stopped")) || (data22 === "paused")) || (data22 === "unknown"))){
const err49 = {instancePath:instancePath+"/precondition/status",schemaPath:"#/$defs/Precondition/properties/status/enum",keyword:"enum",params:{allowedValues: schema47.properties.status.enum},message:"must be equal to one of the allowed values",schema:schema47.properties.status.enum,parentSchema:schema47.properties.status,data:data22};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data20.lock !== undefined){
let data23 = data20.lock;
if(typeof data23 !== "string"){
const err50 = {instancePath:instancePath+"/precondition/lock",schemaPath:"#/$defs/Precondition/properties/lock/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.properties.lock.type,parentSchema:schema47.properties.lock,data:data23};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
else {
const err51 = {instancePath:instancePath+"/precondition",schemaPath:"#/$defs/Precondition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema47.type,parentSchema:schema47,data:data20};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
}
else {
const err52 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema45.type,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
validate23.errors = vErrors;
return errors === 0;
}
validate23.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema48 = {"description":"A node before and after the plan.","type":"object","additionalProperties":false,"required":["name","role","before","after"],"properties":{"name":{"description":"Node name.","type":"string"},"role":{"description":"active: gives and receives guests; ignored: left alone by the policy; maintenance: being emptied; offline: not online.","enum":["active","ignored","maintenance","offline"]},"before":{"$ref":"#/$defs/NodeMetrics"},"after":{"$ref":"#/$defs/NodeMetrics"}}};
const schema49 = {"description":"Load of a node as the policy measures it.","type":"object","additionalProperties":false,"required":["guests","memory","cpu","disk","utilisation"],"properties":{"guests":{"description":"Guests on the node.","type":"integer","minimum":0},"memory":{"$ref":"#/$defs/Usage"},"cpu":{"$ref":"#/$defs/Usage"},"disk":{"$ref":"#/$defs/Usage"},"utilisation":{"description":"Utilisation of the balanced resource (method and mode of the policy), in percent of capacity.","type":"number"}}};
const schema50 = {"description":"Load and capacity of one resource (bytes, or cores for cpu).","type":"object","additionalProperties":false,"required":["load","capacity"],"properties":{"load":{"description":"Load as the policy's mode counts it (host base load plus guests).","type":"number","minimum":0},"capacity":{"description":"Capacity of the node.","type":"number","minimum":0}}};

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate26.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.guests === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "guests"},message:"must have required property '"+"guests"+"'",schema:schema49.required,parentSchema:schema49,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.memory === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "memory"},message:"must have required property '"+"memory"+"'",schema:schema49.required,parentSchema:schema49,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.cpu === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "cpu"},message:"must have required property '"+"cpu"+"'",schema:schema49.required,parentSchema:schema49,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.disk === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "disk"},message:"must have required property '"+"disk"+"'",schema:schema49.required,parentSchema:schema49,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.utilisation === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "utilisation"},message:"must have required property '"+"utilisation"+"'",schema:schema49.required,parentSchema:schema49,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "guests") || (key0 === "memory")) || (key0 === "cpu")) || (key0 === "disk")) || (key0 === "utilisation"))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema49,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.guests !== undefined){
let data0 = data.guests;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err6 = {instancePath:instancePath+"/guests",schemaPath:"#/properties/guests/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema49.properties.guests.type,parentSchema:schema49.properties.guests,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 0 || isNaN(data0)){
const err7 = {instancePath:instancePath+"/guests",schemaPath:"#/properties/guests/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema49.properties.guests,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
if(data.memory !== undefined){
let data1 = data.memory;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.load === undefined){
const err8 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Usage/required",keyword:"required",params:{missingProperty: "load"},message:"must have required property '"+"load"+"'",schema:schema50.required,parentSchema:schema50,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data1.capacity === undefined){
const err9 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Usage/required",keyword:"required",params:{missingProperty: "capacity"},message:"must have required property '"+"capacity"+"'",schema:schema50.required,parentSchema:schema50,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key1 in data1){
if(!((key1 === "load") || (key1 === "capacity"))){
const err10 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Usage/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema50,data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data1.load !== undefined){
let data2 = data1.load;
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
const err11 = {instancePath:instancePath+"/memory/load",schemaPath:"#/$defs/Usage/properties/load/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema50.properties.load,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/memory/load",schemaPath:"#/$defs/Usage/properties/load/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema50.properties.load.type,parentSchema:schema50.properties.load,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data1.capacity !== undefined){
let data3 = data1.capacity;
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
const err13 = {instancePath:instancePath+"/memory/capacity",schemaPath:"#/$defs/Usage/properties/capacity/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema50.properties.capacity,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/memory/capacity",schemaPath:"#/$defs/Usage/properties/capacity/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema50.properties.capacity.type,parentSchema:schema50.properties.capacity,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Usage/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema50.type,parentSchema:schema50,data:data1};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.cpu !== undefined){
let data4 = data.cpu;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.load === undefined){
const err16 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/Usage/required",keyword:"required",params:{missingProperty: "load"},message:"must have required property '"+"load"+"'",schema:schema50.required,parentSchema:schema50,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data4.capacity === undefined){
const err17 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/Usage/required",keyword:"required",params:{missingProperty: "capacity"},message:"must have required property '"+"capacity"+"'",schema:schema50.required,parentSchema:schema50,data:data4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
for(const key2 in data4){
if(!((key2 === "load") || (key2 === "capacity"))){
const err18 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/Usage/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema50,data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data4.load !== undefined){
let data5 = data4.load;
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 < 0 || isNaN(data5)){
const err19 = {instancePath:instancePath+"/cpu/load",schemaPath:"#/$defs/Usage/properties/load/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema50.properties.load,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/cpu/load",schemaPath:"#/$defs/Usage/properties/load/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema50.properties.load.type,parentSchema:schema50.properties.load,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data4.capacity !== undefined){
let data6 = data4.capacity;
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 < 0 || isNaN(data6)){
const err21 = {instancePath:instancePath+"/cpu/capacity",schemaPath:"#/$defs/Usage/properties/capacity/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema50.properties.capacity,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/cpu/capacity",schemaPath:"#/$defs/Usage/properties/capacity/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema50.properties.capacity.type,parentSchema:schema50.properties.capacity,data:data6};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/Usage/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema50.type,parentSchema:schema50,data:data4};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.disk !== undefined){
let data7 = data.disk;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
if(data7.load === undefined){
const err24 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Usage/required",keyword:"required",params:{missingProperty: "load"},message:"must have required property '"+"load"+"'",schema:schema50.required,parentSchema:schema50,data:data7};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data7.capacity === undefined){
const err25 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Usage/required",keyword:"required",params:{missingProperty: "capacity"},message:"must have required property '"+"capacity"+"'",schema:schema50.required,parentSchema:schema50,data:data7};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
for(const key3 in data7){
if(!((key3 === "load") || (key3 === "capacity"))){
const err26 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Usage/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema50,data:data7};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data7.load !== undefined){
let data8 = data7.load;
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 0 || isNaN(data8)){
const err27 = {instancePath:instancePath+"/disk/load",schemaPath:"#/$defs/Usage/properties/load/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema50.properties.load,data:data8};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/disk/load",schemaPath:"#/$defs/Usage/properties/load/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema50.properties.load.type,parentSchema:schema50.properties.load,data:data8};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data7.capacity !== undefined){
let data9 = data7.capacity;
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 < 0 || isNaN(data9)){
const err29 = {instancePath:instancePath+"/disk/capacity",schemaPath:"#/$defs/Usage/properties/capacity/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema50.properties.capacity,data:data9};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/disk/capacity",schemaPath:"#/$defs/Usage/properties/capacity/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema50.properties.capacity.type,parentSchema:schema50.properties.capacity,data:data9};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Usage/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema50.type,parentSchema:schema50,data:data7};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.utilisation !== undefined){
let data10 = data.utilisation;
if(!((typeof data10 == "number") && (isFinite(data10)))){
const err32 = {instancePath:instancePath+"/utilisation",schemaPath:"#/properties/utilisation/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema49.properties.utilisation.type,parentSchema:schema49.properties.utilisation,data:data10};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema49.type,parentSchema:schema49,data};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}
validate26.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate25.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema48.required,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.role === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "role"},message:"must have required property '"+"role"+"'",schema:schema48.required,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.before === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "before"},message:"must have required property '"+"before"+"'",schema:schema48.required,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.after === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "after"},message:"must have required property '"+"after"+"'",schema:schema48.required,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "name") || (key0 === "role")) || (key0 === "before")) || (key0 === "after"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 !== "string"){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.name.type,parentSchema:schema48.properties.name,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.role !== undefined){
let data1 = data.role;
if(!((((data1 === "active") || (data1 === "ignored")) || (data1 === "maintenance")) || (data1 === "offline"))){
const err6 = {instancePath:instancePath+"/role",schemaPath:"#/properties/role/enum",keyword:"enum",params:{allowedValues: schema48.properties.role.enum},message:"must be equal to one of the allowed values",schema:schema48.properties.role.enum,parentSchema:schema48.properties.role,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.before !== undefined){
if(!(validate26(data.before, {instancePath:instancePath+"/before",parentData:data,parentDataProperty:"before",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
if(data.after !== undefined){
if(!(validate26(data.after, {instancePath:instancePath+"/after",parentData:data,parentDataProperty:"after",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
}
else {
const err7 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.type,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
validate25.errors = vErrors;
return errors === 0;
}
validate25.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://proxlb.dev/schemas/plan.v1.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate22.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.format === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "format"},message:"must have required property '"+"format"+"'",schema:schema40.required,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.createdAt === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "createdAt"},message:"must have required property '"+"createdAt"+"'",schema:schema40.required,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.tool === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "tool"},message:"must have required property '"+"tool"+"'",schema:schema40.required,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.snapshot === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "snapshot"},message:"must have required property '"+"snapshot"+"'",schema:schema40.required,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.policy === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "policy"},message:"must have required property '"+"policy"+"'",schema:schema40.required,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.balance === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "balance"},message:"must have required property '"+"balance"+"'",schema:schema40.required,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.summary === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "summary"},message:"must have required property '"+"summary"+"'",schema:schema40.required,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data.moves === undefined){
const err7 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "moves"},message:"must have required property '"+"moves"+"'",schema:schema40.required,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data.nodes === undefined){
const err8 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "nodes"},message:"must have required property '"+"nodes"+"'",schema:schema40.required,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data.warnings === undefined){
const err9 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "warnings"},message:"must have required property '"+"warnings"+"'",schema:schema40.required,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema40.properties, key0))){
const err10 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err11 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.properties.$schema.type,parentSchema:schema40.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.format !== undefined){
let data1 = data.format;
if("proxlb.plan/v1" !== data1){
const err12 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/const",keyword:"const",params:{allowedValue: "proxlb.plan/v1"},message:"must be equal to constant",schema:"proxlb.plan/v1",parentSchema:schema40.properties.format,data:data1};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.createdAt !== undefined){
let data2 = data.createdAt;
if(typeof data2 === "string"){
if(!(formats0.validate(data2))){
const err13 = {instancePath:instancePath+"/createdAt",schemaPath:"#/properties/createdAt/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema40.properties.createdAt,data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/createdAt",schemaPath:"#/properties/createdAt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.properties.createdAt.type,parentSchema:schema40.properties.createdAt,data:data2};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.tool !== undefined){
let data3 = data.tool;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.name === undefined){
const err15 = {instancePath:instancePath+"/tool",schemaPath:"#/properties/tool/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema40.properties.tool.required,parentSchema:schema40.properties.tool,data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(data3.version === undefined){
const err16 = {instancePath:instancePath+"/tool",schemaPath:"#/properties/tool/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema40.properties.tool.required,parentSchema:schema40.properties.tool,data:data3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
for(const key1 in data3){
if(!((key1 === "name") || (key1 === "version"))){
const err17 = {instancePath:instancePath+"/tool",schemaPath:"#/properties/tool/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema40.properties.tool,data:data3};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data3.name !== undefined){
let data4 = data3.name;
if(typeof data4 !== "string"){
const err18 = {instancePath:instancePath+"/tool/name",schemaPath:"#/properties/tool/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.properties.tool.properties.name.type,parentSchema:schema40.properties.tool.properties.name,data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data3.version !== undefined){
let data5 = data3.version;
if(typeof data5 !== "string"){
const err19 = {instancePath:instancePath+"/tool/version",schemaPath:"#/properties/tool/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.properties.tool.properties.version.type,parentSchema:schema40.properties.tool.properties.version,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/tool",schemaPath:"#/properties/tool/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema40.properties.tool.type,parentSchema:schema40.properties.tool,data:data3};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.snapshot !== undefined){
let data6 = data.snapshot;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.fingerprint === undefined){
const err21 = {instancePath:instancePath+"/snapshot",schemaPath:"#/$defs/SnapshotRef/required",keyword:"required",params:{missingProperty: "fingerprint"},message:"must have required property '"+"fingerprint"+"'",schema:schema41.required,parentSchema:schema41,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data6.takenAt === undefined){
const err22 = {instancePath:instancePath+"/snapshot",schemaPath:"#/$defs/SnapshotRef/required",keyword:"required",params:{missingProperty: "takenAt"},message:"must have required property '"+"takenAt"+"'",schema:schema41.required,parentSchema:schema41,data:data6};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(data6.cluster === undefined){
const err23 = {instancePath:instancePath+"/snapshot",schemaPath:"#/$defs/SnapshotRef/required",keyword:"required",params:{missingProperty: "cluster"},message:"must have required property '"+"cluster"+"'",schema:schema41.required,parentSchema:schema41,data:data6};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
for(const key2 in data6){
if(!((((key2 === "fingerprint") || (key2 === "takenAt")) || (key2 === "cluster")) || (key2 === "endpoint"))){
const err24 = {instancePath:instancePath+"/snapshot",schemaPath:"#/$defs/SnapshotRef/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema41,data:data6};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data6.fingerprint !== undefined){
let data7 = data6.fingerprint;
if(typeof data7 === "string"){
if(!pattern5.test(data7)){
const err25 = {instancePath:instancePath+"/snapshot/fingerprint",schemaPath:"#/$defs/SnapshotRef/properties/fingerprint/pattern",keyword:"pattern",params:{pattern: "^sha256:[0-9a-f]{64}$"},message:"must match pattern \""+"^sha256:[0-9a-f]{64}$"+"\"",schema:"^sha256:[0-9a-f]{64}$",parentSchema:schema41.properties.fingerprint,data:data7};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/snapshot/fingerprint",schemaPath:"#/$defs/SnapshotRef/properties/fingerprint/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.fingerprint.type,parentSchema:schema41.properties.fingerprint,data:data7};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data6.takenAt !== undefined){
let data8 = data6.takenAt;
if(typeof data8 === "string"){
if(!(formats0.validate(data8))){
const err27 = {instancePath:instancePath+"/snapshot/takenAt",schemaPath:"#/$defs/SnapshotRef/properties/takenAt/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema41.properties.takenAt,data:data8};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/snapshot/takenAt",schemaPath:"#/$defs/SnapshotRef/properties/takenAt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.takenAt.type,parentSchema:schema41.properties.takenAt,data:data8};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data6.cluster !== undefined){
let data9 = data6.cluster;
if(typeof data9 !== "string"){
const err29 = {instancePath:instancePath+"/snapshot/cluster",schemaPath:"#/$defs/SnapshotRef/properties/cluster/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.cluster.type,parentSchema:schema41.properties.cluster,data:data9};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data6.endpoint !== undefined){
let data10 = data6.endpoint;
if(typeof data10 !== "string"){
const err30 = {instancePath:instancePath+"/snapshot/endpoint",schemaPath:"#/$defs/SnapshotRef/properties/endpoint/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.endpoint.type,parentSchema:schema41.properties.endpoint,data:data10};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath:instancePath+"/snapshot",schemaPath:"#/$defs/SnapshotRef/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.type,parentSchema:schema41,data:data6};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.policy !== undefined){
let data11 = data.policy;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
if(data11.hash === undefined){
const err32 = {instancePath:instancePath+"/policy",schemaPath:"#/$defs/PolicyRef/required",keyword:"required",params:{missingProperty: "hash"},message:"must have required property '"+"hash"+"'",schema:schema42.required,parentSchema:schema42,data:data11};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(data11.document === undefined){
const err33 = {instancePath:instancePath+"/policy",schemaPath:"#/$defs/PolicyRef/required",keyword:"required",params:{missingProperty: "document"},message:"must have required property '"+"document"+"'",schema:schema42.required,parentSchema:schema42,data:data11};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
for(const key3 in data11){
if(!(((key3 === "name") || (key3 === "hash")) || (key3 === "document"))){
const err34 = {instancePath:instancePath+"/policy",schemaPath:"#/$defs/PolicyRef/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema42,data:data11};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data11.name !== undefined){
let data12 = data11.name;
if(typeof data12 !== "string"){
const err35 = {instancePath:instancePath+"/policy/name",schemaPath:"#/$defs/PolicyRef/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.name.type,parentSchema:schema42.properties.name,data:data12};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data11.hash !== undefined){
let data13 = data11.hash;
if(typeof data13 === "string"){
if(!pattern5.test(data13)){
const err36 = {instancePath:instancePath+"/policy/hash",schemaPath:"#/$defs/PolicyRef/properties/hash/pattern",keyword:"pattern",params:{pattern: "^sha256:[0-9a-f]{64}$"},message:"must match pattern \""+"^sha256:[0-9a-f]{64}$"+"\"",schema:"^sha256:[0-9a-f]{64}$",parentSchema:schema42.properties.hash,data:data13};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/policy/hash",schemaPath:"#/$defs/PolicyRef/properties/hash/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.hash.type,parentSchema:schema42.properties.hash,data:data13};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data11.document !== undefined){
let data14 = data11.document;
if(!(data14 && typeof data14 == "object" && !Array.isArray(data14))){
const err38 = {instancePath:instancePath+"/policy/document",schemaPath:"#/$defs/PolicyRef/properties/document/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema42.properties.document.type,parentSchema:schema42.properties.document,data:data14};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
else {
const err39 = {instancePath:instancePath+"/policy",schemaPath:"#/$defs/PolicyRef/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema42.type,parentSchema:schema42,data:data11};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data.balance !== undefined){
let data15 = data.balance;
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
if(data15.method === undefined){
const err40 = {instancePath:instancePath+"/balance",schemaPath:"#/$defs/BalanceResult/required",keyword:"required",params:{missingProperty: "method"},message:"must have required property '"+"method"+"'",schema:schema43.required,parentSchema:schema43,data:data15};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(data15.mode === undefined){
const err41 = {instancePath:instancePath+"/balance",schemaPath:"#/$defs/BalanceResult/required",keyword:"required",params:{missingProperty: "mode"},message:"must have required property '"+"mode"+"'",schema:schema43.required,parentSchema:schema43,data:data15};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(data15.threshold === undefined){
const err42 = {instancePath:instancePath+"/balance",schemaPath:"#/$defs/BalanceResult/required",keyword:"required",params:{missingProperty: "threshold"},message:"must have required property '"+"threshold"+"'",schema:schema43.required,parentSchema:schema43,data:data15};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(data15.spreadBefore === undefined){
const err43 = {instancePath:instancePath+"/balance",schemaPath:"#/$defs/BalanceResult/required",keyword:"required",params:{missingProperty: "spreadBefore"},message:"must have required property '"+"spreadBefore"+"'",schema:schema43.required,parentSchema:schema43,data:data15};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
if(data15.spreadAfter === undefined){
const err44 = {instancePath:instancePath+"/balance",schemaPath:"#/$defs/BalanceResult/required",keyword:"required",params:{missingProperty: "spreadAfter"},message:"must have required property '"+"spreadAfter"+"'",schema:schema43.required,parentSchema:schema43,data:data15};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(data15.reached === undefined){
const err45 = {instancePath:instancePath+"/balance",schemaPath:"#/$defs/BalanceResult/required",keyword:"required",params:{missingProperty: "reached"},message:"must have required property '"+"reached"+"'",schema:schema43.required,parentSchema:schema43,data:data15};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
for(const key4 in data15){
if(!(func1.call(schema43.properties, key4))){
const err46 = {instancePath:instancePath+"/balance",schemaPath:"#/$defs/BalanceResult/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema43,data:data15};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data15.method !== undefined){
let data16 = data15.method;
if(!((((data16 === "memory") || (data16 === "cpu")) || (data16 === "disk")) || (data16 === "weighted"))){
const err47 = {instancePath:instancePath+"/balance/method",schemaPath:"#/$defs/BalanceResult/properties/method/enum",keyword:"enum",params:{allowedValues: schema43.properties.method.enum},message:"must be equal to one of the allowed values",schema:schema43.properties.method.enum,parentSchema:schema43.properties.method,data:data16};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data15.mode !== undefined){
let data17 = data15.mode;
if(!((data17 === "used") || (data17 === "assigned"))){
const err48 = {instancePath:instancePath+"/balance/mode",schemaPath:"#/$defs/BalanceResult/properties/mode/enum",keyword:"enum",params:{allowedValues: schema43.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema43.properties.mode.enum,parentSchema:schema43.properties.mode,data:data17};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data15.threshold !== undefined){
let data18 = data15.threshold;
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 < 0 || isNaN(data18)){
const err49 = {instancePath:instancePath+"/balance/threshold",schemaPath:"#/$defs/BalanceResult/properties/threshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema43.properties.threshold,data:data18};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
else {
const err50 = {instancePath:instancePath+"/balance/threshold",schemaPath:"#/$defs/BalanceResult/properties/threshold/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema43.properties.threshold.type,parentSchema:schema43.properties.threshold,data:data18};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data15.spreadBefore !== undefined){
let data19 = data15.spreadBefore;
if(!((typeof data19 == "number") && (isFinite(data19)))){
const err51 = {instancePath:instancePath+"/balance/spreadBefore",schemaPath:"#/$defs/BalanceResult/properties/spreadBefore/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema43.properties.spreadBefore.type,parentSchema:schema43.properties.spreadBefore,data:data19};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(data15.spreadAfter !== undefined){
let data20 = data15.spreadAfter;
if(!((typeof data20 == "number") && (isFinite(data20)))){
const err52 = {instancePath:instancePath+"/balance/spreadAfter",schemaPath:"#/$defs/BalanceResult/properties/spreadAfter/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema43.properties.spreadAfter.type,parentSchema:schema43.properties.spreadAfter,data:data20};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data15.reached !== undefined){
let data21 = data15.reached;
if(typeof data21 !== "boolean"){
const err53 = {instancePath:instancePath+"/balance/reached",schemaPath:"#/$defs/BalanceResult/properties/reached/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.properties.reached.type,parentSchema:schema43.properties.reached,data:data21};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data15.limitedBy !== undefined){
let data22 = data15.limitedBy;
if(!(((data22 === "budget") || (data22 === "rules")) || (data22 === "capacity"))){
const err54 = {instancePath:instancePath+"/balance/limitedBy",schemaPath:"#/$defs/BalanceResult/properties/limitedBy/enum",keyword:"enum",params:{allowedValues: schema43.properties.limitedBy.enum},message:"must be equal to one of the allowed values",schema:schema43.properties.limitedBy.enum,parentSchema:schema43.properties.limitedBy,data:data22};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data15.held !== undefined){
let data23 = data15.held;
if(!(((data23 === "margin") || (data23 === "persistence")) || (data23 === "not-worth-it"))){
const err55 = {instancePath:instancePath+"/balance/held",schemaPath:"#/$defs/BalanceResult/properties/held/enum",keyword:"enum",params:{allowedValues: schema43.properties.held.enum},message:"must be equal to one of the allowed values",schema:schema43.properties.held.enum,parentSchema:schema43.properties.held,data:data23};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data15.rulesRepaired !== undefined){
let data24 = data15.rulesRepaired;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err56 = {instancePath:instancePath+"/balance/rulesRepaired",schemaPath:"#/$defs/BalanceResult/properties/rulesRepaired/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.rulesRepaired.type,parentSchema:schema43.properties.rulesRepaired,data:data24};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 < 0 || isNaN(data24)){
const err57 = {instancePath:instancePath+"/balance/rulesRepaired",schemaPath:"#/$defs/BalanceResult/properties/rulesRepaired/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema43.properties.rulesRepaired,data:data24};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
}
if(data15.worsened !== undefined){
let data25 = data15.worsened;
if(typeof data25 !== "boolean"){
const err58 = {instancePath:instancePath+"/balance/worsened",schemaPath:"#/$defs/BalanceResult/properties/worsened/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.properties.worsened.type,parentSchema:schema43.properties.worsened,data:data25};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
}
else {
const err59 = {instancePath:instancePath+"/balance",schemaPath:"#/$defs/BalanceResult/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.type,parentSchema:schema43,data:data15};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data.summary !== undefined){
let data26 = data.summary;
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
if(data26.status === undefined){
const err60 = {instancePath:instancePath+"/summary",schemaPath:"#/$defs/Summary/required",keyword:"required",params:{missingProperty: "status"},message:"must have required property '"+"status"+"'",schema:schema44.required,parentSchema:schema44,data:data26};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if(data26.moves === undefined){
const err61 = {instancePath:instancePath+"/summary",schemaPath:"#/$defs/Summary/required",keyword:"required",params:{missingProperty: "moves"},message:"must have required property '"+"moves"+"'",schema:schema44.required,parentSchema:schema44,data:data26};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if(data26.bytesMoved === undefined){
const err62 = {instancePath:instancePath+"/summary",schemaPath:"#/$defs/Summary/required",keyword:"required",params:{missingProperty: "bytesMoved"},message:"must have required property '"+"bytesMoved"+"'",schema:schema44.required,parentSchema:schema44,data:data26};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(data26.waves === undefined){
const err63 = {instancePath:instancePath+"/summary",schemaPath:"#/$defs/Summary/required",keyword:"required",params:{missingProperty: "waves"},message:"must have required property '"+"waves"+"'",schema:schema44.required,parentSchema:schema44,data:data26};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
if(data26.warnings === undefined){
const err64 = {instancePath:instancePath+"/summary",schemaPath:"#/$defs/Summary/required",keyword:"required",params:{missingProperty: "warnings"},message:"must have required property '"+"warnings"+"'",schema:schema44.required,parentSchema:schema44,data:data26};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if(data26.message === undefined){
const err65 = {instancePath:instancePath+"/summary",schemaPath:"#/$defs/Summary/required",keyword:"required",params:{missingProperty: "message"},message:"must have required property '"+"message"+"'",schema:schema44.required,parentSchema:schema44,data:data26};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
for(const key5 in data26){
if(!((((((key5 === "status") || (key5 === "moves")) || (key5 === "bytesMoved")) || (key5 === "waves")) || (key5 === "warnings")) || (key5 === "message"))){
const err66 = {instancePath:instancePath+"/summary",schemaPath:"#/$defs/Summary/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema44,data:data26};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data26.status !== undefined){
let data27 = data26.status;
if(!((data27 === "no-changes") || (data27 === "changes"))){
const err67 = {instancePath:instancePath+"/summary/status",schemaPath:"#/$defs/Summary/properties/status/enum",keyword:"enum",params:{allowedValues: schema44.properties.status.enum},message:"must be equal to one of the allowed values",schema:schema44.properties.status.enum,parentSchema:schema44.properties.status,data:data27};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data26.moves !== undefined){
let data28 = data26.moves;
if(!(((typeof data28 == "number") && (!(data28 % 1) && !isNaN(data28))) && (isFinite(data28)))){
const err68 = {instancePath:instancePath+"/summary/moves",schemaPath:"#/$defs/Summary/properties/moves/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema44.properties.moves.type,parentSchema:schema44.properties.moves,data:data28};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if((typeof data28 == "number") && (isFinite(data28))){
if(data28 < 0 || isNaN(data28)){
const err69 = {instancePath:instancePath+"/summary/moves",schemaPath:"#/$defs/Summary/properties/moves/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema44.properties.moves,data:data28};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
if(data26.bytesMoved !== undefined){
let data29 = data26.bytesMoved;
if(!(((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29))) && (isFinite(data29)))){
const err70 = {instancePath:instancePath+"/summary/bytesMoved",schemaPath:"#/$defs/Summary/properties/bytesMoved/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema44.properties.bytesMoved.type,parentSchema:schema44.properties.bytesMoved,data:data29};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
if((typeof data29 == "number") && (isFinite(data29))){
if(data29 < 0 || isNaN(data29)){
const err71 = {instancePath:instancePath+"/summary/bytesMoved",schemaPath:"#/$defs/Summary/properties/bytesMoved/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema44.properties.bytesMoved,data:data29};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
}
if(data26.waves !== undefined){
let data30 = data26.waves;
if(!(((typeof data30 == "number") && (!(data30 % 1) && !isNaN(data30))) && (isFinite(data30)))){
const err72 = {instancePath:instancePath+"/summary/waves",schemaPath:"#/$defs/Summary/properties/waves/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema44.properties.waves.type,parentSchema:schema44.properties.waves,data:data30};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if((typeof data30 == "number") && (isFinite(data30))){
if(data30 < 0 || isNaN(data30)){
const err73 = {instancePath:instancePath+"/summary/waves",schemaPath:"#/$defs/Summary/properties/waves/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema44.properties.waves,data:data30};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
}
if(data26.warnings !== undefined){
let data31 = data26.warnings;
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err74 = {instancePath:instancePath+"/summary/warnings",schemaPath:"#/$defs/Summary/properties/warnings/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema44.properties.warnings.type,parentSchema:schema44.properties.warnings,data:data31};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 < 0 || isNaN(data31)){
const err75 = {instancePath:instancePath+"/summary/warnings",schemaPath:"#/$defs/Summary/properties/warnings/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema44.properties.warnings,data:data31};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
}
if(data26.message !== undefined){
let data32 = data26.message;
if(typeof data32 !== "string"){
const err76 = {instancePath:instancePath+"/summary/message",schemaPath:"#/$defs/Summary/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.message.type,parentSchema:schema44.properties.message,data:data32};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
}
else {
const err77 = {instancePath:instancePath+"/summary",schemaPath:"#/$defs/Summary/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema44.type,parentSchema:schema44,data:data26};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
if(data.moves !== undefined){
let data33 = data.moves;
if(Array.isArray(data33)){
const len0 = data33.length;
for(let i0=0; i0<len0; i0++){
if(!(validate23(data33[i0], {instancePath:instancePath+"/moves/" + i0,parentData:data33,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
}
else {
const err78 = {instancePath:instancePath+"/moves",schemaPath:"#/properties/moves/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema40.properties.moves.type,parentSchema:schema40.properties.moves,data:data33};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(data.nodes !== undefined){
let data35 = data.nodes;
if(Array.isArray(data35)){
const len1 = data35.length;
for(let i1=0; i1<len1; i1++){
if(!(validate25(data35[i1], {instancePath:instancePath+"/nodes/" + i1,parentData:data35,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
}
else {
const err79 = {instancePath:instancePath+"/nodes",schemaPath:"#/properties/nodes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema40.properties.nodes.type,parentSchema:schema40.properties.nodes,data:data35};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
if(data.warnings !== undefined){
let data37 = data.warnings;
if(Array.isArray(data37)){
const len2 = data37.length;
for(let i2=0; i2<len2; i2++){
let data38 = data37[i2];
if(data38 && typeof data38 == "object" && !Array.isArray(data38)){
if(data38.code === undefined){
const err80 = {instancePath:instancePath+"/warnings/" + i2,schemaPath:"#/$defs/Warning/required",keyword:"required",params:{missingProperty: "code"},message:"must have required property '"+"code"+"'",schema:schema53.required,parentSchema:schema53,data:data38};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
if(data38.message === undefined){
const err81 = {instancePath:instancePath+"/warnings/" + i2,schemaPath:"#/$defs/Warning/required",keyword:"required",params:{missingProperty: "message"},message:"must have required property '"+"message"+"'",schema:schema53.required,parentSchema:schema53,data:data38};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
for(const key6 in data38){
if(!(((((key6 === "code") || (key6 === "message")) || (key6 === "guests")) || (key6 === "nodes")) || (key6 === "rule"))){
const err82 = {instancePath:instancePath+"/warnings/" + i2,schemaPath:"#/$defs/Warning/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema53,data:data38};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
if(data38.code !== undefined){
let data39 = data38.code;
if(!((((((((((data39 === "unmovable") || (data39 === "unsatisfiable")) || (data39 === "no-room")) || (data39 === "budget")) || (data39 === "second-pass")) || (data39 === "stale-snapshot")) || (data39 === "conflict")) || (data39 === "quorum")) || (data39 === "storage")) || (data39 === "unmatched"))){
const err83 = {instancePath:instancePath+"/warnings/" + i2+"/code",schemaPath:"#/$defs/Warning/properties/code/enum",keyword:"enum",params:{allowedValues: schema53.properties.code.enum},message:"must be equal to one of the allowed values",schema:schema53.properties.code.enum,parentSchema:schema53.properties.code,data:data39};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
if(data38.message !== undefined){
let data40 = data38.message;
if(typeof data40 !== "string"){
const err84 = {instancePath:instancePath+"/warnings/" + i2+"/message",schemaPath:"#/$defs/Warning/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.properties.message.type,parentSchema:schema53.properties.message,data:data40};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
if(data38.guests !== undefined){
let data41 = data38.guests;
if(Array.isArray(data41)){
const len3 = data41.length;
for(let i3=0; i3<len3; i3++){
let data42 = data41[i3];
if(!(((typeof data42 == "number") && (!(data42 % 1) && !isNaN(data42))) && (isFinite(data42)))){
const err85 = {instancePath:instancePath+"/warnings/" + i2+"/guests/" + i3,schemaPath:"#/$defs/Warning/properties/guests/items/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema53.properties.guests.items.type,parentSchema:schema53.properties.guests.items,data:data42};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
if((typeof data42 == "number") && (isFinite(data42))){
if(data42 < 1 || isNaN(data42)){
const err86 = {instancePath:instancePath+"/warnings/" + i2+"/guests/" + i3,schemaPath:"#/$defs/Warning/properties/guests/items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema53.properties.guests.items,data:data42};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
}
}
else {
const err87 = {instancePath:instancePath+"/warnings/" + i2+"/guests",schemaPath:"#/$defs/Warning/properties/guests/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema53.properties.guests.type,parentSchema:schema53.properties.guests,data:data41};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
if(data38.nodes !== undefined){
let data43 = data38.nodes;
if(Array.isArray(data43)){
const len4 = data43.length;
for(let i4=0; i4<len4; i4++){
let data44 = data43[i4];
if(typeof data44 !== "string"){
const err88 = {instancePath:instancePath+"/warnings/" + i2+"/nodes/" + i4,schemaPath:"#/$defs/Warning/properties/nodes/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.properties.nodes.items.type,parentSchema:schema53.properties.nodes.items,data:data44};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
}
else {
const err89 = {instancePath:instancePath+"/warnings/" + i2+"/nodes",schemaPath:"#/$defs/Warning/properties/nodes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema53.properties.nodes.type,parentSchema:schema53.properties.nodes,data:data43};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
if(data38.rule !== undefined){
let data45 = data38.rule;
if(typeof data45 !== "string"){
const err90 = {instancePath:instancePath+"/warnings/" + i2+"/rule",schemaPath:"#/$defs/Warning/properties/rule/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.properties.rule.type,parentSchema:schema53.properties.rule,data:data45};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
}
else {
const err91 = {instancePath:instancePath+"/warnings/" + i2,schemaPath:"#/$defs/Warning/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema53.type,parentSchema:schema53,data:data38};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
}
else {
const err92 = {instancePath:instancePath+"/warnings",schemaPath:"#/properties/warnings/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema40.properties.warnings.type,parentSchema:schema40.properties.warnings,data:data37};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
if(data.scope !== undefined){
let data46 = data.scope;
if(data46 && typeof data46 == "object" && !Array.isArray(data46)){
if(data46.nodes === undefined){
const err93 = {instancePath:instancePath+"/scope",schemaPath:"#/$defs/Scope/required",keyword:"required",params:{missingProperty: "nodes"},message:"must have required property '"+"nodes"+"'",schema:schema54.required,parentSchema:schema54,data:data46};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
for(const key7 in data46){
if(!(key7 === "nodes")){
const err94 = {instancePath:instancePath+"/scope",schemaPath:"#/$defs/Scope/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema54,data:data46};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
if(data46.nodes !== undefined){
let data47 = data46.nodes;
if(Array.isArray(data47)){
const len5 = data47.length;
for(let i5=0; i5<len5; i5++){
let data48 = data47[i5];
if(typeof data48 !== "string"){
const err95 = {instancePath:instancePath+"/scope/nodes/" + i5,schemaPath:"#/$defs/Scope/properties/nodes/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema54.properties.nodes.items.type,parentSchema:schema54.properties.nodes.items,data:data48};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
}
else {
const err96 = {instancePath:instancePath+"/scope/nodes",schemaPath:"#/$defs/Scope/properties/nodes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema54.properties.nodes.type,parentSchema:schema54.properties.nodes,data:data47};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
}
else {
const err97 = {instancePath:instancePath+"/scope",schemaPath:"#/$defs/Scope/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema54.type,parentSchema:schema54,data:data46};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
}
}
else {
const err98 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema40.type,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}
validate22.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const policyV1 = validate30;
const schema55 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://proxlb.dev/schemas/policy.v1.json","title":"Policy","description":"How proxlb balances a cluster: what to balance, how far, which guests and nodes to leave alone, which rules placements must obey, and the limits of one plan. Written in YAML. Sizes accept bytes or human units (512MiB, 8GiB, 1.5TB); percentages accept 10 or \"10%\".","type":"object","additionalProperties":false,"required":["apiVersion"],"properties":{"$schema":{"description":"Optional pointer to this schema, for editors.","type":"string"},"apiVersion":{"description":"Version of the policy format. This schema describes proxlb/v1.","const":"proxlb/v1"},"kind":{"description":"Always Policy.","const":"Policy"},"name":{"description":"Short name of the policy, shown in plans.","type":"string"},"description":{"description":"What the policy is for.","type":"string"},"balance":{"$ref":"#/$defs/Balance"},"ignore":{"$ref":"#/$defs/Ignore"},"rules":{"description":"Placement rules: guests that stay together, stay apart, or are pinned to nodes.","type":"array","items":{"$ref":"#/$defs/Rule"}},"maintenance":{"$ref":"#/$defs/Maintenance"},"limits":{"$ref":"#/$defs/Limits"},"migration":{"$ref":"#/$defs/Migration"},"proxlbTags":{"description":"Understand ProxLB's guest tags without policy entries: plb_include_<g>/plb_affinity_<g> (together), plb_exclude_<g>/plb_anti_affinity_<g> (apart), plb_ignore_vm/plb_ignore_<x> (ignore), plb_pin_<node> (pin). Default true.","type":"boolean"}},"$defs":{"Balance":{"description":"What is balanced and how even the cluster must be.","type":"object","additionalProperties":false,"properties":{"method":{"description":"Resource to balance: memory, cpu, disk (local disk), or weighted (several at once, see weights). Default memory.","enum":["memory","cpu","disk","weighted"]},"mode":{"description":"used: measured usage; assigned: configured sizes of the guests. Default used.","enum":["used","assigned"]},"threshold":{"description":"Allowed spread, in percentage points, between the most and the least utilised eligible node (ProxLB's balanciness). Within it, nothing moves for balance. Default 10.","$ref":"#/$defs/Percentage"},"weights":{"$ref":"#/$defs/Weights"},"guestTypes":{"description":"Guest types that may move. Default both.","type":"array","items":{"enum":["qemu","lxc"]},"uniqueItems":true},"margin":{"description":"Hysteresis: points above the threshold the spread must reach before balancing starts; once started, balancing brings it within the threshold. Default 0 for plan, 5 for the balance service and simulate --cycles.","$ref":"#/$defs/Percentage"},"minGain":{"description":"Worth-it check: least spread gained, in percentage points, per GiB the balancing moves transfer; balancing that would gain less moves nothing. Default 0 (off) for plan; for the balance service and simulate --cycles, 0.02 on nodes of 64 GiB (moving 50 GiB must narrow the spread by a point) and in proportion on others, by the online nodes' mean memory (0.00063 on nodes of 2 TiB).","type":"number","minimum":0},"persistence":{"description":"The balance service (and simulate --cycles) balances only once the spread has exceeded threshold plus margin in this many cycles in a row. Default 1.","type":"integer","minimum":1},"window":{"description":"The load the balance service plans from: one sample (off), or the average of the last hour or day of RRD data, for CPU and memory. Default off.","enum":["off","hour","day"]},"during":{"description":"The balance service runs cycles only at times matching one of these cron expressions (minute hour day-of-month month day-of-week, UTC), e.g. \"* 22-23,0-5 * * *\" for nights. Default: any time.","type":"array","items":{"type":"string","minLength":1},"minItems":1}}},"Weights":{"description":"Weights of each resource for the weighted method (relative; 0 leaves a resource out). Default memory 1, cpu 1, disk 0.","type":"object","additionalProperties":false,"properties":{"memory":{"description":"Weight of memory utilisation.","type":"number","minimum":0},"cpu":{"description":"Weight of CPU utilisation.","type":"number","minimum":0},"disk":{"description":"Weight of local disk utilisation.","type":"number","minimum":0}}},"Ignore":{"description":"Nodes and guests proxlb leaves alone. Ignored guests never move; ignored nodes neither give nor receive guests.","type":"object","additionalProperties":false,"properties":{"nodes":{"description":"Node names (* wildcards allowed).","type":"array","items":{"$ref":"#/$defs/NodeSelector"}},"guests":{"description":"Guest selectors.","type":"array","items":{"$ref":"#/$defs/GuestSelector"}}}},"Rule":{"description":"A placement rule. together: all matched guests on one node (they move as one unit). apart: no two matched guests on one node. pin: matched guests only on the listed nodes.","type":"object","additionalProperties":false,"required":["type","guests"],"properties":{"name":{"description":"Name shown in plans and warnings. Default: the rule's type and position.","type":"string"},"type":{"description":"together, apart or pin.","enum":["together","apart","pin"]},"guests":{"description":"The guests the rule covers.","type":"array","minItems":1,"items":{"$ref":"#/$defs/GuestSelector"}},"nodes":{"description":"pin only: the nodes the guests may run on (* wildcards allowed).","type":"array","minItems":1,"items":{"$ref":"#/$defs/NodeSelector"}},"strict":{"description":"true: a hard rule no plan breaks. false: a preference, honoured where it costs no hard rule. Default true.","type":"boolean"}}},"Maintenance":{"description":"Nodes being emptied: every movable guest leaves them and nothing arrives.","type":"object","additionalProperties":false,"properties":{"nodes":{"description":"Node names (* wildcards allowed).","type":"array","items":{"$ref":"#/$defs/NodeSelector"}}}},"Limits":{"description":"Budgets and safety margins of one plan.","type":"object","additionalProperties":false,"properties":{"maxMoves":{"description":"Most migrations in one plan. Default unlimited.","type":"integer","minimum":0},"maxBytesMoved":{"description":"Most bytes moved by one plan (guest memory, plus local disks when copied). Default unlimited.","$ref":"#/$defs/Size"},"parallel":{"description":"Most migrations running at once in the cluster. Default 2.","type":"integer","minimum":1},"perNode":{"description":"Most migrations at once touching one node (as source or target). Default 1.","type":"integer","minimum":1},"headroom":{"description":"Memory every node keeps free after each move: a percentage of the node's memory (10%) or a size (8GiB). Default 0: a node may be filled to 100%.","$ref":"#/$defs/SizeOrPercentage"},"reserve":{"description":"Extra memory kept free on particular nodes, by node name (pve1: 16GiB).","type":"object","additionalProperties":{"$ref":"#/$defs/Size"}},"cooldown":{"description":"How long a guest the balance service migrated stays where it went: balancing does not move it again, and no move sends it back to the node it left, before this much time has passed (remembered in the state folder). Seconds, or a duration: 90m, 6h, 2d. Default 6h.","anyOf":[{"type":"integer","minimum":0},{"type":"string","pattern":"^\\s*[0-9]+\\s*[smhd]\\s*$"}]},"storageReserve":{"description":"Space every local guest storage keeps free after each move that copies disks onto it: a percentage of the storage's size (10%) or a size (50GiB). Default 0: a storage may be filled up to what it reports free.","$ref":"#/$defs/SizeOrPercentage"}}},"Migration":{"description":"How guests are migrated and which may be.","type":"object","additionalProperties":false,"properties":{"online":{"description":"Live-migrate running virtual machines. false: running VMs do not move. Default true.","type":"boolean"},"withLocalDisks":{"description":"Copy local disks along (with-local-disks). false: guests with local disks stay. Default false.","type":"boolean"},"restartContainers":{"description":"Running containers migrate by restart (shut down, move, start). false: running containers stay. Default true.","type":"boolean"},"restartTimeout":{"description":"Seconds a container gets to shut down before a restart migration (Proxmox default 180).","type":"integer","minimum":1},"templates":{"description":"Templates may move. Default false.","type":"boolean"},"haManaged":{"description":"HA-managed guests may move (through the HA stack). Default true.","type":"boolean"},"targetStorage":{"description":"Where copied local disks go on the target node, as qm migrate --targetstorage has it: one storage id for every disk (local-zfs), or a mapping from source storage id to target storage id, \"*\" standing for every storage not named ({local-lvm: local-zfs, \"*\": local-lvm}). Default: each disk goes to the storage of the same id on the target.","anyOf":[{"type":"string","minLength":1},{"type":"object","minProperties":1,"additionalProperties":{"type":"string","minLength":1}}]}}},"GuestSelector":{"description":"A guest selector: a vmid (100), a vmid range (vmid:100-199), a tag (tag:web), a pool (pool:prod), or a name with * wildcards (web-*, or name:web-*).","anyOf":[{"type":"integer","minimum":1},{"type":"string","pattern":"^(vmid:[0-9]+(-[0-9]+)?|tag:[^\\s]+|pool:[^\\s]+|name:[^\\s]+|[^:\\s]+)$"}]},"NodeSelector":{"description":"A node name; * matches any characters.","type":"string","pattern":"^[A-Za-z0-9.*-]+$"},"Size":{"description":"A size: bytes as an integer, or a number with a unit (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB), for example 512GiB.","anyOf":[{"type":"integer","minimum":0},{"type":"string","pattern":"^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$"}]},"Percentage":{"description":"A percentage: a number (10) or a string with % (10%), from 0 to 100.","anyOf":[{"type":"number","minimum":0,"maximum":100},{"type":"string","pattern":"^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$"}]},"SizeOrPercentage":{"description":"A percentage of the node's memory (10%) or a size (8GiB, or bytes).","anyOf":[{"type":"integer","minimum":0},{"type":"string","pattern":"^\\s*[0-9]+(\\.[0-9]+)?\\s*(%|[KMGTP]i?B|B)\\s*$"}]}}};
const schema73 = {"description":"How guests are migrated and which may be.","type":"object","additionalProperties":false,"properties":{"online":{"description":"Live-migrate running virtual machines. false: running VMs do not move. Default true.","type":"boolean"},"withLocalDisks":{"description":"Copy local disks along (with-local-disks). false: guests with local disks stay. Default false.","type":"boolean"},"restartContainers":{"description":"Running containers migrate by restart (shut down, move, start). false: running containers stay. Default true.","type":"boolean"},"restartTimeout":{"description":"Seconds a container gets to shut down before a restart migration (Proxmox default 180).","type":"integer","minimum":1},"templates":{"description":"Templates may move. Default false.","type":"boolean"},"haManaged":{"description":"HA-managed guests may move (through the HA stack). Default true.","type":"boolean"},"targetStorage":{"description":"Where copied local disks go on the target node, as qm migrate --targetstorage has it: one storage id for every disk (local-zfs), or a mapping from source storage id to target storage id, \"*\" standing for every storage not named ({local-lvm: local-zfs, \"*\": local-lvm}). Default: each disk goes to the storage of the same id on the target.","anyOf":[{"type":"string","minLength":1},{"type":"object","minProperties":1,"additionalProperties":{"type":"string","minLength":1}}]}}};
const schema56 = {"description":"What is balanced and how even the cluster must be.","type":"object","additionalProperties":false,"properties":{"method":{"description":"Resource to balance: memory, cpu, disk (local disk), or weighted (several at once, see weights). Default memory.","enum":["memory","cpu","disk","weighted"]},"mode":{"description":"used: measured usage; assigned: configured sizes of the guests. Default used.","enum":["used","assigned"]},"threshold":{"description":"Allowed spread, in percentage points, between the most and the least utilised eligible node (ProxLB's balanciness). Within it, nothing moves for balance. Default 10.","$ref":"#/$defs/Percentage"},"weights":{"$ref":"#/$defs/Weights"},"guestTypes":{"description":"Guest types that may move. Default both.","type":"array","items":{"enum":["qemu","lxc"]},"uniqueItems":true},"margin":{"description":"Hysteresis: points above the threshold the spread must reach before balancing starts; once started, balancing brings it within the threshold. Default 0 for plan, 5 for the balance service and simulate --cycles.","$ref":"#/$defs/Percentage"},"minGain":{"description":"Worth-it check: least spread gained, in percentage points, per GiB the balancing moves transfer; balancing that would gain less moves nothing. Default 0 (off) for plan; for the balance service and simulate --cycles, 0.02 on nodes of 64 GiB (moving 50 GiB must narrow the spread by a point) and in proportion on others, by the online nodes' mean memory (0.00063 on nodes of 2 TiB).","type":"number","minimum":0},"persistence":{"description":"The balance service (and simulate --cycles) balances only once the spread has exceeded threshold plus margin in this many cycles in a row. Default 1.","type":"integer","minimum":1},"window":{"description":"The load the balance service plans from: one sample (off), or the average of the last hour or day of RRD data, for CPU and memory. Default off.","enum":["off","hour","day"]},"during":{"description":"The balance service runs cycles only at times matching one of these cron expressions (minute hour day-of-month month day-of-week, UTC), e.g. \"* 22-23,0-5 * * *\" for nights. Default: any time.","type":"array","items":{"type":"string","minLength":1},"minItems":1}}};
const schema57 = {"description":"A percentage: a number (10) or a string with % (10%), from 0 to 100.","anyOf":[{"type":"number","minimum":0,"maximum":100},{"type":"string","pattern":"^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$"}]};
const schema58 = {"description":"Weights of each resource for the weighted method (relative; 0 leaves a resource out). Default memory 1, cpu 1, disk 0.","type":"object","additionalProperties":false,"properties":{"memory":{"description":"Weight of memory utilisation.","type":"number","minimum":0},"cpu":{"description":"Weight of CPU utilisation.","type":"number","minimum":0},"disk":{"description":"Weight of local disk utilisation.","type":"number","minimum":0}}};
const func0 = runtime2;
const pattern10 = new RegExp("^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$", "u");

function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate31.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func1.call(schema56.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema56,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.method !== undefined){
let data0 = data.method;
if(!((((data0 === "memory") || (data0 === "cpu")) || (data0 === "disk")) || (data0 === "weighted"))){
const err1 = {instancePath:instancePath+"/method",schemaPath:"#/properties/method/enum",keyword:"enum",params:{allowedValues: schema56.properties.method.enum},message:"must be equal to one of the allowed values",schema:schema56.properties.method.enum,parentSchema:schema56.properties.method,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.mode !== undefined){
let data1 = data.mode;
if(!((data1 === "used") || (data1 === "assigned"))){
const err2 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema56.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema56.properties.mode.enum,parentSchema:schema56.properties.mode,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.threshold !== undefined){
let data2 = data.threshold;
const _errs6 = errors;
let valid2 = false;
const _errs7 = errors;
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 100 || isNaN(data2)){
const err3 = {instancePath:instancePath+"/threshold",schemaPath:"#/$defs/Percentage/anyOf/0/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema57.anyOf[0],data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data2 < 0 || isNaN(data2)){
const err4 = {instancePath:instancePath+"/threshold",schemaPath:"#/$defs/Percentage/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema57.anyOf[0],data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/threshold",schemaPath:"#/$defs/Percentage/anyOf/0/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema57.anyOf[0].type,parentSchema:schema57.anyOf[0],data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
var _valid0 = _errs7 === errors;
valid2 = valid2 || _valid0;
const _errs9 = errors;
if(typeof data2 === "string"){
if(!pattern10.test(data2)){
const err6 = {instancePath:instancePath+"/threshold",schemaPath:"#/$defs/Percentage/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$"},message:"must match pattern \""+"^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$"+"\"",schema:"^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$",parentSchema:schema57.anyOf[1],data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/threshold",schemaPath:"#/$defs/Percentage/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema57.anyOf[1].type,parentSchema:schema57.anyOf[1],data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
var _valid0 = _errs9 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const err8 = {instancePath:instancePath+"/threshold",schemaPath:"#/$defs/Percentage/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema57.anyOf,parentSchema:schema57,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
else {
errors = _errs6;
if(vErrors !== null){
if(_errs6){
vErrors.length = _errs6;
}
else {
vErrors = null;
}
}
}
}
if(data.weights !== undefined){
let data3 = data.weights;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
if(!(((key1 === "memory") || (key1 === "cpu")) || (key1 === "disk"))){
const err9 = {instancePath:instancePath+"/weights",schemaPath:"#/$defs/Weights/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema58,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data3.memory !== undefined){
let data4 = data3.memory;
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 0 || isNaN(data4)){
const err10 = {instancePath:instancePath+"/weights/memory",schemaPath:"#/$defs/Weights/properties/memory/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema58.properties.memory,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/weights/memory",schemaPath:"#/$defs/Weights/properties/memory/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema58.properties.memory.type,parentSchema:schema58.properties.memory,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data3.cpu !== undefined){
let data5 = data3.cpu;
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 < 0 || isNaN(data5)){
const err12 = {instancePath:instancePath+"/weights/cpu",schemaPath:"#/$defs/Weights/properties/cpu/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema58.properties.cpu,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/weights/cpu",schemaPath:"#/$defs/Weights/properties/cpu/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema58.properties.cpu.type,parentSchema:schema58.properties.cpu,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data3.disk !== undefined){
let data6 = data3.disk;
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 < 0 || isNaN(data6)){
const err14 = {instancePath:instancePath+"/weights/disk",schemaPath:"#/$defs/Weights/properties/disk/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema58.properties.disk,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/weights/disk",schemaPath:"#/$defs/Weights/properties/disk/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema58.properties.disk.type,parentSchema:schema58.properties.disk,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/weights",schemaPath:"#/$defs/Weights/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema58.type,parentSchema:schema58,data:data3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.guestTypes !== undefined){
let data7 = data.guestTypes;
if(Array.isArray(data7)){
const len0 = data7.length;
for(let i0=0; i0<len0; i0++){
let data8 = data7[i0];
if(!((data8 === "qemu") || (data8 === "lxc"))){
const err17 = {instancePath:instancePath+"/guestTypes/" + i0,schemaPath:"#/properties/guestTypes/items/enum",keyword:"enum",params:{allowedValues: schema56.properties.guestTypes.items.enum},message:"must be equal to one of the allowed values",schema:schema56.properties.guestTypes.items.enum,parentSchema:schema56.properties.guestTypes.items,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
let i1 = data7.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data7[i1], data7[j0])){
const err18 = {instancePath:instancePath+"/guestTypes",schemaPath:"#/properties/guestTypes/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema56.properties.guestTypes,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err19 = {instancePath:instancePath+"/guestTypes",schemaPath:"#/properties/guestTypes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema56.properties.guestTypes.type,parentSchema:schema56.properties.guestTypes,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.margin !== undefined){
let data9 = data.margin;
const _errs26 = errors;
let valid9 = false;
const _errs27 = errors;
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 > 100 || isNaN(data9)){
const err20 = {instancePath:instancePath+"/margin",schemaPath:"#/$defs/Percentage/anyOf/0/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema57.anyOf[0],data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data9 < 0 || isNaN(data9)){
const err21 = {instancePath:instancePath+"/margin",schemaPath:"#/$defs/Percentage/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema57.anyOf[0],data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/margin",schemaPath:"#/$defs/Percentage/anyOf/0/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema57.anyOf[0].type,parentSchema:schema57.anyOf[0],data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
var _valid1 = _errs27 === errors;
valid9 = valid9 || _valid1;
const _errs29 = errors;
if(typeof data9 === "string"){
if(!pattern10.test(data9)){
const err23 = {instancePath:instancePath+"/margin",schemaPath:"#/$defs/Percentage/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$"},message:"must match pattern \""+"^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$"+"\"",schema:"^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$",parentSchema:schema57.anyOf[1],data:data9};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/margin",schemaPath:"#/$defs/Percentage/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema57.anyOf[1].type,parentSchema:schema57.anyOf[1],data:data9};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
var _valid1 = _errs29 === errors;
valid9 = valid9 || _valid1;
if(!valid9){
const err25 = {instancePath:instancePath+"/margin",schemaPath:"#/$defs/Percentage/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema57.anyOf,parentSchema:schema57,data:data9};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
else {
errors = _errs26;
if(vErrors !== null){
if(_errs26){
vErrors.length = _errs26;
}
else {
vErrors = null;
}
}
}
}
if(data.minGain !== undefined){
let data10 = data.minGain;
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 < 0 || isNaN(data10)){
const err26 = {instancePath:instancePath+"/minGain",schemaPath:"#/properties/minGain/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema56.properties.minGain,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/minGain",schemaPath:"#/properties/minGain/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema56.properties.minGain.type,parentSchema:schema56.properties.minGain,data:data10};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.persistence !== undefined){
let data11 = data.persistence;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err28 = {instancePath:instancePath+"/persistence",schemaPath:"#/properties/persistence/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema56.properties.persistence.type,parentSchema:schema56.properties.persistence,data:data11};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 < 1 || isNaN(data11)){
const err29 = {instancePath:instancePath+"/persistence",schemaPath:"#/properties/persistence/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema56.properties.persistence,data:data11};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
if(data.window !== undefined){
let data12 = data.window;
if(!(((data12 === "off") || (data12 === "hour")) || (data12 === "day"))){
const err30 = {instancePath:instancePath+"/window",schemaPath:"#/properties/window/enum",keyword:"enum",params:{allowedValues: schema56.properties.window.enum},message:"must be equal to one of the allowed values",schema:schema56.properties.window.enum,parentSchema:schema56.properties.window,data:data12};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.during !== undefined){
let data13 = data.during;
if(Array.isArray(data13)){
if(data13.length < 1){
const err31 = {instancePath:instancePath+"/during",schemaPath:"#/properties/during/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema56.properties.during,data:data13};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
const len1 = data13.length;
for(let i2=0; i2<len1; i2++){
let data14 = data13[i2];
if(typeof data14 === "string"){
if(func2(data14) < 1){
const err32 = {instancePath:instancePath+"/during/" + i2,schemaPath:"#/properties/during/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema56.properties.during.items,data:data14};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/during/" + i2,schemaPath:"#/properties/during/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.during.items.type,parentSchema:schema56.properties.during.items,data:data14};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath:instancePath+"/during",schemaPath:"#/properties/during/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema56.properties.during.type,parentSchema:schema56.properties.during,data:data13};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema56.type,parentSchema:schema56,data};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
validate31.errors = vErrors;
return errors === 0;
}
validate31.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema60 = {"description":"Nodes and guests proxlb leaves alone. Ignored guests never move; ignored nodes neither give nor receive guests.","type":"object","additionalProperties":false,"properties":{"nodes":{"description":"Node names (* wildcards allowed).","type":"array","items":{"$ref":"#/$defs/NodeSelector"}},"guests":{"description":"Guest selectors.","type":"array","items":{"$ref":"#/$defs/GuestSelector"}}}};
const schema61 = {"description":"A node name; * matches any characters.","type":"string","pattern":"^[A-Za-z0-9.*-]+$"};
const schema62 = {"description":"A guest selector: a vmid (100), a vmid range (vmid:100-199), a tag (tag:web), a pool (pool:prod), or a name with * wildcards (web-*, or name:web-*).","anyOf":[{"type":"integer","minimum":1},{"type":"string","pattern":"^(vmid:[0-9]+(-[0-9]+)?|tag:[^\\s]+|pool:[^\\s]+|name:[^\\s]+|[^:\\s]+)$"}]};
const pattern12 = new RegExp("^[A-Za-z0-9.*-]+$", "u");
const pattern13 = new RegExp("^(vmid:[0-9]+(-[0-9]+)?|tag:[^\\s]+|pool:[^\\s]+|name:[^\\s]+|[^:\\s]+)$", "u");

function validate33(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate33.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((key0 === "nodes") || (key0 === "guests"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema60,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.nodes !== undefined){
let data0 = data.nodes;
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(typeof data1 === "string"){
if(!pattern12.test(data1)){
const err1 = {instancePath:instancePath+"/nodes/" + i0,schemaPath:"#/$defs/NodeSelector/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9.*-]+$"},message:"must match pattern \""+"^[A-Za-z0-9.*-]+$"+"\"",schema:"^[A-Za-z0-9.*-]+$",parentSchema:schema61,data:data1};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/nodes/" + i0,schemaPath:"#/$defs/NodeSelector/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.type,parentSchema:schema61,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
else {
const err3 = {instancePath:instancePath+"/nodes",schemaPath:"#/properties/nodes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema60.properties.nodes.type,parentSchema:schema60.properties.nodes,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.guests !== undefined){
let data2 = data.guests;
if(Array.isArray(data2)){
const len1 = data2.length;
for(let i1=0; i1<len1; i1++){
let data3 = data2[i1];
const _errs11 = errors;
let valid7 = false;
const _errs12 = errors;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err4 = {instancePath:instancePath+"/guests/" + i1,schemaPath:"#/$defs/GuestSelector/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema62.anyOf[0].type,parentSchema:schema62.anyOf[0],data:data3};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 1 || isNaN(data3)){
const err5 = {instancePath:instancePath+"/guests/" + i1,schemaPath:"#/$defs/GuestSelector/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema62.anyOf[0],data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
var _valid0 = _errs12 === errors;
valid7 = valid7 || _valid0;
const _errs14 = errors;
if(typeof data3 === "string"){
if(!pattern13.test(data3)){
const err6 = {instancePath:instancePath+"/guests/" + i1,schemaPath:"#/$defs/GuestSelector/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^(vmid:[0-9]+(-[0-9]+)?|tag:[^\\s]+|pool:[^\\s]+|name:[^\\s]+|[^:\\s]+)$"},message:"must match pattern \""+"^(vmid:[0-9]+(-[0-9]+)?|tag:[^\\s]+|pool:[^\\s]+|name:[^\\s]+|[^:\\s]+)$"+"\"",schema:"^(vmid:[0-9]+(-[0-9]+)?|tag:[^\\s]+|pool:[^\\s]+|name:[^\\s]+|[^:\\s]+)$",parentSchema:schema62.anyOf[1],data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/guests/" + i1,schemaPath:"#/$defs/GuestSelector/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.anyOf[1].type,parentSchema:schema62.anyOf[1],data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
var _valid0 = _errs14 === errors;
valid7 = valid7 || _valid0;
if(!valid7){
const err8 = {instancePath:instancePath+"/guests/" + i1,schemaPath:"#/$defs/GuestSelector/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema62.anyOf,parentSchema:schema62,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
else {
errors = _errs11;
if(vErrors !== null){
if(_errs11){
vErrors.length = _errs11;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err9 = {instancePath:instancePath+"/guests",schemaPath:"#/properties/guests/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema60.properties.guests.type,parentSchema:schema60.properties.guests,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema60.type,parentSchema:schema60,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate33.errors = vErrors;
return errors === 0;
}
validate33.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema63 = {"description":"A placement rule. together: all matched guests on one node (they move as one unit). apart: no two matched guests on one node. pin: matched guests only on the listed nodes.","type":"object","additionalProperties":false,"required":["type","guests"],"properties":{"name":{"description":"Name shown in plans and warnings. Default: the rule's type and position.","type":"string"},"type":{"description":"together, apart or pin.","enum":["together","apart","pin"]},"guests":{"description":"The guests the rule covers.","type":"array","minItems":1,"items":{"$ref":"#/$defs/GuestSelector"}},"nodes":{"description":"pin only: the nodes the guests may run on (* wildcards allowed).","type":"array","minItems":1,"items":{"$ref":"#/$defs/NodeSelector"}},"strict":{"description":"true: a hard rule no plan breaks. false: a preference, honoured where it costs no hard rule. Default true.","type":"boolean"}}};

function validate35(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate35.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema63.required,parentSchema:schema63,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.guests === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "guests"},message:"must have required property '"+"guests"+"'",schema:schema63.required,parentSchema:schema63,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "name") || (key0 === "type")) || (key0 === "guests")) || (key0 === "nodes")) || (key0 === "strict"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema63,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 !== "string"){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema63.properties.name.type,parentSchema:schema63.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.type !== undefined){
let data1 = data.type;
if(!(((data1 === "together") || (data1 === "apart")) || (data1 === "pin"))){
const err4 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema63.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema63.properties.type.enum,parentSchema:schema63.properties.type,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.guests !== undefined){
let data2 = data.guests;
if(Array.isArray(data2)){
if(data2.length < 1){
const err5 = {instancePath:instancePath+"/guests",schemaPath:"#/properties/guests/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema63.properties.guests,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
const _errs9 = errors;
let valid4 = false;
const _errs10 = errors;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err6 = {instancePath:instancePath+"/guests/" + i0,schemaPath:"#/$defs/GuestSelector/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema62.anyOf[0].type,parentSchema:schema62.anyOf[0],data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 1 || isNaN(data3)){
const err7 = {instancePath:instancePath+"/guests/" + i0,schemaPath:"#/$defs/GuestSelector/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema62.anyOf[0],data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
var _valid0 = _errs10 === errors;
valid4 = valid4 || _valid0;
const _errs12 = errors;
if(typeof data3 === "string"){
if(!pattern13.test(data3)){
const err8 = {instancePath:instancePath+"/guests/" + i0,schemaPath:"#/$defs/GuestSelector/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^(vmid:[0-9]+(-[0-9]+)?|tag:[^\\s]+|pool:[^\\s]+|name:[^\\s]+|[^:\\s]+)$"},message:"must match pattern \""+"^(vmid:[0-9]+(-[0-9]+)?|tag:[^\\s]+|pool:[^\\s]+|name:[^\\s]+|[^:\\s]+)$"+"\"",schema:"^(vmid:[0-9]+(-[0-9]+)?|tag:[^\\s]+|pool:[^\\s]+|name:[^\\s]+|[^:\\s]+)$",parentSchema:schema62.anyOf[1],data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/guests/" + i0,schemaPath:"#/$defs/GuestSelector/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.anyOf[1].type,parentSchema:schema62.anyOf[1],data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
var _valid0 = _errs12 === errors;
valid4 = valid4 || _valid0;
if(!valid4){
const err10 = {instancePath:instancePath+"/guests/" + i0,schemaPath:"#/$defs/GuestSelector/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema62.anyOf,parentSchema:schema62,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
else {
errors = _errs9;
if(vErrors !== null){
if(_errs9){
vErrors.length = _errs9;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err11 = {instancePath:instancePath+"/guests",schemaPath:"#/properties/guests/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema63.properties.guests.type,parentSchema:schema63.properties.guests,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.nodes !== undefined){
let data4 = data.nodes;
if(Array.isArray(data4)){
if(data4.length < 1){
const err12 = {instancePath:instancePath+"/nodes",schemaPath:"#/properties/nodes/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema63.properties.nodes,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
const len1 = data4.length;
for(let i1=0; i1<len1; i1++){
let data5 = data4[i1];
if(typeof data5 === "string"){
if(!pattern12.test(data5)){
const err13 = {instancePath:instancePath+"/nodes/" + i1,schemaPath:"#/$defs/NodeSelector/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9.*-]+$"},message:"must match pattern \""+"^[A-Za-z0-9.*-]+$"+"\"",schema:"^[A-Za-z0-9.*-]+$",parentSchema:schema61,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/nodes/" + i1,schemaPath:"#/$defs/NodeSelector/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.type,parentSchema:schema61,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/nodes",schemaPath:"#/properties/nodes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema63.properties.nodes.type,parentSchema:schema63.properties.nodes,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.strict !== undefined){
let data6 = data.strict;
if(typeof data6 !== "boolean"){
const err16 = {instancePath:instancePath+"/strict",schemaPath:"#/properties/strict/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema63.properties.strict.type,parentSchema:schema63.properties.strict,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema63.type,parentSchema:schema63,data};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
validate35.errors = vErrors;
return errors === 0;
}
validate35.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema66 = {"description":"Nodes being emptied: every movable guest leaves them and nothing arrives.","type":"object","additionalProperties":false,"properties":{"nodes":{"description":"Node names (* wildcards allowed).","type":"array","items":{"$ref":"#/$defs/NodeSelector"}}}};

function validate37(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate37.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(key0 === "nodes")){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema66,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.nodes !== undefined){
let data0 = data.nodes;
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(typeof data1 === "string"){
if(!pattern12.test(data1)){
const err1 = {instancePath:instancePath+"/nodes/" + i0,schemaPath:"#/$defs/NodeSelector/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9.*-]+$"},message:"must match pattern \""+"^[A-Za-z0-9.*-]+$"+"\"",schema:"^[A-Za-z0-9.*-]+$",parentSchema:schema61,data:data1};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/nodes/" + i0,schemaPath:"#/$defs/NodeSelector/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.type,parentSchema:schema61,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
else {
const err3 = {instancePath:instancePath+"/nodes",schemaPath:"#/properties/nodes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema66.properties.nodes.type,parentSchema:schema66.properties.nodes,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
else {
const err4 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema66.type,parentSchema:schema66,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
validate37.errors = vErrors;
return errors === 0;
}
validate37.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema68 = {"description":"Budgets and safety margins of one plan.","type":"object","additionalProperties":false,"properties":{"maxMoves":{"description":"Most migrations in one plan. Default unlimited.","type":"integer","minimum":0},"maxBytesMoved":{"description":"Most bytes moved by one plan (guest memory, plus local disks when copied). Default unlimited.","$ref":"#/$defs/Size"},"parallel":{"description":"Most migrations running at once in the cluster. Default 2.","type":"integer","minimum":1},"perNode":{"description":"Most migrations at once touching one node (as source or target). Default 1.","type":"integer","minimum":1},"headroom":{"description":"Memory every node keeps free after each move: a percentage of the node's memory (10%) or a size (8GiB). Default 0: a node may be filled to 100%.","$ref":"#/$defs/SizeOrPercentage"},"reserve":{"description":"Extra memory kept free on particular nodes, by node name (pve1: 16GiB).","type":"object","additionalProperties":{"$ref":"#/$defs/Size"}},"cooldown":{"description":"How long a guest the balance service migrated stays where it went: balancing does not move it again, and no move sends it back to the node it left, before this much time has passed (remembered in the state folder). Seconds, or a duration: 90m, 6h, 2d. Default 6h.","anyOf":[{"type":"integer","minimum":0},{"type":"string","pattern":"^\\s*[0-9]+\\s*[smhd]\\s*$"}]},"storageReserve":{"description":"Space every local guest storage keeps free after each move that copies disks onto it: a percentage of the storage's size (10%) or a size (50GiB). Default 0: a storage may be filled up to what it reports free.","$ref":"#/$defs/SizeOrPercentage"}}};
const schema69 = {"description":"A size: bytes as an integer, or a number with a unit (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB), for example 512GiB.","anyOf":[{"type":"integer","minimum":0},{"type":"string","pattern":"^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$"}]};
const schema70 = {"description":"A percentage of the node's memory (10%) or a size (8GiB, or bytes).","anyOf":[{"type":"integer","minimum":0},{"type":"string","pattern":"^\\s*[0-9]+(\\.[0-9]+)?\\s*(%|[KMGTP]i?B|B)\\s*$"}]};
const pattern17 = new RegExp("^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$", "u");
const pattern18 = new RegExp("^\\s*[0-9]+(\\.[0-9]+)?\\s*(%|[KMGTP]i?B|B)\\s*$", "u");
const pattern20 = new RegExp("^\\s*[0-9]+\\s*[smhd]\\s*$", "u");

function validate39(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate39.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((((key0 === "maxMoves") || (key0 === "maxBytesMoved")) || (key0 === "parallel")) || (key0 === "perNode")) || (key0 === "headroom")) || (key0 === "reserve")) || (key0 === "cooldown")) || (key0 === "storageReserve"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema68,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.maxMoves !== undefined){
let data0 = data.maxMoves;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err1 = {instancePath:instancePath+"/maxMoves",schemaPath:"#/properties/maxMoves/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema68.properties.maxMoves.type,parentSchema:schema68.properties.maxMoves,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 0 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/maxMoves",schemaPath:"#/properties/maxMoves/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema68.properties.maxMoves,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
if(data.maxBytesMoved !== undefined){
let data1 = data.maxBytesMoved;
const _errs6 = errors;
let valid2 = false;
const _errs7 = errors;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/maxBytesMoved",schemaPath:"#/$defs/Size/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema69.anyOf[0].type,parentSchema:schema69.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 0 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/maxBytesMoved",schemaPath:"#/$defs/Size/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema69.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid0 = _errs7 === errors;
valid2 = valid2 || _valid0;
const _errs9 = errors;
if(typeof data1 === "string"){
if(!pattern17.test(data1)){
const err5 = {instancePath:instancePath+"/maxBytesMoved",schemaPath:"#/$defs/Size/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$"},message:"must match pattern \""+"^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$"+"\"",schema:"^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$",parentSchema:schema69.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/maxBytesMoved",schemaPath:"#/$defs/Size/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.anyOf[1].type,parentSchema:schema69.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
var _valid0 = _errs9 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const err7 = {instancePath:instancePath+"/maxBytesMoved",schemaPath:"#/$defs/Size/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema69.anyOf,parentSchema:schema69,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
else {
errors = _errs6;
if(vErrors !== null){
if(_errs6){
vErrors.length = _errs6;
}
else {
vErrors = null;
}
}
}
}
if(data.parallel !== undefined){
let data2 = data.parallel;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err8 = {instancePath:instancePath+"/parallel",schemaPath:"#/properties/parallel/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema68.properties.parallel.type,parentSchema:schema68.properties.parallel,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 1 || isNaN(data2)){
const err9 = {instancePath:instancePath+"/parallel",schemaPath:"#/properties/parallel/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema68.properties.parallel,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data.perNode !== undefined){
let data3 = data.perNode;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err10 = {instancePath:instancePath+"/perNode",schemaPath:"#/properties/perNode/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema68.properties.perNode.type,parentSchema:schema68.properties.perNode,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 1 || isNaN(data3)){
const err11 = {instancePath:instancePath+"/perNode",schemaPath:"#/properties/perNode/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema68.properties.perNode,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
if(data.headroom !== undefined){
let data4 = data.headroom;
const _errs17 = errors;
let valid4 = false;
const _errs18 = errors;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err12 = {instancePath:instancePath+"/headroom",schemaPath:"#/$defs/SizeOrPercentage/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema70.anyOf[0].type,parentSchema:schema70.anyOf[0],data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 0 || isNaN(data4)){
const err13 = {instancePath:instancePath+"/headroom",schemaPath:"#/$defs/SizeOrPercentage/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema70.anyOf[0],data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
var _valid1 = _errs18 === errors;
valid4 = valid4 || _valid1;
const _errs20 = errors;
if(typeof data4 === "string"){
if(!pattern18.test(data4)){
const err14 = {instancePath:instancePath+"/headroom",schemaPath:"#/$defs/SizeOrPercentage/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^\\s*[0-9]+(\\.[0-9]+)?\\s*(%|[KMGTP]i?B|B)\\s*$"},message:"must match pattern \""+"^\\s*[0-9]+(\\.[0-9]+)?\\s*(%|[KMGTP]i?B|B)\\s*$"+"\"",schema:"^\\s*[0-9]+(\\.[0-9]+)?\\s*(%|[KMGTP]i?B|B)\\s*$",parentSchema:schema70.anyOf[1],data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/headroom",schemaPath:"#/$defs/SizeOrPercentage/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema70.anyOf[1].type,parentSchema:schema70.anyOf[1],data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
var _valid1 = _errs20 === errors;
valid4 = valid4 || _valid1;
if(!valid4){
const err16 = {instancePath:instancePath+"/headroom",schemaPath:"#/$defs/SizeOrPercentage/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema70.anyOf,parentSchema:schema70,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
else {
errors = _errs17;
if(vErrors !== null){
if(_errs17){
vErrors.length = _errs17;
}
else {
vErrors = null;
}
}
}
}
if(data.reserve !== undefined){
let data5 = data.reserve;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
for(const key1 in data5){
let data6 = data5[key1];
const _errs27 = errors;
let valid7 = false;
const _errs28 = errors;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err17 = {instancePath:instancePath+"/reserve/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/Size/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema69.anyOf[0].type,parentSchema:schema69.anyOf[0],data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 < 0 || isNaN(data6)){
const err18 = {instancePath:instancePath+"/reserve/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/Size/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema69.anyOf[0],data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
var _valid2 = _errs28 === errors;
valid7 = valid7 || _valid2;
const _errs30 = errors;
if(typeof data6 === "string"){
if(!pattern17.test(data6)){
const err19 = {instancePath:instancePath+"/reserve/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/Size/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$"},message:"must match pattern \""+"^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$"+"\"",schema:"^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$",parentSchema:schema69.anyOf[1],data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/reserve/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/Size/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.anyOf[1].type,parentSchema:schema69.anyOf[1],data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
var _valid2 = _errs30 === errors;
valid7 = valid7 || _valid2;
if(!valid7){
const err21 = {instancePath:instancePath+"/reserve/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/Size/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema69.anyOf,parentSchema:schema69,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
else {
errors = _errs27;
if(vErrors !== null){
if(_errs27){
vErrors.length = _errs27;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err22 = {instancePath:instancePath+"/reserve",schemaPath:"#/properties/reserve/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema68.properties.reserve.type,parentSchema:schema68.properties.reserve,data:data5};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.cooldown !== undefined){
let data7 = data.cooldown;
const _errs33 = errors;
let valid8 = false;
const _errs34 = errors;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err23 = {instancePath:instancePath+"/cooldown",schemaPath:"#/properties/cooldown/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema68.properties.cooldown.anyOf[0].type,parentSchema:schema68.properties.cooldown.anyOf[0],data:data7};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 < 0 || isNaN(data7)){
const err24 = {instancePath:instancePath+"/cooldown",schemaPath:"#/properties/cooldown/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema68.properties.cooldown.anyOf[0],data:data7};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
var _valid3 = _errs34 === errors;
valid8 = valid8 || _valid3;
const _errs36 = errors;
if(typeof data7 === "string"){
if(!pattern20.test(data7)){
const err25 = {instancePath:instancePath+"/cooldown",schemaPath:"#/properties/cooldown/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^\\s*[0-9]+\\s*[smhd]\\s*$"},message:"must match pattern \""+"^\\s*[0-9]+\\s*[smhd]\\s*$"+"\"",schema:"^\\s*[0-9]+\\s*[smhd]\\s*$",parentSchema:schema68.properties.cooldown.anyOf[1],data:data7};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/cooldown",schemaPath:"#/properties/cooldown/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema68.properties.cooldown.anyOf[1].type,parentSchema:schema68.properties.cooldown.anyOf[1],data:data7};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
var _valid3 = _errs36 === errors;
valid8 = valid8 || _valid3;
if(!valid8){
const err27 = {instancePath:instancePath+"/cooldown",schemaPath:"#/properties/cooldown/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema68.properties.cooldown.anyOf,parentSchema:schema68.properties.cooldown,data:data7};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
else {
errors = _errs33;
if(vErrors !== null){
if(_errs33){
vErrors.length = _errs33;
}
else {
vErrors = null;
}
}
}
}
if(data.storageReserve !== undefined){
let data8 = data.storageReserve;
const _errs40 = errors;
let valid10 = false;
const _errs41 = errors;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err28 = {instancePath:instancePath+"/storageReserve",schemaPath:"#/$defs/SizeOrPercentage/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema70.anyOf[0].type,parentSchema:schema70.anyOf[0],data:data8};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 0 || isNaN(data8)){
const err29 = {instancePath:instancePath+"/storageReserve",schemaPath:"#/$defs/SizeOrPercentage/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema70.anyOf[0],data:data8};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
var _valid4 = _errs41 === errors;
valid10 = valid10 || _valid4;
const _errs43 = errors;
if(typeof data8 === "string"){
if(!pattern18.test(data8)){
const err30 = {instancePath:instancePath+"/storageReserve",schemaPath:"#/$defs/SizeOrPercentage/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^\\s*[0-9]+(\\.[0-9]+)?\\s*(%|[KMGTP]i?B|B)\\s*$"},message:"must match pattern \""+"^\\s*[0-9]+(\\.[0-9]+)?\\s*(%|[KMGTP]i?B|B)\\s*$"+"\"",schema:"^\\s*[0-9]+(\\.[0-9]+)?\\s*(%|[KMGTP]i?B|B)\\s*$",parentSchema:schema70.anyOf[1],data:data8};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/storageReserve",schemaPath:"#/$defs/SizeOrPercentage/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema70.anyOf[1].type,parentSchema:schema70.anyOf[1],data:data8};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
var _valid4 = _errs43 === errors;
valid10 = valid10 || _valid4;
if(!valid10){
const err32 = {instancePath:instancePath+"/storageReserve",schemaPath:"#/$defs/SizeOrPercentage/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema70.anyOf,parentSchema:schema70,data:data8};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
else {
errors = _errs40;
if(vErrors !== null){
if(_errs40){
vErrors.length = _errs40;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err33 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema68.type,parentSchema:schema68,data};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
validate39.errors = vErrors;
return errors === 0;
}
validate39.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate30(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://proxlb.dev/schemas/policy.v1.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate30.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema55.required,parentSchema:schema55,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema55.properties, key0))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema55,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err2 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.properties.$schema.type,parentSchema:schema55.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data1 = data.apiVersion;
if("proxlb/v1" !== data1){
const err3 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/const",keyword:"const",params:{allowedValue: "proxlb/v1"},message:"must be equal to constant",schema:"proxlb/v1",parentSchema:schema55.properties.apiVersion,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.kind !== undefined){
let data2 = data.kind;
if("Policy" !== data2){
const err4 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "Policy"},message:"must be equal to constant",schema:"Policy",parentSchema:schema55.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.name !== undefined){
let data3 = data.name;
if(typeof data3 !== "string"){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.properties.name.type,parentSchema:schema55.properties.name,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.description !== undefined){
let data4 = data.description;
if(typeof data4 !== "string"){
const err6 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.properties.description.type,parentSchema:schema55.properties.description,data:data4};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.balance !== undefined){
if(!(validate31(data.balance, {instancePath:instancePath+"/balance",parentData:data,parentDataProperty:"balance",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
if(data.ignore !== undefined){
if(!(validate33(data.ignore, {instancePath:instancePath+"/ignore",parentData:data,parentDataProperty:"ignore",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
if(data.rules !== undefined){
let data7 = data.rules;
if(Array.isArray(data7)){
const len0 = data7.length;
for(let i0=0; i0<len0; i0++){
if(!(validate35(data7[i0], {instancePath:instancePath+"/rules/" + i0,parentData:data7,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);
errors = vErrors.length;
}
}
}
else {
const err7 = {instancePath:instancePath+"/rules",schemaPath:"#/properties/rules/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema55.properties.rules.type,parentSchema:schema55.properties.rules,data:data7};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.maintenance !== undefined){
if(!(validate37(data.maintenance, {instancePath:instancePath+"/maintenance",parentData:data,parentDataProperty:"maintenance",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate37.errors : vErrors.concat(validate37.errors);
errors = vErrors.length;
}
}
if(data.limits !== undefined){
if(!(validate39(data.limits, {instancePath:instancePath+"/limits",parentData:data,parentDataProperty:"limits",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate39.errors : vErrors.concat(validate39.errors);
errors = vErrors.length;
}
}
if(data.migration !== undefined){
let data11 = data.migration;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
for(const key1 in data11){
if(!(((((((key1 === "online") || (key1 === "withLocalDisks")) || (key1 === "restartContainers")) || (key1 === "restartTimeout")) || (key1 === "templates")) || (key1 === "haManaged")) || (key1 === "targetStorage"))){
const err8 = {instancePath:instancePath+"/migration",schemaPath:"#/$defs/Migration/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema73,data:data11};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data11.online !== undefined){
let data12 = data11.online;
if(typeof data12 !== "boolean"){
const err9 = {instancePath:instancePath+"/migration/online",schemaPath:"#/$defs/Migration/properties/online/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema73.properties.online.type,parentSchema:schema73.properties.online,data:data12};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data11.withLocalDisks !== undefined){
let data13 = data11.withLocalDisks;
if(typeof data13 !== "boolean"){
const err10 = {instancePath:instancePath+"/migration/withLocalDisks",schemaPath:"#/$defs/Migration/properties/withLocalDisks/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema73.properties.withLocalDisks.type,parentSchema:schema73.properties.withLocalDisks,data:data13};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data11.restartContainers !== undefined){
let data14 = data11.restartContainers;
if(typeof data14 !== "boolean"){
const err11 = {instancePath:instancePath+"/migration/restartContainers",schemaPath:"#/$defs/Migration/properties/restartContainers/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema73.properties.restartContainers.type,parentSchema:schema73.properties.restartContainers,data:data14};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data11.restartTimeout !== undefined){
let data15 = data11.restartTimeout;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err12 = {instancePath:instancePath+"/migration/restartTimeout",schemaPath:"#/$defs/Migration/properties/restartTimeout/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema73.properties.restartTimeout.type,parentSchema:schema73.properties.restartTimeout,data:data15};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 < 1 || isNaN(data15)){
const err13 = {instancePath:instancePath+"/migration/restartTimeout",schemaPath:"#/$defs/Migration/properties/restartTimeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema73.properties.restartTimeout,data:data15};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
if(data11.templates !== undefined){
let data16 = data11.templates;
if(typeof data16 !== "boolean"){
const err14 = {instancePath:instancePath+"/migration/templates",schemaPath:"#/$defs/Migration/properties/templates/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema73.properties.templates.type,parentSchema:schema73.properties.templates,data:data16};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data11.haManaged !== undefined){
let data17 = data11.haManaged;
if(typeof data17 !== "boolean"){
const err15 = {instancePath:instancePath+"/migration/haManaged",schemaPath:"#/$defs/Migration/properties/haManaged/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema73.properties.haManaged.type,parentSchema:schema73.properties.haManaged,data:data17};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data11.targetStorage !== undefined){
let data18 = data11.targetStorage;
const _errs34 = errors;
let valid5 = false;
const _errs35 = errors;
if(typeof data18 === "string"){
if(func2(data18) < 1){
const err16 = {instancePath:instancePath+"/migration/targetStorage",schemaPath:"#/$defs/Migration/properties/targetStorage/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema73.properties.targetStorage.anyOf[0],data:data18};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/migration/targetStorage",schemaPath:"#/$defs/Migration/properties/targetStorage/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema73.properties.targetStorage.anyOf[0].type,parentSchema:schema73.properties.targetStorage.anyOf[0],data:data18};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
var _valid0 = _errs35 === errors;
valid5 = valid5 || _valid0;
const _errs37 = errors;
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
if(Object.keys(data18).length < 1){
const err18 = {instancePath:instancePath+"/migration/targetStorage",schemaPath:"#/$defs/Migration/properties/targetStorage/anyOf/1/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema73.properties.targetStorage.anyOf[1],data:data18};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
for(const key2 in data18){
let data19 = data18[key2];
if(typeof data19 === "string"){
if(func2(data19) < 1){
const err19 = {instancePath:instancePath+"/migration/targetStorage/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/Migration/properties/targetStorage/anyOf/1/additionalProperties/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema73.properties.targetStorage.anyOf[1].additionalProperties,data:data19};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/migration/targetStorage/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/Migration/properties/targetStorage/anyOf/1/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema73.properties.targetStorage.anyOf[1].additionalProperties.type,parentSchema:schema73.properties.targetStorage.anyOf[1].additionalProperties,data:data19};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/migration/targetStorage",schemaPath:"#/$defs/Migration/properties/targetStorage/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema73.properties.targetStorage.anyOf[1].type,parentSchema:schema73.properties.targetStorage.anyOf[1],data:data18};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
var _valid0 = _errs37 === errors;
valid5 = valid5 || _valid0;
if(!valid5){
const err22 = {instancePath:instancePath+"/migration/targetStorage",schemaPath:"#/$defs/Migration/properties/targetStorage/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema73.properties.targetStorage.anyOf,parentSchema:schema73.properties.targetStorage,data:data18};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
else {
errors = _errs34;
if(vErrors !== null){
if(_errs34){
vErrors.length = _errs34;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err23 = {instancePath:instancePath+"/migration",schemaPath:"#/$defs/Migration/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema73.type,parentSchema:schema73,data:data11};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.proxlbTags !== undefined){
let data20 = data.proxlbTags;
if(typeof data20 !== "boolean"){
const err24 = {instancePath:instancePath+"/proxlbTags",schemaPath:"#/properties/proxlbTags/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema55.properties.proxlbTags.type,parentSchema:schema55.properties.proxlbTags,data:data20};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema55.type,parentSchema:schema55,data};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
validate30.errors = vErrors;
return errors === 0;
}
validate30.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const scenarioV1 = validate41;
const schema74 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://proxlb.dev/schemas/scenario.v1.json","title":"Scenario","description":"A what-if for proxlb simulate, written in YAML: a list of changes applied in order to a snapshot (nodes added, removed, drained or failing; guests added or growing), after which proxlb plans, checks resilience and headroom. The same changes can be given as command-line flags (--add-node, --remove-node, --grow, --add-guests, --drain, --fail).","type":"object","additionalProperties":false,"required":["apiVersion","changes"],"properties":{"$schema":{"description":"Optional pointer to this schema, for editors.","type":"string"},"apiVersion":{"description":"Version of the scenario format. This schema describes proxlb/v1.","const":"proxlb/v1"},"kind":{"description":"Always Scenario.","const":"Scenario"},"name":{"description":"Short name of the scenario, shown in reports.","type":"string"},"description":{"description":"What the scenario asks.","type":"string"},"changes":{"description":"Changes, applied in the order listed.","type":"array","items":{"$ref":"#/$defs/Change"}}},"$defs":{"Change":{"description":"One change: an entry with exactly one of addNode, removeNode, grow, addGuests, drain or fail","type":"object","additionalProperties":false,"minProperties":1,"maxProperties":1,"properties":{"addNode":{"$ref":"#/$defs/AddNode"},"removeNode":{"$ref":"#/$defs/NodeNames"},"grow":{"$ref":"#/$defs/Grow"},"addGuests":{"$ref":"#/$defs/AddGuests"},"drain":{"$ref":"#/$defs/NodeNames"},"fail":{"$ref":"#/$defs/NodeNames"}}},"NodeNames":{"description":"One node name, or a list of node names (removeNode: decommissioned, its guests placed elsewhere; drain: put in maintenance, the plan empties it; fail: goes offline, its running guests restart elsewhere)","anyOf":[{"type":"string","minLength":1},{"type":"array","minItems":1,"items":{"type":"string","minLength":1}}]},"AddNode":{"description":"A new, empty, online node: the text form NAME:MEMORY/CORES[/DISK] (pve6:256GiB/32cores/2TiB) or a mapping","anyOf":[{"type":"string","minLength":1},{"$ref":"#/$defs/NodeSpec"}]},"NodeSpec":{"description":"A new node's name and size.","type":"object","additionalProperties":false,"required":["name","memory","cores"],"properties":{"name":{"description":"Node name; must not exist yet.","type":"string","pattern":"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"},"memory":{"description":"Physical memory.","$ref":"#/$defs/Size"},"cores":{"description":"Logical CPUs.","type":"number","exclusiveMinimum":0},"disk":{"description":"Local guest storage. Default: the smallest of the existing nodes.","$ref":"#/$defs/Size"}}},"Grow":{"description":"Every guest (or those selected) uses and is assigned more (or, with -, less) of some resources: the text form memory=+20%,cpu=+10% or a mapping","anyOf":[{"type":"string","minLength":1},{"$ref":"#/$defs/GrowSpec"}]},"GrowSpec":{"description":"Growth per resource, in percent.","type":"object","additionalProperties":false,"minProperties":1,"properties":{"memory":{"description":"Change of memory used and assigned.","$ref":"#/$defs/Percent"},"cpu":{"description":"Change of CPU used and vCPUs assigned.","$ref":"#/$defs/Percent"},"disk":{"description":"Change of disk used and assigned (local disks included).","$ref":"#/$defs/Percent"},"guests":{"description":"Only guests matching any of these selectors grow. Default: every guest.","type":"array","minItems":1,"items":{"$ref":"#/$defs/GuestSelector"}}}},"Percent":{"description":"A change in percent such as +20%, -10% or 20","anyOf":[{"type":"number","minimum":-100},{"type":"string","pattern":"^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*%\\s*$"}]},"AddGuests":{"description":"New running guests of one size, placed where they fit best: the text form COUNTxMEMORY/CORES[/DISK][,type=lxc][,name=web][,tag=web][,pool=prod][,storage=local] (20x8GiB/4cores) or a mapping","anyOf":[{"type":"string","minLength":1},{"$ref":"#/$defs/GuestsSpec"}]},"GuestsSpec":{"description":"New guests of one size. They are assumed to use all the memory and CPU they are given.","type":"object","additionalProperties":false,"required":["count","memory","cores"],"properties":{"count":{"description":"How many guests.","type":"integer","minimum":1,"maximum":100000},"memory":{"description":"Memory of each guest.","$ref":"#/$defs/Size"},"cores":{"description":"vCPUs of each guest.","type":"number","exclusiveMinimum":0},"disk":{"description":"Disk of each guest. Default 0.","$ref":"#/$defs/Size"},"storage":{"description":"shared (default): the disk is on shared storage; local: on the node's local storage, which must have room.","enum":["shared","local"]},"type":{"description":"qemu (default) or lxc.","enum":["qemu","lxc"]},"name":{"description":"Name prefix: guests are called NAME-1, NAME-2 ... Default new.","type":"string","pattern":"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"},"tags":{"description":"Tags of each guest (ProxLB tags such as plb_exclude_web apply).","type":"array","items":{"type":"string","minLength":1}},"pool":{"description":"Resource pool of each guest.","type":"string"}}},"Size":{"description":"A size: bytes as an integer, or a number with a unit (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB), for example 512GiB.","anyOf":[{"type":"integer","minimum":0},{"type":"string","pattern":"^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$"}]},"GuestSelector":{"description":"A guest selector: a vmid (100), a vmid range (vmid:100-199), a tag (tag:web), a pool (pool:prod), or a name with * wildcards (web-*, or name:web-*).","anyOf":[{"type":"integer","minimum":1},{"type":"string","pattern":"^(vmid:[0-9]+(-[0-9]+)?|tag:[^\\s]+|pool:[^\\s]+|name:[^\\s]+|[^:\\s]+)$"}]}}};
const schema75 = {"description":"One change: an entry with exactly one of addNode, removeNode, grow, addGuests, drain or fail","type":"object","additionalProperties":false,"minProperties":1,"maxProperties":1,"properties":{"addNode":{"$ref":"#/$defs/AddNode"},"removeNode":{"$ref":"#/$defs/NodeNames"},"grow":{"$ref":"#/$defs/Grow"},"addGuests":{"$ref":"#/$defs/AddGuests"},"drain":{"$ref":"#/$defs/NodeNames"},"fail":{"$ref":"#/$defs/NodeNames"}}};
const schema80 = {"description":"One node name, or a list of node names (removeNode: decommissioned, its guests placed elsewhere; drain: put in maintenance, the plan empties it; fail: goes offline, its running guests restart elsewhere)","anyOf":[{"type":"string","minLength":1},{"type":"array","minItems":1,"items":{"type":"string","minLength":1}}]};
const schema76 = {"description":"A new, empty, online node: the text form NAME:MEMORY/CORES[/DISK] (pve6:256GiB/32cores/2TiB) or a mapping","anyOf":[{"type":"string","minLength":1},{"$ref":"#/$defs/NodeSpec"}]};
const schema77 = {"description":"A new node's name and size.","type":"object","additionalProperties":false,"required":["name","memory","cores"],"properties":{"name":{"description":"Node name; must not exist yet.","type":"string","pattern":"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"},"memory":{"description":"Physical memory.","$ref":"#/$defs/Size"},"cores":{"description":"Logical CPUs.","type":"number","exclusiveMinimum":0},"disk":{"description":"Local guest storage. Default: the smallest of the existing nodes.","$ref":"#/$defs/Size"}}};
const schema78 = {"description":"A size: bytes as an integer, or a number with a unit (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB), for example 512GiB.","anyOf":[{"type":"integer","minimum":0},{"type":"string","pattern":"^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$"}]};
const pattern22 = new RegExp("^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$", "u");

function validate44(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate44.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema77.required,parentSchema:schema77,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.memory === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "memory"},message:"must have required property '"+"memory"+"'",schema:schema77.required,parentSchema:schema77,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.cores === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "cores"},message:"must have required property '"+"cores"+"'",schema:schema77.required,parentSchema:schema77,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "name") || (key0 === "memory")) || (key0 === "cores")) || (key0 === "disk"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema77,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern22.test(data0)){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"},message:"must match pattern \""+"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"+"\"",schema:"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$",parentSchema:schema77.properties.name,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema77.properties.name.type,parentSchema:schema77.properties.name,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.memory !== undefined){
let data1 = data.memory;
const _errs6 = errors;
let valid2 = false;
const _errs7 = errors;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err6 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Size/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema78.anyOf[0].type,parentSchema:schema78.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 0 || isNaN(data1)){
const err7 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Size/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema78.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
var _valid0 = _errs7 === errors;
valid2 = valid2 || _valid0;
const _errs9 = errors;
if(typeof data1 === "string"){
if(!pattern17.test(data1)){
const err8 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Size/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$"},message:"must match pattern \""+"^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$"+"\"",schema:"^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$",parentSchema:schema78.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Size/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema78.anyOf[1].type,parentSchema:schema78.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
var _valid0 = _errs9 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const err10 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Size/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema78.anyOf,parentSchema:schema78,data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
else {
errors = _errs6;
if(vErrors !== null){
if(_errs6){
vErrors.length = _errs6;
}
else {
vErrors = null;
}
}
}
}
if(data.cores !== undefined){
let data2 = data.cores;
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 <= 0 || isNaN(data2)){
const err11 = {instancePath:instancePath+"/cores",schemaPath:"#/properties/cores/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema77.properties.cores,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/cores",schemaPath:"#/properties/cores/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema77.properties.cores.type,parentSchema:schema77.properties.cores,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.disk !== undefined){
let data3 = data.disk;
const _errs15 = errors;
let valid4 = false;
const _errs16 = errors;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err13 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Size/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema78.anyOf[0].type,parentSchema:schema78.anyOf[0],data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
const err14 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Size/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema78.anyOf[0],data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
var _valid1 = _errs16 === errors;
valid4 = valid4 || _valid1;
const _errs18 = errors;
if(typeof data3 === "string"){
if(!pattern17.test(data3)){
const err15 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Size/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$"},message:"must match pattern \""+"^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$"+"\"",schema:"^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$",parentSchema:schema78.anyOf[1],data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Size/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema78.anyOf[1].type,parentSchema:schema78.anyOf[1],data:data3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
var _valid1 = _errs18 === errors;
valid4 = valid4 || _valid1;
if(!valid4){
const err17 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Size/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema78.anyOf,parentSchema:schema78,data:data3};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
else {
errors = _errs15;
if(vErrors !== null){
if(_errs15){
vErrors.length = _errs15;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err18 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema77.type,parentSchema:schema77,data};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
validate44.errors = vErrors;
return errors === 0;
}
validate44.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate43(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate43.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs0 = errors;
let valid0 = false;
const _errs1 = errors;
if(typeof data === "string"){
if(func2(data) < 1){
const err0 = {instancePath,schemaPath:"#/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema76.anyOf[0],data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
else {
const err1 = {instancePath,schemaPath:"#/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema76.anyOf[0].type,parentSchema:schema76.anyOf[0],data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
var _valid0 = _errs1 === errors;
valid0 = valid0 || _valid0;
const _errs3 = errors;
if(!(validate44(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate44.errors : vErrors.concat(validate44.errors);
errors = vErrors.length;
}
var _valid0 = _errs3 === errors;
valid0 = valid0 || _valid0;
if(_valid0){
var props0 = true;
}
if(!valid0){
const err2 = {instancePath,schemaPath:"#/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema76.anyOf,parentSchema:schema76,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate43.errors = vErrors;
evaluated0.props = props0;
return errors === 0;
}
validate43.evaluated = {"dynamicProps":true,"dynamicItems":false};

const schema81 = {"description":"Every guest (or those selected) uses and is assigned more (or, with -, less) of some resources: the text form memory=+20%,cpu=+10% or a mapping","anyOf":[{"type":"string","minLength":1},{"$ref":"#/$defs/GrowSpec"}]};
const schema82 = {"description":"Growth per resource, in percent.","type":"object","additionalProperties":false,"minProperties":1,"properties":{"memory":{"description":"Change of memory used and assigned.","$ref":"#/$defs/Percent"},"cpu":{"description":"Change of CPU used and vCPUs assigned.","$ref":"#/$defs/Percent"},"disk":{"description":"Change of disk used and assigned (local disks included).","$ref":"#/$defs/Percent"},"guests":{"description":"Only guests matching any of these selectors grow. Default: every guest.","type":"array","minItems":1,"items":{"$ref":"#/$defs/GuestSelector"}}}};
const schema83 = {"description":"A change in percent such as +20%, -10% or 20","anyOf":[{"type":"number","minimum":-100},{"type":"string","pattern":"^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*%\\s*$"}]};
const schema86 = {"description":"A guest selector: a vmid (100), a vmid range (vmid:100-199), a tag (tag:web), a pool (pool:prod), or a name with * wildcards (web-*, or name:web-*).","anyOf":[{"type":"integer","minimum":1},{"type":"string","pattern":"^(vmid:[0-9]+(-[0-9]+)?|tag:[^\\s]+|pool:[^\\s]+|name:[^\\s]+|[^:\\s]+)$"}]};
const pattern25 = new RegExp("^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*%\\s*$", "u");

function validate48(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate48.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(Object.keys(data).length < 1){
const err0 = {instancePath,schemaPath:"#/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema82,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "memory") || (key0 === "cpu")) || (key0 === "disk")) || (key0 === "guests"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema82,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.memory !== undefined){
let data0 = data.memory;
const _errs4 = errors;
let valid2 = false;
const _errs5 = errors;
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < -100 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Percent/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: -100},message:"must be >= -100",schema:-100,parentSchema:schema83.anyOf[0],data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Percent/anyOf/0/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema83.anyOf[0].type,parentSchema:schema83.anyOf[0],data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
var _valid0 = _errs5 === errors;
valid2 = valid2 || _valid0;
const _errs7 = errors;
if(typeof data0 === "string"){
if(!pattern25.test(data0)){
const err4 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Percent/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*%\\s*$"},message:"must match pattern \""+"^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*%\\s*$"+"\"",schema:"^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*%\\s*$",parentSchema:schema83.anyOf[1],data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Percent/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema83.anyOf[1].type,parentSchema:schema83.anyOf[1],data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
var _valid0 = _errs7 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const err6 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Percent/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema83.anyOf,parentSchema:schema83,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
else {
errors = _errs4;
if(vErrors !== null){
if(_errs4){
vErrors.length = _errs4;
}
else {
vErrors = null;
}
}
}
}
if(data.cpu !== undefined){
let data1 = data.cpu;
const _errs11 = errors;
let valid4 = false;
const _errs12 = errors;
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < -100 || isNaN(data1)){
const err7 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/Percent/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: -100},message:"must be >= -100",schema:-100,parentSchema:schema83.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/Percent/anyOf/0/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema83.anyOf[0].type,parentSchema:schema83.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
var _valid1 = _errs12 === errors;
valid4 = valid4 || _valid1;
const _errs14 = errors;
if(typeof data1 === "string"){
if(!pattern25.test(data1)){
const err9 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/Percent/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*%\\s*$"},message:"must match pattern \""+"^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*%\\s*$"+"\"",schema:"^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*%\\s*$",parentSchema:schema83.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/Percent/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema83.anyOf[1].type,parentSchema:schema83.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
var _valid1 = _errs14 === errors;
valid4 = valid4 || _valid1;
if(!valid4){
const err11 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/Percent/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema83.anyOf,parentSchema:schema83,data:data1};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
else {
errors = _errs11;
if(vErrors !== null){
if(_errs11){
vErrors.length = _errs11;
}
else {
vErrors = null;
}
}
}
}
if(data.disk !== undefined){
let data2 = data.disk;
const _errs18 = errors;
let valid6 = false;
const _errs19 = errors;
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < -100 || isNaN(data2)){
const err12 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Percent/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: -100},message:"must be >= -100",schema:-100,parentSchema:schema83.anyOf[0],data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Percent/anyOf/0/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema83.anyOf[0].type,parentSchema:schema83.anyOf[0],data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
var _valid2 = _errs19 === errors;
valid6 = valid6 || _valid2;
const _errs21 = errors;
if(typeof data2 === "string"){
if(!pattern25.test(data2)){
const err14 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Percent/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*%\\s*$"},message:"must match pattern \""+"^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*%\\s*$"+"\"",schema:"^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*%\\s*$",parentSchema:schema83.anyOf[1],data:data2};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Percent/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema83.anyOf[1].type,parentSchema:schema83.anyOf[1],data:data2};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
var _valid2 = _errs21 === errors;
valid6 = valid6 || _valid2;
if(!valid6){
const err16 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Percent/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema83.anyOf,parentSchema:schema83,data:data2};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
else {
errors = _errs18;
if(vErrors !== null){
if(_errs18){
vErrors.length = _errs18;
}
else {
vErrors = null;
}
}
}
}
if(data.guests !== undefined){
let data3 = data.guests;
if(Array.isArray(data3)){
if(data3.length < 1){
const err17 = {instancePath:instancePath+"/guests",schemaPath:"#/properties/guests/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema82.properties.guests,data:data3};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
const _errs27 = errors;
let valid10 = false;
const _errs28 = errors;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err18 = {instancePath:instancePath+"/guests/" + i0,schemaPath:"#/$defs/GuestSelector/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema86.anyOf[0].type,parentSchema:schema86.anyOf[0],data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 1 || isNaN(data4)){
const err19 = {instancePath:instancePath+"/guests/" + i0,schemaPath:"#/$defs/GuestSelector/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema86.anyOf[0],data:data4};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
var _valid3 = _errs28 === errors;
valid10 = valid10 || _valid3;
const _errs30 = errors;
if(typeof data4 === "string"){
if(!pattern13.test(data4)){
const err20 = {instancePath:instancePath+"/guests/" + i0,schemaPath:"#/$defs/GuestSelector/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^(vmid:[0-9]+(-[0-9]+)?|tag:[^\\s]+|pool:[^\\s]+|name:[^\\s]+|[^:\\s]+)$"},message:"must match pattern \""+"^(vmid:[0-9]+(-[0-9]+)?|tag:[^\\s]+|pool:[^\\s]+|name:[^\\s]+|[^:\\s]+)$"+"\"",schema:"^(vmid:[0-9]+(-[0-9]+)?|tag:[^\\s]+|pool:[^\\s]+|name:[^\\s]+|[^:\\s]+)$",parentSchema:schema86.anyOf[1],data:data4};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/guests/" + i0,schemaPath:"#/$defs/GuestSelector/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema86.anyOf[1].type,parentSchema:schema86.anyOf[1],data:data4};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
var _valid3 = _errs30 === errors;
valid10 = valid10 || _valid3;
if(!valid10){
const err22 = {instancePath:instancePath+"/guests/" + i0,schemaPath:"#/$defs/GuestSelector/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema86.anyOf,parentSchema:schema86,data:data4};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
else {
errors = _errs27;
if(vErrors !== null){
if(_errs27){
vErrors.length = _errs27;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err23 = {instancePath:instancePath+"/guests",schemaPath:"#/properties/guests/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema82.properties.guests.type,parentSchema:schema82.properties.guests,data:data3};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema82.type,parentSchema:schema82,data};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
validate48.errors = vErrors;
return errors === 0;
}
validate48.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate47(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate47.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs0 = errors;
let valid0 = false;
const _errs1 = errors;
if(typeof data === "string"){
if(func2(data) < 1){
const err0 = {instancePath,schemaPath:"#/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema81.anyOf[0],data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
else {
const err1 = {instancePath,schemaPath:"#/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema81.anyOf[0].type,parentSchema:schema81.anyOf[0],data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
var _valid0 = _errs1 === errors;
valid0 = valid0 || _valid0;
const _errs3 = errors;
if(!(validate48(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate48.errors : vErrors.concat(validate48.errors);
errors = vErrors.length;
}
var _valid0 = _errs3 === errors;
valid0 = valid0 || _valid0;
if(_valid0){
var props0 = true;
}
if(!valid0){
const err2 = {instancePath,schemaPath:"#/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema81.anyOf,parentSchema:schema81,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate47.errors = vErrors;
evaluated0.props = props0;
return errors === 0;
}
validate47.evaluated = {"dynamicProps":true,"dynamicItems":false};

const schema87 = {"description":"New running guests of one size, placed where they fit best: the text form COUNTxMEMORY/CORES[/DISK][,type=lxc][,name=web][,tag=web][,pool=prod][,storage=local] (20x8GiB/4cores) or a mapping","anyOf":[{"type":"string","minLength":1},{"$ref":"#/$defs/GuestsSpec"}]};
const schema88 = {"description":"New guests of one size. They are assumed to use all the memory and CPU they are given.","type":"object","additionalProperties":false,"required":["count","memory","cores"],"properties":{"count":{"description":"How many guests.","type":"integer","minimum":1,"maximum":100000},"memory":{"description":"Memory of each guest.","$ref":"#/$defs/Size"},"cores":{"description":"vCPUs of each guest.","type":"number","exclusiveMinimum":0},"disk":{"description":"Disk of each guest. Default 0.","$ref":"#/$defs/Size"},"storage":{"description":"shared (default): the disk is on shared storage; local: on the node's local storage, which must have room.","enum":["shared","local"]},"type":{"description":"qemu (default) or lxc.","enum":["qemu","lxc"]},"name":{"description":"Name prefix: guests are called NAME-1, NAME-2 ... Default new.","type":"string","pattern":"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"},"tags":{"description":"Tags of each guest (ProxLB tags such as plb_exclude_web apply).","type":"array","items":{"type":"string","minLength":1}},"pool":{"description":"Resource pool of each guest.","type":"string"}}};

function validate52(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate52.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.count === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "count"},message:"must have required property '"+"count"+"'",schema:schema88.required,parentSchema:schema88,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.memory === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "memory"},message:"must have required property '"+"memory"+"'",schema:schema88.required,parentSchema:schema88,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.cores === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "cores"},message:"must have required property '"+"cores"+"'",schema:schema88.required,parentSchema:schema88,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema88.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema88,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.count !== undefined){
let data0 = data.count;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err4 = {instancePath:instancePath+"/count",schemaPath:"#/properties/count/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema88.properties.count.type,parentSchema:schema88.properties.count,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 > 100000 || isNaN(data0)){
const err5 = {instancePath:instancePath+"/count",schemaPath:"#/properties/count/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema88.properties.count,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data0 < 1 || isNaN(data0)){
const err6 = {instancePath:instancePath+"/count",schemaPath:"#/properties/count/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema88.properties.count,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
if(data.memory !== undefined){
let data1 = data.memory;
const _errs6 = errors;
let valid2 = false;
const _errs7 = errors;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err7 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Size/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema78.anyOf[0].type,parentSchema:schema78.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 0 || isNaN(data1)){
const err8 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Size/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema78.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
var _valid0 = _errs7 === errors;
valid2 = valid2 || _valid0;
const _errs9 = errors;
if(typeof data1 === "string"){
if(!pattern17.test(data1)){
const err9 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Size/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$"},message:"must match pattern \""+"^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$"+"\"",schema:"^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$",parentSchema:schema78.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Size/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema78.anyOf[1].type,parentSchema:schema78.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
var _valid0 = _errs9 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const err11 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/Size/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema78.anyOf,parentSchema:schema78,data:data1};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
else {
errors = _errs6;
if(vErrors !== null){
if(_errs6){
vErrors.length = _errs6;
}
else {
vErrors = null;
}
}
}
}
if(data.cores !== undefined){
let data2 = data.cores;
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 <= 0 || isNaN(data2)){
const err12 = {instancePath:instancePath+"/cores",schemaPath:"#/properties/cores/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema88.properties.cores,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/cores",schemaPath:"#/properties/cores/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema88.properties.cores.type,parentSchema:schema88.properties.cores,data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.disk !== undefined){
let data3 = data.disk;
const _errs15 = errors;
let valid4 = false;
const _errs16 = errors;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err14 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Size/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema78.anyOf[0].type,parentSchema:schema78.anyOf[0],data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
const err15 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Size/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema78.anyOf[0],data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
var _valid1 = _errs16 === errors;
valid4 = valid4 || _valid1;
const _errs18 = errors;
if(typeof data3 === "string"){
if(!pattern17.test(data3)){
const err16 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Size/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$"},message:"must match pattern \""+"^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$"+"\"",schema:"^\\s*[0-9]+(\\.[0-9]+)?\\s*([KMGTP]i?B|B)\\s*$",parentSchema:schema78.anyOf[1],data:data3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Size/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema78.anyOf[1].type,parentSchema:schema78.anyOf[1],data:data3};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
var _valid1 = _errs18 === errors;
valid4 = valid4 || _valid1;
if(!valid4){
const err18 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/Size/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema78.anyOf,parentSchema:schema78,data:data3};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
else {
errors = _errs15;
if(vErrors !== null){
if(_errs15){
vErrors.length = _errs15;
}
else {
vErrors = null;
}
}
}
}
if(data.storage !== undefined){
let data4 = data.storage;
if(!((data4 === "shared") || (data4 === "local"))){
const err19 = {instancePath:instancePath+"/storage",schemaPath:"#/properties/storage/enum",keyword:"enum",params:{allowedValues: schema88.properties.storage.enum},message:"must be equal to one of the allowed values",schema:schema88.properties.storage.enum,parentSchema:schema88.properties.storage,data:data4};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.type !== undefined){
let data5 = data.type;
if(!((data5 === "qemu") || (data5 === "lxc"))){
const err20 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema88.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema88.properties.type.enum,parentSchema:schema88.properties.type,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.name !== undefined){
let data6 = data.name;
if(typeof data6 === "string"){
if(!pattern22.test(data6)){
const err21 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"},message:"must match pattern \""+"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"+"\"",schema:"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$",parentSchema:schema88.properties.name,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema88.properties.name.type,parentSchema:schema88.properties.name,data:data6};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.tags !== undefined){
let data7 = data.tags;
if(Array.isArray(data7)){
const len0 = data7.length;
for(let i0=0; i0<len0; i0++){
let data8 = data7[i0];
if(typeof data8 === "string"){
if(func2(data8) < 1){
const err23 = {instancePath:instancePath+"/tags/" + i0,schemaPath:"#/properties/tags/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema88.properties.tags.items,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/tags/" + i0,schemaPath:"#/properties/tags/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema88.properties.tags.items.type,parentSchema:schema88.properties.tags.items,data:data8};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema88.properties.tags.type,parentSchema:schema88.properties.tags,data:data7};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.pool !== undefined){
let data9 = data.pool;
if(typeof data9 !== "string"){
const err26 = {instancePath:instancePath+"/pool",schemaPath:"#/properties/pool/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema88.properties.pool.type,parentSchema:schema88.properties.pool,data:data9};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema88.type,parentSchema:schema88,data};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
validate52.errors = vErrors;
return errors === 0;
}
validate52.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate51(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate51.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs0 = errors;
let valid0 = false;
const _errs1 = errors;
if(typeof data === "string"){
if(func2(data) < 1){
const err0 = {instancePath,schemaPath:"#/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema87.anyOf[0],data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
else {
const err1 = {instancePath,schemaPath:"#/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema87.anyOf[0].type,parentSchema:schema87.anyOf[0],data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
var _valid0 = _errs1 === errors;
valid0 = valid0 || _valid0;
const _errs3 = errors;
if(!(validate52(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate52.errors : vErrors.concat(validate52.errors);
errors = vErrors.length;
}
var _valid0 = _errs3 === errors;
valid0 = valid0 || _valid0;
if(_valid0){
var props0 = true;
}
if(!valid0){
const err2 = {instancePath,schemaPath:"#/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema87.anyOf,parentSchema:schema87,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate51.errors = vErrors;
evaluated0.props = props0;
return errors === 0;
}
validate51.evaluated = {"dynamicProps":true,"dynamicItems":false};


function validate42(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate42.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(Object.keys(data).length > 1){
const err0 = {instancePath,schemaPath:"#/maxProperties",keyword:"maxProperties",params:{limit: 1},message:"must NOT have more than 1 properties",schema:1,parentSchema:schema75,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(Object.keys(data).length < 1){
const err1 = {instancePath,schemaPath:"#/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema75,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "addNode") || (key0 === "removeNode")) || (key0 === "grow")) || (key0 === "addGuests")) || (key0 === "drain")) || (key0 === "fail"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema75,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.addNode !== undefined){
if(!(validate43(data.addNode, {instancePath:instancePath+"/addNode",parentData:data,parentDataProperty:"addNode",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate43.errors : vErrors.concat(validate43.errors);
errors = vErrors.length;
}
}
if(data.removeNode !== undefined){
let data1 = data.removeNode;
const _errs5 = errors;
let valid2 = false;
const _errs6 = errors;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err3 = {instancePath:instancePath+"/removeNode",schemaPath:"#/$defs/NodeNames/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema80.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/removeNode",schemaPath:"#/$defs/NodeNames/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema80.anyOf[0].type,parentSchema:schema80.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
var _valid0 = _errs6 === errors;
valid2 = valid2 || _valid0;
const _errs8 = errors;
if(Array.isArray(data1)){
if(data1.length < 1){
const err5 = {instancePath:instancePath+"/removeNode",schemaPath:"#/$defs/NodeNames/anyOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema80.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err6 = {instancePath:instancePath+"/removeNode/" + i0,schemaPath:"#/$defs/NodeNames/anyOf/1/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema80.anyOf[1].items,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/removeNode/" + i0,schemaPath:"#/$defs/NodeNames/anyOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema80.anyOf[1].items.type,parentSchema:schema80.anyOf[1].items,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/removeNode",schemaPath:"#/$defs/NodeNames/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema80.anyOf[1].type,parentSchema:schema80.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
var _valid0 = _errs8 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const err9 = {instancePath:instancePath+"/removeNode",schemaPath:"#/$defs/NodeNames/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema80.anyOf,parentSchema:schema80,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
else {
errors = _errs5;
if(vErrors !== null){
if(_errs5){
vErrors.length = _errs5;
}
else {
vErrors = null;
}
}
}
}
if(data.grow !== undefined){
if(!(validate47(data.grow, {instancePath:instancePath+"/grow",parentData:data,parentDataProperty:"grow",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate47.errors : vErrors.concat(validate47.errors);
errors = vErrors.length;
}
}
if(data.addGuests !== undefined){
if(!(validate51(data.addGuests, {instancePath:instancePath+"/addGuests",parentData:data,parentDataProperty:"addGuests",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate51.errors : vErrors.concat(validate51.errors);
errors = vErrors.length;
}
}
if(data.drain !== undefined){
let data5 = data.drain;
const _errs16 = errors;
let valid6 = false;
const _errs17 = errors;
if(typeof data5 === "string"){
if(func2(data5) < 1){
const err10 = {instancePath:instancePath+"/drain",schemaPath:"#/$defs/NodeNames/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema80.anyOf[0],data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/drain",schemaPath:"#/$defs/NodeNames/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema80.anyOf[0].type,parentSchema:schema80.anyOf[0],data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
var _valid1 = _errs17 === errors;
valid6 = valid6 || _valid1;
const _errs19 = errors;
if(Array.isArray(data5)){
if(data5.length < 1){
const err12 = {instancePath:instancePath+"/drain",schemaPath:"#/$defs/NodeNames/anyOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema80.anyOf[1],data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
const len1 = data5.length;
for(let i1=0; i1<len1; i1++){
let data6 = data5[i1];
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err13 = {instancePath:instancePath+"/drain/" + i1,schemaPath:"#/$defs/NodeNames/anyOf/1/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema80.anyOf[1].items,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/drain/" + i1,schemaPath:"#/$defs/NodeNames/anyOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema80.anyOf[1].items.type,parentSchema:schema80.anyOf[1].items,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/drain",schemaPath:"#/$defs/NodeNames/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema80.anyOf[1].type,parentSchema:schema80.anyOf[1],data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
var _valid1 = _errs19 === errors;
valid6 = valid6 || _valid1;
if(!valid6){
const err16 = {instancePath:instancePath+"/drain",schemaPath:"#/$defs/NodeNames/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema80.anyOf,parentSchema:schema80,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
else {
errors = _errs16;
if(vErrors !== null){
if(_errs16){
vErrors.length = _errs16;
}
else {
vErrors = null;
}
}
}
}
if(data.fail !== undefined){
let data7 = data.fail;
const _errs25 = errors;
let valid10 = false;
const _errs26 = errors;
if(typeof data7 === "string"){
if(func2(data7) < 1){
const err17 = {instancePath:instancePath+"/fail",schemaPath:"#/$defs/NodeNames/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema80.anyOf[0],data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/fail",schemaPath:"#/$defs/NodeNames/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema80.anyOf[0].type,parentSchema:schema80.anyOf[0],data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
var _valid2 = _errs26 === errors;
valid10 = valid10 || _valid2;
const _errs28 = errors;
if(Array.isArray(data7)){
if(data7.length < 1){
const err19 = {instancePath:instancePath+"/fail",schemaPath:"#/$defs/NodeNames/anyOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema80.anyOf[1],data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
const len2 = data7.length;
for(let i2=0; i2<len2; i2++){
let data8 = data7[i2];
if(typeof data8 === "string"){
if(func2(data8) < 1){
const err20 = {instancePath:instancePath+"/fail/" + i2,schemaPath:"#/$defs/NodeNames/anyOf/1/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema80.anyOf[1].items,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/fail/" + i2,schemaPath:"#/$defs/NodeNames/anyOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema80.anyOf[1].items.type,parentSchema:schema80.anyOf[1].items,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath:instancePath+"/fail",schemaPath:"#/$defs/NodeNames/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema80.anyOf[1].type,parentSchema:schema80.anyOf[1],data:data7};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
var _valid2 = _errs28 === errors;
valid10 = valid10 || _valid2;
if(!valid10){
const err23 = {instancePath:instancePath+"/fail",schemaPath:"#/$defs/NodeNames/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema80.anyOf,parentSchema:schema80,data:data7};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
else {
errors = _errs25;
if(vErrors !== null){
if(_errs25){
vErrors.length = _errs25;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err24 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema75.type,parentSchema:schema75,data};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
validate42.errors = vErrors;
return errors === 0;
}
validate42.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate41(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://proxlb.dev/schemas/scenario.v1.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate41.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema74.required,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.changes === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "changes"},message:"must have required property '"+"changes"+"'",schema:schema74.required,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "$schema") || (key0 === "apiVersion")) || (key0 === "kind")) || (key0 === "name")) || (key0 === "description")) || (key0 === "changes"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err3 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema74.properties.$schema.type,parentSchema:schema74.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data1 = data.apiVersion;
if("proxlb/v1" !== data1){
const err4 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/const",keyword:"const",params:{allowedValue: "proxlb/v1"},message:"must be equal to constant",schema:"proxlb/v1",parentSchema:schema74.properties.apiVersion,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.kind !== undefined){
let data2 = data.kind;
if("Scenario" !== data2){
const err5 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "Scenario"},message:"must be equal to constant",schema:"Scenario",parentSchema:schema74.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.name !== undefined){
let data3 = data.name;
if(typeof data3 !== "string"){
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema74.properties.name.type,parentSchema:schema74.properties.name,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.description !== undefined){
let data4 = data.description;
if(typeof data4 !== "string"){
const err7 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema74.properties.description.type,parentSchema:schema74.properties.description,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.changes !== undefined){
let data5 = data.changes;
if(Array.isArray(data5)){
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
if(!(validate42(data5[i0], {instancePath:instancePath+"/changes/" + i0,parentData:data5,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
errors = vErrors.length;
}
}
}
else {
const err8 = {instancePath:instancePath+"/changes",schemaPath:"#/properties/changes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema74.properties.changes.type,parentSchema:schema74.properties.changes,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema74.type,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate41.errors = vErrors;
return errors === 0;
}
validate41.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const snapshotV1 = validate56;
const schema93 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://proxlb.dev/schemas/snapshot.v1.json","title":"Snapshot","description":"The state of a Proxmox VE cluster at one moment, as proxlb reads it: nodes, guests, storages and HA rules. Memory and disk are in bytes (integers), CPU in cores, times in ISO-8601 UTC. Percentages are derived, never stored. A snapshot never contains a secret.","type":"object","additionalProperties":false,"required":["format","takenAt","source","cluster","nodes","guests"],"properties":{"$schema":{"description":"Optional pointer to this schema, for editors.","type":"string"},"format":{"description":"The format and its version: always proxlb.snapshot/v1 for this schema. Files written by earlier builds of proxlb carry \"schemaVersion\": 1 instead; proxlb reads them as proxlb.snapshot/v1.","const":"proxlb.snapshot/v1"},"takenAt":{"description":"When the cluster was read (ISO-8601, UTC).","type":"string","format":"date-time"},"source":{"$ref":"#/$defs/Source"},"cluster":{"$ref":"#/$defs/Cluster"},"nodes":{"description":"Every cluster node, online or not.","type":"array","items":{"$ref":"#/$defs/Node"}},"guests":{"description":"Every virtual machine (qemu) and container (lxc), running or not, templates included.","type":"array","items":{"$ref":"#/$defs/Guest"}},"storages":{"description":"Storages as seen from each node (one entry per storage and node), from /cluster/resources (type storage) and /storage. An empty or missing list means the snapshot carries no storage information (an old snapshot, or a reader without Datastore.Audit): disk space is then not checked.","type":"array","items":{"$ref":"#/$defs/Storage"}},"ha":{"$ref":"#/$defs/Ha"},"fingerprint":{"description":"sha256 over the canonical JSON of cluster, nodes, guests, storages and ha (not takenAt or source): two snapshots of an unchanged cluster share it. Recomputed on load; a mismatch means the file was edited.","type":"string","pattern":"^sha256:[0-9a-f]{64}$"}},"$defs":{"Source":{"description":"Where the snapshot came from. Never holds credentials.","type":"object","additionalProperties":false,"required":["kind"],"properties":{"kind":{"description":"api: read from a Proxmox VE cluster; emulator: read from proxlb's emulator; example: written by hand or generated for examples and tests; simulated: predicted by proxlb simulate.","enum":["api","emulator","example","simulated"]},"endpoint":{"description":"Base URL of the API that answered, without credentials (for example https://pve1:8006).","type":"string"},"pveVersion":{"description":"Proxmox VE version reported by the cluster (for example 9.1.2).","type":"string"},"tool":{"description":"Name and version of the program that wrote the snapshot (for example proxlb 0.1.0).","type":"string"},"cpuWindow":{"description":"How guest and node CPU usage was measured: one sample, or the average over the last hour or day of RRD data.","enum":["sample","hour","day"]},"note":{"description":"Free text describing the snapshot (for example what a simulation changed).","type":"string"}}},"Cluster":{"description":"Cluster-wide facts.","type":"object","additionalProperties":false,"required":["name","quorate"],"properties":{"name":{"description":"Cluster name (the node name for a single node without a cluster).","type":"string","minLength":1},"quorate":{"description":"Whether the cluster had quorum. Without quorum nothing can migrate.","type":"boolean"},"crs":{"$ref":"#/$defs/Crs"}}},"Crs":{"description":"Proxmox's own cluster resource scheduler settings (datacenter option crs).","type":"object","additionalProperties":false,"required":["ha"],"properties":{"ha":{"description":"How the HA stack picks nodes on start and recovery.","enum":["basic","static","dynamic"]},"rebalanceOnStart":{"description":"ha-rebalance-on-start: HA guests are placed on the best node when they start.","type":"boolean"},"autoRebalance":{"description":"ha-auto-rebalance (PVE 9.2+): the HA stack moves HA guests to balance load by itself. A second balancer beside it will fight it.","type":"boolean"}}},"Node":{"description":"One cluster node.","type":"object","additionalProperties":false,"required":["name","status","cpu","memory","disk"],"properties":{"name":{"description":"Node name as Proxmox knows it.","type":"string","pattern":"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"},"status":{"description":"online, offline or unknown (as in /cluster/resources). Only online nodes give or receive guests.","enum":["online","offline","unknown"]},"maintenance":{"description":"The node is in HA maintenance mode: HA guests are leaving it and nothing should arrive.","type":"boolean"},"ip":{"description":"Cluster network address of the node.","type":"string"},"pveVersion":{"description":"pve-manager version running on the node.","type":"string"},"cpu":{"$ref":"#/$defs/NodeCpu"},"memory":{"$ref":"#/$defs/NodeMemory"},"disk":{"$ref":"#/$defs/NodeDisk"},"rootfs":{"$ref":"#/$defs/NodeRootfs"}}},"NodeCpu":{"description":"CPU of a node, in cores.","type":"object","additionalProperties":false,"required":["cores","used"],"properties":{"cores":{"description":"Logical CPUs (threads) of the node.","type":"number","exclusiveMinimum":0},"used":{"description":"CPU in use on the whole node, in cores (host and guests).","type":"number","minimum":0}}},"NodeMemory":{"description":"Memory of a node, in bytes.","type":"object","additionalProperties":false,"required":["total","used"],"properties":{"total":{"description":"Physical memory of the node, in bytes.","type":"integer","minimum":0},"used":{"description":"Memory in use on the whole node (host and guests), in bytes.","type":"integer","minimum":0}}},"NodeDisk":{"description":"Local (not shared) guest storage of a node, in bytes: the sum of its active, non-shared storages that hold guest volumes (content images or rootdir), as those storages report their own use. Not the root filesystem (see rootfs). This is what the disk method balances.","type":"object","additionalProperties":false,"required":["total","used"],"properties":{"total":{"description":"Capacity of the node's local guest storage, in bytes.","type":"integer","minimum":0},"used":{"description":"Bytes in use on the node's local guest storage.","type":"integer","minimum":0}}},"Guest":{"description":"One virtual machine (qemu) or container (lxc).","type":"object","additionalProperties":false,"required":["vmid","name","type","node","status","cpu","memory","disk"],"properties":{"vmid":{"description":"Guest id, unique in the cluster.","type":"integer","minimum":1,"maximum":999999999},"name":{"description":"Guest name (hostname for containers).","type":"string"},"type":{"description":"qemu for virtual machines, lxc for containers.","enum":["qemu","lxc"]},"node":{"description":"Name of the node the guest is on.","type":"string"},"status":{"description":"Run state: running, stopped, paused (qemu only) or unknown.","enum":["running","stopped","paused","unknown"]},"template":{"description":"The guest is a template.","type":"boolean"},"tags":{"description":"Proxmox tags of the guest (ProxLB tags such as plb_ignore_vm, plb_include_web, plb_exclude_db, plb_pin_pve1 are understood by default).","type":"array","items":{"type":"string"}},"pool":{"description":"Resource pool the guest belongs to.","type":"string"},"lock":{"description":"Current lock (backup, migrate, snapshot, clone, ...). A locked guest cannot migrate.","type":"string"},"cpu":{"$ref":"#/$defs/GuestCpu"},"memory":{"$ref":"#/$defs/GuestMemory"},"disk":{"$ref":"#/$defs/GuestDisk"},"ha":{"$ref":"#/$defs/GuestHa"},"migration":{"$ref":"#/$defs/GuestMigration"}}},"GuestCpu":{"description":"CPU of a guest, in cores.","type":"object","additionalProperties":false,"required":["cores","used"],"properties":{"cores":{"description":"vCPUs assigned to the guest.","type":"number","minimum":0},"used":{"description":"CPU in use by the guest, in cores (0 when stopped).","type":"number","minimum":0}}},"GuestMemory":{"description":"Memory of a guest, in bytes.","type":"object","additionalProperties":false,"required":["assigned","used"],"properties":{"assigned":{"description":"Configured memory (maxmem), in bytes.","type":"integer","minimum":0},"used":{"description":"Memory in use, in bytes (0 when stopped).","type":"integer","minimum":0}}},"GuestDisk":{"description":"Disks of a guest, in bytes.","type":"object","additionalProperties":false,"required":["assigned","used"],"properties":{"assigned":{"description":"Configured size of all the guest's disks, in bytes.","type":"integer","minimum":0},"used":{"description":"Bytes used on the guest's disks, where Proxmox reports it (containers); otherwise equal to assigned or 0.","type":"integer","minimum":0}}},"GuestHa":{"description":"High availability state of a guest.","type":"object","additionalProperties":false,"required":["managed"],"properties":{"managed":{"description":"The guest is an HA resource: migrations go through the HA stack (hamigrate).","type":"boolean"},"state":{"description":"Requested HA state (started, stopped, ignored, disabled ...).","type":"string"},"group":{"description":"HA group (PVE 8 and older).","type":"string"}}},"GuestMigration":{"description":"Facts that decide whether and how a guest can migrate.","type":"object","additionalProperties":false,"properties":{"localDisks":{"description":"Disks on storage that is not shared: they must be copied (with-local-disks) or they keep the guest where it is.","type":"array","items":{"$ref":"#/$defs/LocalDisk"}},"sharedDisks":{"description":"Volumes on shared storage: nothing to copy when the guest migrates. Recorded for a complete picture of the guest's disks.","type":"array","items":{"$ref":"#/$defs/SharedDisk"}},"unknownDisks":{"description":"Volumes on storage the reader could not see (no Datastore.Audit): whether they are local is not known. They neither keep the guest on its node nor are checked for space; the plan says so.","type":"array","items":{"$ref":"#/$defs/SharedDisk"}},"localResources":{"description":"Configuration keys that tie the guest to its node (hostpci0, usb0, serial0, parallel0, ivshmem, virtiofs0 ...). A guest with any of these cannot migrate.","type":"array","items":{"type":"string"}},"allowedNodes":{"description":"Nodes Proxmox allows as targets, where known. Absent means not checked.","type":"array","items":{"type":"string"}}}},"NodeRootfs":{"description":"The node's root filesystem, as /cluster/resources (disk, maxdisk) and /nodes/{node}/status (rootfs) report it, in bytes. Not guest storage: proxlb never places guest volumes by it.","type":"object","additionalProperties":false,"required":["total","used"],"properties":{"total":{"description":"Size of the root filesystem, in bytes.","type":"integer","minimum":0},"used":{"description":"Bytes in use on the root filesystem.","type":"integer","minimum":0}}},"LocalDisk":{"description":"A volume of a guest on node-local (not shared) storage: it must be copied when the guest migrates.","type":"object","additionalProperties":false,"required":["key","storage","size"],"properties":{"key":{"description":"Configuration key (scsi0, virtio1, rootfs, mp0, efidisk0, unused0 ...).","type":"string"},"volid":{"description":"Volume id (storage:volume).","type":"string"},"storage":{"description":"Storage id the volume lives on.","type":"string"},"size":{"description":"Configured (virtual) size of the volume in bytes, as the guest sees it.","type":"integer","minimum":0},"used":{"description":"Bytes the volume really occupies on its storage, where Proxmox reports it: the content listing's used for file-based storages (dir, nfs, cifs, btrfs ...), a running container's root filesystem use from its status. Absent where only the pool's own use is known (lvmthin, zfspool, rbd).","type":"integer","minimum":0},"format":{"description":"Volume format as the content listing gives it (raw, qcow2, vmdk, subvol).","type":"string"},"cdrom":{"description":"The volume is a CD-ROM image (ISO): a live migration cannot take it along.","type":"boolean"}}},"SharedDisk":{"description":"A volume of a guest that is not known to be on local storage (shared, or on storage the reader could not see).","type":"object","additionalProperties":false,"required":["key","storage","size"],"properties":{"key":{"description":"Configuration key (scsi0, rootfs, mp0 ...).","type":"string"},"volid":{"description":"Volume id (storage:volume).","type":"string"},"storage":{"description":"Storage id the volume lives on.","type":"string"},"size":{"description":"Configured size of the volume in bytes.","type":"integer","minimum":0},"used":{"description":"Bytes the volume occupies, where Proxmox reports it.","type":"integer","minimum":0}}},"Storage":{"description":"A storage as seen from one node.","type":"object","additionalProperties":false,"required":["id","node","shared"],"properties":{"id":{"description":"Storage id (local, local-lvm, ceph-pool ...).","type":"string"},"node":{"description":"Node this entry describes.","type":"string"},"type":{"description":"Storage plugin type (dir, lvmthin, zfspool, rbd, nfs ...).","type":"string"},"shared":{"description":"The same storage is reachable from every node that lists it: disks on it need not be copied.","type":"boolean"},"content":{"description":"Content types the storage holds (images, rootdir, iso ...).","type":"array","items":{"type":"string"}},"total":{"description":"Capacity in bytes (maxdisk in /cluster/resources, total in the node's storage status).","type":"integer","minimum":0},"used":{"description":"Bytes in use as the storage itself reports them: for a thin pool its real use, not the sum of its volumes' configured sizes.","type":"integer","minimum":0},"free":{"description":"Bytes available for new data (avail in the node's storage status), where reported; otherwise total − used.","type":"integer","minimum":0},"thin":{"description":"Volumes occupy only what is written (lvmthin, zfspool with sparse, rbd, btrfs, file-based storage with sparse raw or qcow2 images not fully preallocated), so their configured sizes may add up to more than the storage. False for thick storage (lvm, zfspool without sparse, preallocated files). Absent: not known.","type":"boolean"},"enabled":{"description":"The storage is enabled in the datacenter's storage configuration. Absent: not known.","type":"boolean"},"active":{"description":"The storage was available on the node when the snapshot was taken.","type":"boolean"}}},"Ha":{"description":"High availability configuration that bears on placement.","type":"object","additionalProperties":false,"properties":{"rules":{"description":"HA rules (PVE 9): node affinity and resource affinity.","type":"array","items":{"$ref":"#/$defs/HaRule"}}}},"HaRule":{"description":"One HA rule as Proxmox defines it.","type":"object","additionalProperties":false,"required":["id","type","resources"],"properties":{"id":{"description":"Rule id.","type":"string"},"type":{"description":"node-affinity (resources prefer or must run on nodes) or resource-affinity (resources together or apart).","enum":["node-affinity","resource-affinity"]},"resources":{"description":"Guest ids the rule covers.","type":"array","items":{"type":"integer","minimum":1}},"nodes":{"description":"Nodes of a node-affinity rule, with their priority (higher is preferred).","type":"array","items":{"$ref":"#/$defs/HaRuleNode"}},"strict":{"description":"Node affinity: the resources may only run on the listed nodes.","type":"boolean"},"affinity":{"description":"Resource affinity: positive keeps the resources together, negative keeps them apart.","enum":["positive","negative"]},"disabled":{"description":"The rule is disabled.","type":"boolean"}}},"HaRuleNode":{"description":"A node in a node-affinity rule.","type":"object","additionalProperties":false,"required":["node"],"properties":{"node":{"description":"Node name.","type":"string"},"priority":{"description":"Priority (higher is preferred; default 0).","type":"integer"}}}}};
const schema94 = {"description":"Where the snapshot came from. Never holds credentials.","type":"object","additionalProperties":false,"required":["kind"],"properties":{"kind":{"description":"api: read from a Proxmox VE cluster; emulator: read from proxlb's emulator; example: written by hand or generated for examples and tests; simulated: predicted by proxlb simulate.","enum":["api","emulator","example","simulated"]},"endpoint":{"description":"Base URL of the API that answered, without credentials (for example https://pve1:8006).","type":"string"},"pveVersion":{"description":"Proxmox VE version reported by the cluster (for example 9.1.2).","type":"string"},"tool":{"description":"Name and version of the program that wrote the snapshot (for example proxlb 0.1.0).","type":"string"},"cpuWindow":{"description":"How guest and node CPU usage was measured: one sample, or the average over the last hour or day of RRD data.","enum":["sample","hour","day"]},"note":{"description":"Free text describing the snapshot (for example what a simulation changed).","type":"string"}}};
const schema111 = {"description":"A storage as seen from one node.","type":"object","additionalProperties":false,"required":["id","node","shared"],"properties":{"id":{"description":"Storage id (local, local-lvm, ceph-pool ...).","type":"string"},"node":{"description":"Node this entry describes.","type":"string"},"type":{"description":"Storage plugin type (dir, lvmthin, zfspool, rbd, nfs ...).","type":"string"},"shared":{"description":"The same storage is reachable from every node that lists it: disks on it need not be copied.","type":"boolean"},"content":{"description":"Content types the storage holds (images, rootdir, iso ...).","type":"array","items":{"type":"string"}},"total":{"description":"Capacity in bytes (maxdisk in /cluster/resources, total in the node's storage status).","type":"integer","minimum":0},"used":{"description":"Bytes in use as the storage itself reports them: for a thin pool its real use, not the sum of its volumes' configured sizes.","type":"integer","minimum":0},"free":{"description":"Bytes available for new data (avail in the node's storage status), where reported; otherwise total − used.","type":"integer","minimum":0},"thin":{"description":"Volumes occupy only what is written (lvmthin, zfspool with sparse, rbd, btrfs, file-based storage with sparse raw or qcow2 images not fully preallocated), so their configured sizes may add up to more than the storage. False for thick storage (lvm, zfspool without sparse, preallocated files). Absent: not known.","type":"boolean"},"enabled":{"description":"The storage is enabled in the datacenter's storage configuration. Absent: not known.","type":"boolean"},"active":{"description":"The storage was available on the node when the snapshot was taken.","type":"boolean"}}};
const schema95 = {"description":"Cluster-wide facts.","type":"object","additionalProperties":false,"required":["name","quorate"],"properties":{"name":{"description":"Cluster name (the node name for a single node without a cluster).","type":"string","minLength":1},"quorate":{"description":"Whether the cluster had quorum. Without quorum nothing can migrate.","type":"boolean"},"crs":{"$ref":"#/$defs/Crs"}}};
const schema96 = {"description":"Proxmox's own cluster resource scheduler settings (datacenter option crs).","type":"object","additionalProperties":false,"required":["ha"],"properties":{"ha":{"description":"How the HA stack picks nodes on start and recovery.","enum":["basic","static","dynamic"]},"rebalanceOnStart":{"description":"ha-rebalance-on-start: HA guests are placed on the best node when they start.","type":"boolean"},"autoRebalance":{"description":"ha-auto-rebalance (PVE 9.2+): the HA stack moves HA guests to balance load by itself. A second balancer beside it will fight it.","type":"boolean"}}};

function validate57(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate57.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema95.required,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.quorate === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "quorate"},message:"must have required property '"+"quorate"+"'",schema:schema95.required,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "quorate")) || (key0 === "crs"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema95.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema95.properties.name.type,parentSchema:schema95.properties.name,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.quorate !== undefined){
let data1 = data.quorate;
if(typeof data1 !== "boolean"){
const err5 = {instancePath:instancePath+"/quorate",schemaPath:"#/properties/quorate/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema95.properties.quorate.type,parentSchema:schema95.properties.quorate,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.crs !== undefined){
let data2 = data.crs;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.ha === undefined){
const err6 = {instancePath:instancePath+"/crs",schemaPath:"#/$defs/Crs/required",keyword:"required",params:{missingProperty: "ha"},message:"must have required property '"+"ha"+"'",schema:schema96.required,parentSchema:schema96,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key1 in data2){
if(!(((key1 === "ha") || (key1 === "rebalanceOnStart")) || (key1 === "autoRebalance"))){
const err7 = {instancePath:instancePath+"/crs",schemaPath:"#/$defs/Crs/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema96,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data2.ha !== undefined){
let data3 = data2.ha;
if(!(((data3 === "basic") || (data3 === "static")) || (data3 === "dynamic"))){
const err8 = {instancePath:instancePath+"/crs/ha",schemaPath:"#/$defs/Crs/properties/ha/enum",keyword:"enum",params:{allowedValues: schema96.properties.ha.enum},message:"must be equal to one of the allowed values",schema:schema96.properties.ha.enum,parentSchema:schema96.properties.ha,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data2.rebalanceOnStart !== undefined){
let data4 = data2.rebalanceOnStart;
if(typeof data4 !== "boolean"){
const err9 = {instancePath:instancePath+"/crs/rebalanceOnStart",schemaPath:"#/$defs/Crs/properties/rebalanceOnStart/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema96.properties.rebalanceOnStart.type,parentSchema:schema96.properties.rebalanceOnStart,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data2.autoRebalance !== undefined){
let data5 = data2.autoRebalance;
if(typeof data5 !== "boolean"){
const err10 = {instancePath:instancePath+"/crs/autoRebalance",schemaPath:"#/$defs/Crs/properties/autoRebalance/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema96.properties.autoRebalance.type,parentSchema:schema96.properties.autoRebalance,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/crs",schemaPath:"#/$defs/Crs/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema96.type,parentSchema:schema96,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema95.type,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
validate57.errors = vErrors;
return errors === 0;
}
validate57.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema97 = {"description":"One cluster node.","type":"object","additionalProperties":false,"required":["name","status","cpu","memory","disk"],"properties":{"name":{"description":"Node name as Proxmox knows it.","type":"string","pattern":"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"},"status":{"description":"online, offline or unknown (as in /cluster/resources). Only online nodes give or receive guests.","enum":["online","offline","unknown"]},"maintenance":{"description":"The node is in HA maintenance mode: HA guests are leaving it and nothing should arrive.","type":"boolean"},"ip":{"description":"Cluster network address of the node.","type":"string"},"pveVersion":{"description":"pve-manager version running on the node.","type":"string"},"cpu":{"$ref":"#/$defs/NodeCpu"},"memory":{"$ref":"#/$defs/NodeMemory"},"disk":{"$ref":"#/$defs/NodeDisk"},"rootfs":{"$ref":"#/$defs/NodeRootfs"}}};
const schema98 = {"description":"CPU of a node, in cores.","type":"object","additionalProperties":false,"required":["cores","used"],"properties":{"cores":{"description":"Logical CPUs (threads) of the node.","type":"number","exclusiveMinimum":0},"used":{"description":"CPU in use on the whole node, in cores (host and guests).","type":"number","minimum":0}}};
const schema99 = {"description":"Memory of a node, in bytes.","type":"object","additionalProperties":false,"required":["total","used"],"properties":{"total":{"description":"Physical memory of the node, in bytes.","type":"integer","minimum":0},"used":{"description":"Memory in use on the whole node (host and guests), in bytes.","type":"integer","minimum":0}}};
const schema100 = {"description":"Local (not shared) guest storage of a node, in bytes: the sum of its active, non-shared storages that hold guest volumes (content images or rootdir), as those storages report their own use. Not the root filesystem (see rootfs). This is what the disk method balances.","type":"object","additionalProperties":false,"required":["total","used"],"properties":{"total":{"description":"Capacity of the node's local guest storage, in bytes.","type":"integer","minimum":0},"used":{"description":"Bytes in use on the node's local guest storage.","type":"integer","minimum":0}}};
const schema101 = {"description":"The node's root filesystem, as /cluster/resources (disk, maxdisk) and /nodes/{node}/status (rootfs) report it, in bytes. Not guest storage: proxlb never places guest volumes by it.","type":"object","additionalProperties":false,"required":["total","used"],"properties":{"total":{"description":"Size of the root filesystem, in bytes.","type":"integer","minimum":0},"used":{"description":"Bytes in use on the root filesystem.","type":"integer","minimum":0}}};

function validate59(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate59.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema97.required,parentSchema:schema97,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.status === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "status"},message:"must have required property '"+"status"+"'",schema:schema97.required,parentSchema:schema97,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.cpu === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "cpu"},message:"must have required property '"+"cpu"+"'",schema:schema97.required,parentSchema:schema97,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.memory === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "memory"},message:"must have required property '"+"memory"+"'",schema:schema97.required,parentSchema:schema97,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.disk === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "disk"},message:"must have required property '"+"disk"+"'",schema:schema97.required,parentSchema:schema97,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema97.properties, key0))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema97,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern22.test(data0)){
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"},message:"must match pattern \""+"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"+"\"",schema:"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$",parentSchema:schema97.properties.name,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema97.properties.name.type,parentSchema:schema97.properties.name,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.status !== undefined){
let data1 = data.status;
if(!(((data1 === "online") || (data1 === "offline")) || (data1 === "unknown"))){
const err8 = {instancePath:instancePath+"/status",schemaPath:"#/properties/status/enum",keyword:"enum",params:{allowedValues: schema97.properties.status.enum},message:"must be equal to one of the allowed values",schema:schema97.properties.status.enum,parentSchema:schema97.properties.status,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.maintenance !== undefined){
let data2 = data.maintenance;
if(typeof data2 !== "boolean"){
const err9 = {instancePath:instancePath+"/maintenance",schemaPath:"#/properties/maintenance/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema97.properties.maintenance.type,parentSchema:schema97.properties.maintenance,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.ip !== undefined){
let data3 = data.ip;
if(typeof data3 !== "string"){
const err10 = {instancePath:instancePath+"/ip",schemaPath:"#/properties/ip/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema97.properties.ip.type,parentSchema:schema97.properties.ip,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.pveVersion !== undefined){
let data4 = data.pveVersion;
if(typeof data4 !== "string"){
const err11 = {instancePath:instancePath+"/pveVersion",schemaPath:"#/properties/pveVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema97.properties.pveVersion.type,parentSchema:schema97.properties.pveVersion,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.cpu !== undefined){
let data5 = data.cpu;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.cores === undefined){
const err12 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/NodeCpu/required",keyword:"required",params:{missingProperty: "cores"},message:"must have required property '"+"cores"+"'",schema:schema98.required,parentSchema:schema98,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data5.used === undefined){
const err13 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/NodeCpu/required",keyword:"required",params:{missingProperty: "used"},message:"must have required property '"+"used"+"'",schema:schema98.required,parentSchema:schema98,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
for(const key1 in data5){
if(!((key1 === "cores") || (key1 === "used"))){
const err14 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/NodeCpu/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema98,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data5.cores !== undefined){
let data6 = data5.cores;
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 <= 0 || isNaN(data6)){
const err15 = {instancePath:instancePath+"/cpu/cores",schemaPath:"#/$defs/NodeCpu/properties/cores/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema98.properties.cores,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/cpu/cores",schemaPath:"#/$defs/NodeCpu/properties/cores/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema98.properties.cores.type,parentSchema:schema98.properties.cores,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data5.used !== undefined){
let data7 = data5.used;
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 < 0 || isNaN(data7)){
const err17 = {instancePath:instancePath+"/cpu/used",schemaPath:"#/$defs/NodeCpu/properties/used/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema98.properties.used,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/cpu/used",schemaPath:"#/$defs/NodeCpu/properties/used/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema98.properties.used.type,parentSchema:schema98.properties.used,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/NodeCpu/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema98.type,parentSchema:schema98,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.memory !== undefined){
let data8 = data.memory;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(data8.total === undefined){
const err20 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/NodeMemory/required",keyword:"required",params:{missingProperty: "total"},message:"must have required property '"+"total"+"'",schema:schema99.required,parentSchema:schema99,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data8.used === undefined){
const err21 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/NodeMemory/required",keyword:"required",params:{missingProperty: "used"},message:"must have required property '"+"used"+"'",schema:schema99.required,parentSchema:schema99,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
for(const key2 in data8){
if(!((key2 === "total") || (key2 === "used"))){
const err22 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/NodeMemory/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema99,data:data8};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data8.total !== undefined){
let data9 = data8.total;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err23 = {instancePath:instancePath+"/memory/total",schemaPath:"#/$defs/NodeMemory/properties/total/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema99.properties.total.type,parentSchema:schema99.properties.total,data:data9};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 < 0 || isNaN(data9)){
const err24 = {instancePath:instancePath+"/memory/total",schemaPath:"#/$defs/NodeMemory/properties/total/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema99.properties.total,data:data9};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
if(data8.used !== undefined){
let data10 = data8.used;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err25 = {instancePath:instancePath+"/memory/used",schemaPath:"#/$defs/NodeMemory/properties/used/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema99.properties.used.type,parentSchema:schema99.properties.used,data:data10};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 < 0 || isNaN(data10)){
const err26 = {instancePath:instancePath+"/memory/used",schemaPath:"#/$defs/NodeMemory/properties/used/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema99.properties.used,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
}
else {
const err27 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/NodeMemory/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema99.type,parentSchema:schema99,data:data8};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.disk !== undefined){
let data11 = data.disk;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
if(data11.total === undefined){
const err28 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/NodeDisk/required",keyword:"required",params:{missingProperty: "total"},message:"must have required property '"+"total"+"'",schema:schema100.required,parentSchema:schema100,data:data11};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(data11.used === undefined){
const err29 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/NodeDisk/required",keyword:"required",params:{missingProperty: "used"},message:"must have required property '"+"used"+"'",schema:schema100.required,parentSchema:schema100,data:data11};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
for(const key3 in data11){
if(!((key3 === "total") || (key3 === "used"))){
const err30 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/NodeDisk/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema100,data:data11};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data11.total !== undefined){
let data12 = data11.total;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err31 = {instancePath:instancePath+"/disk/total",schemaPath:"#/$defs/NodeDisk/properties/total/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema100.properties.total.type,parentSchema:schema100.properties.total,data:data12};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 < 0 || isNaN(data12)){
const err32 = {instancePath:instancePath+"/disk/total",schemaPath:"#/$defs/NodeDisk/properties/total/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema100.properties.total,data:data12};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
if(data11.used !== undefined){
let data13 = data11.used;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err33 = {instancePath:instancePath+"/disk/used",schemaPath:"#/$defs/NodeDisk/properties/used/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema100.properties.used.type,parentSchema:schema100.properties.used,data:data13};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 < 0 || isNaN(data13)){
const err34 = {instancePath:instancePath+"/disk/used",schemaPath:"#/$defs/NodeDisk/properties/used/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema100.properties.used,data:data13};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
}
else {
const err35 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/NodeDisk/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema100.type,parentSchema:schema100,data:data11};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data.rootfs !== undefined){
let data14 = data.rootfs;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(data14.total === undefined){
const err36 = {instancePath:instancePath+"/rootfs",schemaPath:"#/$defs/NodeRootfs/required",keyword:"required",params:{missingProperty: "total"},message:"must have required property '"+"total"+"'",schema:schema101.required,parentSchema:schema101,data:data14};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data14.used === undefined){
const err37 = {instancePath:instancePath+"/rootfs",schemaPath:"#/$defs/NodeRootfs/required",keyword:"required",params:{missingProperty: "used"},message:"must have required property '"+"used"+"'",schema:schema101.required,parentSchema:schema101,data:data14};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
for(const key4 in data14){
if(!((key4 === "total") || (key4 === "used"))){
const err38 = {instancePath:instancePath+"/rootfs",schemaPath:"#/$defs/NodeRootfs/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema101,data:data14};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data14.total !== undefined){
let data15 = data14.total;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err39 = {instancePath:instancePath+"/rootfs/total",schemaPath:"#/$defs/NodeRootfs/properties/total/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema101.properties.total.type,parentSchema:schema101.properties.total,data:data15};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 < 0 || isNaN(data15)){
const err40 = {instancePath:instancePath+"/rootfs/total",schemaPath:"#/$defs/NodeRootfs/properties/total/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema101.properties.total,data:data15};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
if(data14.used !== undefined){
let data16 = data14.used;
if(!(((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16))) && (isFinite(data16)))){
const err41 = {instancePath:instancePath+"/rootfs/used",schemaPath:"#/$defs/NodeRootfs/properties/used/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema101.properties.used.type,parentSchema:schema101.properties.used,data:data16};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if((typeof data16 == "number") && (isFinite(data16))){
if(data16 < 0 || isNaN(data16)){
const err42 = {instancePath:instancePath+"/rootfs/used",schemaPath:"#/$defs/NodeRootfs/properties/used/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema101.properties.used,data:data16};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
}
else {
const err43 = {instancePath:instancePath+"/rootfs",schemaPath:"#/$defs/NodeRootfs/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema101.type,parentSchema:schema101,data:data14};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
}
else {
const err44 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema97.type,parentSchema:schema97,data};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
validate59.errors = vErrors;
return errors === 0;
}
validate59.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema102 = {"description":"One virtual machine (qemu) or container (lxc).","type":"object","additionalProperties":false,"required":["vmid","name","type","node","status","cpu","memory","disk"],"properties":{"vmid":{"description":"Guest id, unique in the cluster.","type":"integer","minimum":1,"maximum":999999999},"name":{"description":"Guest name (hostname for containers).","type":"string"},"type":{"description":"qemu for virtual machines, lxc for containers.","enum":["qemu","lxc"]},"node":{"description":"Name of the node the guest is on.","type":"string"},"status":{"description":"Run state: running, stopped, paused (qemu only) or unknown.","enum":["running","stopped","paused","unknown"]},"template":{"description":"The guest is a template.","type":"boolean"},"tags":{"description":"Proxmox tags of the guest (ProxLB tags such as plb_ignore_vm, plb_include_web, plb_exclude_db, plb_pin_pve1 are understood by default).","type":"array","items":{"type":"string"}},"pool":{"description":"Resource pool the guest belongs to.","type":"string"},"lock":{"description":"Current lock (backup, migrate, snapshot, clone, ...). A locked guest cannot migrate.","type":"string"},"cpu":{"$ref":"#/$defs/GuestCpu"},"memory":{"$ref":"#/$defs/GuestMemory"},"disk":{"$ref":"#/$defs/GuestDisk"},"ha":{"$ref":"#/$defs/GuestHa"},"migration":{"$ref":"#/$defs/GuestMigration"}}};
const schema103 = {"description":"CPU of a guest, in cores.","type":"object","additionalProperties":false,"required":["cores","used"],"properties":{"cores":{"description":"vCPUs assigned to the guest.","type":"number","minimum":0},"used":{"description":"CPU in use by the guest, in cores (0 when stopped).","type":"number","minimum":0}}};
const schema104 = {"description":"Memory of a guest, in bytes.","type":"object","additionalProperties":false,"required":["assigned","used"],"properties":{"assigned":{"description":"Configured memory (maxmem), in bytes.","type":"integer","minimum":0},"used":{"description":"Memory in use, in bytes (0 when stopped).","type":"integer","minimum":0}}};
const schema105 = {"description":"Disks of a guest, in bytes.","type":"object","additionalProperties":false,"required":["assigned","used"],"properties":{"assigned":{"description":"Configured size of all the guest's disks, in bytes.","type":"integer","minimum":0},"used":{"description":"Bytes used on the guest's disks, where Proxmox reports it (containers); otherwise equal to assigned or 0.","type":"integer","minimum":0}}};
const schema106 = {"description":"High availability state of a guest.","type":"object","additionalProperties":false,"required":["managed"],"properties":{"managed":{"description":"The guest is an HA resource: migrations go through the HA stack (hamigrate).","type":"boolean"},"state":{"description":"Requested HA state (started, stopped, ignored, disabled ...).","type":"string"},"group":{"description":"HA group (PVE 8 and older).","type":"string"}}};
const schema107 = {"description":"Facts that decide whether and how a guest can migrate.","type":"object","additionalProperties":false,"properties":{"localDisks":{"description":"Disks on storage that is not shared: they must be copied (with-local-disks) or they keep the guest where it is.","type":"array","items":{"$ref":"#/$defs/LocalDisk"}},"sharedDisks":{"description":"Volumes on shared storage: nothing to copy when the guest migrates. Recorded for a complete picture of the guest's disks.","type":"array","items":{"$ref":"#/$defs/SharedDisk"}},"unknownDisks":{"description":"Volumes on storage the reader could not see (no Datastore.Audit): whether they are local is not known. They neither keep the guest on its node nor are checked for space; the plan says so.","type":"array","items":{"$ref":"#/$defs/SharedDisk"}},"localResources":{"description":"Configuration keys that tie the guest to its node (hostpci0, usb0, serial0, parallel0, ivshmem, virtiofs0 ...). A guest with any of these cannot migrate.","type":"array","items":{"type":"string"}},"allowedNodes":{"description":"Nodes Proxmox allows as targets, where known. Absent means not checked.","type":"array","items":{"type":"string"}}}};
const schema108 = {"description":"A volume of a guest on node-local (not shared) storage: it must be copied when the guest migrates.","type":"object","additionalProperties":false,"required":["key","storage","size"],"properties":{"key":{"description":"Configuration key (scsi0, virtio1, rootfs, mp0, efidisk0, unused0 ...).","type":"string"},"volid":{"description":"Volume id (storage:volume).","type":"string"},"storage":{"description":"Storage id the volume lives on.","type":"string"},"size":{"description":"Configured (virtual) size of the volume in bytes, as the guest sees it.","type":"integer","minimum":0},"used":{"description":"Bytes the volume really occupies on its storage, where Proxmox reports it: the content listing's used for file-based storages (dir, nfs, cifs, btrfs ...), a running container's root filesystem use from its status. Absent where only the pool's own use is known (lvmthin, zfspool, rbd).","type":"integer","minimum":0},"format":{"description":"Volume format as the content listing gives it (raw, qcow2, vmdk, subvol).","type":"string"},"cdrom":{"description":"The volume is a CD-ROM image (ISO): a live migration cannot take it along.","type":"boolean"}}};
const schema109 = {"description":"A volume of a guest that is not known to be on local storage (shared, or on storage the reader could not see).","type":"object","additionalProperties":false,"required":["key","storage","size"],"properties":{"key":{"description":"Configuration key (scsi0, rootfs, mp0 ...).","type":"string"},"volid":{"description":"Volume id (storage:volume).","type":"string"},"storage":{"description":"Storage id the volume lives on.","type":"string"},"size":{"description":"Configured size of the volume in bytes.","type":"integer","minimum":0},"used":{"description":"Bytes the volume occupies, where Proxmox reports it.","type":"integer","minimum":0}}};

function validate62(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate62.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((key0 === "localDisks") || (key0 === "sharedDisks")) || (key0 === "unknownDisks")) || (key0 === "localResources")) || (key0 === "allowedNodes"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema107,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.localDisks !== undefined){
let data0 = data.localDisks;
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.key === undefined){
const err1 = {instancePath:instancePath+"/localDisks/" + i0,schemaPath:"#/$defs/LocalDisk/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema108.required,parentSchema:schema108,data:data1};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data1.storage === undefined){
const err2 = {instancePath:instancePath+"/localDisks/" + i0,schemaPath:"#/$defs/LocalDisk/required",keyword:"required",params:{missingProperty: "storage"},message:"must have required property '"+"storage"+"'",schema:schema108.required,parentSchema:schema108,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data1.size === undefined){
const err3 = {instancePath:instancePath+"/localDisks/" + i0,schemaPath:"#/$defs/LocalDisk/required",keyword:"required",params:{missingProperty: "size"},message:"must have required property '"+"size"+"'",schema:schema108.required,parentSchema:schema108,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key1 in data1){
if(!(((((((key1 === "key") || (key1 === "volid")) || (key1 === "storage")) || (key1 === "size")) || (key1 === "used")) || (key1 === "format")) || (key1 === "cdrom"))){
const err4 = {instancePath:instancePath+"/localDisks/" + i0,schemaPath:"#/$defs/LocalDisk/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema108,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data1.key !== undefined){
let data2 = data1.key;
if(typeof data2 !== "string"){
const err5 = {instancePath:instancePath+"/localDisks/" + i0+"/key",schemaPath:"#/$defs/LocalDisk/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema108.properties.key.type,parentSchema:schema108.properties.key,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data1.volid !== undefined){
let data3 = data1.volid;
if(typeof data3 !== "string"){
const err6 = {instancePath:instancePath+"/localDisks/" + i0+"/volid",schemaPath:"#/$defs/LocalDisk/properties/volid/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema108.properties.volid.type,parentSchema:schema108.properties.volid,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.storage !== undefined){
let data4 = data1.storage;
if(typeof data4 !== "string"){
const err7 = {instancePath:instancePath+"/localDisks/" + i0+"/storage",schemaPath:"#/$defs/LocalDisk/properties/storage/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema108.properties.storage.type,parentSchema:schema108.properties.storage,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data1.size !== undefined){
let data5 = data1.size;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err8 = {instancePath:instancePath+"/localDisks/" + i0+"/size",schemaPath:"#/$defs/LocalDisk/properties/size/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema108.properties.size.type,parentSchema:schema108.properties.size,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 < 0 || isNaN(data5)){
const err9 = {instancePath:instancePath+"/localDisks/" + i0+"/size",schemaPath:"#/$defs/LocalDisk/properties/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema108.properties.size,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data1.used !== undefined){
let data6 = data1.used;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err10 = {instancePath:instancePath+"/localDisks/" + i0+"/used",schemaPath:"#/$defs/LocalDisk/properties/used/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema108.properties.used.type,parentSchema:schema108.properties.used,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 < 0 || isNaN(data6)){
const err11 = {instancePath:instancePath+"/localDisks/" + i0+"/used",schemaPath:"#/$defs/LocalDisk/properties/used/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema108.properties.used,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
if(data1.format !== undefined){
let data7 = data1.format;
if(typeof data7 !== "string"){
const err12 = {instancePath:instancePath+"/localDisks/" + i0+"/format",schemaPath:"#/$defs/LocalDisk/properties/format/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema108.properties.format.type,parentSchema:schema108.properties.format,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data1.cdrom !== undefined){
let data8 = data1.cdrom;
if(typeof data8 !== "boolean"){
const err13 = {instancePath:instancePath+"/localDisks/" + i0+"/cdrom",schemaPath:"#/$defs/LocalDisk/properties/cdrom/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema108.properties.cdrom.type,parentSchema:schema108.properties.cdrom,data:data8};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/localDisks/" + i0,schemaPath:"#/$defs/LocalDisk/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema108.type,parentSchema:schema108,data:data1};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/localDisks",schemaPath:"#/properties/localDisks/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema107.properties.localDisks.type,parentSchema:schema107.properties.localDisks,data:data0};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.sharedDisks !== undefined){
let data9 = data.sharedDisks;
if(Array.isArray(data9)){
const len1 = data9.length;
for(let i1=0; i1<len1; i1++){
let data10 = data9[i1];
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.key === undefined){
const err16 = {instancePath:instancePath+"/sharedDisks/" + i1,schemaPath:"#/$defs/SharedDisk/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema109.required,parentSchema:schema109,data:data10};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data10.storage === undefined){
const err17 = {instancePath:instancePath+"/sharedDisks/" + i1,schemaPath:"#/$defs/SharedDisk/required",keyword:"required",params:{missingProperty: "storage"},message:"must have required property '"+"storage"+"'",schema:schema109.required,parentSchema:schema109,data:data10};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data10.size === undefined){
const err18 = {instancePath:instancePath+"/sharedDisks/" + i1,schemaPath:"#/$defs/SharedDisk/required",keyword:"required",params:{missingProperty: "size"},message:"must have required property '"+"size"+"'",schema:schema109.required,parentSchema:schema109,data:data10};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
for(const key2 in data10){
if(!(((((key2 === "key") || (key2 === "volid")) || (key2 === "storage")) || (key2 === "size")) || (key2 === "used"))){
const err19 = {instancePath:instancePath+"/sharedDisks/" + i1,schemaPath:"#/$defs/SharedDisk/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema109,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data10.key !== undefined){
let data11 = data10.key;
if(typeof data11 !== "string"){
const err20 = {instancePath:instancePath+"/sharedDisks/" + i1+"/key",schemaPath:"#/$defs/SharedDisk/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema109.properties.key.type,parentSchema:schema109.properties.key,data:data11};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data10.volid !== undefined){
let data12 = data10.volid;
if(typeof data12 !== "string"){
const err21 = {instancePath:instancePath+"/sharedDisks/" + i1+"/volid",schemaPath:"#/$defs/SharedDisk/properties/volid/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema109.properties.volid.type,parentSchema:schema109.properties.volid,data:data12};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data10.storage !== undefined){
let data13 = data10.storage;
if(typeof data13 !== "string"){
const err22 = {instancePath:instancePath+"/sharedDisks/" + i1+"/storage",schemaPath:"#/$defs/SharedDisk/properties/storage/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema109.properties.storage.type,parentSchema:schema109.properties.storage,data:data13};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data10.size !== undefined){
let data14 = data10.size;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err23 = {instancePath:instancePath+"/sharedDisks/" + i1+"/size",schemaPath:"#/$defs/SharedDisk/properties/size/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema109.properties.size.type,parentSchema:schema109.properties.size,data:data14};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 < 0 || isNaN(data14)){
const err24 = {instancePath:instancePath+"/sharedDisks/" + i1+"/size",schemaPath:"#/$defs/SharedDisk/properties/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema109.properties.size,data:data14};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
if(data10.used !== undefined){
let data15 = data10.used;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err25 = {instancePath:instancePath+"/sharedDisks/" + i1+"/used",schemaPath:"#/$defs/SharedDisk/properties/used/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema109.properties.used.type,parentSchema:schema109.properties.used,data:data15};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 < 0 || isNaN(data15)){
const err26 = {instancePath:instancePath+"/sharedDisks/" + i1+"/used",schemaPath:"#/$defs/SharedDisk/properties/used/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema109.properties.used,data:data15};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
}
else {
const err27 = {instancePath:instancePath+"/sharedDisks/" + i1,schemaPath:"#/$defs/SharedDisk/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema109.type,parentSchema:schema109,data:data10};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath:instancePath+"/sharedDisks",schemaPath:"#/properties/sharedDisks/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema107.properties.sharedDisks.type,parentSchema:schema107.properties.sharedDisks,data:data9};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data.unknownDisks !== undefined){
let data16 = data.unknownDisks;
if(Array.isArray(data16)){
const len2 = data16.length;
for(let i2=0; i2<len2; i2++){
let data17 = data16[i2];
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
if(data17.key === undefined){
const err29 = {instancePath:instancePath+"/unknownDisks/" + i2,schemaPath:"#/$defs/SharedDisk/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema109.required,parentSchema:schema109,data:data17};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data17.storage === undefined){
const err30 = {instancePath:instancePath+"/unknownDisks/" + i2,schemaPath:"#/$defs/SharedDisk/required",keyword:"required",params:{missingProperty: "storage"},message:"must have required property '"+"storage"+"'",schema:schema109.required,parentSchema:schema109,data:data17};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(data17.size === undefined){
const err31 = {instancePath:instancePath+"/unknownDisks/" + i2,schemaPath:"#/$defs/SharedDisk/required",keyword:"required",params:{missingProperty: "size"},message:"must have required property '"+"size"+"'",schema:schema109.required,parentSchema:schema109,data:data17};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
for(const key3 in data17){
if(!(((((key3 === "key") || (key3 === "volid")) || (key3 === "storage")) || (key3 === "size")) || (key3 === "used"))){
const err32 = {instancePath:instancePath+"/unknownDisks/" + i2,schemaPath:"#/$defs/SharedDisk/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema109,data:data17};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data17.key !== undefined){
let data18 = data17.key;
if(typeof data18 !== "string"){
const err33 = {instancePath:instancePath+"/unknownDisks/" + i2+"/key",schemaPath:"#/$defs/SharedDisk/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema109.properties.key.type,parentSchema:schema109.properties.key,data:data18};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data17.volid !== undefined){
let data19 = data17.volid;
if(typeof data19 !== "string"){
const err34 = {instancePath:instancePath+"/unknownDisks/" + i2+"/volid",schemaPath:"#/$defs/SharedDisk/properties/volid/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema109.properties.volid.type,parentSchema:schema109.properties.volid,data:data19};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data17.storage !== undefined){
let data20 = data17.storage;
if(typeof data20 !== "string"){
const err35 = {instancePath:instancePath+"/unknownDisks/" + i2+"/storage",schemaPath:"#/$defs/SharedDisk/properties/storage/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema109.properties.storage.type,parentSchema:schema109.properties.storage,data:data20};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data17.size !== undefined){
let data21 = data17.size;
if(!(((typeof data21 == "number") && (!(data21 % 1) && !isNaN(data21))) && (isFinite(data21)))){
const err36 = {instancePath:instancePath+"/unknownDisks/" + i2+"/size",schemaPath:"#/$defs/SharedDisk/properties/size/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema109.properties.size.type,parentSchema:schema109.properties.size,data:data21};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if((typeof data21 == "number") && (isFinite(data21))){
if(data21 < 0 || isNaN(data21)){
const err37 = {instancePath:instancePath+"/unknownDisks/" + i2+"/size",schemaPath:"#/$defs/SharedDisk/properties/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema109.properties.size,data:data21};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
}
if(data17.used !== undefined){
let data22 = data17.used;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err38 = {instancePath:instancePath+"/unknownDisks/" + i2+"/used",schemaPath:"#/$defs/SharedDisk/properties/used/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema109.properties.used.type,parentSchema:schema109.properties.used,data:data22};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 < 0 || isNaN(data22)){
const err39 = {instancePath:instancePath+"/unknownDisks/" + i2+"/used",schemaPath:"#/$defs/SharedDisk/properties/used/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema109.properties.used,data:data22};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
}
else {
const err40 = {instancePath:instancePath+"/unknownDisks/" + i2,schemaPath:"#/$defs/SharedDisk/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema109.type,parentSchema:schema109,data:data17};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/unknownDisks",schemaPath:"#/properties/unknownDisks/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema107.properties.unknownDisks.type,parentSchema:schema107.properties.unknownDisks,data:data16};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data.localResources !== undefined){
let data23 = data.localResources;
if(Array.isArray(data23)){
const len3 = data23.length;
for(let i3=0; i3<len3; i3++){
let data24 = data23[i3];
if(typeof data24 !== "string"){
const err42 = {instancePath:instancePath+"/localResources/" + i3,schemaPath:"#/properties/localResources/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema107.properties.localResources.items.type,parentSchema:schema107.properties.localResources.items,data:data24};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath:instancePath+"/localResources",schemaPath:"#/properties/localResources/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema107.properties.localResources.type,parentSchema:schema107.properties.localResources,data:data23};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data.allowedNodes !== undefined){
let data25 = data.allowedNodes;
if(Array.isArray(data25)){
const len4 = data25.length;
for(let i4=0; i4<len4; i4++){
let data26 = data25[i4];
if(typeof data26 !== "string"){
const err44 = {instancePath:instancePath+"/allowedNodes/" + i4,schemaPath:"#/properties/allowedNodes/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema107.properties.allowedNodes.items.type,parentSchema:schema107.properties.allowedNodes.items,data:data26};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
else {
const err45 = {instancePath:instancePath+"/allowedNodes",schemaPath:"#/properties/allowedNodes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema107.properties.allowedNodes.type,parentSchema:schema107.properties.allowedNodes,data:data25};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
else {
const err46 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema107.type,parentSchema:schema107,data};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
validate62.errors = vErrors;
return errors === 0;
}
validate62.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate61(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate61.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.vmid === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "vmid"},message:"must have required property '"+"vmid"+"'",schema:schema102.required,parentSchema:schema102,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.name === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema102.required,parentSchema:schema102,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.type === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema102.required,parentSchema:schema102,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.node === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "node"},message:"must have required property '"+"node"+"'",schema:schema102.required,parentSchema:schema102,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.status === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "status"},message:"must have required property '"+"status"+"'",schema:schema102.required,parentSchema:schema102,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.cpu === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "cpu"},message:"must have required property '"+"cpu"+"'",schema:schema102.required,parentSchema:schema102,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.memory === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "memory"},message:"must have required property '"+"memory"+"'",schema:schema102.required,parentSchema:schema102,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data.disk === undefined){
const err7 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "disk"},message:"must have required property '"+"disk"+"'",schema:schema102.required,parentSchema:schema102,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema102.properties, key0))){
const err8 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema102,data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.vmid !== undefined){
let data0 = data.vmid;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err9 = {instancePath:instancePath+"/vmid",schemaPath:"#/properties/vmid/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema102.properties.vmid.type,parentSchema:schema102.properties.vmid,data:data0};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 > 999999999 || isNaN(data0)){
const err10 = {instancePath:instancePath+"/vmid",schemaPath:"#/properties/vmid/maximum",keyword:"maximum",params:{comparison: "<=", limit: 999999999},message:"must be <= 999999999",schema:999999999,parentSchema:schema102.properties.vmid,data:data0};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data0 < 1 || isNaN(data0)){
const err11 = {instancePath:instancePath+"/vmid",schemaPath:"#/properties/vmid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema102.properties.vmid,data:data0};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
if(data.name !== undefined){
let data1 = data.name;
if(typeof data1 !== "string"){
const err12 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema102.properties.name.type,parentSchema:schema102.properties.name,data:data1};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.type !== undefined){
let data2 = data.type;
if(!((data2 === "qemu") || (data2 === "lxc"))){
const err13 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema102.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema102.properties.type.enum,parentSchema:schema102.properties.type,data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.node !== undefined){
let data3 = data.node;
if(typeof data3 !== "string"){
const err14 = {instancePath:instancePath+"/node",schemaPath:"#/properties/node/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema102.properties.node.type,parentSchema:schema102.properties.node,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.status !== undefined){
let data4 = data.status;
if(!((((data4 === "running") || (data4 === "stopped")) || (data4 === "paused")) || (data4 === "unknown"))){
const err15 = {instancePath:instancePath+"/status",schemaPath:"#/properties/status/enum",keyword:"enum",params:{allowedValues: schema102.properties.status.enum},message:"must be equal to one of the allowed values",schema:schema102.properties.status.enum,parentSchema:schema102.properties.status,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.template !== undefined){
let data5 = data.template;
if(typeof data5 !== "boolean"){
const err16 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema102.properties.template.type,parentSchema:schema102.properties.template,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.tags !== undefined){
let data6 = data.tags;
if(Array.isArray(data6)){
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
let data7 = data6[i0];
if(typeof data7 !== "string"){
const err17 = {instancePath:instancePath+"/tags/" + i0,schemaPath:"#/properties/tags/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema102.properties.tags.items.type,parentSchema:schema102.properties.tags.items,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema102.properties.tags.type,parentSchema:schema102.properties.tags,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.pool !== undefined){
let data8 = data.pool;
if(typeof data8 !== "string"){
const err19 = {instancePath:instancePath+"/pool",schemaPath:"#/properties/pool/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema102.properties.pool.type,parentSchema:schema102.properties.pool,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.lock !== undefined){
let data9 = data.lock;
if(typeof data9 !== "string"){
const err20 = {instancePath:instancePath+"/lock",schemaPath:"#/properties/lock/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema102.properties.lock.type,parentSchema:schema102.properties.lock,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.cpu !== undefined){
let data10 = data.cpu;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.cores === undefined){
const err21 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/GuestCpu/required",keyword:"required",params:{missingProperty: "cores"},message:"must have required property '"+"cores"+"'",schema:schema103.required,parentSchema:schema103,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data10.used === undefined){
const err22 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/GuestCpu/required",keyword:"required",params:{missingProperty: "used"},message:"must have required property '"+"used"+"'",schema:schema103.required,parentSchema:schema103,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
for(const key1 in data10){
if(!((key1 === "cores") || (key1 === "used"))){
const err23 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/GuestCpu/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema103,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data10.cores !== undefined){
let data11 = data10.cores;
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 < 0 || isNaN(data11)){
const err24 = {instancePath:instancePath+"/cpu/cores",schemaPath:"#/$defs/GuestCpu/properties/cores/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema103.properties.cores,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/cpu/cores",schemaPath:"#/$defs/GuestCpu/properties/cores/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema103.properties.cores.type,parentSchema:schema103.properties.cores,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data10.used !== undefined){
let data12 = data10.used;
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 < 0 || isNaN(data12)){
const err26 = {instancePath:instancePath+"/cpu/used",schemaPath:"#/$defs/GuestCpu/properties/used/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema103.properties.used,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/cpu/used",schemaPath:"#/$defs/GuestCpu/properties/used/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema103.properties.used.type,parentSchema:schema103.properties.used,data:data12};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath:instancePath+"/cpu",schemaPath:"#/$defs/GuestCpu/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema103.type,parentSchema:schema103,data:data10};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data.memory !== undefined){
let data13 = data.memory;
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
if(data13.assigned === undefined){
const err29 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/GuestMemory/required",keyword:"required",params:{missingProperty: "assigned"},message:"must have required property '"+"assigned"+"'",schema:schema104.required,parentSchema:schema104,data:data13};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data13.used === undefined){
const err30 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/GuestMemory/required",keyword:"required",params:{missingProperty: "used"},message:"must have required property '"+"used"+"'",schema:schema104.required,parentSchema:schema104,data:data13};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
for(const key2 in data13){
if(!((key2 === "assigned") || (key2 === "used"))){
const err31 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/GuestMemory/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema104,data:data13};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data13.assigned !== undefined){
let data14 = data13.assigned;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err32 = {instancePath:instancePath+"/memory/assigned",schemaPath:"#/$defs/GuestMemory/properties/assigned/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema104.properties.assigned.type,parentSchema:schema104.properties.assigned,data:data14};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 < 0 || isNaN(data14)){
const err33 = {instancePath:instancePath+"/memory/assigned",schemaPath:"#/$defs/GuestMemory/properties/assigned/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema104.properties.assigned,data:data14};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
if(data13.used !== undefined){
let data15 = data13.used;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err34 = {instancePath:instancePath+"/memory/used",schemaPath:"#/$defs/GuestMemory/properties/used/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema104.properties.used.type,parentSchema:schema104.properties.used,data:data15};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 < 0 || isNaN(data15)){
const err35 = {instancePath:instancePath+"/memory/used",schemaPath:"#/$defs/GuestMemory/properties/used/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema104.properties.used,data:data15};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
}
else {
const err36 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/GuestMemory/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema104.type,parentSchema:schema104,data:data13};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.disk !== undefined){
let data16 = data.disk;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
if(data16.assigned === undefined){
const err37 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/GuestDisk/required",keyword:"required",params:{missingProperty: "assigned"},message:"must have required property '"+"assigned"+"'",schema:schema105.required,parentSchema:schema105,data:data16};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(data16.used === undefined){
const err38 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/GuestDisk/required",keyword:"required",params:{missingProperty: "used"},message:"must have required property '"+"used"+"'",schema:schema105.required,parentSchema:schema105,data:data16};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
for(const key3 in data16){
if(!((key3 === "assigned") || (key3 === "used"))){
const err39 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/GuestDisk/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema105,data:data16};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data16.assigned !== undefined){
let data17 = data16.assigned;
if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){
const err40 = {instancePath:instancePath+"/disk/assigned",schemaPath:"#/$defs/GuestDisk/properties/assigned/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema105.properties.assigned.type,parentSchema:schema105.properties.assigned,data:data17};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 < 0 || isNaN(data17)){
const err41 = {instancePath:instancePath+"/disk/assigned",schemaPath:"#/$defs/GuestDisk/properties/assigned/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema105.properties.assigned,data:data17};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
if(data16.used !== undefined){
let data18 = data16.used;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
const err42 = {instancePath:instancePath+"/disk/used",schemaPath:"#/$defs/GuestDisk/properties/used/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema105.properties.used.type,parentSchema:schema105.properties.used,data:data18};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 < 0 || isNaN(data18)){
const err43 = {instancePath:instancePath+"/disk/used",schemaPath:"#/$defs/GuestDisk/properties/used/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema105.properties.used,data:data18};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
}
}
else {
const err44 = {instancePath:instancePath+"/disk",schemaPath:"#/$defs/GuestDisk/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema105.type,parentSchema:schema105,data:data16};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data.ha !== undefined){
let data19 = data.ha;
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
if(data19.managed === undefined){
const err45 = {instancePath:instancePath+"/ha",schemaPath:"#/$defs/GuestHa/required",keyword:"required",params:{missingProperty: "managed"},message:"must have required property '"+"managed"+"'",schema:schema106.required,parentSchema:schema106,data:data19};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
for(const key4 in data19){
if(!(((key4 === "managed") || (key4 === "state")) || (key4 === "group"))){
const err46 = {instancePath:instancePath+"/ha",schemaPath:"#/$defs/GuestHa/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema106,data:data19};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data19.managed !== undefined){
let data20 = data19.managed;
if(typeof data20 !== "boolean"){
const err47 = {instancePath:instancePath+"/ha/managed",schemaPath:"#/$defs/GuestHa/properties/managed/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema106.properties.managed.type,parentSchema:schema106.properties.managed,data:data20};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data19.state !== undefined){
let data21 = data19.state;
if(typeof data21 !== "string"){
const err48 = {instancePath:instancePath+"/ha/state",schemaPath:"#/$defs/GuestHa/properties/state/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema106.properties.state.type,parentSchema:schema106.properties.state,data:data21};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data19.group !== undefined){
let data22 = data19.group;
if(typeof data22 !== "string"){
const err49 = {instancePath:instancePath+"/ha/group",schemaPath:"#/$defs/GuestHa/properties/group/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema106.properties.group.type,parentSchema:schema106.properties.group,data:data22};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
else {
const err50 = {instancePath:instancePath+"/ha",schemaPath:"#/$defs/GuestHa/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema106.type,parentSchema:schema106,data:data19};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data.migration !== undefined){
if(!(validate62(data.migration, {instancePath:instancePath+"/migration",parentData:data,parentDataProperty:"migration",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
}
}
else {
const err51 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema102.type,parentSchema:schema102,data};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
validate61.errors = vErrors;
return errors === 0;
}
validate61.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema112 = {"description":"High availability configuration that bears on placement.","type":"object","additionalProperties":false,"properties":{"rules":{"description":"HA rules (PVE 9): node affinity and resource affinity.","type":"array","items":{"$ref":"#/$defs/HaRule"}}}};
const schema113 = {"description":"One HA rule as Proxmox defines it.","type":"object","additionalProperties":false,"required":["id","type","resources"],"properties":{"id":{"description":"Rule id.","type":"string"},"type":{"description":"node-affinity (resources prefer or must run on nodes) or resource-affinity (resources together or apart).","enum":["node-affinity","resource-affinity"]},"resources":{"description":"Guest ids the rule covers.","type":"array","items":{"type":"integer","minimum":1}},"nodes":{"description":"Nodes of a node-affinity rule, with their priority (higher is preferred).","type":"array","items":{"$ref":"#/$defs/HaRuleNode"}},"strict":{"description":"Node affinity: the resources may only run on the listed nodes.","type":"boolean"},"affinity":{"description":"Resource affinity: positive keeps the resources together, negative keeps them apart.","enum":["positive","negative"]},"disabled":{"description":"The rule is disabled.","type":"boolean"}}};
const schema114 = {"description":"A node in a node-affinity rule.","type":"object","additionalProperties":false,"required":["node"],"properties":{"node":{"description":"Node name.","type":"string"},"priority":{"description":"Priority (higher is preferred; default 0).","type":"integer"}}};

function validate66(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate66.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema113.required,parentSchema:schema113,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.type === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema113.required,parentSchema:schema113,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.resources === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "resources"},message:"must have required property '"+"resources"+"'",schema:schema113.required,parentSchema:schema113,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "id") || (key0 === "type")) || (key0 === "resources")) || (key0 === "nodes")) || (key0 === "strict")) || (key0 === "affinity")) || (key0 === "disabled"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema113,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 !== "string"){
const err4 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema113.properties.id.type,parentSchema:schema113.properties.id,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.type !== undefined){
let data1 = data.type;
if(!((data1 === "node-affinity") || (data1 === "resource-affinity"))){
const err5 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema113.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema113.properties.type.enum,parentSchema:schema113.properties.type,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.resources !== undefined){
let data2 = data.resources;
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err6 = {instancePath:instancePath+"/resources/" + i0,schemaPath:"#/properties/resources/items/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema113.properties.resources.items.type,parentSchema:schema113.properties.resources.items,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 1 || isNaN(data3)){
const err7 = {instancePath:instancePath+"/resources/" + i0,schemaPath:"#/properties/resources/items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema113.properties.resources.items,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
}
else {
const err8 = {instancePath:instancePath+"/resources",schemaPath:"#/properties/resources/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema113.properties.resources.type,parentSchema:schema113.properties.resources,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.nodes !== undefined){
let data4 = data.nodes;
if(Array.isArray(data4)){
const len1 = data4.length;
for(let i1=0; i1<len1; i1++){
let data5 = data4[i1];
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.node === undefined){
const err9 = {instancePath:instancePath+"/nodes/" + i1,schemaPath:"#/$defs/HaRuleNode/required",keyword:"required",params:{missingProperty: "node"},message:"must have required property '"+"node"+"'",schema:schema114.required,parentSchema:schema114,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key1 in data5){
if(!((key1 === "node") || (key1 === "priority"))){
const err10 = {instancePath:instancePath+"/nodes/" + i1,schemaPath:"#/$defs/HaRuleNode/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema114,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data5.node !== undefined){
let data6 = data5.node;
if(typeof data6 !== "string"){
const err11 = {instancePath:instancePath+"/nodes/" + i1+"/node",schemaPath:"#/$defs/HaRuleNode/properties/node/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema114.properties.node.type,parentSchema:schema114.properties.node,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data5.priority !== undefined){
let data7 = data5.priority;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err12 = {instancePath:instancePath+"/nodes/" + i1+"/priority",schemaPath:"#/$defs/HaRuleNode/properties/priority/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema114.properties.priority.type,parentSchema:schema114.properties.priority,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/nodes/" + i1,schemaPath:"#/$defs/HaRuleNode/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema114.type,parentSchema:schema114,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/nodes",schemaPath:"#/properties/nodes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema113.properties.nodes.type,parentSchema:schema113.properties.nodes,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.strict !== undefined){
let data8 = data.strict;
if(typeof data8 !== "boolean"){
const err15 = {instancePath:instancePath+"/strict",schemaPath:"#/properties/strict/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema113.properties.strict.type,parentSchema:schema113.properties.strict,data:data8};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.affinity !== undefined){
let data9 = data.affinity;
if(!((data9 === "positive") || (data9 === "negative"))){
const err16 = {instancePath:instancePath+"/affinity",schemaPath:"#/properties/affinity/enum",keyword:"enum",params:{allowedValues: schema113.properties.affinity.enum},message:"must be equal to one of the allowed values",schema:schema113.properties.affinity.enum,parentSchema:schema113.properties.affinity,data:data9};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.disabled !== undefined){
let data10 = data.disabled;
if(typeof data10 !== "boolean"){
const err17 = {instancePath:instancePath+"/disabled",schemaPath:"#/properties/disabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema113.properties.disabled.type,parentSchema:schema113.properties.disabled,data:data10};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema113.type,parentSchema:schema113,data};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
validate66.errors = vErrors;
return errors === 0;
}
validate66.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate65(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate65.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(key0 === "rules")){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema112,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.rules !== undefined){
let data0 = data.rules;
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
if(!(validate66(data0[i0], {instancePath:instancePath+"/rules/" + i0,parentData:data0,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate66.errors : vErrors.concat(validate66.errors);
errors = vErrors.length;
}
}
}
else {
const err1 = {instancePath:instancePath+"/rules",schemaPath:"#/properties/rules/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema112.properties.rules.type,parentSchema:schema112.properties.rules,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
}
else {
const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema112.type,parentSchema:schema112,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
validate65.errors = vErrors;
return errors === 0;
}
validate65.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate56(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://proxlb.dev/schemas/snapshot.v1.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate56.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.format === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "format"},message:"must have required property '"+"format"+"'",schema:schema93.required,parentSchema:schema93,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.takenAt === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "takenAt"},message:"must have required property '"+"takenAt"+"'",schema:schema93.required,parentSchema:schema93,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.source === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "source"},message:"must have required property '"+"source"+"'",schema:schema93.required,parentSchema:schema93,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.cluster === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "cluster"},message:"must have required property '"+"cluster"+"'",schema:schema93.required,parentSchema:schema93,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.nodes === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "nodes"},message:"must have required property '"+"nodes"+"'",schema:schema93.required,parentSchema:schema93,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.guests === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "guests"},message:"must have required property '"+"guests"+"'",schema:schema93.required,parentSchema:schema93,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema93.properties, key0))){
const err6 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema93,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err7 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema93.properties.$schema.type,parentSchema:schema93.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.format !== undefined){
let data1 = data.format;
if("proxlb.snapshot/v1" !== data1){
const err8 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/const",keyword:"const",params:{allowedValue: "proxlb.snapshot/v1"},message:"must be equal to constant",schema:"proxlb.snapshot/v1",parentSchema:schema93.properties.format,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.takenAt !== undefined){
let data2 = data.takenAt;
if(typeof data2 === "string"){
if(!(formats0.validate(data2))){
const err9 = {instancePath:instancePath+"/takenAt",schemaPath:"#/properties/takenAt/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema93.properties.takenAt,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/takenAt",schemaPath:"#/properties/takenAt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema93.properties.takenAt.type,parentSchema:schema93.properties.takenAt,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.source !== undefined){
let data3 = data.source;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.kind === undefined){
const err11 = {instancePath:instancePath+"/source",schemaPath:"#/$defs/Source/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema94.required,parentSchema:schema94,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
for(const key1 in data3){
if(!((((((key1 === "kind") || (key1 === "endpoint")) || (key1 === "pveVersion")) || (key1 === "tool")) || (key1 === "cpuWindow")) || (key1 === "note"))){
const err12 = {instancePath:instancePath+"/source",schemaPath:"#/$defs/Source/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema94,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data3.kind !== undefined){
let data4 = data3.kind;
if(!((((data4 === "api") || (data4 === "emulator")) || (data4 === "example")) || (data4 === "simulated"))){
const err13 = {instancePath:instancePath+"/source/kind",schemaPath:"#/$defs/Source/properties/kind/enum",keyword:"enum",params:{allowedValues: schema94.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema94.properties.kind.enum,parentSchema:schema94.properties.kind,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data3.endpoint !== undefined){
let data5 = data3.endpoint;
if(typeof data5 !== "string"){
const err14 = {instancePath:instancePath+"/source/endpoint",schemaPath:"#/$defs/Source/properties/endpoint/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema94.properties.endpoint.type,parentSchema:schema94.properties.endpoint,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data3.pveVersion !== undefined){
let data6 = data3.pveVersion;
if(typeof data6 !== "string"){
const err15 = {instancePath:instancePath+"/source/pveVersion",schemaPath:"#/$defs/Source/properties/pveVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema94.properties.pveVersion.type,parentSchema:schema94.properties.pveVersion,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data3.tool !== undefined){
let data7 = data3.tool;
if(typeof data7 !== "string"){
const err16 = {instancePath:instancePath+"/source/tool",schemaPath:"#/$defs/Source/properties/tool/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema94.properties.tool.type,parentSchema:schema94.properties.tool,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data3.cpuWindow !== undefined){
let data8 = data3.cpuWindow;
if(!(((data8 === "sample") || (data8 === "hour")) || (data8 === "day"))){
const err17 = {instancePath:instancePath+"/source/cpuWindow",schemaPath:"#/$defs/Source/properties/cpuWindow/enum",keyword:"enum",params:{allowedValues: schema94.properties.cpuWindow.enum},message:"must be equal to one of the allowed values",schema:schema94.properties.cpuWindow.enum,parentSchema:schema94.properties.cpuWindow,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data3.note !== undefined){
let data9 = data3.note;
if(typeof data9 !== "string"){
const err18 = {instancePath:instancePath+"/source/note",schemaPath:"#/$defs/Source/properties/note/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema94.properties.note.type,parentSchema:schema94.properties.note,data:data9};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/source",schemaPath:"#/$defs/Source/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema94.type,parentSchema:schema94,data:data3};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.cluster !== undefined){
if(!(validate57(data.cluster, {instancePath:instancePath+"/cluster",parentData:data,parentDataProperty:"cluster",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate57.errors : vErrors.concat(validate57.errors);
errors = vErrors.length;
}
}
if(data.nodes !== undefined){
let data11 = data.nodes;
if(Array.isArray(data11)){
const len0 = data11.length;
for(let i0=0; i0<len0; i0++){
if(!(validate59(data11[i0], {instancePath:instancePath+"/nodes/" + i0,parentData:data11,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate59.errors : vErrors.concat(validate59.errors);
errors = vErrors.length;
}
}
}
else {
const err20 = {instancePath:instancePath+"/nodes",schemaPath:"#/properties/nodes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema93.properties.nodes.type,parentSchema:schema93.properties.nodes,data:data11};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.guests !== undefined){
let data13 = data.guests;
if(Array.isArray(data13)){
const len1 = data13.length;
for(let i1=0; i1<len1; i1++){
if(!(validate61(data13[i1], {instancePath:instancePath+"/guests/" + i1,parentData:data13,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate61.errors : vErrors.concat(validate61.errors);
errors = vErrors.length;
}
}
}
else {
const err21 = {instancePath:instancePath+"/guests",schemaPath:"#/properties/guests/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema93.properties.guests.type,parentSchema:schema93.properties.guests,data:data13};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.storages !== undefined){
let data15 = data.storages;
if(Array.isArray(data15)){
const len2 = data15.length;
for(let i2=0; i2<len2; i2++){
let data16 = data15[i2];
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
if(data16.id === undefined){
const err22 = {instancePath:instancePath+"/storages/" + i2,schemaPath:"#/$defs/Storage/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema111.required,parentSchema:schema111,data:data16};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(data16.node === undefined){
const err23 = {instancePath:instancePath+"/storages/" + i2,schemaPath:"#/$defs/Storage/required",keyword:"required",params:{missingProperty: "node"},message:"must have required property '"+"node"+"'",schema:schema111.required,parentSchema:schema111,data:data16};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data16.shared === undefined){
const err24 = {instancePath:instancePath+"/storages/" + i2,schemaPath:"#/$defs/Storage/required",keyword:"required",params:{missingProperty: "shared"},message:"must have required property '"+"shared"+"'",schema:schema111.required,parentSchema:schema111,data:data16};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
for(const key2 in data16){
if(!(func1.call(schema111.properties, key2))){
const err25 = {instancePath:instancePath+"/storages/" + i2,schemaPath:"#/$defs/Storage/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema111,data:data16};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data16.id !== undefined){
let data17 = data16.id;
if(typeof data17 !== "string"){
const err26 = {instancePath:instancePath+"/storages/" + i2+"/id",schemaPath:"#/$defs/Storage/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema111.properties.id.type,parentSchema:schema111.properties.id,data:data17};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data16.node !== undefined){
let data18 = data16.node;
if(typeof data18 !== "string"){
const err27 = {instancePath:instancePath+"/storages/" + i2+"/node",schemaPath:"#/$defs/Storage/properties/node/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema111.properties.node.type,parentSchema:schema111.properties.node,data:data18};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data16.type !== undefined){
let data19 = data16.type;
if(typeof data19 !== "string"){
const err28 = {instancePath:instancePath+"/storages/" + i2+"/type",schemaPath:"#/$defs/Storage/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema111.properties.type.type,parentSchema:schema111.properties.type,data:data19};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data16.shared !== undefined){
let data20 = data16.shared;
if(typeof data20 !== "boolean"){
const err29 = {instancePath:instancePath+"/storages/" + i2+"/shared",schemaPath:"#/$defs/Storage/properties/shared/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema111.properties.shared.type,parentSchema:schema111.properties.shared,data:data20};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data16.content !== undefined){
let data21 = data16.content;
if(Array.isArray(data21)){
const len3 = data21.length;
for(let i3=0; i3<len3; i3++){
let data22 = data21[i3];
if(typeof data22 !== "string"){
const err30 = {instancePath:instancePath+"/storages/" + i2+"/content/" + i3,schemaPath:"#/$defs/Storage/properties/content/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema111.properties.content.items.type,parentSchema:schema111.properties.content.items,data:data22};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath:instancePath+"/storages/" + i2+"/content",schemaPath:"#/$defs/Storage/properties/content/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema111.properties.content.type,parentSchema:schema111.properties.content,data:data21};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data16.total !== undefined){
let data23 = data16.total;
if(!(((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23))) && (isFinite(data23)))){
const err32 = {instancePath:instancePath+"/storages/" + i2+"/total",schemaPath:"#/$defs/Storage/properties/total/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema111.properties.total.type,parentSchema:schema111.properties.total,data:data23};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if((typeof data23 == "number") && (isFinite(data23))){
if(data23 < 0 || isNaN(data23)){
const err33 = {instancePath:instancePath+"/storages/" + i2+"/total",schemaPath:"#/$defs/Storage/properties/total/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema111.properties.total,data:data23};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
if(data16.used !== undefined){
let data24 = data16.used;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err34 = {instancePath:instancePath+"/storages/" + i2+"/used",schemaPath:"#/$defs/Storage/properties/used/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema111.properties.used.type,parentSchema:schema111.properties.used,data:data24};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 < 0 || isNaN(data24)){
const err35 = {instancePath:instancePath+"/storages/" + i2+"/used",schemaPath:"#/$defs/Storage/properties/used/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema111.properties.used,data:data24};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
if(data16.free !== undefined){
let data25 = data16.free;
if(!(((typeof data25 == "number") && (!(data25 % 1) && !isNaN(data25))) && (isFinite(data25)))){
const err36 = {instancePath:instancePath+"/storages/" + i2+"/free",schemaPath:"#/$defs/Storage/properties/free/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema111.properties.free.type,parentSchema:schema111.properties.free,data:data25};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if((typeof data25 == "number") && (isFinite(data25))){
if(data25 < 0 || isNaN(data25)){
const err37 = {instancePath:instancePath+"/storages/" + i2+"/free",schemaPath:"#/$defs/Storage/properties/free/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema111.properties.free,data:data25};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
}
if(data16.thin !== undefined){
let data26 = data16.thin;
if(typeof data26 !== "boolean"){
const err38 = {instancePath:instancePath+"/storages/" + i2+"/thin",schemaPath:"#/$defs/Storage/properties/thin/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema111.properties.thin.type,parentSchema:schema111.properties.thin,data:data26};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data16.enabled !== undefined){
let data27 = data16.enabled;
if(typeof data27 !== "boolean"){
const err39 = {instancePath:instancePath+"/storages/" + i2+"/enabled",schemaPath:"#/$defs/Storage/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema111.properties.enabled.type,parentSchema:schema111.properties.enabled,data:data27};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data16.active !== undefined){
let data28 = data16.active;
if(typeof data28 !== "boolean"){
const err40 = {instancePath:instancePath+"/storages/" + i2+"/active",schemaPath:"#/$defs/Storage/properties/active/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema111.properties.active.type,parentSchema:schema111.properties.active,data:data28};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/storages/" + i2,schemaPath:"#/$defs/Storage/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema111.type,parentSchema:schema111,data:data16};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
else {
const err42 = {instancePath:instancePath+"/storages",schemaPath:"#/properties/storages/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema93.properties.storages.type,parentSchema:schema93.properties.storages,data:data15};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data.ha !== undefined){
if(!(validate65(data.ha, {instancePath:instancePath+"/ha",parentData:data,parentDataProperty:"ha",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate65.errors : vErrors.concat(validate65.errors);
errors = vErrors.length;
}
}
if(data.fingerprint !== undefined){
let data30 = data.fingerprint;
if(typeof data30 === "string"){
if(!pattern5.test(data30)){
const err43 = {instancePath:instancePath+"/fingerprint",schemaPath:"#/properties/fingerprint/pattern",keyword:"pattern",params:{pattern: "^sha256:[0-9a-f]{64}$"},message:"must match pattern \""+"^sha256:[0-9a-f]{64}$"+"\"",schema:"^sha256:[0-9a-f]{64}$",parentSchema:schema93.properties.fingerprint,data:data30};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
else {
const err44 = {instancePath:instancePath+"/fingerprint",schemaPath:"#/properties/fingerprint/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema93.properties.fingerprint.type,parentSchema:schema93.properties.fingerprint,data:data30};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
else {
const err45 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema93.type,parentSchema:schema93,data};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
validate56.errors = vErrors;
return errors === 0;
}
validate56.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};
