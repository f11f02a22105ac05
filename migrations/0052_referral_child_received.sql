-- The re-referral measure (src/intelligence) reads each child's referrals in the order they were
-- received, from 12 months before the period: this gives them in that order without a sort.

CREATE INDEX referral_child_received ON referral (child_id, received_at) WHERE child_id IS NOT NULL;
-- It also serves every lookup of a child's referrals, which the index on child_id alone did.
DROP INDEX referral_child;
