// Drives the participant page in a real Chromium (the system's, never one downloaded by npm)
// with playwright-core: opens the page, posts a note, then edits it. Prints what the page
// showed as JSON. Used by tests/live_relay.rs.
//
//   node relay/tests/participant.mjs http://127.0.0.1:PORT/join/ROOM NAME TEXT EDITED

import { chromium } from 'playwright-core'

const [url, name, text, edited] = process.argv.slice(2)
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium'
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] })
try {
  const page = await browser.newPage()
  page.setDefaultTimeout(10000)
  await page.goto(url)
  await page.getByText('Connected: your notes appear').waitFor()
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Colour').selectOption('Green')
  await page.getByLabel('Your note').fill(text)
  await page.getByRole('button', { name: 'Post note' }).click()
  const mine = page.getByLabel('Edit this note')
  await mine.waitFor()
  await mine.fill(edited)
  await page.getByRole('button', { name: 'Save' }).click()
  console.log(JSON.stringify({ board: await page.locator('#board').textContent() }))
} finally {
  await browser.close()
}
