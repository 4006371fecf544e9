// Drives the questionnaire like a user: on each page it answers every visible question from a
// plan (or "I don't know"), fills list pages, optionally runs axe-core, and presses Continue.
import assert from 'node:assert/strict';
import { assertAccessible, focusOn } from './harness.mjs';

/**
 * plan = {
 *   lists: { env: ['Contoso CRM'], fo: [...], csu: [...], bc: [...] },
 *   answer(legend, caption) -> option label | null (null = "I don't know"),
 *   link(caption) -> environment name | null,
 * }
 */
export async function walk(page, plan, { axe = false, visited = [], stats = { screens: 0, answers: 0, typed: 0 } } = {}) {
  for (let guard = 0; guard < 150; guard++) {
    const url = page.url();
    stats.screens++;
    if (/#\/check$/.test(url)) return visited;
    visited.push(url.split('#')[1]);
    // Every step: focus moves to the new heading (Continue had it before, so this also waits for
    // the new page to be drawn), and the title names the step; both are set after the render.
    await focusOn(page, 'kh-heading');
    const heading = (await page.locator('#kh-heading').innerText()).trim();
    assert.ok((await page.title()).startsWith(heading), `title names the step at ${url}`);

    const add = page.locator('input[id^="kh-add-"]');
    if (await add.count()) {
      const slug = (await add.getAttribute('id')).replace('kh-add-', '');
      for (const name of plan.lists?.[slug] ?? []) {
        await add.fill(name);
        stats.typed++;
        await page.getByRole('button', { name: 'Add', exact: true }).click();
        await page.locator('.kh-list-name', { hasText: name }).waitFor();
      }
    }
    {
      const caption = (await page.locator('.kh-caption').innerText()).trim();
      // "Start from another item's answers": one choice, then only what differs is answered.
      const copy = page.locator('select[id^="kh-copy-"]');
      const from = (await copy.count()) ? plan.copyFrom?.(caption) : null;
      if (from) {
        await copy.selectOption({ label: from });
        await page.getByRole('button', { name: 'Copy its answers' }).click();
        await page.locator('.kh-copy-status', { hasText: from }).waitFor();
        stats.answers++;
      }
      // Answering can reveal a follow-up question, so re-count after each one.
      for (let i = 0; i < (await page.locator('fieldset.kh-fieldset').count()); i++) {
        const group = page.locator('fieldset.kh-fieldset').nth(i);
        if (await group.locator(':scope > .kh-checkboxes').count()) {
          await tick(group, plan, caption, stats);
          continue;
        }
        const legend = (await group.locator(':scope > legend').innerText()).trim();
        // A question asked beside an item of a list page is about that item.
        const item = await group.evaluate((el) => el.closest('li')?.querySelector('.kh-list-name')?.textContent);
        const about = item ? `${caption} · ${item}` : caption;
        // A plan's catch-all answer ("No") may not be an option here: then "I don't know".
        let want = plan.answer(legend, about) ?? "I don't know";
        const select = group.locator('select');
        if (await select.count()) {
          const labels = await select.locator('option').allInnerTexts();
          if (!labels.map((l) => l.trim()).includes(want)) want = fallback(want, legend);
          // An answer already there (copied from another item) isn't given again.
          if ((await select.evaluate((s) => s.selectedOptions[0]?.textContent.trim())) !== want) {
            await select.selectOption({ label: want });
            stats.answers++;
          }
        } else {
          if (!(await group.getByLabel(want, { exact: true }).count())) want = fallback(want, legend);
          const option = group.getByLabel(want, { exact: true });
          if (!(await option.isChecked())) {
            await option.check();
            stats.answers++;
          }
        }
      }
      const link = page.locator('select[id$="-linked-environment"]');
      if (await link.count()) {
        // Asked like any decisive question: a plan without an answer says "I don't know".
        const env = plan.link?.(caption) ?? "I don't know";
        if ((await link.evaluate((s) => s.selectedOptions[0]?.textContent.trim())) !== env) {
          await link.selectOption({ label: env });
          stats.answers++;
        }
      }
    }
    if (axe) await assertAccessible(page, url.split('#')[1]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForFunction((u) => location.href !== u, url);
  }
  throw new Error('the questionnaire never reached Check your answers');
}

/**
 * A "Select all that apply" group: ticks each box the plan says "Yes" to (a tick can reveal more
 * boxes, so re-count), then "I'm not sure which" when the plan doesn't know some box, or "None of
 * these" when nothing was ticked. Boxes the plan says "No" to are left clear.
 */
async function tick(group, plan, caption, stats) {
  let ticked = 0;
  let unsure = false;
  const boxes = group.locator('.kh-checkbox-input:not([id$="-none"]):not([id$="-unsure"])');
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    const id = await box.getAttribute('id');
    const label = (await group.locator(`label[for="${id}"]`).innerText()).trim();
    const want = plan.answer(label, caption);
    if (want === 'Yes') {
      if (!(await box.isChecked())) {
        await box.check();
        stats.answers++;
      }
      ticked++;
    } else if (want === null) {
      unsure = true;
    } else if (await box.isChecked()) {
      await box.uncheck();
      stats.answers++;
    }
  }
  const last = unsure ? 'unsure' : ticked ? null : 'none';
  if (last) {
    const box = group.locator(`.kh-checkbox-input[id$="-${last}"]`);
    if (!(await box.isChecked())) {
      await box.check();
      stats.answers++;
    }
  }
}

/**
 * A plan's answer that isn't an option: the catch-all "No" becomes "I don't know" (not every
 * question is yes/no); any other is a plan out of date with the wording, and fails the walk.
 */
function fallback(want, legend) {
  if (want === 'No') return "I don't know";
  throw new Error(`the plan answers "${want}" to "${legend}", which has no such option`);
}

/** A key in Azure Key Vault set up as Microsoft recommends: the plans' answers for the key page. */
export const KEY_VAULT = [
    [/Where is your key kept/, 'Azure Key Vault'],
    [/What type is the key/, 'RSA'],
    [/What size is the key/, '3072 bits'],
    [/Does the key expire/, 'No expiry date'],
    [/How do you rotate it/, 'New key version or rotation policy'],
    [/How does the policy get access/, 'Azure RBAC role'],
    [/Who administers the key vault/, "Only people who aren't Power Platform administrators"],
    [/network access/, 'Public access disabled (private endpoint), trusted Microsoft services allowed'],
];

/** Answers from a list of [legend regex, label, optional caption regex]. Unlisted: I don't know. */
export function rules(list) {
  return (legend, caption) => {
    for (const [re, label, where] of list) {
      if (re.test(legend) && (!where || where.test(caption))) return label;
    }
    return null;
  };
}
