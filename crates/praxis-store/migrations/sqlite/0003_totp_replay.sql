-- The last TOTP time step accepted for each user: a code is accepted once.
ALTER TABLE user_account ADD COLUMN totp_last_step BIGINT;
