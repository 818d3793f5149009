import { expect, test, type Page } from '@playwright/test';

/** The focused element's role-ish description: its accessible name as a person's screen reader would start it. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    if (!e || e === document.body) return '';
    const labelled =
      e.getAttribute('aria-label') ?? (e.id ? document.querySelector(`label[for="${e.id}"]`)?.textContent : null);
    return (labelled ?? e.textContent ?? '').trim();
  });

/** Presses Tab (Shift+Tab backwards) until the focused control's name matches: the only way a keyboard user gets there. */
async function tabTo(page: Page, name: RegExp, { backwards = false, limit = 400 } = {}): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (name.test(await focusedName(page))) {
      // What has focus is visible: the style sheet's focus ring.
      expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
      return;
    }
  }
  throw new Error(`no control named ${name} within ${limit} presses of Tab`);
}

const iteration = async (page: Page) =>
  Number(
    (await page.getByRole('region', { name: 'Regularization experiment' }).getByRole('status').textContent())?.match(
      /iteration (\d+)/,
    )?.[1] ?? NaN,
  );

test('keyboard only: train, pause, step, pick a mask row, stop and export; rename and delete the run, focus returning each time', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.goto('/?epochs=400&train=200');
  const experiment = page.getByRole('region', { name: 'Regularization experiment' });
  await expect(experiment.getByText(/Active dataset/)).toBeVisible({ timeout: 30_000 });

  await tabTo(page, /^Train$/);
  await page.keyboard.press('Enter');
  await expect(experiment.getByRole('status')).toContainText('Epoch', { timeout: 30_000 });

  await tabTo(page, /^Pause$/);
  await page.keyboard.press('Enter');
  await expect(experiment.getByRole('status')).toContainText('Paused');
  await expect
    .poll(
      async () => {
        const a = await iteration(page);
        await page.waitForTimeout(700);
        return a === (await iteration(page));
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  const pausedAt = await iteration(page);

  await tabTo(page, /^Step$/);
  await page.keyboard.press('Enter');
  await expect.poll(() => iteration(page)).toBe(pausedAt + 1);

  await tabTo(page, /^Mask of iteration/);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('slider', { name: /^Mask of iteration/ })).toHaveAttribute(
    'aria-valuetext',
    /^Example 3 of \d+$/,
  );
  await expect(page.getByRole('img', { name: /^Example 3: hidden activations/ })).toBeVisible();

  await tabTo(page, /^Stop$/, { backwards: true });
  await page.keyboard.press('Enter');
  await expect(experiment.getByRole('status')).toContainText('Stopped');

  await tabTo(page, /^Export CSV$/);
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(file.suggestedFilename()).toMatch(/\.csv$/);

  // The saved run: renaming moves focus into the name field and, when saved, back to Rename.
  await tabTo(page, /^Rename /);
  await page.keyboard.press('Enter');
  const nameField = page.getByRole('textbox', { name: /^New name for / });
  await expect(nameField).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('keyboard run');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Rename keyboard run' })).toBeFocused();
  // Deleting: focus on the confirming button; Escape on Cancel goes back to Delete; confirming goes to the heading.
  await tabTo(page, /^Delete keyboard run$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Confirm deleting keyboard run' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Delete keyboard run' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Runs', level: 2 })).toBeFocused();
  await expect(page.getByRole('table', { name: 'Saved runs' })).toHaveCount(0);
});
