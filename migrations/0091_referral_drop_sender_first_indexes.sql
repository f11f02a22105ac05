-- contract after 1321979: the release in production never had these indexes (0087 came after it).
-- The check for a sender's recent referral about the same child reads through 0090's indexes, which
-- lead with the child; 0087's, which lead with the sender, are read by nothing and cost every
-- referral's insert two index entries.
DROP INDEX IF EXISTS referral_client_nhs_number;
DROP INDEX IF EXISTS referral_client_birth;
