"""Reporting rules as pure functions: periods (Decree 09), forms and validation,
the submission workflow, completeness, consolidation, reminders and KPIs.
Nothing here touches the broker, the database or S3."""
