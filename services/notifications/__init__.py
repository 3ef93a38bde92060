"""Notifications: turns the other services' events into messages for people
(in-app inbox, email, webhooks), with preferences, digests and reminders."""
