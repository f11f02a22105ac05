-- Each referral received is checked against its sender's referrals about the same child in the last
-- ten minutes (src/front-door/intake.ts). Without this index the check read every referral the sender
-- had ever sent, so a system that sends many (a police force's, a school trust's) slowed with each one.

CREATE INDEX referral_client_received ON referral (client_id, received_at);
