// The pages' one script: a form with `data-api` is sent as JSON to that API path (method
// `data-method`, default POST) with the session's CSRF token; on success the page goes to
// `data-next`, or reloads; on failure the form's status line shows the API's message.
//
// Inputs may say how their value is sent (`data-type`): `number`; `units` (an amount in YJ, sent
// as the smallest unit's decimal string, exact); `yuan` (a shop price in the settlement asset,
// sent in fen, exact); `percent` (sent as basis points); `items`
// (`1-3, 5` sent as [1, 2, 3, 5]); `bool` (`true` or `false`). A file input is uploaded first (`POST /api/content`) and its
// CID sent in its place. A form with `data-wait` follows the chain transaction the API answered
// (`GET /api/tx/{tx}`) until it is final, showing its progress, before it goes on.
const UNIT_DECIMALS = 12;
const YUAN_DECIMALS = 2;

function units(text, decimals) {
	const match = /^(\d+)(?:\.(\d*))?$/.exec(text.trim());
	if (!match || (match[2] || '').length > decimals) throw new Error(`${text}: not a price`);
	const whole = match[1] + (match[2] || '').padEnd(decimals, '0');
	return whole.replace(/^0+(?=\d)/, '');
}

function items(text) {
	const out = [];
	for (const part of text.split(/[,，\s]+/).filter(Boolean)) {
		const [from, to] = part.split('-').map(Number);
		const last = to === undefined ? from : to;
		if (!Number.isInteger(from) || !Number.isInteger(last) || from < 1 || last < from || last - from > 1000)
			throw new Error(`${part}: not an item number or range`);
		for (let n = from; n <= last; n++) out.push(n);
	}
	return out;
}

function headers(type) {
	const all = { 'content-type': type };
	const csrf = document.querySelector('meta[name=csrf]');
	if (csrf) all['x-csrf-token'] = csrf.content;
	return all;
}

async function call(path, options) {
	const response = await fetch(path, { credentials: 'same-origin', ...options });
	const answer = await response.json().catch(() => ({}));
	if (!response.ok) throw new Error(answer.message || response.statusText);
	return answer;
}

async function value(input, raw) {
	switch (input.dataset.type) {
		case 'number': return Number(raw);
		case 'units': return units(raw, UNIT_DECIMALS);
		case 'yuan': return units(raw, YUAN_DECIMALS);
		case 'percent': return Math.round(Number(raw) * 100);
		case 'items': return items(raw);
		case 'bool': return raw === 'true';
	}
	if (input.type === 'checkbox') return true;
	if (input.type === 'file') {
		const stored = await call('/api/content', {
			method: 'POST', headers: headers(raw.type || 'application/octet-stream'), body: raw,
		});
		return stored.cid_v1;
	}
	return raw;
}

// Follows transaction `tx` until it is final; `show` gets its progress.
async function final(tx, show) {
	for (;;) {
		const state = await call(`/api/tx/${tx}`, {});
		if (state.status === 'finalized') return state;
		if (state.status === 'failed') throw new Error(state.detail.error);
		const { done = 0, of = 1 } = state.detail || {};
		show(done, of);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

document.addEventListener('submit', async (event) => {
	const form = event.target.closest('form[data-api]');
	if (!form) return;
	event.preventDefault();
	const status = form.querySelector('[role=status]');
	const bar = form.querySelector('progress');
	const button = form.querySelector('button');
	button.disabled = true;
	status.className = '';
	status.textContent = '…';
	try {
		const body = {};
		for (const [name, raw] of new FormData(form)) {
			if (raw === '' || (raw instanceof File && raw.size === 0)) continue;
			body[name] = await value(form.elements.namedItem(name), raw);
		}
		const answer = await call(form.dataset.api, {
			method: form.dataset.method || 'POST', headers: headers('application/json'),
			body: JSON.stringify(body),
		});
		if (form.dataset.wait !== undefined && answer.tx) {
			if (bar) bar.hidden = false;
			await final(answer.tx, (done, of) => {
				status.textContent = `上链中 On its way to the chain: ${done} / ${of}`;
				if (bar) { bar.max = of; bar.value = done; }
			});
		}
		status.textContent = '✓';
		if (form.dataset.next) location.assign(form.dataset.next);
		else location.reload();
	} catch (error) {
		status.textContent = error.message;
		status.className = 'error';
	} finally {
		button.disabled = false;
	}
});
