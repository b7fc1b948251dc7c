DROP INDEX `responses_participant`;--> statement-breakpoint
CREATE INDEX `responses_participant_question` ON `responses` (`participant_id`,`question_id`);