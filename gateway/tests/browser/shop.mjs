// Drives the pages in Debian's chromium, one step of a person's journey per run, for
// gateway/tests/browser.rs:
//
//   node shop.mjs STEP BASE VIEWPORT SHOTS EMAIL PASSWORD [EXTRA]
//
// STEP is `verify` (a creator asks to be verified, in the studio), `approve` (an institution
// approves the request in its console), `studio` (the creator registers the work in file
// EXTRA, creates a collection, mints two prints and puts them in the shop), `buy` (search, add
// two products to the cart, check out), `ship` (the seller marks the order shipped), `claim`
// (the buyer opens the tag's URL EXTRA, sees it genuine, claims the item, which settles the
// order's escrow, finds the points on the member page and exports the print to an EVM wallet
// there), `return` (the buyer asks for a return of the shipped tea pot), `receive` (the seller
// confirms the returned parcel came back: the buyer is refunded) or `refunded` (the buyer sees
// the refund). VIEWPORT is `phone` or `desktop`; screenshots of each page go to SHOTS,
// and each page is checked by axe-core against WCAG 2 A and AA. Exits 1 with the reason when a
// page does not do what a person expects of it.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';

const axe = createRequire(import.meta.url).resolve('axe-core');

const [step, base, viewport, shots, email, password, extra] = process.argv.slice(2);
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

function expect(condition, message) {
	if (!condition) throw new Error(message);
}

// Checks the page against WCAG 2 A and AA (labels, names, contrast, structure) with axe-core.
async function audit(name) {
	await page.addScriptTag({ path: axe });
	const found = await page.evaluate(() =>
		window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
	const problems = found.violations.map((v) =>
		`${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
	expect(problems.length === 0, `${name} fails WCAG:\n${problems.join('\n')}`);
	// Mobile first: nothing makes the page scroll sideways.
	const [wide, fits] = await page.evaluate(() =>
		[document.documentElement.scrollWidth, window.innerWidth]);
	expect(wide <= fits, `${name} is ${wide}px wide in a ${fits}px window`);
}

// A screenshot of the page, once it has passed the accessibility check.
async function shot(name) {
	await audit(name);
	await page.screenshot({ path: `${shots}/${viewport}-${name}.jpg`, type: 'jpeg', quality: 70, fullPage: true });
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

// Waits for an element matching `selector`, reloading (the index follows the chain).
async function until(selector, limitMs) {
	const deadline = Date.now() + limitMs;
	for (;;) {
		await html();
		if ((await page.locator(selector).count()) > 0) return page.locator(selector).first();
		expect(Date.now() < deadline, `${selector} never appeared on ${page.url()}`);
		await page.waitForTimeout(1_000);
		await page.reload();
	}
}

// Submits `form` and waits for the page the form's script goes to once the API (and the chain
// transaction it answered, for a form with data-wait) is done; fails with the form's message
// when the script reports an error instead.
async function submit(form, button) {
	const failed = form.locator('[role=status].error');
	const navigation = page.waitForNavigation({ timeout: 180_000 }).then(() => null);
	const failure = failed
		.waitFor({ timeout: 180_000 })
		.then(() => failed.textContent())
		.catch(() => null);
	await form.getByRole('button', { name: button }).click();
	const message = await Promise.race([navigation, failure]);
	if (message !== null) throw new Error(`the form answered: ${message}`);
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
	if (step === 'verify') {
		await page.goto(`${base}/studio`);
		const form = page.locator('form[data-api="/api/attestations"]');
		await form.getByLabel('真实姓名 Legal name').fill('李窑');
		await form.getByLabel('证件号码 ID number').fill('310101199001011234');
		await shot('studio-verify');
		await submit(form, '申请认证 Ask to be verified');
		expect((await html()).includes('审核中'), 'the request is not shown waiting');
	} else if (step === 'approve') {
		await page.goto(`${base}/console`);
		expect((await html()).includes('李窑'), 'the request is not in the console');
		await shot('console');
		const form = page.locator('form[data-api="/api/flows/approve_attestation"]').first();
		await form.getByLabel('认证等级 KYC level').selectOption('2');
		await submit(form, '批准 Approve');
		expect((await html()).includes('没有待处理的申请'), 'the approved request is still waiting');
	} else if (step === 'studio') {
		await page.goto(`${base}/studio`);
		await until('text=已认证 Verified', 60_000);
		const register = page.locator('form[data-api="/api/flows/register_work"]');
		await register.getByLabel('作品文件 File').setInputFiles(extra);
		await register.getByLabel('类别 Kind').selectOption('Image');
		await submit(register, '登记 Register');
		const collection = await until('form[data-api="/api/flows/create_collection"]', 60_000);
		await collection.getByLabel('版数 Editions').fill('5');
		await collection.getByLabel('转售版税 % Resale royalty %').fill('8');
		await submit(collection, '创建 Create');
		const mint = await until('form[data-api="/api/flows/mint"]', 60_000);
		await mint.getByLabel('数量 How many').fill('2');
		await submit(mint, '铸造 Mint');
		const publish = await until('form[data-api="/api/shop/products"]', 60_000);
		await publish.getByLabel('编号 Items (1-3, 5)').fill('1-2');
		await publish.getByLabel('标题 Title').fill('Kiln print 窑变版画');
		await publish.getByLabel('署名 Creator name').fill('景德镇 Kiln Li');
		await publish.getByLabel('故事 Story').fill('窑变釉色拓印。 A print of a kiln-changed glaze.');
		await publish.getByLabel('单价 (元) Price (¥)').fill('5');
		await publish.getByLabel('首页推荐 Feature on the home page').check();
		await shot('studio');
		await submit(publish, '上架 Publish');
		expect(page.url().includes('/shop/search'), `publishing went to ${page.url()}`);
	} else if (step === 'buy') {
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
		// The form's script follows the shipment on chain, then reloads the page.
		await submit(form, '发货 Mark shipped');
		await eventually('运输中 On its way', 120_000);
		await shot('sales-shipped');
		await page.goto(`${base}/studio`);
		expect((await html()).includes('最近售出 Recent sales'), 'the studio shows no sales');
		await shot('studio-sales');
	} else if (step === 'claim') {
		await page.goto(`${base}${extra}`);
		expect((await html()).includes('真品 · Genuine'), 'the tap is not shown genuine');
		await shot('verify');
		await page.getByRole('link', { name: /认领 Just delivered to you\? Claim it/ }).click();
		await page.waitForURL(/\/shop\/claim/);
		await shot('claim');
		await page.getByRole('button', { name: '确认签收 Claim' }).click();
		await page.waitForURL(`${base}/shop/orders`);
		await eventually('已签收（碰一碰） Claimed by tap', 120_000);
		await shot('orders-claimed');
		// 5 points for the print at checkout, 20 for the tea pot at the claim: a silver member.
		await page.goto(`${base}/me`);
		await until('[data-points="25"]', 60_000);
		expect((await html()).includes('银卡 Silver'), 'the member is not silver');
		await shot('member');
		// The print may go to an EVM wallet (the tea pot, a physical twin, may not): once
		// exported it is in bridge custody and leaves the member's items.
		const exports = 'form[data-api="/api/flows/export_item"]';
		expect((await page.locator(exports).count()) === 1, 'not exactly one item offers an export');
		await page.getByText('导出到以太坊钱包 Export to an EVM wallet').click();
		const exportForm = page.locator(exports);
		await exportForm.getByLabel('EVM 地址 EVM address').fill(`0x${'ab'.repeat(20)}`);
		await shot('member-export');
		await submit(exportForm, '导出 Export');
		const deadline = Date.now() + 60_000;
		while ((await page.locator(exports).count()) > 0) {
			expect(Date.now() < deadline, 'the exported print is still among the items');
			await page.waitForTimeout(1_000);
			await page.reload();
			await html();
		}
	} else if (step === 'return') {
		await page.goto(`${base}/shop/orders`);
		const form = await until('form[data-api$="/return"]', 60_000);
		expect((await html()).includes('运输中 On its way'), 'the escrow is not shown shipped');
		await shot('orders-shipped');
		await submit(form, '申请退货 Return it');
		await eventually('退货中 Return requested', 120_000);
		await shot('orders-returning');
	} else if (step === 'receive') {
		await page.goto(`${base}/shop/sales`);
		const form = await until('form[data-api$="/return-received"]', 60_000);
		await shot('sales-returning');
		await submit(form, '已收到退货 Return received: refund');
		await eventually('已退款 Refunded', 120_000);
		await shot('sales-refunded');
	} else if (step === 'refunded') {
		await page.goto(`${base}/shop/orders`);
		await eventually('已退款 Refunded', 120_000);
		await shot('orders-refunded');
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
