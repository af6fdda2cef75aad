// A product's other codes, as a shelf tag or a scanner gives them: the barcode (GTIN/EAN/UPC)
// and the supplier's own code. Search matches either exactly, before any text (core/search/codes.ts).
// Both come with the catalog stream when the hub has them; a product without them keeps NULL.
export const up = /* sql */ `
ALTER TABLE products ADD COLUMN barcode TEXT;
ALTER TABLE products ADD COLUMN supplier_code TEXT;
CREATE INDEX products_barcode ON products(barcode) WHERE barcode IS NOT NULL;
CREATE INDEX products_supplier_code ON products(supplier_code) WHERE supplier_code IS NOT NULL;
`;
