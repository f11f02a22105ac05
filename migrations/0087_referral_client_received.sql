-- Each referral received is checked against its sender's referrals about the same child in the last
-- ten minutes (src/front-door/intake.ts): the same NHS number, or the same name and date of birth.
-- Without these indexes the check read every referral the sender had ever sent, so a system that
-- sends many (a police force's, a school trust's) slowed with each one.

CREATE INDEX referral_client_nhs_number ON referral (client_id, child_nhs_number, received_at);
CREATE INDEX referral_client_birth ON referral (client_id, child_date_of_birth, received_at);
