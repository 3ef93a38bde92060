"""Shared plumbing for every service: settings, MongoDB, S3, events, errors, text.

Kept deliberately small: anything domain-specific belongs to its service.
"""
