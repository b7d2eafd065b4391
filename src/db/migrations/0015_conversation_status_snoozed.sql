-- Issue 10: a snoozed conversation is `snoozed`, no longer `pending` (message and recipient
-- `pending` mean unsent). Existing snoozed conversations keep their snoozed_until.
UPDATE "conversations" SET "status" = 'snoozed' WHERE "status" = 'pending';
