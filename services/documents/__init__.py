"""Documents: official documents sent and received (Decree 30/2020, edXML statuses)."""
