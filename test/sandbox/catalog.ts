/**
 * The SKU contract between the two halves of the sandbox: the BigCommerce store sells exactly these
 * products and variants, and F&O is seeded with the matching released products and variants.
 *
 * - A simple product's SKU is its F&O `ItemNumber`.
 * - A variant product's SKU is the F&O `ItemNumber` (and `ProductMasterNumber`) of the product master;
 *   each variant's SKU is its F&O `ProductVariantNumber`, with the size/colour/style dimension values
 *   below (`ProductSizeId`, `ProductColorId`, `ProductStyleId` in `ReleasedProductVariantsV2`).
 * - Entries with `mappedInFo: false` are deliberately missing from F&O (the "unknown SKU" cases).
 *
 * Prices are in the store's default currency (USD); other currencies use `CURRENCIES[].exchangeRate`.
 */

export interface CatalogVariant {
	/** BigCommerce variant SKU = F&O ProductVariantNumber. */
	sku: string;
	/** F&O ProductSizeId; BigCommerce option "Size". */
	size?: string;
	/** F&O ProductColorId; BigCommerce option "Color". */
	color?: string;
	/** F&O ProductStyleId; BigCommerce option "Style". */
	style?: string;
	/** Variant price in USD when it differs from the product price. */
	price?: number;
	mappedInFo: boolean;
}

export interface CatalogProduct {
	/** BigCommerce product SKU = F&O ItemNumber (of the item, or of the product master). */
	sku: string;
	name: string;
	/** Default-currency (USD) price, tax exclusive. */
	price: number;
	/** Pounds (the store's weight unit). */
	weight: number;
	brand: string;
	category: string;
	upc: string;
	variants?: CatalogVariant[];
	mappedInFo: boolean;
}

export interface CatalogCurrency {
	code: string;
	/** BigCommerce currency id. */
	id: number;
	/** Units of this currency per 1 USD. */
	exchangeRate: number;
	isDefault: boolean;
}

export const CURRENCIES: CatalogCurrency[] = [
	{ code: 'USD', id: 1, exchangeRate: 1, isDefault: true },
	{ code: 'EUR', id: 2, exchangeRate: 0.92, isDefault: false },
];

const sizes = (
	prefix: string,
	values: string[],
	extra: Omit<CatalogVariant, 'sku' | 'size' | 'mappedInFo'> = {},
	unmapped: string[] = [],
): CatalogVariant[] =>
	values.map((size) => ({
		sku: `${prefix}-${size}`,
		size,
		...extra,
		mappedInFo: !unmapped.includes(`${prefix}-${size}`),
	}));

export const CATALOG: CatalogProduct[] = [
	{
		sku: 'TENT-2P-ALPINE',
		name: 'Alpine 2-Person Backpacking Tent',
		price: 349,
		weight: 4.2,
		brand: 'Ridgeline',
		category: 'Tents',
		upc: '840012300011',
		mappedInFo: true,
	},
	{
		sku: 'TENT-4P-BASECAMP',
		name: 'Basecamp 4-Person Family Tent',
		price: 529,
		weight: 11.5,
		brand: 'Ridgeline',
		category: 'Tents',
		upc: '840012300028',
		mappedInFo: true,
	},
	{
		sku: 'SB-DOWN-20',
		name: 'Glacier 20°F Down Sleeping Bag',
		price: 289,
		weight: 2.3,
		brand: 'Northfell',
		category: 'Sleeping Bags',
		upc: '840012300035',
		mappedInFo: true,
		variants: [
			{ sku: 'SB-DOWN-20-REG', size: 'REG', mappedInFo: true },
			{ sku: 'SB-DOWN-20-LONG', size: 'LONG', price: 309, mappedInFo: true },
		],
	},
	{
		sku: 'JKT-RAIN',
		name: 'Stormline Waterproof Rain Jacket',
		price: 179,
		weight: 0.9,
		brand: 'Northfell',
		category: 'Jackets',
		upc: '840012300042',
		mappedInFo: true,
		variants: ['S', 'M', 'L'].flatMap((size) =>
			['BLU', 'RED'].map((color) => ({
				sku: `JKT-RAIN-${size}-${color}`,
				size,
				color,
				mappedInFo: true,
			})),
		),
	},
	{
		sku: 'JKT-DOWN',
		name: 'Summit 800-Fill Down Jacket',
		price: 259,
		weight: 1.1,
		brand: 'Northfell',
		category: 'Jackets',
		upc: '840012300059',
		mappedInFo: true,
		variants: ['M', 'L', 'XL'].flatMap((size) =>
			['BLK', 'GRN'].map((color) => ({
				sku: `JKT-DOWN-${size}-${color}`,
				size,
				color,
				// Deliberately not released in F&O.
				mappedInFo: `JKT-DOWN-${size}-${color}` !== 'JKT-DOWN-XL-GRN',
			})),
		),
	},
	{
		sku: 'LAMP-HEAD-400',
		name: 'Beacon 400 Lumen Rechargeable Headlamp',
		price: 49.95,
		weight: 0.2,
		brand: 'Lumentrail',
		category: 'Lighting',
		upc: '840012300066',
		mappedInFo: true,
	},
	{
		sku: 'STOVE-CANISTER',
		name: 'Pocket Canister Backpacking Stove',
		price: 79,
		weight: 0.3,
		brand: 'Emberpeak',
		category: 'Cooking',
		upc: '840012300073',
		mappedInFo: true,
	},
	{
		sku: 'PACK-DAY-28',
		name: 'Trailhead 28L Daypack',
		price: 119,
		weight: 1.6,
		brand: 'Ridgeline',
		category: 'Packs',
		upc: '840012300080',
		mappedInFo: true,
		variants: [
			{ sku: 'PACK-DAY-28-GRY', color: 'GRY', mappedInFo: true },
			{ sku: 'PACK-DAY-28-ORG', color: 'ORG', mappedInFo: true },
		],
	},
	{
		sku: 'PAD-SLEEP-INSUL',
		name: 'Loft Insulated Sleeping Pad',
		price: 149,
		weight: 1.0,
		brand: 'Northfell',
		category: 'Sleeping Bags',
		upc: '840012300097',
		mappedInFo: true,
		variants: sizes('PAD-SLEEP-INSUL', ['REG', 'WIDE'], {}),
	},
	{
		sku: 'BOOT-HIKE',
		name: 'Scree Waterproof Hiking Boot',
		price: 189,
		weight: 2.8,
		brand: 'Emberpeak',
		category: 'Footwear',
		upc: '840012300103',
		mappedInFo: true,
		// Deliberately: size 45 is not released in F&O.
		variants: sizes('BOOT-HIKE-MID', ['42', '43', '44', '45'], { style: 'MID' }, [
			'BOOT-HIKE-MID-45',
		]),
	},
	{
		sku: 'SOCK-MERINO',
		name: 'Merino Wool Hiking Socks',
		price: 24,
		weight: 0.15,
		brand: 'Northfell',
		category: 'Footwear',
		upc: '840012300110',
		mappedInFo: true,
		variants: sizes('SOCK-MERINO', ['S', 'M', 'L']),
	},
	{
		sku: 'BOTTLE-STEEL-1L',
		name: 'Insulated Steel Bottle 1L',
		price: 34,
		weight: 0.9,
		brand: 'Emberpeak',
		category: 'Cooking',
		upc: '840012300127',
		mappedInFo: true,
	},
	{
		sku: 'POLES-TREK-CARBON',
		name: 'Carbon Trekking Poles (pair)',
		price: 139,
		weight: 1.0,
		brand: 'Ridgeline',
		category: 'Accessories',
		upc: '840012300134',
		// Deliberately not released in F&O.
		mappedInFo: false,
	},
];

/** What F&O's ReleasedProductsV2 holds: items (simple products) and product masters (variant products). */
export interface FoReleasedProduct {
	ItemNumber: string;
	ProductName: string;
	SalesPrice: number;
	/** true for a product master whose variants are in `foReleasedProductVariants()`. */
	isProductMaster: boolean;
}

/** What F&O's ReleasedProductVariantsV2 holds for one variant. */
export interface FoReleasedProductVariant {
	ItemNumber: string;
	ProductMasterNumber: string;
	ProductVariantNumber: string;
	ProductSizeId: string;
	ProductColorId: string;
	ProductStyleId: string;
	ProductConfigurationId: string;
	ProductVersionId: string;
	SalesPrice: number;
}

/** The released products F&O must hold (only `mappedInFo` entries). */
export function foReleasedProducts(): FoReleasedProduct[] {
	return CATALOG.filter((p) => p.mappedInFo).map((p) => ({
		ItemNumber: p.sku,
		ProductName: p.name,
		SalesPrice: p.price,
		isProductMaster: Boolean(p.variants?.length),
	}));
}

/** The F&O dimension values of one variant (empty string for an unused dimension, as in F&O). */
export function foDimensions(variant: CatalogVariant): {
	ProductSizeId: string;
	ProductColorId: string;
	ProductStyleId: string;
} {
	return {
		ProductSizeId: variant.size ?? '',
		ProductColorId: variant.color ?? '',
		ProductStyleId: variant.style ?? '',
	};
}

/** The released product variants F&O must hold (only mapped variants of mapped masters). */
export function foReleasedProductVariants(): FoReleasedProductVariant[] {
	return CATALOG.filter((p) => p.mappedInFo).flatMap((p) =>
		(p.variants ?? [])
			.filter((v) => v.mappedInFo)
			.map((v) => ({
				ItemNumber: p.sku,
				ProductMasterNumber: p.sku,
				ProductVariantNumber: v.sku,
				...foDimensions(v),
				ProductConfigurationId: '',
				ProductVersionId: '',
				SalesPrice: v.price ?? p.price,
			})),
	);
}

/** Every sellable SKU (simple products and variants) with where it maps in F&O, or undefined if unmapped. */
export function skuIndex(): Map<
	string,
	{
		product: CatalogProduct;
		variant?: CatalogVariant;
		fo?: { ItemNumber: string; ProductVariantNumber?: string };
	}
> {
	const index = new Map<
		string,
		{
			product: CatalogProduct;
			variant?: CatalogVariant;
			fo?: { ItemNumber: string; ProductVariantNumber?: string };
		}
	>();
	for (const product of CATALOG) {
		if (!product.variants?.length) {
			index.set(product.sku, {
				product,
				fo: product.mappedInFo ? { ItemNumber: product.sku } : undefined,
			});
			continue;
		}
		for (const variant of product.variants) {
			const mapped = product.mappedInFo && variant.mappedInFo;
			index.set(variant.sku, {
				product,
				variant,
				fo: mapped ? { ItemNumber: product.sku, ProductVariantNumber: variant.sku } : undefined,
			});
		}
	}
	return index;
}
