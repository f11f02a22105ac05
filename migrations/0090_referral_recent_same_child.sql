-- The check of each referral against its sender's referrals about the same child in the last ten
-- minutes (0087, src/front-door/store.ts findRecentSameChild) read through indexes that lead with the
-- sender, so its plan hung on the planner's statistics knowing the sender. For a sender they did not
-- know yet (a new system's first thousands, any sender of a new installation) the planner expected
-- one row and read every recent referral of the sender for each new one: 30-40 ms a referral at a few
-- thousand, most of intake's time. These lead with the child: the check finds the few recent
-- referrals about the child, then keeps the sender's among them.
CREATE INDEX referral_recent_nhs_number ON referral (child_nhs_number, received_at)
  WHERE child_nhs_number IS NOT NULL;
CREATE INDEX referral_recent_birth ON referral (child_date_of_birth, received_at)
  WHERE child_date_of_birth IS NOT NULL;
