/**
 * The BigCommerce node's Posting Lock, for the two writes that must not run twice at once: a
 * shipment (list, compare, create — BigCommerce has no idempotency key and each shipment emails the
 * buyer) and the inventory adjustments (BigCommerce asks for one at a time). It is the F&O node's
 * Posting Lock, the same parameter and the same Redis credential, imported rather than copied: in
 * this process, or a short Redis lock per record across queue-mode workers.
 */
import type { INodeProperties } from 'n8n-workflow';

import { postingLockField } from '../../MicrosoftDynamicsFo/actions/common.descriptions';

export { postingLockOf, redisLockTest } from '../../MicrosoftDynamicsFo/actions/postingLock';

export const fulfilmentLockField: INodeProperties = {
	...postingLockField,
	displayOptions: {
		show: { resource: ['shipment', 'inventory'], operation: ['create', 'setAbsolute'] },
	},
};
