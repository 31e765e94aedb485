// The participant page: joins a board's room with the official `yjs` and `y-websocket`
// packages and posts sticky notes in the shape docs/live-schema.md describes. Each
// participant sees, edits and deletes the notes they posted from this browser, shows up in the
// room's presence (awareness) under their name, sees the frame the facilitator is showing, and,
// while the facilitator lets participants vote, gives and takes back dot votes on that frame's
// notes within the facilitator's budget.
//
// Everything that comes from the network is untrusted: it is only ever shown with
// `textContent`, and awareness states are checked field by field.

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
const awareness = provider.awareness
const items = doc.getMap('items')
const board = doc.getMap('board')
const $ = (id) => document.getElementById(id)
const mineKey = `civic-canvas/${room}/notes`
const mine = new Set(JSON.parse(localStorage.getItem(mineKey) ?? '[]'))
$('name').value = localStorage.getItem('civic-canvas/name') ?? ''

const NOTE = { w: 240, h: 200 }
const GAP = 24
/** Notes placed around the facilitator's view: this many columns, and this many slots before
 * the grid starts again (a little shifted, so notes never stack exactly). */
const GRID = { columns: 4, slots: 12, shift: 32, shifts: 6 }
/** The longest name shared, and stage title or prompt shown (as Civic Canvas reads them). */
const NAME_CHARS = 60
const STAGE_CHARS = 400
/** Presence colours: readable with white text and on a white board, and distinct. */
const COLOURS = ['#1f5fa8', '#c62828', '#2e7d32', '#6a1b9a', '#8d5524', '#ad1457', '#00796b', '#b45309']

provider.on('status', ({ status }) => {
  const live = status === 'connected'
  $('status').textContent = live ? 'Connected: your notes appear on the shared screen.' : 'Not connected: trying again…'
  $('status').className = live ? 'live' : ''
  $('send').disabled = !live
})

// --- Presence -------------------------------------------------------------------------------

/** Shows this participant in the room: `user` and `app`, nothing else (docs/live-schema.md). */
function present () {
  const name = clip($('name').value.trim(), NAME_CHARS)
  if (!name) return
  const user = { name, color: COLOURS[awareness.clientID % COLOURS.length] }
  const now = awareness.getLocalState()
  if (now?.app === 'participant-page' && now.user?.name === name && now.user?.color === user.color) return
  awareness.setLocalState({ user, app: 'participant-page' })
}

$('name').addEventListener('change', present)
$('name').addEventListener('blur', present)
// A name remembered from an earlier visit was typed by this participant: show them at once.
present()
// Leaving sends `null` (y-websocket does so only in node); coming back from the browser's
// back/forward cache shows the participant again.
addEventListener('pagehide', () => awareness.setLocalState(null))
addEventListener('pageshow', (event) => { if (event.persisted) present() })

const finite = (value) => typeof value === 'number' && Number.isFinite(value)
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The awareness states of the facilitator's Civic Canvas window, or, when there is none, of
 * every Civic Canvas window; in a stable order. */
function leads () {
  const windows = [...awareness.getStates().entries()]
    .filter(([client, state]) => client !== awareness.clientID && isObject(state) && state.app === 'civic-canvas')
    .sort(([a], [b]) => a - b)
    .map(([, state]) => state)
  const facilitators = windows.filter((state) => state.role === 'facilitator')
  return facilitators.length > 0 ? facilitators : windows
}

/** The first value `read` accepts from the lead states, or null. */
function fromLead (read) {
  for (const state of leads()) {
    const value = read(state)
    if (value !== null) return value
  }
  return null
}

function readStage (state) {
  const stage = state.stage
  if (!isObject(stage) || typeof stage.title !== 'string') return null
  return { title: stage.title, prompt: typeof stage.prompt === 'string' ? stage.prompt : '' }
}

function readView (state) {
  const view = state.view
  if (!isObject(view) || !finite(view.x) || !finite(view.y) || !finite(view.zoom) || view.zoom <= 0) return null
  return { x: view.x, y: view.y, zoom: view.zoom }
}

/** At most `most` characters (the last an ellipsis when cut), never cutting a character in two. */
function clip (text, most) {
  const chars = Array.from(text)
  return chars.length > most ? chars.slice(0, most - 1).join('') + '…' : text
}

/** The frame the facilitator is showing, under the board's name. */
function showStage () {
  const box = $('stage')
  const stage = fromLead(readStage)
  const title = stage ? clip(stage.title.replace(/\s+/g, ' ').trim(), STAGE_CHARS) : ''
  const prompt = stage ? clip(stage.prompt.trim(), STAGE_CHARS) : ''
  if (!stage || (!title && !prompt)) {
    box.replaceChildren()
    box.hidden = true
    return
  }
  const heading = document.createElement('strong')
  heading.textContent = `Now: ${title || '(untitled frame)'}`
  box.replaceChildren(heading)
  if (prompt) {
    const line = document.createElement('span')
    line.className = 'prompt'
    line.textContent = prompt
    box.append(line)
  }
  box.hidden = false
}

awareness.on('change', showStage)
showStage()

// --- Posting --------------------------------------------------------------------------------

function number (map, key) {
  const value = map.get(key)
  return finite(value) ? value : 0
}

/** Where a new note goes: the next free spot in a frame called "Inbox"; else in a grid around
 * the middle of the facilitator's view; else, with no facilitator in the room, in a column
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
  const view = fromLead(readView)
  if (view) {
    const rows = Math.ceil(GRID.slots / GRID.columns)
    const slot = posted % GRID.slots
    const shift = (Math.floor(posted / GRID.slots) % GRID.shifts) * GRID.shift
    const left = view.x - (GRID.columns * NOTE.w + (GRID.columns - 1) * GAP) / 2
    const high = view.y - (rows * NOTE.h + (rows - 1) * GAP) / 2
    return {
      x: left + (slot % GRID.columns) * (NOTE.w + GAP) + shift,
      y: high + Math.floor(slot / GRID.columns) * (NOTE.h + GAP) + shift,
      parent: null
    }
  }
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
  present()
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

// --- Editing one's notes --------------------------------------------------------------------

// Texts are compared character by character (code points, so a character made of two UTF-16
// code units is never cut in two: Yjs would keep the halves as U+FFFD); Y.Text is then changed at
// UTF-16 offsets, as it counts.

/** The one run that changed from `a` to `b` (arrays of characters): keep `at` characters,
 * delete `del`, insert `ins`. */
function splice (a, b) {
  const most = Math.min(a.length, b.length)
  let at = 0
  while (at < most && a[at] === b[at]) at++
  let end = 0
  while (end < most - at && a[a.length - 1 - end] === b[b.length - 1 - end]) end++
  return { at, del: a.length - at - end, ins: b.slice(at, b.length - end) }
}

/** What `a` and `b` (arrays of characters) have in common, as runs `[i, j, n]` (a[i..i+n] is
 * b[j..j+n]) in order, by Myers' diff; null when they differ in more than `most` places. */
function same (a, b, most = 1000) {
  const { at: head, del, ins } = splice(a, b)
  const tail = a.length - head - del
  const x = a.slice(head, head + del)
  const y = ins
  const runs = head > 0 ? [[0, 0, head]] : []
  const reach = Math.min(x.length + y.length, most)
  const off = reach + 1
  const v = new Int32Array(2 * reach + 3)
  const trace = []
  let found = false
  for (let d = 0; d <= reach && !found; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2))
    for (let k = -d; k <= d; k += 2) {
      let i = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1
      let j = i - k
      while (i < x.length && j < y.length && x[i] === y[j]) { i++; j++ }
      v[off + k] = i
      if (i >= x.length && j >= y.length) { found = true; break }
    }
  }
  if (!found) return null
  const middle = []
  let i = x.length
  let j = y.length
  for (let d = trace.length - 1; d >= 0; d--) {
    const before = trace[d] // the furthest reaches after d - 1 edits, diagonal k at k + d + 1
    const k = i - j
    const back = k === -d || (k !== d && before[k - 1 + d + 1] < before[k + 1 + d + 1]) ? k + 1 : k - 1
    const fromI = before[back + d + 1]
    const fromJ = fromI - back
    const run = Math.min(i - fromI, j - fromJ) // the diagonal after the edit
    if (run > 0) middle.push([i - run + head, j - run + head, run])
    i = fromI
    j = fromJ
  }
  runs.push(...middle.reverse())
  if (tail > 0) runs.push([a.length - tail, b.length - tail, tail])
  return runs
}

/** Where character `p` of the first text is in the second, or -1 when the second lost it. */
function image (runs, p) {
  for (const [i, j, n] of runs) if (i <= p && p < i + n) return j + (p - i)
  return -1
}

/** In the second text: after the last character both have, of those before `p` in the first. */
function leftOf (runs, p) {
  let at = 0
  for (const [i, j, n] of runs) {
    if (i >= p) break
    at = j + Math.min(n, p - i)
  }
  return at
}

/** In the second text: before the first character both have, of those from `p` on in the first. */
function rightOf (runs, p, length) {
  for (const [i, j, n] of runs) if (i + n > p) return j + Math.max(0, p - i)
  return length
}

/** Changes `text` from `base` (the note as the participant saw it) to `wanted` with one splice,
 * keeping what others changed meanwhile elsewhere in the note. Where both changed the same
 * words, the participant's version wins there. */
function save (text, base, wanted) {
  const from = Array.from(base)
  const ours = splice(from, Array.from(wanted))
  if (ours.del === 0 && ours.ins.length === 0) return
  const now = Array.from(text.toString())
  const runs = same(from, now)
  let change
  if (runs === null) {
    change = splice(now, Array.from(wanted))
  } else {
    // The participant's change, moved to where its characters now are. Where others changed
    // characters it changes too, it takes in their change; what they added just before or
    // just after it stays.
    const first = image(runs, ours.at)
    const at = first >= 0 ? first : leftOf(runs, ours.at)
    const last = ours.del === 0 ? -1 : image(runs, ours.at + ours.del - 1)
    const end = ours.del === 0 ? at : Math.max(at, last >= 0 ? last + 1 : rightOf(runs, ours.at + ours.del, now.length))
    change = { at, del: end - at, ins: ours.ins }
  }
  if (change.del === 0 && change.ins.length === 0) return
  const at = now.slice(0, change.at).join('').length
  const del = now.slice(change.at, change.at + change.del).join('').length
  const ins = change.ins.join('')
  doc.transact(() => {
    if (del > 0) text.delete(at, del)
    if (ins !== '') text.insert(at, ins)
  })
}

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
    // What the participant edits from (as the textarea holds it).
    let base = area.value
    const row = document.createElement('div')
    row.className = 'row'
    const saveButton = document.createElement('button')
    saveButton.textContent = 'Save'
    saveButton.className = 'quiet'
    saveButton.addEventListener('click', () => {
      const current = note.get('text')
      if (!(current instanceof Y.Text)) return
      save(current, base, area.value)
      // Show the note as it now is, with what others changed meanwhile.
      const now = current.toString()
      if (area.value !== now) area.value = now
      base = area.value
    })
    const remove = document.createElement('button')
    remove.textContent = 'Delete'
    remove.className = 'quiet'
    remove.addEventListener('click', () => {
      items.delete(id)
      mine.delete(id)
      localStorage.setItem(mineKey, JSON.stringify([...mine]))
      // The focus is on this button, so show() leaves the list alone: take the note out here.
      li.remove()
      show()
    })
    row.append(saveButton, remove)
    li.append(area, row)
    list.append(li)
  }
}

items.observeDeep(show)
board.observeDeep(show)
show()

// --- Dot voting -----------------------------------------------------------------------------

// A note's `votes` is a Y.Map from voter to a whole number of votes; this participant changes
// only their own key, and deletes it when they take all their votes back (docs/live-schema.md).

/** The most votes one voter can give one note, and the longest voter name (as Civic Canvas
 * reads them); the longest note text shown. */
const MAX_VOTES = 99
const VOTER_CHARS = 100
const NOTE_CHARS = 600
/** Note fills, as on the board (src/ui/theme.rs), so participants find the note on the screen. */
const FILLS = {
  Yellow: '#ffe97a', Orange: '#ffc48a', Red: '#ffa3a3', Pink: '#ffbce0', Purple: '#d9c6ff',
  Blue: '#a9d4ff', Teal: '#95e3d8', Green: '#bbe998', Grey: '#dcdde0', White: '#ffffff'
}

/** This browser's voter id: 4 base-36 characters, made once and kept, so a reload (or a new
 * tab) votes as the same person. */
const voterId = (() => {
  const key = 'civic-canvas/voter'
  const kept = localStorage.getItem(key)
  if (kept !== null && /^[0-9a-z]{4}$/.test(kept)) return kept
  const made = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => (b % 36).toString(36)).join('')
  localStorage.setItem(key, made)
  return made
})()

/** The key this participant's votes go under: `name (id)`; null until they give a name. */
function voterKey () {
  const name = clip($('name').value.replace(/\s+/g, ' ').trim(), NAME_CHARS)
  return name ? `${name} (${voterId})` : null
}

/** Voting as the facilitator's window shares it: `{ budget, hidden, stage }` (stage: the id
 * of the frame shown, or null for the whole board); null while voting is closed. */
function readVoting (state) {
  const voting = state.voting
  if (state.role !== 'facilitator' || !isObject(voting)) return null
  if (!Number.isInteger(voting.budget) || voting.budget < 0) return null
  const stage = isObject(state.stage) && typeof state.stage.id === 'string' ? state.stage.id : null
  return { budget: Math.min(voting.budget, MAX_VOTES), hidden: voting.hidden === true, stage }
}

/** A count as Civic Canvas reads it: a whole number from 1 to 99, else none (0). */
const count = (value) => Number.isInteger(value) && value >= 1 && value <= MAX_VOTES ? value : 0

/** A note's votes as [voter, value] pairs: from its Y.Map, or from a plain object another
 * client wrote there (Civic Canvas reads that too); none from anything else. */
function ballots (note) {
  const votes = note.get('votes')
  if (votes instanceof Y.Map) return [...votes.entries()]
  if (isObject(votes) && Object.getPrototypeOf(votes) === Object.prototype) return Object.entries(votes)
  return []
}

const usableVoter = (voter) => {
  const chars = Array.from(voter).length
  return chars >= 1 && chars <= VOTER_CHARS && !/[\r\n]/.test(voter)
}

/** How many votes `voter` gave `note`. */
function votesBy (note, voter) {
  const found = ballots(note).find(([name]) => name === voter)
  return found ? count(found[1]) : 0
}

/** All the votes `note` has, from everyone. */
function totalVotes (note) {
  return ballots(note).reduce((sum, [voter, value]) => sum + (usableVoter(voter) ? count(value) : 0), 0)
}

const isNote = (item) => item instanceof Y.Map && item.get('kind') === 'Note'

/** Whether `note` is in the frame `stage` (or in a cluster frame inside it); every note is
 * when no stage is named. */
function inStage (note, stage) {
  if (stage === null) return true
  const parent = note.get('parent')
  if (typeof parent !== 'string') return false
  if (parent === stage) return true
  const frame = items.get(parent)
  return frame instanceof Y.Map && frame.get('kind') === 'Frame' && frame.get('parent') === stage
}

/** How many votes `voter` has given over the whole board. */
function votesUsed (voter) {
  let used = 0
  items.forEach((item) => { if (isNote(item)) used += votesBy(item, voter) })
  return used
}

/** Gives (`change` 1) or takes back (-1) one vote on note `id`, if the budget allows. */
function vote (id, change) {
  const voting = fromLead(readVoting)
  const voter = voterKey()
  const note = items.get(id)
  if (!voting || !voter || !isNote(note)) return
  const now = votesBy(note, voter)
  const next = now + change
  if (next < 0 || next > MAX_VOTES) return
  if (change > 0 && votesUsed(voter) + change > voting.budget) return
  localStorage.setItem('civic-canvas/name', $('name').value.trim())
  present()
  doc.transact(() => {
    let votes = note.get('votes')
    if (!(votes instanceof Y.Map)) {
      // No votes yet, or something that is not a map: a fresh map, keeping the readable votes
      // of a plain object so nobody else's are lost.
      const kept = ballots(note).filter(([name, value]) => name !== voter && usableVoter(name) && count(value) > 0)
      votes = note.set('votes', new Y.Map())
      for (const [name, value] of kept) votes.set(name, value)
    }
    if (next === 0) votes.delete(voter)
    else votes.set(voter, next)
  })
}

/** The ballot's rows by note id, kept while the note is shown, so a live update never takes
 * the focus from a button. */
const rows = new Map()
let rowsMade = 0

/** Sets an element's text only when it differs (no needless announcements or layout). */
function put (element, text) {
  if (element.textContent !== text) element.textContent = text
}

function voteButton (label, tip, onClick, describedBy) {
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'quiet'
  button.textContent = label
  button.title = tip
  button.setAttribute('aria-label', tip)
  button.setAttribute('aria-describedby', describedBy)
  button.addEventListener('click', onClick)
  return button
}

function ballotRow (id) {
  let row = rows.get(id)
  if (row) return row
  const li = document.createElement('li')
  const text = document.createElement('p')
  text.className = 'text'
  text.id = `ballot-note-${++rowsMade}`
  const controls = document.createElement('div')
  controls.className = 'controls'
  const minus = voteButton('\u2212', 'Take a vote back', () => vote(id, -1), text.id)
  const mine = document.createElement('span')
  mine.className = 'mine'
  const plus = voteButton('+', 'Give a vote', () => vote(id, 1), text.id)
  const total = document.createElement('span')
  total.className = 'total'
  controls.append(minus, mine, plus, total)
  li.append(text, controls)
  row = { li, text, mine, total, minus, plus }
  rows.set(id, row)
  return row
}

function showVoting () {
  const voting = fromLead(readVoting)
  const list = $('ballot')
  const hint = $('voting-hint')
  $('voting').classList.toggle('open', voting !== null)
  if (!voting) {
    put($('votes-left'), 'Voting is closed')
    hint.hidden = true
    rows.clear()
    list.replaceChildren()
    return
  }
  const voter = voterKey()
  const used = voter ? votesUsed(voter) : 0
  const left = Math.max(0, voting.budget - used)
  put($('votes-left'), `Votes left: ${left} of ${voting.budget}`)
  const notes = []
  items.forEach((item, id) => { if (isNote(item) && inStage(item, voting.stage)) notes.push({ id, item }) })
  // In reading order on the board: top to bottom, then left to right.
  notes.sort((a, b) => number(a.item, 'y') - number(b.item, 'y') || number(a.item, 'x') - number(b.item, 'x') || (a.id < b.id ? -1 : 1))
  const hints = []
  if (!voter) hints.push('Type your name above to vote.')
  if (used > voting.budget) hints.push(`You have given ${used} votes, more than the ${voting.budget} allowed now: take some back.`)
  if (voting.hidden) hints.push('Totals are hidden until the facilitator reveals them.')
  if (notes.length === 0) hints.push('There are no notes to vote on here yet.')
  put(hint, hints.join(' '))
  hint.hidden = hints.length === 0
  const shown = new Set()
  for (const { id, item } of notes) {
    shown.add(id)
    const row = ballotRow(id)
    const text = item.get('text')
    put(row.text, text instanceof Y.Text ? clip(text.toString().trim(), NOTE_CHARS) || '(empty note)' : '(empty note)')
    const color = item.get('color')
    row.text.style.background = (typeof color === 'string' && Object.hasOwn(FILLS, color)) ? FILLS[color] : FILLS.Yellow
    const mine = voter ? votesBy(item, voter) : 0
    put(row.mine, `Your votes: ${mine}`)
    row.minus.disabled = mine === 0
    row.plus.disabled = !voter || left === 0 || mine >= MAX_VOTES
    const total = totalVotes(item)
    put(row.total, voting.hidden ? '' : `Total: ${total} ${total === 1 ? 'vote' : 'votes'}`)
    row.total.hidden = voting.hidden
  }
  for (const id of [...rows.keys()]) if (!shown.has(id)) rows.delete(id)
  // Put the rows in order, moving only when it changed, and keep the focus where it was.
  const order = notes.map(({ id }) => rows.get(id).li)
  if (order.length !== list.children.length || order.some((li, i) => list.children[i] !== li)) {
    const focused = list.contains(document.activeElement) ? document.activeElement : null
    list.replaceChildren(...order)
    if (focused && focused.isConnected) focused.focus()
  }
}

items.observeDeep(showVoting)
awareness.on('change', showVoting)
$('name').addEventListener('input', showVoting)
showVoting()
