/** Whether a v3 list has another page. */
import { v3HasNextPage } from '../../../../nodes/BigCommerce/api/paging';

describe('v3HasNextPage', () => {
	it('follows total_pages', () => {
		expect(v3HasNextPage({ pagination: { current_page: 1, total_pages: 3 } }, 1, 50, 50)).toBe(
			true,
		);
		expect(v3HasNextPage({ pagination: { current_page: 3, total_pages: 3 } }, 3, 10, 50)).toBe(
			false,
		);
	});

	it('falls back to links.next without total_pages', () => {
		expect(
			v3HasNextPage(
				{ pagination: { current_page: 1, links: { next: '?page=2&limit=5' } } },
				1,
				5,
				5,
			),
		).toBe(true);
		expect(v3HasNextPage({ pagination: { current_page: 2, links: {} } }, 2, 5, 5)).toBe(false);
	});

	it('without pagination meta, a full page may have a successor; a short one does not', () => {
		expect(v3HasNextPage({}, 1, 50, 50)).toBe(true);
		expect(v3HasNextPage({}, 1, 49, 50)).toBe(false);
		expect(v3HasNextPage(undefined, 1, 3, null)).toBe(false);
	});
});
