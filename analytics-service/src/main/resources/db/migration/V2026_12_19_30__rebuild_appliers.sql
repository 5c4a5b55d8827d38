-- How many appliers a rebuild runs side by side, each on its own share of the partitions (salespulse.rebuild.appliers);
-- null for the rebuilds before there was a choice (one). positions now holds, per partition, the offset up to which
-- the records are applied to the new generation.
alter table read_model_rebuild add column appliers int check (appliers > 0);
