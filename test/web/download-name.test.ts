import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { asciiFileName, sendFile } from '../../src/web/http-io.js'

describe('a download\'s file name', () => {
  it('drops Vietnamese marks for the plain name', () => {
    expect(asciiFileName('Yên-Hòa-Đông-2026-Y.xlsx')).toBe('Yen-Hoa-Dong-2026-Y.xlsx')
    expect(asciiFileName('kế hoạch/quý 3.docx')).toBe('ke-hoach-quy-3.docx')
  })

  it('sends the real name as filename* (RFC 8187) beside the plain one', async () => {
    const server = http.createServer((_req, res) => sendFile(res, { name: 'Yên-Hòa-2026-Y.xlsx', bytes: Buffer.from('abc'), mime: 'application/octet-stream' }))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename=Yen-Hoa-2026-Y.xlsx; filename*=UTF-8''Y%C3%AAn-H%C3%B2a-2026-Y.xlsx`)
      expect(res.headers.get('content-length')).toBe('3')
      expect(await res.text()).toBe('abc')
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
