/**
 * The BigCommerce v3 customer (`GET /v3/customers` item, `customer_Full`), as the node reads it
 * and the F&O customer mapping turns it into a customer account.
 */
import type { IDataObject } from 'n8n-workflow';

export interface BcCustomerAddress {
	first_name?: string;
	last_name?: string;
	company?: string;
	address1?: string;
	address2?: string;
	city?: string;
	state_or_province?: string;
	postal_code?: string;
	country_code?: string;
	phone?: string;
	address_type?: string;
}

/** A v3 customer; addresses only with `include=addresses`. */
export interface BcCustomer extends IDataObject {
	id?: number;
	email?: string;
	first_name?: string;
	last_name?: string;
	company?: string;
	phone?: string;
	customer_group_id?: number;
	addresses?: BcCustomerAddress[];
}
