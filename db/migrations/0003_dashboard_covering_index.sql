DROP INDEX `responses_version_kind_value`;--> statement-breakpoint
CREATE INDEX `responses_version_kind_person` ON `responses` (`version_id`,`kind`,`participant_id`,`question_id`,`value_number`);