// The shop's one script: a form with `data-api` is sent as JSON to that API path (method
// `data-method`, default POST) with the session's CSRF token; on success the page goes to
// `data-next`, or reloads; on failure the form's status line shows the API's message.
document.addEventListener('submit', async (event) => {
	const form = event.target.closest('form[data-api]');
	if (!form) return;
	event.preventDefault();
	const body = {};
	for (const [name, value] of new FormData(form)) {
		if (value === '') continue;
		body[name] = form.elements[name].dataset.type === 'number' ? Number(value) : value;
	}
	const headers = { 'content-type': 'application/json' };
	const csrf = document.querySelector('meta[name=csrf]');
	if (csrf) headers['x-csrf-token'] = csrf.content;
	const status = form.querySelector('[role=status]');
	const button = form.querySelector('button');
	button.disabled = true;
	status.textContent = '…';
	try {
		const response = await fetch(form.dataset.api, {
			method: form.dataset.method || 'POST',
			headers,
			body: JSON.stringify(body),
			credentials: 'same-origin',
		});
		const answer = await response.json().catch(() => ({}));
		if (!response.ok) {
			status.textContent = answer.message || response.statusText;
			status.className = 'error';
			return;
		}
		status.textContent = '✓';
		if (form.dataset.next) location.assign(form.dataset.next);
		else location.reload();
	} finally {
		button.disabled = false;
	}
});
