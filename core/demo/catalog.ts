// What the demo retailer sells: the category tree, brands and the words product titles are
// made of. Data only; products.ts turns it into rows. Kept in code (not read from disk) so the
// app can build its demo on any machine.
import type { Season } from './calendar.js';

export interface LeafSpec {
  slug: string;
  name: string;
  /** Title nouns: 'Tent', 'Sleeping Bag'. */
  nouns: readonly string[];
  /** List price range of the base variant, in dollars. */
  price: readonly [number, number];
  /** About how many SKUs (style × variant) to make. */
  skus: number;
  season?: Season;
  /** The variant axis stored in `size`: apparel sizes, capacities, bag sizes. */
  sizes?: readonly string[];
  /** Price multiplier per entry of `sizes` (a 4-person tent costs more than a 1-person one). */
  sizePrice?: readonly number[];
  colors?: readonly string[];
  materials?: readonly string[];
  /** Styles come in Men's / Women's cuts. */
  gendered?: boolean;
  /** Product-line names proper to this leaf (coffee blends, candle scents), instead of the root's. */
  lines?: readonly string[];
  /** Model suffixes appended to the line name: 'Trailhead 2', 'Beam 400'. */
  models?: readonly string[];
  /** How a customer's appetite for the leaf changes after buying from it: 0.15 = a tent, 1 = coffee. */
  repeat?: number;
  /** Units on one order line. */
  quantity?: readonly [number, number];
  /** Typical store depth of one SKU. */
  stock?: number;
  /** Share of styles sold only through a drop-ship partner. */
  partnerShare?: number;
  sensitive?: boolean;
}

export interface BranchSpec {
  slug: string;
  name: string;
  leaves: readonly LeafSpec[];
}

export interface RootSpec {
  slug: string;
  name: string;
  /** The drop-ship partner carrying this root's partner-only items. */
  partnerId: 'P1' | 'P2';
  brands: readonly string[];
  lines: readonly string[];
  branches: readonly BranchSpec[];
  /** Leaves directly under the root (depth 1). */
  leaves?: readonly LeafSpec[];
}

// --- variant vocab -------------------------------------------------------------------------------

const APPAREL_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const SHOE_SIZES = ['6', '7', '7.5', '8', '8.5', '9', '9.5', '10', '10.5', '11', '11.5', '12', '13'];
const SOCK_SIZES = ['S', 'M', 'L', 'XL'];

const GEAR_COLORS = ['Olive', 'Slate', 'Burnt Orange', 'Forest Green', 'Sand', 'Lake Blue', 'Red Clay', 'Graphite'];
const APPAREL_COLORS = [
  'Black', 'Navy', 'Heather Gray', 'Olive', 'Rust', 'Burgundy', 'Sage', 'Charcoal', 'White', 'Sky Blue', 'Clay', 'Dusk Purple', 'Mustard', 'Evergreen',
];
const SHOE_COLORS = ['Black/White', 'Gray/Blue', 'Navy', 'Olive/Orange', 'Triple Black', 'White', 'Coral', 'Teal', 'Brown', 'Stone'];
const HOME_COLORS = ['White', 'Black', 'Stone', 'Sage', 'Terracotta', 'Cream', 'Charcoal', 'Speckled Blue'];

export const GENERIC_MODELS = ['', '', '', '2', '3', '4', 'II', 'Pro', 'Lite', 'UL', 'X', 'Plus'];

// --- the tree ------------------------------------------------------------------------------------

export const CATALOG: readonly RootSpec[] = [
  {
    slug: 'outdoor',
    name: 'Outdoor',
    partnerId: 'P1',
    brands: [
      'Northpeak', 'Ridgeway Gear', 'Trailcraft', 'Basecamp Co.', 'Alpenglow', 'Timberwolf Outfitters', 'Cairn & Co.',
      'Switchback Supply', 'Highcountry', 'Wildermark', 'Granite Ridge', 'Bearpaw Gear', 'Evergreen Outdoor', 'Kestrel',
      'Solstice Gear', 'Redtail', 'Rockhop', 'Lumen Labs', 'Clearstream', 'Blue Flame', 'Packwright', 'Loftwell', 'Driftline',
      'Fernhill', 'Coyote Creek', 'Ironbark', 'Polaris Trail', 'Stonefly', 'Cragline', 'Spokeworks',
    ],
    lines: [
      'Trailhead', 'Summit', 'Basecamp', 'Ridgeline', 'Alpine', 'Cascade', 'Switchback', 'Timberline', 'Backcountry', 'Canyon',
      'Horizon', 'Sierra', 'Granite', 'Aspen', 'Meridian', 'Sawtooth', 'Boundary', 'Pathfinder', 'Wayfarer', 'Frontier', 'Ember',
      'Glacier', 'Traverse', 'Outpost', 'Cirrus', 'Talus', 'Juniper', 'Vista', 'Nomad', 'Highline',
    ],
    branches: [
      {
        slug: 'camping',
        name: 'Camping',
        leaves: [
          { slug: 'tents', name: 'Tents', nouns: ['Tent', 'Backpacking Tent', 'Dome Tent'], price: [120, 420], skus: 420, season: 'summer',
            sizes: ['1-Person', '2-Person', '3-Person', '4-Person', '6-Person'], sizePrice: [1, 1.15, 1.3, 1.45, 1.65], colors: GEAR_COLORS,
            materials: ['Ripstop Nylon', 'Polyester'], models: ['', '1', '2', '3', 'UL', 'XL'], repeat: 0.1, stock: 6 },
          { slug: 'sleeping-bags', name: 'Sleeping Bags', nouns: ['Sleeping Bag', 'Quilt'], price: [70, 450], skus: 420, season: 'summer',
            sizes: ['Regular', 'Long'], sizePrice: [1, 1.1], colors: GEAR_COLORS, materials: ['Down', 'Synthetic'],
            models: ['0', '15', '20', '30', '40'], repeat: 0.15, stock: 6 },
          { slug: 'sleeping-pads', name: 'Sleeping Pads', nouns: ['Sleeping Pad', 'Air Pad', 'Foam Pad'], price: [40, 220], skus: 300, season: 'summer',
            sizes: ['Regular', 'Long', 'Wide'], sizePrice: [1, 1.1, 1.2], colors: GEAR_COLORS, repeat: 0.15, stock: 8 },
          { slug: 'camp-stoves', name: 'Camp Stoves', nouns: ['Camp Stove', 'Backpacking Stove', 'Stove System'], price: [35, 220], skus: 180,
            season: 'summer', repeat: 0.15, stock: 8 },
          { slug: 'fuel-canisters', name: 'Fuel Canisters', nouns: ['Fuel Canister', 'Isobutane Fuel'], price: [6, 12], skus: 60,
            sizes: ['100 g', '230 g', '450 g'], sizePrice: [1, 1.5, 2.2], repeat: 1, quantity: [1, 3], stock: 40 },
          { slug: 'camp-furniture', name: 'Camp Furniture', nouns: ['Camp Chair', 'Camp Table', 'Hammock'], price: [35, 180], skus: 200,
            season: 'summer', colors: GEAR_COLORS, repeat: 0.3, stock: 6, partnerShare: 0.3 },
          { slug: 'coolers', name: 'Coolers', nouns: ['Cooler', 'Soft Cooler'], price: [40, 400], skus: 180, season: 'summer',
            sizes: ['24 qt', '45 qt', '65 qt'], sizePrice: [1, 1.4, 1.8], colors: GEAR_COLORS, repeat: 0.15, stock: 5, partnerShare: 0.3 },
          { slug: 'lanterns', name: 'Lanterns', nouns: ['Lantern', 'String Lights'], price: [20, 90], skus: 120, season: 'summer', repeat: 0.4, stock: 10 },
          { slug: 'camp-kitchen', name: 'Camp Kitchen', nouns: ['Cook Set', 'Camp Pot', 'Utensil Kit', 'Percolator'], price: [15, 120], skus: 220,
            season: 'summer', materials: ['Titanium', 'Aluminum', 'Stainless Steel'], repeat: 0.4, stock: 8 },
        ],
      },
      {
        slug: 'hiking',
        name: 'Hiking',
        leaves: [
          { slug: 'backpacks', name: 'Backpacks', nouns: ['Backpack', 'Backpacking Pack'], price: [120, 380], skus: 360,
            sizes: ['S/M', 'M/L'], colors: GEAR_COLORS, models: ['38', '45', '50', '55', '65'], repeat: 0.15, stock: 5 },
          { slug: 'daypacks', name: 'Daypacks', nouns: ['Daypack', 'Hydration Pack'], price: [45, 160], skus: 320, colors: GEAR_COLORS,
            models: ['18', '22', '28', '30'], repeat: 0.3, stock: 8 },
          { slug: 'headlamps', name: 'Headlamps', nouns: ['Headlamp'], price: [20, 90], skus: 140, colors: ['Black', 'Orange', 'Blue', 'Green'],
            models: ['300', '400', '500', '900'], repeat: 0.4, stock: 12 },
          { slug: 'water-filters', name: 'Water Filters', nouns: ['Water Filter', 'Gravity Filter', 'Purifier Bottle'], price: [25, 130], skus: 90,
            season: 'summer', repeat: 0.2, stock: 8 },
          { slug: 'trekking-poles', name: 'Trekking Poles', nouns: ['Trekking Poles'], price: [40, 180], skus: 120, materials: ['Carbon', 'Aluminum'],
            repeat: 0.15, stock: 6 },
          { slug: 'water-bottles', name: 'Water Bottles', nouns: ['Water Bottle', 'Insulated Bottle'], price: [12, 45], skus: 220,
            sizes: ['20 oz', '32 oz', '40 oz'], sizePrice: [1, 1.2, 1.35], colors: HOME_COLORS, repeat: 0.5, stock: 15 },
        ],
      },
      {
        slug: 'climbing',
        name: 'Climbing',
        leaves: [
          { slug: 'harnesses', name: 'Harnesses', nouns: ['Climbing Harness'], price: [50, 160], skus: 150, sizes: ['XS', 'S', 'M', 'L', 'XL'],
            colors: GEAR_COLORS, gendered: true, repeat: 0.15, stock: 4 },
          { slug: 'ropes', name: 'Ropes', nouns: ['Dynamic Rope', 'Climbing Rope'], price: [120, 320], skus: 80, sizes: ['60 m', '70 m'],
            sizePrice: [1, 1.15], colors: GEAR_COLORS, models: ['9.5', '9.8', '10.2'], repeat: 0.2, stock: 3 },
          { slug: 'carabiners', name: 'Carabiners & Quickdraws', nouns: ['Carabiner', 'Quickdraw Set', 'Belay Device'], price: [8, 120], skus: 120,
            colors: ['Silver', 'Blue', 'Orange', 'Gold'], repeat: 0.5, stock: 10 },
          { slug: 'chalk', name: 'Chalk & Chalk Bags', nouns: ['Chalk', 'Chalk Bag', 'Liquid Chalk'], price: [8, 35], skus: 60, repeat: 1, stock: 15 },
        ],
      },
      {
        slug: 'cycling',
        name: 'Cycling',
        leaves: [
          { slug: 'bike-helmets', name: 'Bike Helmets', nouns: ['Bike Helmet', 'MIPS Helmet'], price: [50, 250], skus: 200, sizes: ['S', 'M', 'L'],
            colors: GEAR_COLORS, repeat: 0.15, stock: 4 },
          { slug: 'bike-lights', name: 'Bike Lights', nouns: ['Bike Light Set', 'Headlight', 'Taillight'], price: [20, 120], skus: 100, repeat: 0.3, stock: 8 },
        ],
      },
    ],
  },
  {
    slug: 'footwear',
    name: 'Footwear',
    partnerId: 'P1',
    brands: [
      'Stridewell', 'Fleetfoot', 'Roamwell', 'Bootjack', 'Quickstep', 'Pacesetter', 'Terraform', 'Cobblestone', 'Sole Theory',
      'Highstep', 'Ridgewalk', 'Mossback', 'Fernfoot', 'Kinetic Run', 'Loam', 'Waypoint', 'Bramble', 'Arrowhead Boot Co.',
      'Sockeye', 'Footnote',
    ],
    lines: [
      'Tempo', 'Stride', 'Pulse', 'Glide', 'Velocity', 'Ridge', 'Trek', 'Crest', 'Drift', 'Flux', 'Terra', 'Surge', 'Cadence',
      'Pace', 'Rebound', 'Arc', 'Zephyr', 'Quarry', 'Cobble', 'Harbor', 'Mesa', 'Switch', 'Scree', 'Loop',
    ],
    branches: [
      {
        slug: 'running',
        name: 'Running',
        leaves: [
          { slug: 'running-shoes', name: 'Running Shoes', nouns: ['Running Shoe', 'Road Running Shoe'], price: [90, 180], skus: 1400,
            sizes: SHOE_SIZES, colors: SHOE_COLORS, materials: ['Engineered Mesh', 'Knit'], gendered: true,
            models: ['', '2', '3', '4', '5', '6', 'GTX'], repeat: 0.4, stock: 4 },
          { slug: 'trail-running-shoes', name: 'Trail Running Shoes', nouns: ['Trail Running Shoe'], price: [100, 190], skus: 1000,
            sizes: SHOE_SIZES, colors: SHOE_COLORS, materials: ['Engineered Mesh', 'Synthetic'], gendered: true,
            models: ['', '2', '3', '4', 'GTX'], repeat: 0.4, stock: 4 },
        ],
      },
      {
        slug: 'hiking',
        name: 'Hiking',
        leaves: [
          { slug: 'hiking-boots', name: 'Hiking Boots', nouns: ['Hiking Boot', 'Waterproof Hiking Boot', 'Backpacking Boot'], price: [130, 300],
            skus: 1100, sizes: SHOE_SIZES, colors: ['Brown', 'Dark Brown', 'Gray', 'Black', 'Tan', 'Olive'],
            materials: ['Leather', 'Suede', 'Synthetic'], gendered: true, models: ['', 'Mid', 'Mid WP', 'II'], repeat: 0.2, stock: 3 },
          { slug: 'hiking-shoes', name: 'Hiking Shoes', nouns: ['Hiking Shoe', 'Approach Shoe'], price: [100, 190], skus: 700, sizes: SHOE_SIZES,
            colors: SHOE_COLORS, materials: ['Suede', 'Synthetic'], gendered: true, models: ['', 'Low', 'WP'], repeat: 0.3, stock: 3 },
        ],
      },
      {
        slug: 'casual',
        name: 'Casual',
        leaves: [
          { slug: 'sneakers', name: 'Sneakers', nouns: ['Sneaker', 'Court Sneaker', 'Slip-On'], price: [60, 140], skus: 900, sizes: SHOE_SIZES,
            colors: SHOE_COLORS, materials: ['Canvas', 'Leather', 'Knit'], gendered: true, repeat: 0.4, stock: 4 },
          { slug: 'sandals', name: 'Sandals', nouns: ['Sandal', 'Sport Sandal', 'Flip-Flop'], price: [30, 120], skus: 600, season: 'summer',
            sizes: SHOE_SIZES, colors: SHOE_COLORS, gendered: true, repeat: 0.3, stock: 4 },
          { slug: 'slippers', name: 'Slippers', nouns: ['Slipper', 'Camp Moc'], price: [30, 110], skus: 350, season: 'winter',
            sizes: ['S', 'M', 'L', 'XL'], colors: ['Charcoal', 'Oatmeal', 'Brown', 'Burgundy'], materials: ['Wool', 'Sherpa Fleece', 'Suede'],
            gendered: true, repeat: 0.3, stock: 5 },
        ],
      },
      {
        slug: 'accessories',
        name: 'Footwear Accessories',
        leaves: [
          { slug: 'socks', name: 'Socks', nouns: ['Hiking Sock', 'Running Sock', 'Crew Sock', 'Ski Sock', 'No-Show Sock'], price: [12, 28],
            skus: 600, sizes: SOCK_SIZES, colors: ['Black', 'Gray', 'Navy', 'Olive', 'Oatmeal', 'Rust'],
            materials: ['Merino Wool', 'Nylon Blend', 'Cotton Blend'], models: ['', 'Light Cushion', 'Full Cushion', 'Ultralight'],
            repeat: 1, quantity: [1, 3], stock: 18 },
          { slug: 'insoles', name: 'Insoles', nouns: ['Insoles', 'Performance Insoles'], price: [25, 60], skus: 200, sizes: ['S', 'M', 'L', 'XL'],
            models: ['', 'High Arch', 'Medium Arch', 'Thermal'], repeat: 0.6, stock: 8 },
        ],
      },
    ],
  },
  {
    slug: 'apparel',
    name: 'Apparel',
    partnerId: 'P1',
    brands: [
      'Fieldhouse', 'Lumber & Loom', 'Driftwood Supply', 'Outbound', 'Tidewater', 'Wildflower', 'Kindling', 'Woolhaven',
      'Ridge & River', 'Northbound', 'Campfire Collective', 'Hollow Creek', 'Merino Mountain', 'Threadline', 'Oak & Alder',
      'Slate & Stone', 'Bluebird', 'Larkspur', 'Canyonlands', 'Frostline', 'Sundown', 'Cedarcrest', 'Heatherfield', 'Windrose',
      'Summitline',
    ],
    lines: [
      'Cascade', 'Driftwood', 'Shoreline', 'Everyday', 'Basecamp', 'Ridge', 'Alpine', 'Canyon', 'Midweight', 'Lightweight',
      'Heritage', 'Trail', 'Storm', 'Thermal', 'Range', 'Field', 'Coastal', 'Summit', 'Harbor', 'Prairie', 'Torrent', 'Nimbus',
    ],
    branches: [
      {
        slug: 'outerwear',
        name: 'Outerwear',
        leaves: [
          { slug: 'rain-jackets', name: 'Rain Jackets', nouns: ['Rain Jacket', 'Rain Shell'], price: [90, 350], skus: 1100, season: 'spring',
            sizes: APPAREL_SIZES, colors: APPAREL_COLORS, materials: ['Nylon', 'Gore-Tex', 'Recycled Polyester'], gendered: true, repeat: 0.2, stock: 4 },
          { slug: 'insulated-jackets', name: 'Insulated Jackets', nouns: ['Down Jacket', 'Insulated Jacket', 'Parka', 'Puffer Hoody'],
            price: [150, 450], skus: 1000, season: 'winter', sizes: APPAREL_SIZES, colors: APPAREL_COLORS,
            materials: ['Down', 'Synthetic Insulation'], gendered: true, models: ['', '600', '800', 'Hooded'], repeat: 0.15, stock: 4 },
          { slug: 'fleece', name: 'Fleece', nouns: ['Fleece Jacket', 'Fleece Pullover', 'Grid Fleece Hoody'], price: [50, 150], skus: 900,
            season: 'fall', sizes: APPAREL_SIZES, colors: APPAREL_COLORS, materials: ['Polyester Fleece', 'Recycled Fleece'], gendered: true,
            repeat: 0.3, stock: 5 },
          { slug: 'softshell-jackets', name: 'Softshell Jackets', nouns: ['Softshell Jacket', 'Wind Jacket'], price: [90, 220], skus: 500,
            season: 'fall', sizes: APPAREL_SIZES, colors: APPAREL_COLORS, materials: ['Nylon', 'Polyester'], gendered: true, repeat: 0.2, stock: 4 },
          { slug: 'vests', name: 'Vests', nouns: ['Vest', 'Down Vest', 'Fleece Vest'], price: [60, 180], skus: 400, season: 'fall',
            sizes: APPAREL_SIZES, colors: APPAREL_COLORS, materials: ['Down', 'Polyester Fleece'], gendered: true, repeat: 0.3, stock: 4 },
        ],
      },
      {
        slug: 'tops',
        name: 'Tops',
        leaves: [
          { slug: 't-shirts', name: 'T-Shirts', nouns: ['T-Shirt', 'Graphic Tee', 'Performance Tee', 'Pocket Tee'], price: [20, 45], skus: 1300,
            sizes: APPAREL_SIZES, colors: APPAREL_COLORS, materials: ['Cotton', 'Organic Cotton', 'Tri-Blend', 'Polyester'], gendered: true,
            repeat: 0.8, stock: 8 },
          { slug: 'base-layers', name: 'Base Layers', nouns: ['Base Layer Top', 'Base Layer Bottom', 'Base Layer Crew'], price: [45, 120],
            skus: 800, season: 'winter', sizes: APPAREL_SIZES, colors: APPAREL_COLORS, materials: ['Merino Wool', 'Merino Blend', 'Polyester'],
            gendered: true, models: ['', '150', '200', '250'], repeat: 0.5, stock: 5 },
          { slug: 'flannel-shirts', name: 'Flannel Shirts', nouns: ['Flannel Shirt', 'Shirt Jacket'], price: [45, 90], skus: 600, season: 'fall',
            sizes: APPAREL_SIZES, colors: ['Red Plaid', 'Blue Plaid', 'Green Plaid', 'Gray Plaid', 'Rust Plaid'], materials: ['Cotton Flannel'],
            gendered: true, repeat: 0.5, stock: 5 },
          { slug: 'hoodies', name: 'Hoodies & Sweatshirts', nouns: ['Hoodie', 'Quarter-Zip', 'Crewneck Sweatshirt'], price: [45, 110], skus: 700,
            season: 'fall', sizes: APPAREL_SIZES, colors: APPAREL_COLORS, materials: ['Cotton', 'French Terry', 'Fleece'], gendered: true,
            repeat: 0.5, stock: 5 },
        ],
      },
      {
        slug: 'bottoms',
        name: 'Bottoms',
        leaves: [
          { slug: 'hiking-pants', name: 'Hiking Pants', nouns: ['Hiking Pants', 'Convertible Pants', 'Trail Pants'], price: [55, 120], skus: 700,
            sizes: APPAREL_SIZES, colors: ['Khaki', 'Olive', 'Charcoal', 'Black', 'Sand', 'Navy'], materials: ['Nylon', 'Stretch Nylon'],
            gendered: true, repeat: 0.4, stock: 5 },
          { slug: 'shorts', name: 'Shorts', nouns: ['Shorts', 'Running Shorts', 'Trail Shorts'], price: [30, 70], skus: 600, season: 'summer',
            sizes: APPAREL_SIZES, colors: APPAREL_COLORS, materials: ['Nylon', 'Cotton Twill', 'Polyester'], gendered: true, repeat: 0.5, stock: 6 },
          { slug: 'leggings', name: 'Leggings & Tights', nouns: ['Leggings', 'Running Tights', 'Joggers'], price: [45, 110], skus: 450,
            sizes: APPAREL_SIZES, colors: APPAREL_COLORS, materials: ['Nylon Spandex', 'Polyester'], gendered: true, repeat: 0.5, stock: 6 },
        ],
      },
      {
        slug: 'accessories',
        name: 'Apparel Accessories',
        leaves: [
          { slug: 'hats', name: 'Hats', nouns: ['Cap', 'Sun Hat', 'Trucker Hat'], price: [20, 45], skus: 300, season: 'summer', colors: APPAREL_COLORS,
            repeat: 0.5, stock: 8 },
          { slug: 'beanies', name: 'Beanies', nouns: ['Beanie', 'Watch Cap'], price: [20, 45], skus: 250, season: 'winter', colors: APPAREL_COLORS,
            materials: ['Merino Wool', 'Acrylic', 'Recycled Wool'], repeat: 0.6, stock: 8 },
          { slug: 'gloves', name: 'Gloves', nouns: ['Gloves', 'Mittens', 'Liner Gloves'], price: [25, 90], skus: 350, season: 'winter',
            sizes: ['S', 'M', 'L', 'XL'], colors: ['Black', 'Charcoal', 'Navy', 'Olive'], materials: ['Fleece', 'Leather', 'Insulated Nylon'],
            repeat: 0.5, stock: 6 },
        ],
      },
    ],
  },
  {
    slug: 'home',
    name: 'Home',
    partnerId: 'P2',
    brands: [
      'Hearthside', 'Morning Ritual', 'Bean & Bloom', 'Crema Works', 'Copperkettle', 'Wickline', 'Stoneware Co.', 'Hygge House',
      'Roastery 54', 'Mountain Roast', 'Pour & Press', 'Cozy Cabin', 'Linden Home', 'Ember & Oak', 'Sweetwater Tea', 'Kiln & Clay',
      'Porchlight', 'Brewcraft', 'Alder Candle Co.', 'Homebody',
    ],
    lines: [
      'Hearth', 'Morning', 'Homestead', 'Pioneer', 'Stoneware', 'Fireside', 'Grove', 'Cabin', 'Harvest', 'Lodge', 'Meadow', 'Linen',
      'Ember', 'Nook', 'Porch', 'Orchard',
    ],
    branches: [
      {
        slug: 'coffee',
        name: 'Coffee & Tea',
        leaves: [
          { slug: 'coffee-makers', name: 'Coffee Makers', nouns: ['Pour-Over Coffee Maker', 'French Press', 'Drip Coffee Maker', 'Cold Brew Maker'],
            price: [25, 250], skus: 150, colors: ['Black', 'Stainless', 'White', 'Copper'], repeat: 0.1, stock: 5, partnerShare: 0.3 },
          { slug: 'espresso-machines', name: 'Espresso Machines', nouns: ['Espresso Machine', 'Semi-Automatic Espresso Machine'], price: [250, 1200],
            skus: 80, colors: ['Stainless', 'Black', 'Cream', 'Red'], models: ['', 'Pro', 'Duo', 'Mini'], repeat: 0.05, stock: 3, partnerShare: 0.35 },
          { slug: 'grinders', name: 'Coffee Grinders', nouns: ['Burr Grinder', 'Hand Grinder'], price: [40, 300], skus: 70, colors: ['Black', 'Stainless', 'White'],
            repeat: 0.1, stock: 4 },
          { slug: 'coffee-beans', name: 'Coffee Beans', nouns: ['Whole Bean Coffee', 'Ground Coffee'], price: [12, 25], skus: 200,
            sizes: ['12 oz', '2 lb'], sizePrice: [1, 2.4],
            lines: [
              'Sunrise Blend', 'Basecamp Roast', 'Ethiopia Yirgacheffe', 'Colombia Huila', 'Guatemala Antigua', 'Sumatra Mandheling',
              'Decaf Swiss Water', 'Espresso Forte', 'Dark Summit', 'Morning Trail', 'Kenya AA', 'Costa Rica Tarrazú', 'French Roast',
              'Holiday Blend', 'Cold Brew Blend', 'Peru Cajamarca',
            ],
            repeat: 1, quantity: [1, 2], stock: 25 },
          { slug: 'tea', name: 'Tea', nouns: ['Loose Leaf Tea', 'Tea Sachets'], price: [8, 22], skus: 120,
            lines: ['Earl Grey', 'Chai', 'Sencha', 'Chamomile', 'Mountain Mint', 'English Breakfast', 'Rooibos', 'Jasmine Pearl', 'Oolong'],
            repeat: 1, stock: 12 },
          { slug: 'mugs', name: 'Mugs', nouns: ['Mug', 'Camp Mug', 'Travel Mug'], price: [12, 40], skus: 300, sizes: ['12 oz', '16 oz'],
            sizePrice: [1, 1.15], colors: HOME_COLORS, materials: ['Ceramic', 'Stainless Steel', 'Enamel'], repeat: 0.6, stock: 10 },
        ],
      },
      {
        slug: 'decor',
        name: 'Decor',
        leaves: [
          { slug: 'candles', name: 'Candles', nouns: ['Candle', 'Soy Candle'], price: [14, 42], skus: 300, season: 'fall', sizes: ['8 oz', '14 oz'],
            sizePrice: [1, 1.5], colors: ['Amber', 'Ivory', 'Smoke', 'Sage'],
            lines: [
              'Cedar & Smoke', 'Fireside', 'Sea Salt', 'Mountain Pine', 'Lavender Fields', 'Campfire', 'Balsam Fir', 'Vanilla Bean',
              'Desert Sage', 'Pumpkin Spice', 'Cabin Fever', 'Fresh Linen',
            ],
            repeat: 1, quantity: [1, 2], stock: 10 },
          { slug: 'throw-blankets', name: 'Throw Blankets', nouns: ['Throw Blanket', 'Camp Blanket'], price: [40, 150], skus: 250, season: 'winter',
            colors: HOME_COLORS, materials: ['Wool', 'Cotton', 'Sherpa Fleece'], repeat: 0.3, stock: 5, partnerShare: 0.25 },
          { slug: 'planters', name: 'Planters', nouns: ['Planter', 'Hanging Planter'], price: [15, 90], skus: 150, season: 'spring',
            sizes: ['Small', 'Medium', 'Large'], sizePrice: [1, 1.5, 2.1], colors: HOME_COLORS, materials: ['Ceramic', 'Terracotta', 'Concrete'],
            repeat: 0.5, stock: 6, partnerShare: 0.3 },
        ],
      },
      {
        slug: 'kitchen',
        name: 'Kitchen',
        leaves: [
          { slug: 'cast-iron', name: 'Cast Iron', nouns: ['Cast Iron Skillet', 'Dutch Oven', 'Griddle'], price: [25, 180], skus: 120,
            sizes: ['8 in', '10 in', '12 in'], sizePrice: [1, 1.25, 1.5], repeat: 0.2, stock: 5, partnerShare: 0.3 },
        ],
      },
    ],
  },
  {
    slug: 'health',
    name: 'Health',
    partnerId: 'P2',
    brands: ['Trailcare', 'SunGuard', 'Blisterfree', 'Peakwell', 'Remedy Ridge', 'Balm & Co.', 'FirstLight Medical', 'Coolhand'],
    lines: ['Daily', 'Sport', 'Trail', 'Sensitive', 'Outdoor', 'Everyday', 'Active'],
    branches: [],
    leaves: [
      // Sensitive: purchases here are never used to suggest anything (blocked by the merch policy).
      { slug: 'personal-care', name: 'Personal Care', nouns: ['Sunscreen SPF 50', 'Lip Balm', 'Anti-Chafe Balm', 'Insect Repellent', 'Foot Cream'],
        price: [6, 25], skus: 120, season: 'summer', repeat: 1, stock: 12, sensitive: true },
      { slug: 'first-aid', name: 'First Aid', nouns: ['First Aid Kit', 'Blister Kit', 'Trauma Kit'], price: [12, 80], skus: 80, repeat: 0.3, stock: 8 },
    ],
  },
];

/** Leaves the order history and the merch policy refer to by name. */
export const LEAF = {
  tents: 'outdoor/camping/tents',
  sleepingBags: 'outdoor/camping/sleeping-bags',
  sleepingPads: 'outdoor/camping/sleeping-pads',
  campStoves: 'outdoor/camping/camp-stoves',
  fuel: 'outdoor/camping/fuel-canisters',
  campFurniture: 'outdoor/camping/camp-furniture',
  coolers: 'outdoor/camping/coolers',
  lanterns: 'outdoor/camping/lanterns',
  campKitchen: 'outdoor/camping/camp-kitchen',
  backpacks: 'outdoor/hiking/backpacks',
  daypacks: 'outdoor/hiking/daypacks',
  headlamps: 'outdoor/hiking/headlamps',
  waterFilters: 'outdoor/hiking/water-filters',
  trekkingPoles: 'outdoor/hiking/trekking-poles',
  waterBottles: 'outdoor/hiking/water-bottles',
  harnesses: 'outdoor/climbing/harnesses',
  ropes: 'outdoor/climbing/ropes',
  carabiners: 'outdoor/climbing/carabiners',
  chalk: 'outdoor/climbing/chalk',
  bikeHelmets: 'outdoor/cycling/bike-helmets',
  bikeLights: 'outdoor/cycling/bike-lights',
  runningShoes: 'footwear/running/running-shoes',
  trailRunningShoes: 'footwear/running/trail-running-shoes',
  hikingBoots: 'footwear/hiking/hiking-boots',
  hikingShoes: 'footwear/hiking/hiking-shoes',
  sneakers: 'footwear/casual/sneakers',
  sandals: 'footwear/casual/sandals',
  slippers: 'footwear/casual/slippers',
  socks: 'footwear/accessories/socks',
  insoles: 'footwear/accessories/insoles',
  rainJackets: 'apparel/outerwear/rain-jackets',
  insulatedJackets: 'apparel/outerwear/insulated-jackets',
  fleece: 'apparel/outerwear/fleece',
  softshells: 'apparel/outerwear/softshell-jackets',
  vests: 'apparel/outerwear/vests',
  tShirts: 'apparel/tops/t-shirts',
  baseLayers: 'apparel/tops/base-layers',
  flannel: 'apparel/tops/flannel-shirts',
  hoodies: 'apparel/tops/hoodies',
  hikingPants: 'apparel/bottoms/hiking-pants',
  shorts: 'apparel/bottoms/shorts',
  leggings: 'apparel/bottoms/leggings',
  hats: 'apparel/accessories/hats',
  beanies: 'apparel/accessories/beanies',
  gloves: 'apparel/accessories/gloves',
  coffeeMakers: 'home/coffee/coffee-makers',
  espressoMachines: 'home/coffee/espresso-machines',
  grinders: 'home/coffee/grinders',
  coffeeBeans: 'home/coffee/coffee-beans',
  tea: 'home/coffee/tea',
  mugs: 'home/coffee/mugs',
  candles: 'home/decor/candles',
  throwBlankets: 'home/decor/throw-blankets',
  planters: 'home/decor/planters',
  castIron: 'home/kitchen/cast-iron',
  personalCare: 'health/personal-care',
  firstAid: 'health/first-aid',
} as const;

export type LeafId = (typeof LEAF)[keyof typeof LEAF];
export const SENSITIVE_CATEGORY = LEAF.personalCare;
