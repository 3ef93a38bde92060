"""District e-office: nameko services for document exchange, meetings, reporting and notifications."""
