/**
 * v3 customers (customers.v3.yml): the list with its filters (ids, e-mails, names, companies,
 * groups, dates), sort, includes (addresses, attributes, form fields, store credit) and the cursor
 * pagination page 1 carries besides its page pagination.
 */
import { sendJson, type Router } from '../common/http';
import { parseFilterDate, sendV3Error } from './format';
import type { CustomerRec } from './records';
import type { V3Context } from './v3';
import { list, pageOf } from './v3Collections';

function renderCustomer(c: CustomerRec, include: string[]): Record<string, unknown> {
	const { addresses, attributes, form_fields, store_credit_amounts, ...rest } = c;
	const out: Record<string, unknown> = { ...rest };
	if (include.includes('addresses')) out.addresses = addresses;
	if (include.includes('attributes')) out.attributes = attributes;
	if (include.includes('formfields')) out.form_fields = form_fields;
	if (include.includes('storecredit')) out.store_credit_amounts = store_credit_amounts;
	return out;
}

export function registerV3CustomerRoutes(router: Router, ctx: V3Context): void {
	const { store } = ctx;
	router.add('GET', '/v3/customers', 'v3.customers', (req, res) => {
		const q = req.url.searchParams;
		let rows = [...store.customers.values()];
		const ids = list(q, 'id:in')?.map(Number);
		if (ids) rows = rows.filter((c) => ids.includes(c.id));
		const emails = list(q, 'email:in')?.map((e) => e.toLowerCase());
		if (emails) rows = rows.filter((c) => emails.includes(c.email.toLowerCase()));
		const names = list(q, 'name:in')?.map((e) => e.toLowerCase());
		if (names)
			rows = rows.filter((c) => names.includes(`${c.first_name} ${c.last_name}`.toLowerCase()));
		const like = list(q, 'name:like')?.map((e) => e.toLowerCase());
		if (like)
			rows = rows.filter((c) =>
				like.some((l) => `${c.first_name} ${c.last_name}`.toLowerCase().includes(l)),
			);
		const companies = list(q, 'company:in')?.map((e) => e.toLowerCase());
		if (companies) rows = rows.filter((c) => companies.includes(c.company.toLowerCase()));
		const groups = list(q, 'customer_group_id:in')?.map(Number);
		if (groups) rows = rows.filter((c) => groups.includes(c.customer_group_id));
		for (const field of ['date_created', 'date_modified'] as const) {
			for (const [suffix, cmp] of [
				['', (a: number, b: number) => a === b],
				[':min', (a: number, b: number) => a >= b],
				[':max', (a: number, b: number) => a <= b],
			] as const) {
				const name = `${field}${suffix}`;
				if (!q.has(name)) continue;
				const d = parseFilterDate(q.get(name) as string);
				if (!d) return sendV3Error(res, 422, `The filter ${name} is not a valid date.`);
				rows = rows.filter((c) => cmp(Date.parse(c[field]), d.getTime()));
			}
		}
		const sort = q.get('sort');
		if (sort) {
			const [field, dir] = sort.split(':');
			if (
				!['date_created', 'last_name', 'date_modified'].includes(field) ||
				!['asc', 'desc'].includes(dir)
			) {
				return sendV3Error(res, 422, 'The sort parameter is invalid.');
			}
			rows.sort((a, b) => {
				const ka = String(a[field as keyof CustomerRec]);
				const kb = String(b[field as keyof CustomerRec]);
				const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
				return dir === 'desc' ? -c : c;
			});
		} else rows.sort((a, b) => a.id - b.id);
		const page = pageOf(req, res, rows);
		if (!page) return;
		const include = list(q, 'include') ?? [];
		const meta: Record<string, unknown> = { pagination: page.pagination };
		// Page 1 carries cursor pagination too.
		if (page.pagination.current_page === 1) {
			meta.cursor_pagination = {
				count: page.data.length,
				per_page: page.pagination.per_page,
				start_cursor: page.data.length
					? Buffer.from(String(page.data[0].id)).toString('base64')
					: '',
				end_cursor: page.data.length
					? Buffer.from(String(page.data[page.data.length - 1].id)).toString('base64')
					: '',
				links: { current: page.pagination.links.current },
			};
		}
		sendJson(res, 200, {
			data: page.data.map((c) => renderCustomer(c, include)),
			meta,
		});
	});
}
