import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { serveCoursePage } from './coursePage.ts';

const region = (where: Page | ReturnType<Page['frameLocator']>, name: string) => where.getByRole('region', { name });

test.describe('one cell, for a class', () => {
  test('a cell-only link shows that cell alone, without masthead and contents, and trains to Done', async ({
    page,
  }) => {
    await page.goto('/?cells=experiment&epochs=2&train=200');
    const experiment = region(page, 'Regularization experiment');
    await expect(experiment.getByText(/Active dataset/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('region')).toHaveCount(1);
    await expect(page.getByRole('banner')).toHaveText(/Dropout Lab\s*Open the whole notebook/);
    await expect(page.getByRole('navigation', { name: 'Contents' })).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Share this cell' })).toHaveCount(0);
    // The mask panel is shown only when the link names it.
    await expect(page.getByRole('region', { name: 'Dropout mask' })).toHaveCount(0);
    const whole = page.getByRole('link', { name: /Open the whole notebook/ });
    const href = await whole.getAttribute('href');
    expect(href).toMatch(/epochs=2/);
    expect(href).not.toMatch(/cells=/);
    expect(href).toMatch(/#cell-experiment$/);
    await expect(whole).toHaveAttribute('target', '_blank');

    await experiment.getByRole('button', { name: 'Train' }).click();
    await expect(experiment.getByRole('status')).toContainText('Done', { timeout: 90_000 });

    // The whole notebook, from the link.
    await page.goto(href!);
    await expect(page.getByRole('navigation', { name: 'Contents' })).toBeVisible();
    await expect(page.getByRole('spinbutton', { name: 'Epochs' })).toHaveValue('2');
  });

  test('settings fixed by the link cannot be changed and say so; the others can; bad values are named', async ({
    page,
  }) => {
    await page.goto('/?cells=experiment,mask&fixed=hidden,epochs,scaling,nope&epochs=2&cells=');
    const experiment = region(page, 'Regularization experiment');
    const hidden = experiment.getByRole('spinbutton', { name: 'Hidden size' });
    await expect(hidden).toBeDisabled();
    await expect(hidden).toHaveAccessibleDescription('Fixed by the link: it cannot be changed here.');
    await expect(experiment.getByRole('spinbutton', { name: 'Epochs' })).toBeDisabled();
    await expect(experiment.getByRole('spinbutton', { name: 'Epochs' })).toHaveValue('2');
    await expect(experiment.getByRole('radio', { name: 'No scaling' })).toBeDisabled();
    await expect(experiment.getByRole('group', { name: 'Scaling' })).toHaveAccessibleDescription(
      'Fixed by the link: it cannot be changed here.',
    );
    const keepProb = experiment.getByRole('slider', { name: 'Keep probability' });
    await expect(keepProb).toBeEnabled();
    await keepProb.fill('0.5');
    await expect(page).toHaveURL(/p=0\.5/);
    await expect(page).toHaveURL(/hidden=500/);
    // The bad value of the list is named; the good ones are used.
    await expect(experiment.getByRole('alert').filter({ hasText: 'fixed=nope' })).toContainText('not a setting');
  });

  test('Share this cell writes the link (mask panel, fixed settings) and an iframe snippet', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/?epochs=3');
    const experiment = region(page, 'Regularization experiment');
    await experiment.getByText('Share this cell').click();
    await experiment
      .getByRole('group', { name: /Fix these settings/ })
      .getByRole('checkbox', { name: 'Hidden size' })
      .check();
    const link = experiment.getByRole('textbox', { name: 'Link to this cell' });
    await expect(link).toHaveValue(/[?&]cells=experiment%2Cmask&fixed=hidden#cell-experiment$/);
    await expect(link).toHaveValue(/epochs=3/);
    await experiment.getByRole('button', { name: 'Copy embed code' }).click();
    await expect(experiment.getByText('Embed code copied.')).toBeVisible();
    const snippet = await page.evaluate(() => navigator.clipboard.readText());
    expect(snippet).toMatch(
      /^<iframe src="http:\/\/[^"]+cells=experiment%2Cmask&amp;fixed=hidden#cell-experiment" title="Dropout Lab: Regularization experiment"/,
    );
    await page.goto(await link.inputValue());
    await expect(page.getByRole('spinbutton', { name: 'Hidden size' })).toBeDisabled();
    await expect(page.getByRole('region', { name: 'Dropout mask' })).toHaveCount(1);
  });

  test('inside an iframe on another origin that is refused storage and the clipboard, it trains to Done and says so plainly', async ({
    page,
    context,
    baseURL,
  }) => {
    // As a browser that blocks third-party storage does: IndexedDB refuses a framed page.
    await context.addInitScript(() => {
      if (window.top === window) return;
      indexedDB.open = () => {
        const request = {} as IDBOpenDBRequest & { onerror: ((e: Event) => void) | null };
        setTimeout(() => {
          Object.defineProperty(request, 'error', {
            value: new DOMException('The user denied permission to access the database.', 'UnknownError'),
          });
          request.onerror?.(new Event('error'));
          request.dispatchEvent?.(new Event('error'));
        });
        return request;
      };
    });
    const course = await serveCoursePage(`${baseURL}/?cells=experiment,runs&epochs=2&train=200`, {
      width: 1100,
      height: 800,
    });
    await page.goto(course.url);
    const frame = page.frameLocator('iframe[title="Dropout Lab"]');
    const experiment = region(frame, 'Regularization experiment');
    await expect(experiment.getByText(/Active dataset/)).toBeVisible({ timeout: 30_000 });
    await experiment.getByRole('button', { name: 'Train' }).click();
    await expect(experiment.getByRole('status')).toContainText('Done', { timeout: 90_000 });

    const runs = region(frame, 'Runs');
    await expect(runs).toContainText('Runs are kept for this visit only');
    await expect(runs).not.toContainText('denied permission');
    await expect(runs.getByRole('table', { name: 'Saved runs' })).toBeVisible();
    const download = page.waitForEvent('download');
    await experiment.getByRole('button', { name: 'Export JSON' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.json$/);

    // The course page did not allow the clipboard (no allow="clipboard-write"): the link is selected, with a sentence.
    await experiment.getByRole('button', { name: 'Copy link' }).click();
    await expect(
      experiment.getByRole('alert').filter({ hasText: 'did not let the page use the clipboard' }),
    ).toBeVisible();
    await expect(experiment.getByRole('alert')).not.toContainText('NotAllowedError');
    const field = experiment.getByRole('textbox', { name: 'Link to these settings' });
    await expect(field).toBeFocused();
    expect(await field.evaluate((input: HTMLInputElement) => input.selectionEnd! - input.selectionStart!)).toBe(
      (await field.inputValue()).length,
    );
    await course.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe-core finds nothing in the cell-only view (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto('/?cells=experiment,mask&fixed=hidden');
      await expect(region(page, 'Regularization experiment').getByText(/Active dataset/)).toBeVisible({
        timeout: 30_000,
      });
      await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
      const result = await new AxeBuilder({ page }).analyze();
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual(
        [],
      );
    });
  }
});
