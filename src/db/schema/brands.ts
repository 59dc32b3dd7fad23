import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { at } from './columns.ts';

export interface NamedEntry {
  name: string;
  description: string | null;
}
export interface KeyPerson {
  name: string;
  role: string | null;
}
export interface CompetitorEntry {
  name: string;
  website: string | null;
  aliases: string[];
}

export const brands = pgTable(
  'brands',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    // Live and test data of an account never see each other (spec §2).
    mode: text('mode', { enum: ['live', 'test'] }).notNull(),
    name: text('name').notNull(),
    website: text('website').notNull(),
    brandAliases: text('brand_aliases').array().notNull(),
    categories: text('categories').array().notNull(),
    country: text('country'),
    language: text('language'),
    brandInfoSummary: text('brand_info_summary'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('brands_account_mode_idx').on(t.accountId, t.mode, t.id)],
);

export const brandFacts = pgTable('brand_facts', {
  brandId: uuid('brand_id')
    .primaryKey()
    .references(() => brands.id, { onDelete: 'cascade' }),
  description: text('description'),
  tagline: text('tagline'),
  missionStatement: text('mission_statement'),
  valueProposition: text('value_proposition'),
  industry: text('industry'),
  companySize: text('company_size'),
  foundedYear: integer('founded_year'),
  headquarters: text('headquarters'),
  keyFacts: jsonb('key_facts').$type<string[]>().notNull(),
  keyPeople: jsonb('key_people').$type<KeyPerson[]>().notNull(),
  products: jsonb('products').$type<NamedEntry[]>().notNull(),
  services: jsonb('services').$type<NamedEntry[]>().notNull(),
  competitors: jsonb('competitors').$type<CompetitorEntry[]>().notNull(),
  researchStatus: text('research_status', { enum: ['complete', 'partial', 'not_found'] }),
  updatedAt: at('updated_at').notNull(),
});

/** Alias suggestions the user dismissed; open suggestions are computed from results. */
export const aliasDismissals = pgTable(
  'alias_dismissals',
  {
    brandId: uuid('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    businessName: text('business_name').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.brandId, t.businessName] })],
);
