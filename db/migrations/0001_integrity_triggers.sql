-- Rules the schema builder cannot express: the audit log is append-only, and what citizens
-- answered (prototype versions, their artifacts, instrument questions) is frozen once answered.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `prototype_versions_frozen` BEFORE UPDATE OF `prototype_id`, `number`, `changelog` ON `prototype_versions`
WHEN EXISTS (SELECT 1 FROM `responses` WHERE `version_id` = OLD.`id`)
BEGIN SELECT RAISE(ABORT, 'prototype version is frozen: responses reference it'); END;
--> statement-breakpoint
CREATE TRIGGER `artifacts_frozen_insert` BEFORE INSERT ON `artifacts`
WHEN EXISTS (SELECT 1 FROM `responses` WHERE `version_id` = NEW.`version_id`)
BEGIN SELECT RAISE(ABORT, 'prototype version is frozen: responses reference it'); END;
--> statement-breakpoint
CREATE TRIGGER `artifacts_frozen_delete` BEFORE DELETE ON `artifacts`
WHEN EXISTS (SELECT 1 FROM `responses` WHERE `version_id` = OLD.`version_id`)
BEGIN SELECT RAISE(ABORT, 'prototype version is frozen: responses reference it'); END;
--> statement-breakpoint
CREATE TRIGGER `questions_frozen_update` BEFORE UPDATE ON `questions`
WHEN EXISTS (SELECT 1 FROM `responses` r JOIN `questions` q ON q.`id` = r.`question_id`
             WHERE q.`instrument_version_id` = OLD.`instrument_version_id`)
BEGIN SELECT RAISE(ABORT, 'instrument version is frozen: responses reference it'); END;
--> statement-breakpoint
CREATE TRIGGER `questions_frozen_insert` BEFORE INSERT ON `questions`
WHEN EXISTS (SELECT 1 FROM `responses` r JOIN `questions` q ON q.`id` = r.`question_id`
             WHERE q.`instrument_version_id` = NEW.`instrument_version_id`)
BEGIN SELECT RAISE(ABORT, 'instrument version is frozen: responses reference it'); END;
--> statement-breakpoint
CREATE TRIGGER `questions_frozen_delete` BEFORE DELETE ON `questions`
WHEN EXISTS (SELECT 1 FROM `responses` r JOIN `questions` q ON q.`id` = r.`question_id`
             WHERE q.`instrument_version_id` = OLD.`instrument_version_id`)
BEGIN SELECT RAISE(ABORT, 'instrument version is frozen: responses reference it'); END;
