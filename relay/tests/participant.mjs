// Drives the participant page in a real Chromium (the system's, never one downloaded by npm)
// with playwright-core: opens the page, posts a note, then edits it; with a SECOND text, also
// posts a second note and deletes it; with TWICE and ONCE (texts of notes in the stage the
// facilitator shows, with voting open and a budget of 3), gives two votes to the first and one
// to the second, then tries a fourth. Prints what the page showed as JSON:
//   { "board": the board line, "stage": the facilitator's stage as shown ("" when none),
//     "deleted": true when the second note was posted and deleted,
//     "votesLeft": the votes left after the three, "plusDisabled": true when every "Give a
//     vote" button was then disabled, "refused": true when a fourth vote, clicked anyway (the
//     button enabled by hand), changed nothing, "total": the total shown on TWICE }
// Used by tests/live_relay.rs.
//
//   node relay/tests/participant.mjs http://127.0.0.1:PORT/join/ROOM NAME TEXT EDITED [SECOND [TWICE ONCE]]

import { chromium } from 'playwright-core'

const [url, name, text, edited, second, twice, once] = process.argv.slice(2)
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
  if (twice !== undefined && once !== undefined) {
    const left = async () => Number(/Votes left: (\d+) of/.exec(await page.locator('#votes-left').textContent())?.[1])
    await page.getByText(/^Votes left: 3 of 3$/).waitFor()
    const row = (note) => page.locator('#ballot li').filter({ has: page.getByText(note, { exact: true }) })
    const give = (note) => row(note).getByRole('button', { name: 'Give a vote' })
    for (const note of [twice, twice, once]) await sent(() => give(note).click())
    await row(twice).getByText('Your votes: 2').waitFor()
    shown.votesLeft = await left()
    const pluses = page.getByRole('button', { name: 'Give a vote' })
    shown.plusDisabled = (await pluses.count()) > 0 &&
      (await pluses.evaluateAll((buttons) => buttons.every((button) => button.disabled)))
    // A fourth vote, clicked anyway: the page must refuse it.
    await give(once).evaluate((button) => { button.disabled = false; button.click() })
    shown.refused = await left() === 0 && await row(once).getByText('Your votes: 1').count() === 1
    shown.total = (await row(twice).locator('.total').textContent()).trim()
  }
  console.log(JSON.stringify(shown))
} finally {
  await browser.close()
}
