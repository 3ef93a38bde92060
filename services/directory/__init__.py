"""Directory: organisation units, users and roles. Every other service asks it by RPC."""
