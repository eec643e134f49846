-- The service directory, aligned with Open Referral HSDS 3.1: table and column names follow the standard so
-- that import and export are a mapping, not a translation. Columns that are ours (not HSDS) are marked.

create table organization (
  id uuid primary key,
  name text not null,
  alternate_name text,
  description text not null default '',
  email text,
  website text,
  legal_status text,
  year_incorporated integer,
  uri text,
  parent_organization_id uuid references organization (id),
  -- ours: sample records are shown as such on public pages
  is_sample boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table service (
  id uuid primary key,
  organization_id uuid not null references organization (id),
  name text not null,
  alternate_name text,
  description text not null default '',
  url text,
  email text,
  status text not null default 'active' check (status in ('active', 'inactive', 'defunct', 'temporarily closed')),
  interpretation_services text,
  application_process text,
  fees_description text,
  wait_time text,
  accreditations text,
  eligibility_description text,
  minimum_age integer check (minimum_age is null or minimum_age between 0 and 150),
  maximum_age integer check (maximum_age is null or maximum_age between 0 and 150),
  alert text,
  assured_date date,
  assurer_email text,
  -- ours: who verified it (a steward account; null for imported assurances)
  assured_by_user_id uuid references app_user (id) on delete set null,
  is_sample boolean not null default false,
  -- ours: optimistic concurrency, bumped on every change
  version integer not null default 1,
  created_at timestamptz not null default now(),
  last_modified timestamptz not null default now(),
  constraint service_age_range check (minimum_age is null or maximum_age is null or minimum_age <= maximum_age)
);
create index service_organization_idx on service (organization_id);

create table location (
  id uuid primary key,
  location_type text not null check (location_type in ('physical', 'postal', 'virtual')),
  url text,
  organization_id uuid references organization (id),
  name text,
  alternate_name text,
  description text,
  transportation text,
  latitude double precision,
  longitude double precision,
  external_identifier text,
  external_identifier_type text
);

create table address (
  id uuid primary key,
  location_id uuid not null references location (id) on delete cascade,
  attention text,
  address_1 text not null,
  address_2 text,
  city text not null,
  region text,
  state_province text not null,
  postal_code text not null,
  country text not null check (country ~ '^[A-Z]{2}$'),
  address_type text not null check (address_type in ('physical', 'postal', 'virtual'))
);

create table service_at_location (
  id uuid primary key,
  service_id uuid not null references service (id) on delete cascade,
  location_id uuid not null references location (id),
  description text
);
create index service_at_location_service_idx on service_at_location (service_id);

-- Coverage. HSDS's service_area, plus the machine-readable area (ours): the whole country, a police unit
-- (= RIEC region), a safety region or a municipality. `uri` is exported as urn:samen:area:<type>:<code>.
create table service_area (
  id uuid primary key,
  service_id uuid not null references service (id) on delete cascade,
  name text,
  description text,
  extent text,
  extent_type text,
  uri text,
  area_type text not null check (area_type in ('country', 'police_unit', 'safety_region', 'municipality')),
  area_code text not null
);
create index service_area_service_idx on service_area (service_id);
create index service_area_area_idx on service_area (area_type, area_code);

create table contact (
  id uuid primary key,
  organization_id uuid references organization (id) on delete cascade,
  service_id uuid references service (id) on delete cascade,
  name text,
  title text,
  department text,
  email text
);

-- Phone numbers. `channel` (ours) tells voice, SMS and WhatsApp apart; it is exported as an attribute.
create table phone (
  id uuid primary key,
  organization_id uuid references organization (id) on delete cascade,
  service_id uuid references service (id) on delete cascade,
  location_id uuid references location (id) on delete cascade,
  contact_id uuid references contact (id) on delete cascade,
  number text not null,
  extension text,
  type text,
  channel text not null default 'voice' check (channel in ('voice', 'sms', 'whatsapp')),
  description text
);
create index phone_service_idx on phone (service_id);

-- Web addresses. `channel` (ours): website, chat or web form; exported as an attribute.
create table url (
  id uuid primary key,
  organization_id uuid references organization (id) on delete cascade,
  service_id uuid references service (id) on delete cascade,
  label text,
  url text not null,
  channel text not null default 'website' check (channel in ('website', 'chat', 'web_form'))
);
create index url_service_idx on url (service_id);

create table schedule (
  id uuid primary key,
  service_id uuid references service (id) on delete cascade,
  location_id uuid references location (id) on delete cascade,
  service_at_location_id uuid references service_at_location (id) on delete cascade,
  valid_from date,
  valid_to date,
  dtstart date,
  timezone text,
  until date,
  count integer,
  wkst text,
  freq text check (freq is null or freq in ('WEEKLY', 'MONTHLY')),
  interval integer,
  byday text,
  byweekno text,
  bymonthday text,
  byyearday text,
  description text,
  opens_at text check (opens_at is null or opens_at ~ '^[0-2][0-9]:[0-5][0-9]$'),
  closes_at text check (closes_at is null or closes_at ~ '^[0-2][0-9]:[0-5][0-9]$'),
  schedule_link text,
  attending_type text,
  notes text
);
create index schedule_service_idx on schedule (service_id);

create table language (
  id uuid primary key,
  service_id uuid references service (id) on delete cascade,
  location_id uuid references location (id) on delete cascade,
  phone_id uuid references phone (id) on delete cascade,
  name text,
  code text,
  note text
);
create index language_service_idx on language (service_id);

create table unit (
  id uuid primary key,
  name text not null,
  scheme text,
  identifier text,
  uri text
);

create table service_capacity (
  id uuid primary key,
  service_id uuid not null references service (id) on delete cascade,
  unit_id uuid not null references unit (id),
  available integer not null check (available >= 0),
  maximum integer check (maximum is null or maximum >= 0),
  description text,
  updated timestamptz not null default now()
);
create index service_capacity_service_idx on service_capacity (service_id);

create table taxonomy (
  id uuid primary key,
  name text not null,
  description text not null default '',
  uri text,
  version text,
  -- ours: the short code used in URLs, rules and the API (e.g. exploitation_form)
  code text not null unique
);

create table taxonomy_term (
  id uuid primary key,
  code text not null,
  name text not null,
  -- ours: the English label (name is Dutch, the platform's first language)
  name_en text not null,
  description text not null default '',
  parent_id uuid references taxonomy_term (id),
  taxonomy text,
  taxonomy_id uuid not null references taxonomy (id),
  language text,
  term_uri text,
  unique (taxonomy_id, code)
);

-- Links a taxonomy term to any directory record (HSDS's attribute); for services this is how form, need,
-- audience, desk type and scope are recorded.
create table attribute (
  id uuid primary key,
  link_id uuid not null,
  link_type text,
  link_entity text not null,
  taxonomy_term_id uuid not null references taxonomy_term (id),
  value text,
  label text
);
create index attribute_link_idx on attribute (link_entity, link_id);
create index attribute_term_idx on attribute (taxonomy_term_id);

-- The change history (HSDS's metadata table): one row per changed field. updated_by is the account's id.
create table metadata (
  id uuid primary key,
  resource_id uuid not null,
  resource_type text not null,
  last_action_date timestamptz not null default now(),
  last_action_type text not null,
  field_name text not null,
  previous_value text not null default '',
  replacement_value text not null default '',
  updated_by text not null
);
create index metadata_resource_idx on metadata (resource_id, last_action_date);
