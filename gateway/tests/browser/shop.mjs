// Drives the shop's pages in Debian's chromium, one step of a person's journey per run, for
// gateway/tests/browser.rs:
//
//   node shop.mjs STEP BASE VIEWPORT SHOTS EMAIL PASSWORD [TAP_PATH]
//
// STEP is `buy` (search, add two products to the cart, check out), `ship` (the seller marks
// the order shipped) or `claim` (the buyer opens the tag's URL, sees it genuine and claims the
// item). VIEWPORT is `phone` or `desktop`; screenshots of each page go to SHOTS. Exits 1 with
// the reason when a page does not do what a person expects of it.
import { chromium } from 'playwright-core';

const [step, base, viewport, shots, email, password, tap] = process.argv.slice(2);
const sizes = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };
if (!sizes[viewport]) throw new Error(`viewport is phone or desktop, not ${viewport}`);

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		'--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: sizes[viewport], locale: 'zh-CN' });
const page = await context.newPage();
page.setDefaultTimeout(30_000);

const shot = (name) =>
	page.screenshot({ path: `${shots}/${viewport}-${name}.jpg`, type: 'jpeg', quality: 70, fullPage: true });

function expect(condition, message) {
	if (!condition) throw new Error(message);
}

// The page's HTML once it has loaded (a form's script may be reloading it right now).
async function html() {
	for (;;) {
		try {
			await page.waitForLoadState('load');
			return await page.content();
		} catch (error) {
			if (!String(error.message).includes('navigating')) throw error;
		}
	}
}

// Waits for `text` on the page, reloading it (the server records chain outcomes as they come).
async function eventually(text, limitMs) {
	const deadline = Date.now() + limitMs;
	for (;;) {
		if ((await html()).includes(text)) return;
		expect(Date.now() < deadline, `"${text}" never appeared on ${page.url()}`);
		await page.waitForTimeout(1_000);
		await page.reload();
	}
}

async function logIn() {
	await page.goto(`${base}/login`);
	const form = page.locator('form[data-api="/api/session"]');
	await form.getByLabel('邮箱 E-mail').fill(email);
	await form.getByLabel('密码 Password').fill(password);
	// Keyboard only: Enter submits the form.
	await form.getByLabel('密码 Password').press('Enter');
	await page.waitForURL(`${base}/shop`);
}

async function addToCart(query, title, name) {
	const search = page.getByRole('search').getByLabel('搜索 Search');
	await search.fill(query);
	await search.press('Enter');
	await page.waitForURL(/\/shop\/search/);
	await page.getByRole('link', { name: title }).click();
	await page.waitForURL(/\/shop\/p\//);
	expect(await page.getByText('链上存证 Registered on chain').isVisible(), 'no authenticity badge');
	await shot(`item-${name}`);
	await page.getByRole('button', { name: '加入购物车 Add to cart' }).click();
	await page.waitForURL(`${base}/shop/cart`);
}

try {
	await logIn();
	if (step === 'buy') {
		await shot('home');
		await addToCart('茶壶', '紫砂茶壶 Clay teapot', 'teapot');
		await page.goto(`${base}/shop`);
		await addToCart('print', 'Kiln print 窑变版画', 'print');
		expect((await page.locator('tbody tr').count()) === 2, 'the cart does not hold two items');
		await page.getByLabel('收件人 Name').fill('王小明');
		await page.getByLabel('地址 Address').fill('上海市徐汇区 1 号');
		await shot('cart');
		await page.getByRole('button', { name: '付款 Pay' }).click();
		await page.waitForURL(`${base}/shop/orders`);
		await eventually('已付款 Paid', 120_000);
		await shot('orders');
	} else if (step === 'ship') {
		await page.goto(`${base}/shop/sales`);
		await shot('sales');
		const form = page.locator('form[data-api$="/ship"]').first();
		await form.getByLabel('运单号 Tracking number').fill('SF123456789CN');
		// The form's script reloads the page when the API has taken the shipment.
		await Promise.all([
			page.waitForNavigation(),
			form.getByRole('button', { name: '发货 Mark shipped' }).click(),
		]);
		await eventually('已发货 Shipped', 120_000);
		await shot('sales-shipped');
	} else if (step === 'claim') {
		await page.goto(`${base}${tap}`);
		expect((await html()).includes('真品 · Genuine'), 'the tap is not shown genuine');
		await shot('verify');
		await page.getByRole('link', { name: /认领 Just delivered to you\? Claim it/ }).click();
		await page.waitForURL(/\/shop\/claim/);
		await shot('claim');
		await page.getByRole('button', { name: '确认签收 Claim' }).click();
		await page.waitForURL(`${base}/shop/orders`);
		await eventually('已签收（碰一碰） Claimed by tap', 120_000);
		await shot('orders-claimed');
	} else {
		throw new Error(`unknown step ${step}`);
	}
} catch (error) {
	await shot(`failed-${step}`).catch(() => {});
	console.error(`${step} (${viewport}): ${error.message}`);
	process.exitCode = 1;
} finally {
	await browser.close();
}
