-- Issue 20, point 6: loss reasons renamed and deactivated per tenant. A reason is never deleted: deactivated, no deal
-- can be lost with it, and the deals lost with it keep it and its label.
alter table loss_reason add column active     boolean     not null default true;
alter table loss_reason add column updated_at timestamptz;
