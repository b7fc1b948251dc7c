ALTER TABLE `participants` ADD `assigned_version_id` integer REFERENCES prototype_versions(id);--> statement-breakpoint
ALTER TABLE `tablet_devices` ADD `pin_hash` text;--> statement-breakpoint
ALTER TABLE `tablet_devices` ADD `language` text DEFAULT 'es-PE' NOT NULL;