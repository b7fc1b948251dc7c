ALTER TABLE `participants` ADD `client_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `participants_client_key_unique` ON `participants` (`client_key`);--> statement-breakpoint
ALTER TABLE `tablet_devices` ADD `pending_answers` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tablet_devices` ADD `conflicts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tablet_devices` ADD `last_seen_at` text;