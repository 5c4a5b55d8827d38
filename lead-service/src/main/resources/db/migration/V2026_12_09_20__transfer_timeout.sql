-- A card transfer whose deal part never arrives times out (TIMED_OUT, with the reason) and can be retried by the head
-- of sales: requested_at is when the request to deal-service was last sent (wall-clock time, unlike started_at, the
-- business time a dismissal may carry from the past), attempts how many times it was sent.
alter table card_transfer add column requested_at  timestamptz;
alter table card_transfer add column attempts      int not null default 1;
alter table card_transfer add column timed_out_at  timestamptz;
alter table card_transfer add column status_reason text;
-- transfers started before this column: their request was sent when they started
update card_transfer set requested_at = started_at;
alter table card_transfer alter column requested_at set not null;
create index card_transfer_waiting on card_transfer (requested_at) where status = 'IN_PROGRESS';
