/**
 * A small PNG decoder for tests that look at screenshots: 8-bit greyscale, RGB and RGBA,
 * with or without alpha, non-interlaced (what headless Chromium writes). Node's zlib
 * inflates the data; the five scanline filters are undone here.
 */
import {inflateSync} from 'node:zlib'

export interface Image {
  width: number
  height: number
  /** RGBA, 4 bytes per pixel, row by row. */
  rgba: Uint8Array
}

export function decodePng(file: Uint8Array): Image {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10]
  if (!signature.every((b, i) => file[i] === b)) throw new Error('not a PNG file')
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength)
  let width = 0
  let height = 0
  let colourType = 0
  const data: Uint8Array[] = []
  for (let pos = 8; pos < file.length; ) {
    const length = view.getUint32(pos)
    const type = String.fromCharCode(...file.subarray(pos + 4, pos + 8))
    const body = file.subarray(pos + 8, pos + 8 + length)
    if (type === 'IHDR') {
      width = view.getUint32(pos + 8)
      height = view.getUint32(pos + 12)
      const depth = body[8]
      colourType = body[9]
      if (depth !== 8 || body[12] !== 0 || ![0, 2, 6].includes(colourType)) throw new Error(`unsupported PNG: depth ${depth}, colour type ${colourType}, interlace ${body[12]}`)
    } else if (type === 'IDAT') data.push(body)
    else if (type === 'IEND') break
    pos += 12 + length
  }
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 1
  const raw = inflateSync(Buffer.concat(data))
  const stride = width * channels
  const pixels = new Uint8Array(height * stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[y * stride + x - channels] : 0
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter]
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter} on line ${y}`)
      pixels[y * stride + x] = (line[x] + predictor) & 0xff
    }
  }
  const rgba = new Uint8Array(width * height * 4)
  for (let i = 0; i < width * height; i++) {
    const p = pixels.subarray(i * channels, i * channels + channels)
    rgba.set(channels === 1 ? [p[0], p[0], p[0], 255] : [p[0], p[1], p[2], channels === 4 ? p[3] : 255], i * 4)
  }
  return {width, height, rgba}
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}
