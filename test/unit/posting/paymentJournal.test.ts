/** Pure helpers of the payment journal header: which day, which description. */
import {
	dayIn,
	journalDescriptionFor,
} from '../../../nodes/MicrosoftDynamicsFo/posting/paymentJournal';

describe('payment journal', () => {
	it("the day is the workflow time zone's; per-run descriptions are unique", () => {
		const at = new Date('2024-03-01T23:30:00Z');
		expect(dayIn('UTC', at)).toBe('2024-03-01');
		expect(dayIn('Europe/Berlin', at)).toBe('2024-03-02');
		expect(dayIn('Not/AZone', at)).toBe('2024-03-01');
		expect(journalDescriptionFor('day', 'BC payments', 'UTC', at)).toBe('BC payments 2024-03-01');
		const a = journalDescriptionFor('run', 'BC payments', 'UTC', at);
		expect(a).toMatch(/^BC payments 2024-03-01T23:30:00Z \w+$/);
		expect(a.length).toBeLessThanOrEqual(60);
		expect(journalDescriptionFor('run', 'BC payments', 'UTC', at)).not.toBe(a);
	});
});
