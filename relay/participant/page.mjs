// The participant page: joins a board's room with the official `yjs` and `y-websocket`
// packages and posts sticky notes in the shape docs/live-schema.md describes. Each
// participant sees, edits and deletes the notes they posted from this browser.

import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'

const room = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '')
const token = new URLSearchParams(location.search).get('token')
const doc = new Y.Doc()
const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
const provider = new WebsocketProvider(`${scheme}://${location.host}`, room, doc, {
  params: token ? { token } : {},
  disableBc: true
})
const items = doc.getMap('items')
const board = doc.getMap('board')
const $ = (id) => document.getElementById(id)
const mineKey = `civic-canvas/${room}/notes`
const mine = new Set(JSON.parse(localStorage.getItem(mineKey) ?? '[]'))
$('name').value = localStorage.getItem('civic-canvas/name') ?? ''

const NOTE = { w: 240, h: 200 }
const GAP = 24

provider.on('status', ({ status }) => {
  const live = status === 'connected'
  $('status').textContent = live ? 'Connected: your notes appear on the shared screen.' : 'Not connected: trying again…'
  $('status').className = live ? 'live' : ''
  $('send').disabled = !live
})

function number (map, key) {
  const value = map.get(key)
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/** Where a new note goes: the next free spot in a frame called "Inbox", or else in a column
 * right of everything on the board. */
function spot () {
  let inbox = null
  let right = 0
  let top = Infinity
  items.forEach((item, id) => {
    if (!(item instanceof Y.Map)) return
    right = Math.max(right, number(item, 'x') + number(item, 'w'))
    top = Math.min(top, number(item, 'y'))
    const title = item.get('title')
    if (item.get('kind') === 'Frame' && String(title ?? '').trim().toLowerCase() === 'inbox') {
      inbox = { id, item }
    }
  })
  if (inbox) {
    const inside = [...items.values()].filter((item) => item instanceof Y.Map && item.get('parent') === inbox.id).length
    const columns = Math.max(1, Math.floor((number(inbox.item, 'w') - GAP) / (NOTE.w + GAP)))
    return {
      x: number(inbox.item, 'x') + GAP + (inside % columns) * (NOTE.w + GAP),
      y: number(inbox.item, 'y') + 64 + Math.floor(inside / columns) * (NOTE.h + GAP),
      parent: inbox.id
    }
  }
  const posted = [...items.values()].filter((item) => item instanceof Y.Map && item.get('author') !== undefined).length
  return { x: right + 80, y: (Number.isFinite(top) ? top : 0) + posted * (NOTE.h + GAP), parent: null }
}

function newId () {
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
}

$('post').addEventListener('submit', (event) => {
  event.preventDefault()
  const name = $('name').value.trim()
  const text = $('text').value.trim()
  if (!name || !text) return
  localStorage.setItem('civic-canvas/name', name)
  const id = newId()
  const at = spot()
  doc.transact(() => {
    const note = new Y.Map()
    note.set('kind', 'Note')
    note.set('x', at.x)
    note.set('y', at.y)
    note.set('w', NOTE.w)
    note.set('h', NOTE.h)
    note.set('color', $('colour').value)
    note.set('parent', at.parent)
    note.set('author', name)
    note.set('fit_text', true)
    note.set('text', new Y.Text(text))
    items.set(id, note)
  })
  mine.add(id)
  localStorage.setItem(mineKey, JSON.stringify([...mine]))
  $('text').value = ''
  show()
})

function show () {
  const title = board.get('title')
  $('board').textContent = title ? `Board: ${title.toString()}` : 'Board: (untitled)'
  const list = $('mine')
  // Never redraw the list under someone editing one of their notes.
  if (list.contains(document.activeElement)) return
  list.replaceChildren()
  for (const id of mine) {
    const note = items.get(id)
    if (!(note instanceof Y.Map)) continue
    const text = note.get('text')
    const li = document.createElement('li')
    const area = document.createElement('textarea')
    area.value = text ? text.toString() : ''
    area.setAttribute('aria-label', 'Edit this note')
    const row = document.createElement('div')
    row.className = 'row'
    const save = document.createElement('button')
    save.textContent = 'Save'
    save.className = 'quiet'
    save.addEventListener('click', () => {
      const current = note.get('text')
      if (current instanceof Y.Text) {
        doc.transact(() => {
          current.delete(0, current.length)
          current.insert(0, area.value)
        })
      }
    })
    const remove = document.createElement('button')
    remove.textContent = 'Delete'
    remove.className = 'quiet'
    remove.addEventListener('click', () => {
      items.delete(id)
      mine.delete(id)
      localStorage.setItem(mineKey, JSON.stringify([...mine]))
      show()
    })
    row.append(save, remove)
    li.append(area, row)
    list.append(li)
  }
}

items.observeDeep(show)
board.observeDeep(show)
show()
