/**
 * Mapped payloads completed the way the posting code completes them: the mappers leave out what
 * is only known later (the customer, a refund's resolved items) and `with…` functions fill it in.
 */
import {
	mapRefund,
	withFreeTextCustomer,
	withReturnItems,
	withReturnOrderCustomer,
	type BcRefund,
	type RefundMappingOptions,
	type ResolvedItemMap,
} from '../../../nodes/MicrosoftDynamicsFo/mapping';

export function completedRefund(
	refund: BcRefund,
	options: RefundMappingOptions,
	customerAccount: string,
	resolvedItems: ResolvedItemMap,
) {
	const draft = mapRefund(refund, options);
	return {
		...draft,
		returnOrder: draft.returnOrder && {
			header: withReturnOrderCustomer(draft.returnOrder.header, customerAccount),
			lines: withReturnItems(draft.returnOrder, resolvedItems, refund),
		},
		freeTextCredit: draft.freeTextCredit && {
			header: withFreeTextCustomer(draft.freeTextCredit.header, customerAccount),
			lines: draft.freeTextCredit.lines,
		},
	};
}
