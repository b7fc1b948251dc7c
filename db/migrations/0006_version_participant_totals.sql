CREATE TABLE `version_participant_totals` (
	`version_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`answers` integer NOT NULL,
	`task_attempts` integer NOT NULL,
	`task_successes` integer NOT NULL,
	`sus_items` integer NOT NULL,
	`sus_points` real NOT NULL,
	PRIMARY KEY(`version_id`, `participant_id`)
);
--> statement-breakpoint
-- Kept up to date by these triggers: an answer adds to its person's totals for its version; a deleted
-- answer takes away; a changed one (a new value, or its person deleted: participant_id set to null)
-- takes away the old and adds the new. A SUS item contributes value - 1 when worded positively (or an
-- odd item of the classic wording), else 5 - value, as in DESIGN.md.
CREATE TRIGGER `responses_totals_insert` AFTER INSERT ON `responses` WHEN NEW.`version_id` IS NOT NULL
BEGIN
  INSERT INTO `version_participant_totals` (`version_id`, `participant_id`, `answers`, `task_attempts`, `task_successes`, `sus_items`, `sus_points`)
  VALUES (NEW.`version_id`, coalesce(NEW.`participant_id`, 0), 1, NEW.`kind` = 'task_outcome', NEW.`kind` = 'task_outcome' AND NEW.`value_number` IS 1, NEW.`kind` = 'sus',
    CASE WHEN NEW.`kind` <> 'sus' THEN 0
       WHEN (SELECT json_extract(q.`config`, '$.wording') = 'positive' OR json_extract(q.`config`, '$.item') % 2 = 1 FROM `questions` q WHERE q.`id` = NEW.`question_id`)
       THEN coalesce(NEW.`value_number` - 1, 0) ELSE coalesce(5 - NEW.`value_number`, 0) END)
  ON CONFLICT (`version_id`, `participant_id`) DO UPDATE SET
    `answers` = `answers` + 1,
    `task_attempts` = `task_attempts` + excluded.`task_attempts`,
    `task_successes` = `task_successes` + excluded.`task_successes`,
    `sus_items` = `sus_items` + excluded.`sus_items`,
    `sus_points` = `sus_points` + excluded.`sus_points`;
END;
--> statement-breakpoint
CREATE TRIGGER `responses_totals_delete` AFTER DELETE ON `responses` WHEN OLD.`version_id` IS NOT NULL
BEGIN
  UPDATE `version_participant_totals` SET
    `answers` = `answers` - 1,
    `task_attempts` = `task_attempts` - (OLD.`kind` = 'task_outcome'),
    `task_successes` = `task_successes` - (OLD.`kind` = 'task_outcome' AND OLD.`value_number` IS 1),
    `sus_items` = `sus_items` - (OLD.`kind` = 'sus'),
    `sus_points` = `sus_points` - (CASE WHEN OLD.`kind` <> 'sus' THEN 0
       WHEN (SELECT json_extract(q.`config`, '$.wording') = 'positive' OR json_extract(q.`config`, '$.item') % 2 = 1 FROM `questions` q WHERE q.`id` = OLD.`question_id`)
       THEN coalesce(OLD.`value_number` - 1, 0) ELSE coalesce(5 - OLD.`value_number`, 0) END)
  WHERE `version_id` = OLD.`version_id` AND `participant_id` = coalesce(OLD.`participant_id`, 0);
  DELETE FROM `version_participant_totals`
  WHERE `version_id` = OLD.`version_id` AND `participant_id` = coalesce(OLD.`participant_id`, 0) AND `answers` = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `responses_totals_update_old` AFTER UPDATE OF `version_id`, `participant_id`, `kind`, `question_id`, `value_number` ON `responses` WHEN OLD.`version_id` IS NOT NULL
BEGIN
  UPDATE `version_participant_totals` SET
    `answers` = `answers` - 1,
    `task_attempts` = `task_attempts` - (OLD.`kind` = 'task_outcome'),
    `task_successes` = `task_successes` - (OLD.`kind` = 'task_outcome' AND OLD.`value_number` IS 1),
    `sus_items` = `sus_items` - (OLD.`kind` = 'sus'),
    `sus_points` = `sus_points` - (CASE WHEN OLD.`kind` <> 'sus' THEN 0
       WHEN (SELECT json_extract(q.`config`, '$.wording') = 'positive' OR json_extract(q.`config`, '$.item') % 2 = 1 FROM `questions` q WHERE q.`id` = OLD.`question_id`)
       THEN coalesce(OLD.`value_number` - 1, 0) ELSE coalesce(5 - OLD.`value_number`, 0) END)
  WHERE `version_id` = OLD.`version_id` AND `participant_id` = coalesce(OLD.`participant_id`, 0);
  DELETE FROM `version_participant_totals`
  WHERE `version_id` = OLD.`version_id` AND `participant_id` = coalesce(OLD.`participant_id`, 0) AND `answers` = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `responses_totals_update_new` AFTER UPDATE OF `version_id`, `participant_id`, `kind`, `question_id`, `value_number` ON `responses` WHEN NEW.`version_id` IS NOT NULL
BEGIN
  INSERT INTO `version_participant_totals` (`version_id`, `participant_id`, `answers`, `task_attempts`, `task_successes`, `sus_items`, `sus_points`)
  VALUES (NEW.`version_id`, coalesce(NEW.`participant_id`, 0), 1, NEW.`kind` = 'task_outcome', NEW.`kind` = 'task_outcome' AND NEW.`value_number` IS 1, NEW.`kind` = 'sus',
    CASE WHEN NEW.`kind` <> 'sus' THEN 0
       WHEN (SELECT json_extract(q.`config`, '$.wording') = 'positive' OR json_extract(q.`config`, '$.item') % 2 = 1 FROM `questions` q WHERE q.`id` = NEW.`question_id`)
       THEN coalesce(NEW.`value_number` - 1, 0) ELSE coalesce(5 - NEW.`value_number`, 0) END)
  ON CONFLICT (`version_id`, `participant_id`) DO UPDATE SET
    `answers` = `answers` + 1,
    `task_attempts` = `task_attempts` + excluded.`task_attempts`,
    `task_successes` = `task_successes` + excluded.`task_successes`,
    `sus_items` = `sus_items` + excluded.`sus_items`,
    `sus_points` = `sus_points` + excluded.`sus_points`;
END;
--> statement-breakpoint
-- The answers already stored.
INSERT INTO `version_participant_totals` (`version_id`, `participant_id`, `answers`, `task_attempts`, `task_successes`, `sus_items`, `sus_points`)
SELECT r.`version_id`, coalesce(r.`participant_id`, 0), count(*), sum(r.`kind` = 'task_outcome'), sum(r.`kind` = 'task_outcome' AND r.`value_number` IS 1), sum(r.`kind` = 'sus'),
  total(CASE WHEN r.`kind` <> 'sus' THEN 0
       WHEN (SELECT json_extract(q.`config`, '$.wording') = 'positive' OR json_extract(q.`config`, '$.item') % 2 = 1 FROM `questions` q WHERE q.`id` = r.`question_id`)
       THEN coalesce(r.`value_number` - 1, 0) ELSE coalesce(5 - r.`value_number`, 0) END)
FROM `responses` r WHERE r.`version_id` IS NOT NULL
GROUP BY r.`version_id`, coalesce(r.`participant_id`, 0);
