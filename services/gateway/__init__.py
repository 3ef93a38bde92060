"""Gateway: the one HTTP door for people — the JSON API (with its OpenAPI
contract), authentication, the audit log and the staff web app."""
