-- Issue 20, point 6: a subscription without a language of its own reads the tenant's (lead-service's settings, kept
-- in tenant_calendar from the roster topic). Existing subscriptions keep the language they were given.
alter table subscription alter column language drop not null;
