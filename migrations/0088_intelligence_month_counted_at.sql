-- When a month was counted, to the moment (src/intelligence/monthly-store.ts). A month whose running
-- clocks ran out since it was counted still holds for the dashboard while its count is under a couple
-- of minutes old, as a changed month does: the job counts it again within the minute. Before, a clock
-- due on the day made the open month count live on every request all that day, and in a large
-- partnership some clock is due every day. Months counted before this have none: they hold as before.
ALTER TABLE intelligence_month ADD COLUMN counted_at timestamptz NULL;
