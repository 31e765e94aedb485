// A Yjs client that is not Civic Canvas, for checking that others can take part in a live
// session: it joins a room with the official `yjs` and `y-websocket` packages, prints the texts
// of the notes on the board as JSON, adds a note of its own in the shape docs/live-schema.md
// describes, and quits once the relay has it.
//
//   node relay/tools/third-party-client.mjs ws://127.0.0.1:PORT ROOM "note text"

import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'

const [url, room, text] = process.argv.slice(2)
if (!url || !room || text === undefined) {
  console.error('usage: third-party-client.mjs ws://HOST:PORT ROOM "note text"')
  process.exit(2)
}
setTimeout(() => {
  console.error('the relay did not answer within 10 s')
  process.exit(1)
}, 10000).unref()

const doc = new Y.Doc()
const provider = new WebsocketProvider(url, room, doc, { WebSocketPolyfill: WebSocket, disableBc: true })

provider.once('sync', () => {
  const items = doc.getMap('items')
  const notes = []
  items.forEach((item) => {
    if (item instanceof Y.Map && item.get('kind') === 'Note') notes.push(String(item.get('text') ?? ''))
  })
  console.log(JSON.stringify({ notes: notes.sort() }))
  const id = Array.from({ length: 16 }, () => Math.floor(Math.random() * 16).toString(16)).join('')
  doc.transact(() => {
    const note = new Y.Map()
    note.set('kind', 'Note')
    note.set('x', 40)
    note.set('y', 60)
    note.set('w', 240)
    note.set('h', 200)
    note.set('z', 'a5')
    note.set('color', 'Green')
    note.set('text', new Y.Text(text))
    items.set(id, note)
  })
  // Wait until the relay has taken the note, then leave.
  const done = () => {
    if (provider.ws !== null && provider.ws.bufferedAmount === 0) {
      provider.destroy()
      process.exit(0)
    }
    setTimeout(done, 50)
  }
  setTimeout(done, 100)
})
