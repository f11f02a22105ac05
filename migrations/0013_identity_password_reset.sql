-- After an administrator resets a password, the person signs in with the temporary password they
-- were given and must choose their own before anything else (src/identity/routes/sign-in.ts).
ALTER TABLE app_user ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
