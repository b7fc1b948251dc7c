CREATE TABLE `artifacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`url` text,
	`file_path` text,
	`mime_type` text,
	`size_bytes` integer,
	`kit_manifest_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `prototype_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`kit_manifest_id`) REFERENCES `kit_manifests`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "artifacts_kind" CHECK("artifacts"."kind" in ('link', 'image', 'pdf', 'kit')),
	CONSTRAINT "artifacts_shape" CHECK(("artifacts"."kind" = 'link' and ("artifacts"."url" like 'http://%' or "artifacts"."url" like 'https://%'))
        or ("artifacts"."kind" in ('image', 'pdf') and "artifacts"."file_path" is not null and "artifacts"."mime_type" is not null and "artifacts"."size_bytes" > 0)
        or ("artifacts"."kind" = 'kit' and "artifacts"."kit_manifest_id" is not null))
);
--> statement-breakpoint
CREATE INDEX `artifacts_version` ON `artifacts` (`version_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`actor_user_id` integer,
	`actor_label` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text,
	`entity_id` text,
	`detail` text,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity` ON `audit_log` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE TABLE `board_cards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`intervention_id` integer NOT NULL,
	`observation_id` integer,
	`response_id` integer,
	`cluster_id` integer,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`intervention_id`) REFERENCES `interventions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`observation_id`) REFERENCES `observations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cluster_id`) REFERENCES `clusters`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "board_cards_one_source" CHECK(("board_cards"."observation_id" is null) <> ("board_cards"."response_id" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `board_cards_observation_id_unique` ON `board_cards` (`observation_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `board_cards_response_id_unique` ON `board_cards` (`response_id`);--> statement-breakpoint
CREATE INDEX `board_cards_cluster` ON `board_cards` (`cluster_id`);--> statement-breakpoint
CREATE INDEX `board_cards_intervention` ON `board_cards` (`intervention_id`);--> statement-breakpoint
CREATE TABLE `board_moves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`intervention_id` integer NOT NULL,
	`card_id` integer NOT NULL,
	`from_cluster_id` integer,
	`to_cluster_id` integer,
	`moved_by` integer,
	`moved_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`undone_at` text,
	FOREIGN KEY (`intervention_id`) REFERENCES `interventions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`card_id`) REFERENCES `board_cards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`moved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `board_moves_intervention` ON `board_moves` (`intervention_id`,`id`);--> statement-breakpoint
CREATE TABLE `channel_metrics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`metric` text NOT NULL,
	`channel` text NOT NULL,
	`month` text NOT NULL,
	`value` integer NOT NULL,
	CONSTRAINT "channel_metrics_metric" CHECK("channel_metrics"."metric" in ('virtual_applications', 'virtual_pensions', 'virtual_keys', 'whatsapp_interactions', 'phone_calls')),
	CONSTRAINT "channel_metrics_channel" CHECK("channel_metrics"."channel" in ('web', 'whatsapp', 'phone', 'in_person', 'other')),
	CONSTRAINT "channel_metrics_month" CHECK("channel_metrics"."month" glob '[12][0-9][0-9][0-9]-[01][0-9]' and substr("channel_metrics"."month", 6, 2) between '01' and '12'),
	CONSTRAINT "channel_metrics_value" CHECK("channel_metrics"."value" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channel_metrics_metric_month` ON `channel_metrics` (`metric`,`month`);--> statement-breakpoint
CREATE TABLE `clusters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`intervention_id` integer NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`insight_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`intervention_id`) REFERENCES `interventions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`insight_id`) REFERENCES `insights`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `clusters_intervention` ON `clusters` (`intervention_id`);--> statement-breakpoint
CREATE TABLE `consent_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`consent_text_id` integer NOT NULL,
	`method` text NOT NULL,
	`given_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`device_id` integer,
	`witness_user_id` integer,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`consent_text_id`) REFERENCES `consent_texts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`device_id`) REFERENCES `tablet_devices`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`witness_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "consent_records_method" CHECK("consent_records"."method" in ('tap', 'oral')),
	CONSTRAINT "consent_records_oral_witness" CHECK("consent_records"."method" <> 'oral' or "consent_records"."witness_user_id" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consent_records_participant_id_unique` ON `consent_records` (`participant_id`);--> statement-breakpoint
CREATE TABLE `consent_texts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "consent_texts_body" CHECK(length(trim("consent_texts"."body")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consent_texts_version_unique` ON `consent_texts` (`version`);--> statement-breakpoint
CREATE TABLE `decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`intervention_id` integer NOT NULL,
	`decision` text NOT NULL,
	`reason` text NOT NULL,
	`decided_by` integer,
	`decided_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`intervention_id`) REFERENCES `interventions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "decisions_decision" CHECK("decisions"."decision" in ('scale', 'iterate', 'discard')),
	CONSTRAINT "decisions_reason" CHECK(length(trim("decisions"."reason")) > 0)
);
--> statement-breakpoint
CREATE INDEX `decisions_intervention` ON `decisions` (`intervention_id`,`decided_at`);--> statement-breakpoint
CREATE TABLE `insight_versions` (
	`insight_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	PRIMARY KEY(`insight_id`, `version_id`),
	FOREIGN KEY (`insight_id`) REFERENCES `insights`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `prototype_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `insights` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`intervention_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`severity` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`intervention_id`) REFERENCES `interventions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "insights_title" CHECK(length(trim("insights"."title")) > 0),
	CONSTRAINT "insights_severity" CHECK("insights"."severity" in ('critical', 'high', 'medium', 'low')),
	CONSTRAINT "insights_status" CHECK("insights"."status" in ('open', 'addressed', 'discarded'))
);
--> statement-breakpoint
CREATE INDEX `insights_intervention` ON `insights` (`intervention_id`);--> statement-breakpoint
CREATE TABLE `instrument_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`instrument_id` integer NOT NULL,
	`number` integer NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`instrument_id`) REFERENCES `instruments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "instrument_versions_number_positive" CHECK("instrument_versions"."number" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `instrument_versions_number` ON `instrument_versions` (`instrument_id`,`number`);--> statement-breakpoint
CREATE TABLE `instruments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "instruments_name" CHECK(length(trim("instruments"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE `intervention_channels` (
	`intervention_id` integer NOT NULL,
	`channel` text NOT NULL,
	PRIMARY KEY(`intervention_id`, `channel`),
	FOREIGN KEY (`intervention_id`) REFERENCES `interventions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "intervention_channels_channel" CHECK("intervention_channels"."channel" in ('web', 'whatsapp', 'phone', 'in_person', 'other'))
);
--> statement-breakpoint
CREATE INDEX `intervention_channels_channel` ON `intervention_channels` (`channel`);--> statement-breakpoint
CREATE TABLE `interventions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`service` text NOT NULL,
	`problem` text DEFAULT '' NOT NULL,
	`hypothesis` text DEFAULT '' NOT NULL,
	`target_population` text DEFAULT '' NOT NULL,
	`success_metric` text DEFAULT '' NOT NULL,
	`stage` text DEFAULT 'discover' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`owner_id` integer,
	`start_date` text,
	`end_date` text,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "interventions_code" CHECK("interventions"."code" glob 'INT-[0-9][0-9][0-9]*'),
	CONSTRAINT "interventions_title" CHECK(length(trim("interventions"."title")) > 0),
	CONSTRAINT "interventions_stage" CHECK("interventions"."stage" in ('discover', 'define', 'ideate', 'prototype', 'validate', 'implement', 'closed')),
	CONSTRAINT "interventions_status" CHECK("interventions"."status" in ('active', 'archived')),
	CONSTRAINT "interventions_dates" CHECK("interventions"."end_date" is null or "interventions"."start_date" is null or "interventions"."end_date" >= "interventions"."start_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interventions_code_unique` ON `interventions` (`code`);--> statement-breakpoint
CREATE INDEX `interventions_stage` ON `interventions` (`stage`);--> statement-breakpoint
CREATE TABLE `kit_manifests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`path` text NOT NULL,
	`slug` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`channel` text NOT NULL,
	`manifest` text NOT NULL,
	`imported_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "kit_manifests_channel" CHECK("kit_manifests"."channel" in ('web', 'whatsapp', 'phone', 'in_person', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kit_manifests_path_unique` ON `kit_manifests` (`path`);--> statement-breakpoint
CREATE UNIQUE INDEX `kit_manifests_slug_version` ON `kit_manifests` (`slug`,`version`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`ip_address` text NOT NULL,
	`succeeded` integer NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_email_at` ON `login_attempts` (`email`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempts_ip_at` ON `login_attempts` (`ip_address`,`at`);--> statement-breakpoint
CREATE TABLE `login_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	`last_seen_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`ip_address` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `login_sessions_user` ON `login_sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `observation_tags` (
	`observation_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`observation_id`, `tag`),
	FOREIGN KEY (`observation_id`) REFERENCES `observations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "observation_tags_tag" CHECK("observation_tags"."tag" in ('pain', 'quote', 'idea', 'positive'))
);
--> statement-breakpoint
CREATE TABLE `observations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`participant_id` integer,
	`version_id` integer,
	`task_question_id` integer,
	`text` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`version_id`) REFERENCES `prototype_versions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`task_question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "observations_text" CHECK(length(trim("observations"."text")) > 0)
);
--> statement-breakpoint
CREATE INDEX `observations_session` ON `observations` (`session_id`);--> statement-breakpoint
CREATE TABLE `participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`session_id` integer NOT NULL,
	`age_band` text,
	`region` text,
	`digital_skill` text,
	`preferred_channel` text,
	`dni_hmac` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`turn_ended_at` text,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "participants_code" CHECK("participants"."code" glob 'P-[0-9][0-9][0-9][0-9]*'),
	CONSTRAINT "participants_age_band" CHECK("participants"."age_band" is null or "participants"."age_band" in ('18-29', '30-44', '45-59', '60-69', '70+')),
	CONSTRAINT "participants_digital_skill" CHECK("participants"."digital_skill" is null or "participants"."digital_skill" in ('low', 'medium', 'high')),
	CONSTRAINT "participants_channel" CHECK("participants"."preferred_channel" is null or "participants"."preferred_channel" in ('web', 'whatsapp', 'phone', 'in_person', 'other')),
	CONSTRAINT "participants_dni_hmac" CHECK("participants"."dni_hmac" is null or length("participants"."dni_hmac") = 64)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_code_unique` ON `participants` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `participants_dni_hmac_unique` ON `participants` (`dni_hmac`);--> statement-breakpoint
CREATE INDEX `participants_session` ON `participants` (`session_id`);--> statement-breakpoint
CREATE TABLE `prototype_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`prototype_id` integer NOT NULL,
	`number` integer NOT NULL,
	`changelog` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`prototype_id`) REFERENCES `prototypes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "prototype_versions_number_positive" CHECK("prototype_versions"."number" >= 1),
	CONSTRAINT "prototype_versions_status" CHECK("prototype_versions"."status" in ('draft', 'testing', 'validated', 'discarded', 'implemented'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prototype_versions_number` ON `prototype_versions` (`prototype_id`,`number`);--> statement-breakpoint
CREATE TABLE `prototypes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`intervention_id` integer NOT NULL,
	`name` text NOT NULL,
	`channel` text NOT NULL,
	`fidelity` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`library_slug` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`intervention_id`) REFERENCES `interventions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "prototypes_name" CHECK(length(trim("prototypes"."name")) > 0),
	CONSTRAINT "prototypes_channel" CHECK("prototypes"."channel" in ('web', 'whatsapp', 'phone', 'in_person', 'other')),
	CONSTRAINT "prototypes_fidelity" CHECK("prototypes"."fidelity" in ('paper', 'clickable', 'pilot'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prototypes_library_slug_unique` ON `prototypes` (`library_slug`);--> statement-breakpoint
CREATE INDEX `prototypes_intervention` ON `prototypes` (`intervention_id`);--> statement-breakpoint
CREATE TABLE `questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`instrument_version_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`task_question_id` integer,
	`config` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`instrument_version_id`) REFERENCES `instrument_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`task_question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "questions_kind" CHECK("questions"."kind" in ('task', 'seq', 'sus', 'csat', 'nps', 'umux_lite', 'single_choice', 'multiple_choice', 'ranking', 'card_sort', 'idea_vote', 'open_comment', 'profile_age_band', 'profile_digital_skill', 'profile_channel', 'profile_region')),
	CONSTRAINT "questions_text" CHECK(length(trim("questions"."text")) > 0),
	CONSTRAINT "questions_sus_item" CHECK("questions"."kind" <> 'sus' or (json_extract("questions"."config", '$.item') between 1 and 10
        and json_extract("questions"."config", '$.wording') in ('standard', 'positive')))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questions_position` ON `questions` (`instrument_version_id`,`position`);--> statement-breakpoint
CREATE TABLE `responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` text NOT NULL,
	`session_id` integer NOT NULL,
	`participant_id` integer,
	`version_id` integer,
	`question_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value_number` real,
	`value_text` text,
	`value_json` text,
	`duration_ms` integer,
	`answered_by` text NOT NULL,
	`device_id` integer,
	`answered_at` text NOT NULL,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`version_id`) REFERENCES `prototype_versions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`device_id`) REFERENCES `tablet_devices`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "responses_kind" CHECK("responses"."kind" in ('task', 'seq', 'sus', 'csat', 'nps', 'umux_lite', 'single_choice', 'multiple_choice', 'ranking', 'card_sort', 'idea_vote', 'open_comment', 'profile_age_band', 'profile_digital_skill', 'profile_channel', 'profile_region', 'task_outcome')),
	CONSTRAINT "responses_answered_by" CHECK("responses"."answered_by" in ('self', 'facilitator', 'companion', 'whatsapp', 'phone', 'web')),
	CONSTRAINT "responses_has_value" CHECK("responses"."value_number" is not null or "responses"."value_text" is not null or "responses"."value_json" is not null),
	CONSTRAINT "responses_client_id" CHECK(length("responses"."client_id") between 8 and 64),
	CONSTRAINT "responses_duration" CHECK("responses"."duration_ms" is null or "responses"."duration_ms" >= 0),
	CONSTRAINT "responses_scale_ranges" CHECK(case "responses"."kind"
        when 'sus' then "responses"."value_number" between 1 and 5
        when 'seq' then "responses"."value_number" between 1 and 7
        when 'csat' then "responses"."value_number" between 1 and 5
        when 'nps' then "responses"."value_number" between 0 and 10
        when 'umux_lite' then "responses"."value_number" between 1 and 7
        when 'task_outcome' then "responses"."value_text" in ('completed', 'completed_with_help', 'not_completed')
        else 1 end)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_client_id_unique` ON `responses` (`client_id`);--> statement-breakpoint
CREATE INDEX `responses_version_kind_value` ON `responses` (`version_id`,`kind`,`value_number`);--> statement-breakpoint
CREATE INDEX `responses_session` ON `responses` (`session_id`);--> statement-breakpoint
CREATE INDEX `responses_participant` ON `responses` (`participant_id`);--> statement-breakpoint
CREATE INDEX `responses_question` ON `responses` (`question_id`);--> statement-breakpoint
CREATE TABLE `session_facilitators` (
	`session_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`session_id`, `user_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `session_versions` (
	`session_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	PRIMARY KEY(`session_id`, `version_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `prototype_versions`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `session_versions_version` ON `session_versions` (`version_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`intervention_id` integer NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`date` text NOT NULL,
	`place` text NOT NULL,
	`region` text NOT NULL,
	`instrument_version_id` integer,
	`consent_text_id` integer,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`started_at` text,
	`closed_at` text,
	FOREIGN KEY (`intervention_id`) REFERENCES `interventions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`instrument_version_id`) REFERENCES `instrument_versions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`consent_text_id`) REFERENCES `consent_texts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "sessions_kind" CHECK("sessions"."kind" in ('cocreation_workshop', 'usability_test', 'interview')),
	CONSTRAINT "sessions_status" CHECK("sessions"."status" in ('planned', 'running', 'closed')),
	CONSTRAINT "sessions_date" CHECK("sessions"."date" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "sessions_title" CHECK(length(trim("sessions"."title")) > 0)
);
--> statement-breakpoint
CREATE INDEX `sessions_intervention` ON `sessions` (`intervention_id`);--> statement-breakpoint
CREATE INDEX `sessions_date` ON `sessions` (`date`);--> statement-breakpoint
CREATE TABLE `stage_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`intervention_id` integer NOT NULL,
	`from_stage` text,
	`to_stage` text NOT NULL,
	`changed_by` integer,
	`changed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`intervention_id`) REFERENCES `interventions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "stage_changes_from" CHECK("stage_changes"."from_stage" is null or "stage_changes"."from_stage" in ('discover', 'define', 'ideate', 'prototype', 'validate', 'implement', 'closed')),
	CONSTRAINT "stage_changes_to" CHECK("stage_changes"."to_stage" in ('discover', 'define', 'ideate', 'prototype', 'validate', 'implement', 'closed')),
	CONSTRAINT "stage_changes_differ" CHECK("stage_changes"."from_stage" is null or "stage_changes"."from_stage" <> "stage_changes"."to_stage")
);
--> statement-breakpoint
CREATE INDEX `stage_changes_intervention` ON `stage_changes` (`intervention_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `tablet_devices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`pairing_code` text NOT NULL,
	`pairing_expires_at` text NOT NULL,
	`token_hash` text,
	`paired_at` text,
	`revoked_at` text,
	`pin_failures` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tablet_devices_token_hash_unique` ON `tablet_devices` (`token_hash`);--> statement-breakpoint
CREATE INDEX `tablet_devices_code` ON `tablet_devices` (`pairing_code`);--> statement-breakpoint
CREATE INDEX `tablet_devices_session` ON `tablet_devices` (`session_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "users_role" CHECK("users"."role" in ('admin', 'facilitator', 'manager')),
	CONSTRAINT "users_email_lowercase" CHECK("users"."email" = lower("users"."email") and "users"."email" like '%_@_%'),
	CONSTRAINT "users_name" CHECK(length(trim("users"."name")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `version_addressed_insights` (
	`version_id` integer NOT NULL,
	`insight_id` integer NOT NULL,
	PRIMARY KEY(`version_id`, `insight_id`),
	FOREIGN KEY (`version_id`) REFERENCES `prototype_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`insight_id`) REFERENCES `insights`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `version_addressed_insights_insight` ON `version_addressed_insights` (`insight_id`);