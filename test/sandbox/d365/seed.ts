/**
 * Seed data: two legal entities (`usmf` default, `demf`), a handful of currencies (deliberately not
 * every ISO code: e.g. `JPY`, `AUD`, `CHF` are unknown), customer groups, the catalogue's released
 * products and variants (test/sandbox/catalog.ts, `mappedInFo` ones only) in both companies, a
 * web-guest customer (with the company's sales tax group; products carry a taxable item sales tax
 * group: tax.ts), and an active default dimension integration format.
 */
import { foReleasedProducts, foReleasedProductVariants } from '../catalog';

/** Service items for order charges (shipping, handling). */
export const FO_CHARGE_ITEMS = [
	{ ItemNumber: 'SHIPPING', ProductName: 'Shipping and handling' },
	{ ItemNumber: 'GIFTWRAP', ProductName: 'Gift wrapping' },
	// The tax-liability item of "BigCommerce's tax as posted" (its sales account: sales tax payable).
	{ ItemNumber: 'SALESTAX', ProductName: 'Sales tax charged by the store' },
];
import { seedCompanySetup } from './companySetupSeed';
import type { D365Store } from './store';
import type { D365Switches } from './switches';
import { SEED_TAX_DEFAULTS } from './tax';

export const SEED_COMPANIES = [
	{ id: 'usmf', name: 'Contoso Entertainment System USA', currency: 'USD', country: 'USA' },
	{ id: 'demf', name: 'Contoso Entertainment System Germany', currency: 'EUR', country: 'DEU' },
];
export const SEED_CURRENCIES = [
	['USD', 'US Dollar', '$'],
	['EUR', 'Euro', '€'],
	['GBP', 'Pound Sterling', '£'],
	['CAD', 'Canadian Dollar', '$'],
] as const;
export const SEED_CUSTOMER_GROUPS = [
	['10', 'Wholesale customers'],
	['30', 'Retail customers'],
	['WEB', 'Web shop customers'],
] as const;
export const WEB_GUEST_CUSTOMER = 'WEB-GUEST';

export function seedStore(store: D365Store, _switches: D365Switches): void {
	for (const [code, name, symbol] of SEED_CURRENCIES) {
		store.seed('Currencies', {
			CurrencyCode: code,
			Name: name,
			Symbol: symbol,
			GeneralRoundingRule: 0.01,
			RoundingRuleSalesOrders: 0.01,
			RoundingRulePrices: 0.01,
		});
	}
	store.seed('DimensionIntegrationFormats', {
		DimensionFormatName: 'Default dimension format',
		DimensionFormatType: 'DataEntityDefaultDimensionFormat',
		FinancialDimensionFormat: 'BusinessUnit-CostCenter-Department',
		IsActive: 'Yes',
	});
	store.seed('DimensionIntegrationFormats', {
		DimensionFormatName: 'Ledger dimension format',
		DimensionFormatType: 'DataEntityLedgerDimensionFormat',
		FinancialDimensionFormat: 'MainAccount-BusinessUnit-CostCenter-Department',
		IsActive: 'Yes',
	});
	for (const company of SEED_COMPANIES) {
		// Tax (tax.ts): products and charge items are taxable; the web guest and the WEB customer group
		// have the company's group.
		const tax = SEED_TAX_DEFAULTS[company.id];
		store.seed('LegalEntities', {
			LegalEntityId: company.id,
			Name: company.name,
			AddressCountryRegionId: company.country,
		});
		seedCompanySetup(store, company.id);
		for (const [id, description] of SEED_CUSTOMER_GROUPS) {
			store.seed('CustomerGroups', {
				dataAreaId: company.id,
				CustomerGroupId: id,
				Description: description,
				PaymentTermId: 'Net30',
				// The web shop's buyers take the company's sales tax group, as a merchant whose F&O
				// calculates tax sets it up (a new customer inherits its group's TaxGroupId).
				...(id === 'WEB' ? { TaxGroupId: tax.guestGroup } : {}),
			});
		}
		store.seed('CustomersV3', {
			dataAreaId: company.id,
			CustomerAccount: WEB_GUEST_CUSTOMER,
			OrganizationName: 'Web shop guest',
			PartyType: 'Organization',
			CustomerGroupId: 'WEB',
			SalesCurrencyCode: company.currency,
			LanguageId: company.id === 'demf' ? 'de' : 'en-US',
			AddressCountryRegionId: company.country,
			PartyNumber: company.id === 'demf' ? '000002001' : '000001001',
			SalesTaxGroup: tax.guestGroup,
		});
		for (const p of foReleasedProducts()) {
			store.seed('ReleasedProductsV2', {
				dataAreaId: company.id,
				ItemNumber: p.ItemNumber,
				ProductNumber: p.ItemNumber,
				ProductName: p.ProductName,
				SearchName: p.ItemNumber,
				SalesPrice: p.SalesPrice,
				SalesUnitSymbol: 'ea',
				InventoryUnitSymbol: 'ea',
				PurchaseUnitSymbol: 'ea',
				ProductType: 'Item',
				ProductSubType: p.isProductMaster ? 'ProductMaster' : 'Product',
				ProductDimensionGroupName: p.isProductMaster ? 'SizeColStyle' : '',
				SalesSalesTaxItemGroupCode: tax.itemGroup,
			});
		}
		// Non-stock service items a web-shop setup releases for charges: sales order lines carry
		// shipping and handling on them (the pack's "shipping charge item").
		for (const charge of FO_CHARGE_ITEMS) {
			store.seed('ReleasedProductsV2', {
				dataAreaId: company.id,
				ItemNumber: charge.ItemNumber,
				ProductNumber: charge.ItemNumber,
				ProductName: charge.ProductName,
				SearchName: charge.ItemNumber,
				SalesPrice: 0,
				SalesUnitSymbol: 'ea',
				InventoryUnitSymbol: 'ea',
				PurchaseUnitSymbol: 'ea',
				ProductType: 'Service',
				ProductSubType: 'Product',
				ProductDimensionGroupName: '',
				SalesSalesTaxItemGroupCode: tax.itemGroup,
			});
		}
		for (const v of foReleasedProductVariants()) {
			store.seed('ReleasedProductVariantsV2', {
				dataAreaId: company.id,
				ProductMasterNumber: v.ProductMasterNumber,
				ItemNumber: v.ItemNumber,
				ProductVariantNumber: v.ProductVariantNumber,
				ProductSizeId: v.ProductSizeId,
				ProductColorId: v.ProductColorId,
				ProductStyleId: v.ProductStyleId,
				ProductConfigurationId: v.ProductConfigurationId,
				ProductVersionId: v.ProductVersionId,
				ProductName: v.ProductVariantNumber,
				ProductSearchName: v.ProductVariantNumber,
			});
		}
	}
}
