import { test, expect } from '@playwright/test';
test('smoke', async ({ page }) => {
  const logs: string[] = [];
  page.on('console', m => logs.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', e => logs.push(`pageerror: ${e.message}`));
  await page.goto('/playground?order=shuffled&std=0.01&epochs=1');
  await expect(page.getByTestId('data-progress')).toHaveAttribute('aria-valuenow', '100', { timeout: 60000 });
  await expect(page.getByTestId('backend')).not.toHaveText('starting…');
  console.log('backend', await page.getByTestId('backend').textContent(), await page.getByTestId('backend-label').textContent());
  await page.screenshot({ path: 'test-results/smoke-before.png', fullPage: true });
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 60000 });
  console.log('acc', await page.getByTestId('valid-accuracy').textContent());
  await page.screenshot({ path: 'test-results/smoke-after.png', fullPage: true });
  console.log(logs.join('\n'));
});
