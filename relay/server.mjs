// The relay for Civic Canvas live sessions: a standard Yjs websocket relay
// (@y/websocket-server), with the checks a workshop needs.
//
//   node relay/server.mjs [--port 1234] [--lan] [--token SECRET] [--public-url URL]
//                         [--stop-with-stdin]
//
// - Listens on 127.0.0.1 (this computer only) unless --lan is given (every network interface).
// - A room is the path of the websocket URL: ws://HOST:PORT/ROOM. Room ids are 32 to 64 letters
//   and digits (the app makes them from 128 random bits); anything else is refused.
// - With --token, a connection must carry ?token=SECRET or it is refused.
// - A message over 16 MB closes its connection; a room that has taken in more than 200 MB
//   (the most a board file may hold) refuses further changes.
// - With --stop-with-stdin it stops when its standard input closes (for tests and scripts that
//   start it, so it never outlives them).
// - A client's own changes are not sent back to it (the standard relay echoes them).
// - It serves the participant page at http://HOST:PORT/join/ROOM (add ?token=SECRET when the
//   relay asks for one): a browser page, nothing to install, for posting sticky notes.
// - With --public-url ws://NAME:PORT (the address others reach this relay at, when that is not
//   the one the app connects to, e.g. behind a router or a tunnel), each connection's handshake
//   tells the app that address (header `X-Civic-Canvas-Public-Url`), and the app's join link
//   and QR code use it.
// - It prints one line when it is ready: `relay listening on ws://HOST:PORT` (with --port 0 the
//   port is chosen by the system), which scripts and tests read.

import http from 'node:http'
import { readFileSync } from 'node:fs'
import { WebSocketServer } from 'ws'
import { setupWSConnection } from '@y/websocket-server/utils'
import { build } from 'esbuild'

const MAX_MESSAGE_BYTES = 16 * 1024 * 1024
const MAX_ROOM_BYTES = 200 * 1024 * 1024
const ROOM = /^[A-Za-z0-9]{32,64}$/

function options (argv) {
  const found = { port: 1234, host: '127.0.0.1', token: null, publicUrl: null, stdin: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      const next = argv[++i]
      if (next === undefined) fail(`${arg} needs a value`)
      return next
    }
    if (arg === '--port') found.port = Number.parseInt(value(), 10)
    else if (arg === '--lan') found.host = '0.0.0.0'
    else if (arg === '--token') found.token = value()
    else if (arg === '--public-url') found.publicUrl = value()
    else if (arg === '--stop-with-stdin') found.stdin = true
    else if (arg === '--help') {
      console.log('node relay/server.mjs [--port 1234] [--lan] [--token SECRET] [--public-url URL] [--stop-with-stdin]')
      process.exit(0)
    } else fail(`unknown option ${arg}`)
  }
  if (!Number.isInteger(found.port) || found.port < 0 || found.port > 65535) {
    fail('--port needs a number from 0 to 65535')
  }
  if (found.publicUrl !== null && !/^wss?:\/\/[A-Za-z0-9.:[\]-]+\/?$/.test(found.publicUrl)) {
    fail('--public-url needs an address like ws://relay.example.org:1234, with no path')
  }
  return found
}

function fail (message) {
  console.error(`relay: ${message}`)
  process.exit(2)
}

const settings = options(process.argv.slice(2))

// The participant page: plain HTML, and its script bundled from the npm packages at start.
const here = new URL('.', import.meta.url)
const page = readFileSync(new URL('participant/index.html', here))
const bundle = await build({
  entryPoints: [new URL('participant/page.mjs', here).pathname],
  bundle: true,
  write: false,
  format: 'esm',
  minify: true,
  logLevel: 'silent'
})
const script = bundle.outputFiles[0].contents
const received = new Map() // room → bytes taken in

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://relay')
  const send = (status, type, body) => {
    response.writeHead(status, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff'
    })
    response.end(body)
  }
  const [first, room] = url.pathname.split('/').filter(Boolean)
  if (first === 'join' && ROOM.test(room ?? '')) {
    send(200, 'text/html; charset=utf-8', page)
  } else if (url.pathname === '/participant.js') {
    send(200, 'text/javascript; charset=utf-8', script)
  } else if (url.pathname === '/') {
    send(200, 'text/plain; charset=utf-8', 'Civic Canvas relay\n')
  } else {
    send(404, 'text/plain; charset=utf-8', 'Not found\n')
  }
})

const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
if (settings.publicUrl !== null) {
  const address = settings.publicUrl.replace(/\/$/, '')
  sockets.on('headers', (headers) => headers.push(`X-Civic-Canvas-Public-Url: ${address}`))
}

server.on('upgrade', (request, socket, head) => {
  const url = new URL(request.url ?? '/', 'http://relay')
  const room = url.pathname.slice(1)
  const refuse = (status, why) => {
    socket.write(`HTTP/1.1 ${status} ${why}\r\nConnection: close\r\n\r\n`)
    socket.destroy()
  }
  if (!ROOM.test(room)) return refuse(404, 'No such room')
  if (settings.token !== null && url.searchParams.get('token') !== settings.token) {
    return refuse(401, 'Token required')
  }
  sockets.handleUpgrade(request, socket, head, (connection) => {
    // A client's own change is not sent back to it. The standard relay sends each change to
    // every connection, the one it came from included: for a board just shared, the whole
    // board again, which the app would read through for nothing. The change is taken in
    // synchronously while its message is handled, so what is sent meanwhile is the echo.
    let handling = false
    const send = connection.send.bind(connection)
    connection.send = (message, ...rest) => {
      const update = message[0] === 0 && message[1] === 2 // messageSync, messageYjsUpdate
      if (handling && update) {
        const done = rest.find((arg) => typeof arg === 'function')
        if (done) done(null)
        return
      }
      send(message, ...rest)
    }
    connection.on('message', (data) => {
      const total = (received.get(room) ?? 0) + data.length
      received.set(room, total)
      if (total > MAX_ROOM_BYTES) {
        connection.close(1009, 'The board is larger than 200 MB')
      }
      handling = true
      queueMicrotask(() => { handling = false })
    })
    setupWSConnection(connection, request, { docName: room })
  })
})

server.listen(settings.port, settings.host, () => {
  const { port } = server.address()
  const host = settings.host === '0.0.0.0' ? '0.0.0.0' : '127.0.0.1'
  console.log(`relay listening on ws://${host}:${port}`)
  if (settings.publicUrl !== null) console.error(`relay: join links name ${settings.publicUrl}`)
})

function stop () {
  sockets.clients.forEach((client) => client.terminate())
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 500).unref()
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, stop)
if (settings.stdin) {
  process.stdin.on('end', stop)
  process.stdin.on('error', stop)
  process.stdin.resume()
}
