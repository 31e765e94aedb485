// Drives the participant page in a real Chromium (the system's, never one downloaded by npm)
// with playwright-core: opens the page, posts a note, then edits it; with a SECOND text, also
// posts a second note and deletes it. Prints what the page showed as JSON:
//   { "board": the board line, "stage": the facilitator's stage as shown ("" when none),
//     "deleted": true when the second note was posted and deleted }
// Used by tests/live_relay.rs.
//
//   node relay/tests/participant.mjs http://127.0.0.1:PORT/join/ROOM NAME TEXT EDITED [SECOND]

import { chromium } from 'playwright-core'

const [url, name, text, edited, second] = process.argv.slice(2)
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium'
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] })
try {
  const page = await browser.newPage()
  page.setDefaultTimeout(10000)
  // The page's websocket, to wait until a change has gone out to the relay.
  let socket = null
  page.on('websocket', (ws) => { socket = ws })
  const sent = async (action) => {
    const update = (frame) => typeof frame.payload !== 'string' && frame.payload[0] === 0 && frame.payload[1] === 2
    await Promise.all([socket.waitForEvent('framesent', { predicate: update }), action()])
  }
  await page.goto(url)
  await page.getByText('Connected: your notes appear').waitFor()
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Colour').selectOption('Green')
  await page.getByLabel('Your note').fill(text)
  await page.getByRole('button', { name: 'Post note' }).click()
  const mine = page.getByLabel('Edit this note')
  await mine.waitFor()
  await mine.fill(edited)
  const save = () => page.getByRole('button', { name: 'Save' }).click()
  await (edited === text.trim() ? save() : sent(save))
  const shown = {
    board: await page.locator('#board').textContent(),
    stage: (await page.locator('#stage').innerText()).trim()
  }
  if (second !== undefined) {
    await page.getByLabel('Your note').fill(second)
    await page.getByRole('button', { name: 'Post note' }).click()
    const notes = page.locator('#mine li')
    await notes.nth(1).waitFor()
    const last = notes.last()
    if (await last.getByLabel('Edit this note').inputValue() !== second) {
      throw new Error('the second note is not last in the list')
    }
    await sent(() => last.getByRole('button', { name: 'Delete' }).click())
    await page.waitForFunction(
      (gone) => ![...document.querySelectorAll('#mine textarea')].some((area) => area.value === gone),
      second
    )
    shown.deleted = true
  }
  console.log(JSON.stringify(shown))
} finally {
  await browser.close()
}
